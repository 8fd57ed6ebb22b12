import Foundation
import CotejoModel

/// User-facing words of the report, in Spanish by default and English with `--lang en`.
struct Words {
    let language: Language

    func callAsFunction(_ es: String, _ en: String) -> String { language == .en ? en : es }

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

    /// "1 documento", "3 documentos".
    func counted(_ n: Int, _ singular: (String, String), _ plural: (String, String)) -> String {
        "\(n) " + (n == 1 ? self(singular.0, singular.1) : self(plural.0, plural.1))
    }

    /// A number for reading: decimal comma in Spanish, no needless decimals, "—" when unknown.
    func number(_ d: Double?) -> String { formatNumber(d, language: language) }

    /// A percentage with one decimal ("113,0 %"), "—" when unknown.
    func percent(_ d: Double?) -> String {
        guard let d, d.isFinite else { return "—" }
        let s = String(format: "%.1f", d)
        return (language == .es ? s.replacingOccurrences(of: ".", with: ",") : s) + " %"
    }

    /// Where a source stands, in words: "página 4", "hoja Plan, celda B7", "línea 12", an XPath.
    func locator(_ s: Source, format: DocumentFormat?) -> String {
        var parts: [String] = []
        if let sheet = s.sheet, let cell = s.cell { parts.append(self("hoja «\(sheet)», celda \(cell)", "sheet “\(sheet)”, cell \(cell)")) }
        if let xpath = s.xpath { parts.append("XPath \(xpath)") }
        if let page = s.page {
            parts.append(format == .pptx ? self("diapositiva \(page)", "slide \(page)") : self("página \(page)", "page \(page)"))
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
    guard let d else { return "—" }
    guard d.isFinite else { return "—" }
    let integral = d == d.rounded() && abs(d) < 1e15
    let raw = integral ? String(Int(d)) : String(format: "%.2f", d)
    let negative = raw.hasPrefix("-")
    let body = negative ? String(raw.dropFirst()) : raw
    let parts = body.split(separator: ".", maxSplits: 1).map(String.init)
    var whole = parts[0]
    let (group, decimal) = language == .es ? (".", ",") : (",", ".")
    if whole.count > 4 {
        var grouped: [String] = []
        while whole.count > 3 { grouped.insert(String(whole.suffix(3)), at: 0); whole.removeLast(3) }
        grouped.insert(whole, at: 0)
        whole = grouped.joined(separator: group)
    }
    return (negative ? "-" : "") + whole + (parts.count > 1 ? decimal + parts[1] : "")
}
