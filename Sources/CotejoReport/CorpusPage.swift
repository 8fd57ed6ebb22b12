import Foundation
import CotejoModel
import CotejoStore

/// `index.html`: every document with its status, facts, figures and counts of findings; the
/// findings of the corpus by rule and severity; and the chart of compliance by entity.
struct CorpusPage {
    var documents: [StoredDocument]
    var words: Words
    /// Documents whose file was not found or changed, by path: the report says so next to them.
    var cropProblems: [String: CropUnavailable]

    func render() -> (title: String, body: String) {
        let w = words, docs = documents
        let title = w("Cotejo — informe de verificación", "Cotejo — verification report")
        let findings = docs.flatMap(\.findings)
        var h = "<h1>\(escapeHTML(title))</h1>"
        let failed = docs.filter { $0.status == .failed }.count
        let activities = docs.reduce(0) { $0 + $1.records.activities.count }
        h += "<p>\(w.counted(docs.count, ("documento", "document"), ("documentos", "documents"))) (\(failed) \(w("sin leer", "unread"))) · \(w.counted(activities, ("actividad", "activity"), ("actividades", "activities"))) · \(w.counted(findings.count, ("hallazgo", "finding"), ("hallazgos", "findings"))): \(w.findingCounts(findings))</p>"
        h += "<p class=\"small muted\">\(w("Los errores y advertencias afirman que una cifra está mal o falta; las notas no.", "Errors and warnings claim a figure is wrong or missing; notes do not.")) \(w("Cumplimiento recalculado = Σ ejecutado / Σ programado de las actividades que declaran ambas cifras; declarado = el porcentaje del total principal que el documento afirma.", "Recomputed compliance = Σ executed / Σ planned of the activities stating both figures; stated = the percentage the document claims for its headline total."))</p>"

        h += "<h2>\(w("Documentos", "Documents"))</h2>" + w.filterBox(target: "documents") + "<table id=\"documents\" class=\"sortable\"><tr><th>\(w("Archivo", "File"))</th><th>\(w("Formato", "Format"))</th><th>\(w("Estado", "Status"))</th><th>\(w("Entidad", "Entity"))</th><th>\(w("Año", "Year"))</th><th>\(w("Tipo", "Kind"))</th><th class=\"num\">\(w("Activ.", "Activ."))</th><th class=\"num\">% \(w("recalc.", "recomp."))</th><th class=\"num\">% \(w("decl.", "stated"))</th><th class=\"num\" title=\"\(w("Grupos de cifras verificados de los que el documento declara", "Sets of figures checked of those the document states"))\">\(w("Verif.", "Checked"))</th><th>\(w("Hallazgos", "Findings"))</th></tr>"
        for d in docs {
            let fig = DocumentFigures(d), f = d.records.facts
            var status = escapeHTML(w.status(d.status))
            if let e = d.error { status += "<div class=\"small\">\(escapeHTML(clip(e, 160)))</div>" }
            if let p = cropProblems[d.path] {
                switch p {
                case .missing: status += "<div class=\"small\">\(w("archivo ausente", "file missing"))</div>"
                case .changed: status += "<div class=\"small\">\(w("archivo cambiado", "file changed"))</div>"
                case .unreadable: break
                }
            }
            h += "<tr class=\"\(d.status == .failed ? "failed" : "")\"><td><a href=\"\(escapeHTML(ReportNames.page(d)))\">\(escapeHTML(d.path))</a></td>"
            h += "<td>\(escapeHTML(d.format?.rawValue ?? "—"))</td><td>\(status)</td><td>\(escapeHTML(f.entity ?? "—"))</td>"
            h += "<td>\(f.year.map(String.init) ?? "—")</td><td>\(escapeHTML(w.kind(f.kind)))</td><td class=\"num\">\(d.records.activities.count)</td>"
            h += "<td class=\"num\">\(w.percent(fig.computedPercent))</td><td class=\"num\">\(w.percent(fig.statedPercent))</td>"
            h += "<td class=\"num\">\(fig.checkedSets) \(w("de", "of")) \(fig.statedSets)</td>"
            h += "<td>\(w.findingCounts(d.findings))\(ruleLinks(d))</td></tr>"
        }
        h += "</table>"

        h += "<h2>\(w("Cumplimiento por entidad", "Compliance by entity"))</h2>"
        let entityRows = Compare.rows(docs, by: .entity, language: w.language)
        h += ComplianceChart(rows: entityRows, words: w).svg()
        let without = entityRows.filter { $0.computedPercent == nil && $0.statedPercent == nil }
        if !without.isEmpty {
            h += "<p class=\"small muted\">\(w("Sin cifras de cumplimiento (ni declaradas ni calculables)", "No compliance figures (neither stated nor computable)")): \(without.map { escapeHTML($0.group) }.joined(separator: "; ")).</p>"
        }
        h += "<p class=\"small\"><a href=\"compare.html\">\(w("Tabla comparativa por entidad, año y documento", "Comparison table by entity, year and document")) →</a></p>"

        h += "<h2>\(w("Hallazgos por regla", "Findings by rule"))</h2>"
        if findings.isEmpty {
            h += "<p>\(w("Ningún hallazgo.", "No findings."))</p>"
        } else {
            let severities = Severity.allCases.reversed()
            h += "<table id=\"rules\" class=\"sortable\" style=\"width:auto\"><tr><th>\(w("Regla", "Rule"))</th>"
            for s in severities { h += "<th class=\"num\"><span class=\"sev \(s.rawValue)\">\(escapeHTML(w.severity(s)))</span></th>" }
            h += "<th class=\"num\">\(w("Total", "Total"))</th><th class=\"num\">\(w("Documentos", "Documents"))</th><th>\(w("Dónde", "Where"))</th></tr>"
            let byRule = Dictionary(grouping: docs.flatMap { d in d.findings.map { (d.path, $0) } }, by: { $0.1.rule })
            for rule in byRule.keys.sorted() {
                let list = byRule[rule]!
                h += "<tr><td>\(escapeHTML(w.ruleName(rule))) <span class=\"mono muted\">\(escapeHTML(rule))</span></td>"
                for s in severities {
                    let n = list.filter { $0.1.severity == s }.count
                    h += "<td class=\"num\">\(n == 0 ? "" : String(n))</td>"
                }
                // Where it fired: each document, linked to its findings.
                let paths = Array(Set(list.map(\.0))).sorted()
                let links = paths.prefix(8).compactMap { p in docs.first { $0.path == p } }.map { d in
                    "<a href=\"\(escapeHTML(ReportNames.page(d)))#findings\">\(escapeHTML((d.path as NSString).lastPathComponent))</a>"
                }.joined(separator: ", ") + (paths.count > 8 ? " …" : "")
                h += "<td class=\"num\"><b>\(list.count)</b></td><td class=\"num\">\(paths.count)</td><td class=\"small\">\(links)</td></tr>"
            }
            h += "</table>"
        }
        return (title, h)
    }
}

extension CorpusPage {
    /// The rules that fired in a document, each linked to its first finding of that rule on the
    /// document's page (`#fN`, numbered as the page numbers them), errors' rules first.
    func ruleLinks(_ d: StoredDocument) -> String {
        guard !d.findings.isEmpty else { return "" }
        var first: [String: (index: Int, severity: Severity)] = [:]
        for (i, f) in d.findings.enumerated() {
            if let known = first[f.rule] {
                if f.severity > known.severity { first[f.rule] = (known.index, f.severity) }
            } else {
                first[f.rule] = (i, f.severity)
            }
        }
        let ordered = first.sorted { ($0.value.severity, $1.key) > ($1.value.severity, $0.key) }
        let links = ordered.map { rule, place in
            "<a href=\"\(escapeHTML(ReportNames.page(d)))#f\(place.index + 1)\" title=\"\(escapeHTML(words.ruleName(rule)))\">\(escapeHTML(rule))</a>"
        }
        return "<div class=\"small mono\">" + links.joined(separator: " ") + "</div>"
    }
}

/// `compare.html`: the `cotejo compare` table by entity, by year and by document.
struct ComparePage {
    var documents: [StoredDocument]
    var words: Words

    func render() -> (title: String, body: String) {
        let w = words
        let title = w("Cotejo — comparación", "Cotejo — comparison")
        var h = "<h1>\(escapeHTML(title))</h1>"
        h += "<p class=\"small muted\">\(w("Programado y ejecutado: sumas de las actividades que declaran ambas cifras. % declarado: el del total principal de cada documento, ponderado por su programado. % recalculado: Σ ejecutado / Σ programado. Los documentos que no se pudieron leer no cuentan.", "Planned and executed: sums over the activities stating both figures. Stated %: each document's headline total, weighted by its planned figure. Recomputed %: Σ executed / Σ planned. Unread documents do not count."))</p>"
        for (grouping, heading) in [(CompareGrouping.entity, w("Por entidad", "By entity")), (.year, w("Por año", "By year")), (.document, w("Por documento", "By document"))] {
            let rows = Compare.rows(documents, by: grouping, language: w.language)
            h += "<h2>\(heading)</h2><table class=\"sortable\"><tr>"
            for (i, name) in Compare.localizedHeaders(grouping, w).enumerated() { h += "<th\(i == 0 ? "" : " class=\"num\"")>\(escapeHTML(name))</th>" }
            h += "</tr>"
            for r in rows {
                var group = escapeHTML(r.group)
                if grouping == .document, let d = documents.first(where: { $0.path == r.group }) {
                    group = "<a href=\"\(escapeHTML(ReportNames.page(d)))\">\(group)</a>"
                }
                h += "<tr><td>\(group)</td><td class=\"num\">\(r.documents)</td><td class=\"num\">\(r.activities)</td><td class=\"num\">\(w.number(r.planned))</td><td class=\"num\">\(w.number(r.executed))</td><td class=\"num\">\(w.percent(r.statedPercent))</td><td class=\"num\">\(w.percent(r.computedPercent))</td><td class=\"num\">\(r.errors)</td><td class=\"num\">\(r.warnings)</td></tr>"
            }
            h += "</table>"
        }
        return (title, h)
    }
}
