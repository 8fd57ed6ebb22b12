import Foundation
import CotejoModel
import CotejoSpanish
import CotejoIngest

/// User-facing words of the report, in Spanish by default and English with `--lang en`.
struct Words {
    let language: Language
    var ruleNames: [String: (es: String, en: String)] = [:]

    /// A rule's name for readers, its id when it has none.
    func ruleName(_ id: String) -> String {
        guard let name = ruleNames[id] else { return id }
        return self(name.es, name.en)
    }

    func callAsFunction(_ es: String, _ en: String) -> String { language.pick(es, en) }

    func status(_ s: DocumentStatus) -> String {
        switch s { case .ok: self("leído", "read"); case .partial: self("parcial", "partial"); case .failed: self("falló", "failed") }
    }

    func kind(_ k: DocumentKind?) -> String {
        switch k {
        case .plan: self("plan", "plan")
        case .report: self("informe", "report")
        case .policy: self("política", "policy")
        case .other: self("otro", "other")
        case nil: "—"
        }
    }

    func severity(_ s: Severity) -> String {
        switch s { case .error: self("error", "error"); case .warning: self("advertencia", "warning"); case .info: self("nota", "note") }
    }

    /// A severity with its count, in the number that agrees ("1 error", "4 errores").
    func severity(_ s: Severity, count: Int) -> String {
        guard count != 1 else { return severity(s) }
        switch s { case .error: return self("errores", "errors"); case .warning: return self("advertencias", "warnings"); case .info: return self("notas", "notes") }
    }

    /// The name of a finding's value as a reader says it ("programado", "fecha de inicio"); the key
    /// itself, as exported, when there is no name for it yet.
    func valueName(_ key: String) -> String {
        if let names = Self.valueNames[key] { return self(names.0, names.1) }
        // Numbered keys ("year_1", "year_2") are their name and number.
        if let underscore = key.lastIndex(of: "_"), let n = Int(key[key.index(after: underscore)...]),
           let names = Self.valueNames[String(key[..<underscore])] {
            return self(names.0, names.1) + " \(n)"
        }
        return key
    }

    static let valueNames: [String: (String, String)] = [
        "planned": ("programado", "planned"), "executed": ("ejecutado", "executed"),
        "reported_percent": ("porcentaje declarado", "stated percentage"), "computed_percent": ("porcentaje calculado", "computed percentage"),
        "computed_planned": ("programado calculado", "computed planned"), "computed_executed": ("ejecutado calculado", "computed executed"),
        "computed_sum": ("suma calculada", "computed sum"), "total": ("total declarado", "stated total"), "sum": ("suma", "sum"),
        "difference": ("diferencia", "difference"), "parts": ("partes", "parts"), "part": ("parte", "part"), "whole": ("todo", "whole"),
        "from": ("valor inicial", "from"), "to": ("valor final", "to"), "ratio": ("razón", "ratio"),
        "start": ("inicio", "start"), "end": ("fin", "end"), "start_date": ("fecha de inicio", "start date"), "end_date": ("fecha de fin", "end date"),
        "date": ("fecha", "date"), "iso_date": ("fecha (ISO)", "date (ISO)"), "year": ("año", "year"), "years": ("años", "years"),
        "stated_year": ("año declarado", "stated year"), "expected_year": ("año esperado", "expected year"), "period": ("periodo", "period"),
        "periods_per_year": ("periodos por año", "periods per year"), "months": ("meses", "months"),
        "likely_label": ("etiqueta probable", "likely label"), "ocr_lines": ("líneas leídas por OCR", "lines read by OCR"), "ocr_median_confidence": ("confianza mediana del OCR", "median OCR confidence"), "hidden_text": ("texto oculto", "hidden text"), "within_printed_rounding": ("cabe en el redondeo impreso", "within printed rounding"),
        "missing": ("faltantes", "missing"), "missing_count": ("número de faltantes", "missing count"),
        "item": ("ítem", "item"), "label": ("etiqueta", "label"), "page": ("página", "page"), "table": ("tabla", "table"),
        "rows": ("filas", "rows"), "columns": ("columnas", "columns"), "column": ("columna", "column"), "cell": ("celda", "cell"),
        "text": ("texto", "text"), "word_value": ("valor en letras", "value in words"), "digit_value": ("valor en cifras", "value in digits"),
        "stated": ("declarado", "stated"), "expected": ("esperado", "expected"), "threshold": ("umbral", "threshold"),
        "weight": ("ponderación", "weight"), "reading": ("lectura", "reading"), "readings_tried": ("lecturas probadas", "readings tried"),
        "formula": ("fórmula", "formula"), "expected_formula": ("fórmula esperada", "expected formula"),
        "ocr_confidence": ("confianza del OCR", "OCR confidence"), "other_document": ("otro documento", "other document"),
        "images": ("imágenes", "images"), "collected": ("recogidos", "collected"), "in_charge": ("a cargo", "in charge"),
        "not_in_charge": ("no a cargo", "not in charge"), "table_percent": ("porcentaje en la tabla", "percentage in the table"),
        "text_percent": ("porcentaje en el texto", "percentage in the text"),
        "before": ("ítem anterior", "item before"), "after": ("ítem siguiente", "item after"),
        "description": ("descripción", "description"), "citations": ("citas", "citations"),
        "decimals": ("decimales", "decimals"), "digits": ("en cifras", "in digits"), "words": ("en letras", "in words"),
        "empty_columns": ("columnas vacías", "empty columns"), "expected_ordinal": ("número esperado", "expected number"),
        "field": ("campo", "field"), "figures": ("cifras", "figures"), "instrument": ("norma", "instrument"),
        "key": ("clave", "key"), "kind": ("tipo", "kind"), "matches_slip": ("coincide con el error", "matches the slip"),
        "number": ("número", "number"), "order": ("orden", "order"), "ordinal": ("número", "number"),
        "other_stated": ("declarado en el otro documento", "stated in the other document"),
        "proving_rows": ("filas que lo prueban", "rows that prove it"), "repeated_on": ("repetido en", "repeated on"),
        "report_label": ("etiqueta del informe", "report's label"), "report_ordinal": ("número del informe", "report's number"),
        "restates": ("repite", "restates"), "rows_swapped": ("filas intercambiadas", "rows swapped"),
        "typed_value": ("valor escrito sin fórmula", "value typed without a formula"), "group": ("grupo", "group"),
        "aggregate": ("agregación", "aggregate"), "computed": ("calculado", "computed"), "title_label": ("etiqueta del título", "title's label"),
        "neighbour_cell": ("celda vecina", "neighbouring cell"), "neighbour_formula": ("fórmula vecina", "neighbouring formula"),
        "rows_following_pattern": ("filas que siguen el patrón", "rows following the pattern"), "detail_rows": ("filas de detalle", "detail rows"),
    ]

    /// "1 documento", "3 documentos".
    func counted(_ n: Int, _ singular: (String, String), _ plural: (String, String)) -> String {
        "\(n) " + (n == 1 ? self(singular.0, singular.1) : self(plural.0, plural.1))
    }

    /// A number for reading: decimal comma in Spanish, no needless decimals, "—" when unknown.
    func number(_ d: Double?) -> String { formatNumber(d, language: language) }

    /// A percentage with one decimal ("113,0 %"), "—" when unknown.
    func percent(_ d: Double?) -> String {
        guard let d, d.isFinite else { return "—" }
        return SpanishNumber.write(d, decimals: .fixed(1), language: language) + " %"
    }

    /// Where a source stands, in words: "página 4", "hoja Plan, celda B7", "línea 12", an XPath.
    func locator(_ s: Source, format: DocumentFormat?) -> String {
        var parts: [String] = []
        if let sheet = s.sheet, let cell = s.cell { parts.append(self("hoja «\(sheet)», celda \(cell)", "sheet “\(sheet)”, cell \(cell)")) }
        if let xpath = s.xpath { parts.append("XPath \(xpath)") }
        if let page = s.page {
            let names = Readers.pageNames(of: format)
            parts.append(self("\(names.es.0) \(page)", "\(names.en.0) \(page)"))
        }
        if let table = s.table, let row = s.row {
            var t = self("tabla \(table), fila \(row)", "table \(table), row \(row)")
            if let c = s.column { t += self(", celda \(c)", ", cell \(c)") }
            parts.append(t)
        }
        if let p = s.paragraph, s.table == nil { parts.append(self("párrafo \(p)", "paragraph \(p)")) }
        if let line = s.line { parts.append(self("línea \(line)", "line \(line)")) }
        return parts.isEmpty ? self("sin ubicación", "no location") : parts.joined(separator: " · ")
    }
}

/// Escapes text for HTML element content and attribute values. Every text that comes from a
/// document goes through here: documents are untrusted input.
func escapeHTML(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for ch in s {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(ch)
        }
    }
    return out
}

/// A number as readers write it: in Spanish a decimal comma and dots between thousands
/// ("2.165.912.629,05"), in English the reverse; no needless decimals. Numbers of four digits or
/// fewer are not grouped, as Spanish style has it (years stay "2021").
func formatNumber(_ d: Double?, language: Language) -> String {
    guard let d, d.isFinite else { return "—" }
    return SpanishNumber.write(d, decimals: .wholeOr(2), language: language, groupFrom: 5)
}
