import Foundation
import CotejoModel
import CotejoStore

/// The HTML report an auditor reads: the corpus at a glance, then each document with its facts,
/// activities, totals, commitments and findings, every finding with the place it stands.
public struct HTMLReport {
    public var language: Language
    public var version: String

    public init(language: Language = .es, version: String) { self.language = language; self.version = version }

    public func render(_ docs: [StoredDocument], runs: [String] = []) -> String {
        let w = Words(language: language)
        var h = """
        <!DOCTYPE html><html lang="\(language.rawValue)"><head><meta charset="utf-8">
        <title>\(w("Cotejo — informe de verificación", "Cotejo — verification report"))</title>
        <style>
        body{font-family:system-ui,Arial,sans-serif;margin:24px;color:#222;max-width:1200px}
        h1{font-size:24px}h2{font-size:20px;border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:36px}
        table{border-collapse:collapse;width:100%;margin:8px 0;font-size:13px}
        th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}th{background:#f0f0f0}
        .error{color:#b00020;font-weight:bold}.warning{color:#a15c00;font-weight:bold}.info{color:#2a5db0}
        .failed{background:#fde8e8}.src{color:#666;font-size:12px}.num{text-align:right}
        </style></head><body>
        <h1>\(w("Cotejo — informe de verificación", "Cotejo — verification report"))</h1>
        <p class="src">cotejo \(escapeHTML(version))</p>
        """
        h += "<h2>\(w("Documentos", "Documents"))</h2><table><tr><th>\(w("Archivo", "File"))</th><th>\(w("Formato", "Format"))</th><th>\(w("Estado", "Status"))</th><th>\(w("Entidad", "Entity"))</th><th>\(w("Año", "Year"))</th><th>\(w("Tipo", "Kind"))</th><th>\(w("Actividades", "Activities"))</th><th>\(w("Hallazgos", "Findings"))</th></tr>"
        for d in docs {
            let counts = Dictionary(grouping: d.findings, by: \.severity).mapValues(\.count)
            let fc = Severity.allCases.reversed().compactMap { s in counts[s].map { "<span class=\"\(s.rawValue)\">\($0) \(s.rawValue)</span>" } }.joined(separator: " ")
            h += "<tr class=\"\(d.status == .failed ? "failed" : "")\"><td><a href=\"#doc\(d.id)\">\(escapeHTML(d.path))</a></td><td>\(d.format?.rawValue ?? "—")</td><td>\(statusLabel(d.status, w))\(d.error.map { ": " + escapeHTML($0) } ?? "")</td><td>\(escapeHTML(d.records.facts.entity ?? "—"))</td><td>\(d.records.facts.year.map(String.init) ?? "—")</td><td>\(d.records.facts.kind.map { kindLabel($0, w) } ?? "—")</td><td class=\"num\">\(d.records.activities.count)</td><td>\(fc)</td></tr>"
        }
        h += "</table>"
        for d in docs where d.status != .failed { h += section(d, w) }
        h += "</body></html>\n"
        return h
    }

    func statusLabel(_ s: DocumentStatus, _ w: Words) -> String {
        switch s { case .ok: w("leído", "read"); case .partial: w("parcial", "partial"); case .failed: w("falló", "failed") }
    }

    func kindLabel(_ k: DocumentKind, _ w: Words) -> String {
        switch k { case .plan: w("plan", "plan"); case .report: w("informe", "report"); case .policy: w("política", "policy"); case .other: w("otro", "other") }
    }

    func sourceLabel(_ s: [Source]) -> String {
        s.prefix(3).map { escapeHTML($0.locatorLabel) }.joined(separator: "; ")
    }

    func section(_ d: StoredDocument, _ w: Words) -> String {
        let f = d.records.facts
        var h = "<h2 id=\"doc\(d.id)\">\(escapeHTML(f.title ?? d.path))</h2>"
        h += "<p><b>\(w("Entidad", "Entity")):</b> \(escapeHTML(f.entity ?? "—")) · <b>\(w("Año", "Year")):</b> \(f.year.map(String.init) ?? "—") · <b>\(w("Tipo", "Kind")):</b> \(f.kind.map { kindLabel($0, w) } ?? "—") · <b>\(w("Páginas", "Pages")):</b> \(d.pages) · <span class=\"src\">\(escapeHTML(d.path)) · sha256 \(escapeHTML(String((d.sha256 ?? "").prefix(12))))</span></p>"
        for note in d.notes { h += "<p class=\"src\">\(escapeHTML(note))</p>" }
        h += "<h3>\(w("Hallazgos", "Findings")) (\(d.findings.count))</h3>"
        if d.findings.isEmpty {
            h += "<p>\(w("Ningún hallazgo: las cifras verificadas cuadran.", "No findings: the figures checked hold."))</p>"
        } else {
            h += "<table><tr><th>\(w("Regla", "Rule"))</th><th>\(w("Severidad", "Severity"))</th><th>\(w("Mensaje", "Message"))</th><th>\(w("Valores", "Values"))</th><th>\(w("Dónde", "Where"))</th></tr>"
            for x in d.findings.sorted(by: { $0.severity > $1.severity }) {
                let values = x.values.sorted { $0.key < $1.key }.map { "\(escapeHTML($0.key)) = \(escapeHTML($0.value.description))" }.joined(separator: "<br>")
                let quotes = x.source.prefix(3).map { "<div>\(escapeHTML($0.locatorLabel)): «\(escapeHTML(String($0.text.prefix(160))))»</div>" }.joined()
                h += "<tr><td>\(escapeHTML(x.rule))</td><td class=\"\(x.severity.rawValue)\">\(x.severity.rawValue)</td><td>\(escapeHTML(x.message(in: language)))</td><td>\(values)</td><td class=\"src\">\(quotes)</td></tr>"
            }
            h += "</table>"
        }
        let acts = d.records.activities
        if !acts.isEmpty {
            h += "<h3>\(w("Actividades", "Activities")) (\(acts.count))</h3><table><tr><th>#</th><th>\(w("Actividad", "Activity"))</th><th>\(w("Dependencia", "Unit"))</th><th>\(w("Inicio", "Start"))</th><th>\(w("Fin", "End"))</th><th>\(w("Programado", "Planned"))</th><th>\(w("Ejecutado", "Executed"))</th><th>%</th><th>\(w("Fuente", "Source"))</th></tr>"
            for a in acts {
                h += "<tr><td>\(escapeHTML(a.item ?? ""))</td><td>\(escapeHTML(a.description))</td><td>\(escapeHTML(a.unit ?? ""))</td><td>\(a.start?.description ?? "")</td><td>\(a.end?.description ?? "")</td><td class=\"num\">\(formatNumber(a.planned, language: language))</td><td class=\"num\">\(formatNumber(a.executed, language: language))</td><td class=\"num\">\(formatNumber(a.reportedPercent, language: language))</td><td class=\"src\">\(sourceLabel(a.source))</td></tr>"
            }
            h += "</table>"
        }
        if !d.records.totals.isEmpty {
            h += "<h3>\(w("Totales declarados", "Stated totals"))</h3><table><tr><th>\(w("Etiqueta", "Label"))</th><th>\(w("Programado", "Planned"))</th><th>\(w("Ejecutado", "Executed"))</th><th>%</th><th>\(w("Fuente", "Source"))</th></tr>"
            for t in d.records.totals {
                h += "<tr><td>\(escapeHTML(t.label))</td><td class=\"num\">\(formatNumber(t.planned, language: language))</td><td class=\"num\">\(formatNumber(t.executed, language: language))</td><td class=\"num\">\(formatNumber(t.reportedPercent, language: language))</td><td class=\"src\">\(sourceLabel(t.source))</td></tr>"
            }
            h += "</table>"
        }
        if !d.records.commitments.isEmpty {
            h += "<h3>\(w("Compromisos", "Commitments"))</h3><table><tr><th>\(w("Periodo", "Period"))</th><th>\(w("Recogidos", "Collected"))</th><th>\(w("A cargo", "In charge"))</th><th>\(w("No a cargo", "Not in charge"))</th><th>\(w("Fuente", "Source"))</th></tr>"
            for c in d.records.commitments {
                h += "<tr><td>\(escapeHTML(c.period))</td><td class=\"num\">\(formatNumber(c.collected, language: language))</td><td class=\"num\">\(formatNumber(c.inCharge, language: language))</td><td class=\"num\">\(formatNumber(c.notInCharge, language: language))</td><td class=\"src\">\(sourceLabel(c.source))</td></tr>"
            }
            h += "</table>"
        }
        return h
    }
}
