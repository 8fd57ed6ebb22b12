import CotejoModel
import CotejoRecords

/// `text.figure_mismatch`: the document states how many things happened in its period twice, with two
/// figures: "En este trimestre, se realizaron 50 solicitudes" on one page and "En este primer trimestre
/// se realizaron 55 solicitudes de portabilidad" on the next; "En este trimestre se realizaron 37
/// afiliaciones" above a table headed "TOTAL AFILIACIONES III TRIMESTRE 2022: 32".
///
/// Only counts the record stage tied to the document's own period and to the thing counted (see
/// `PeriodCounts`): one figure each, the same period, the same counted noun. Counts of a part ("en el
/// área administrativa …") are never read as such, so they cannot clash with the whole.
public struct TextFigureMismatchRule: Rule {
    public let id = "text.figure_mismatch"
    public let defaultSeverity = Severity.error
    public let summary = "El texto dice otra cifra que la tabla o que el mismo texto / the text states another figure than the table or itself"

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        let counts = input.records.totals.filter { $0.planned == nil && $0.executed != nil && $0.period != nil && $0.reportedPercent == nil }
        var groups: [String: [StatedTotal]] = [:]
        var order: [String] = []
        for t in counts {
            let key = "\(t.label.folded)|\(t.period!)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(t)
        }
        var findings: [Finding] = []
        for key in order {
            let group = groups[key]!
            let values = group.map { $0.executed! }
            guard Set(values).count >= 2 else { continue }
            let t = group[0]
            func place(_ s: StatedTotal) -> String {
                guard let src = s.source.first else { return "" }
                if let p = src.page { return "página \(p)" }
                return src.sheet.map { "hoja «\($0)»" } ?? ""
            }
            func placeEN(_ s: StatedTotal) -> String {
                guard let src = s.source.first else { return "" }
                if let p = src.page { return "page \(p)" }
                return src.sheet.map { "sheet “\($0)”" } ?? ""
            }
            let es = group.map { "\(Figures.es($0.executed!)) (\(place($0)))" }.joined(separator: ", ")
            let en = group.map { "\(Figures.en($0.executed!)) (\(placeEN($0)))" }.joined(separator: ", ")
            findings.append(Finding(
                rule: id, severity: severity(settings),
                message: "El documento da cifras distintas de «\(t.label)» en el periodo \(t.period!): \(es)",
                messageEN: "The document states different figures for “\(t.label)” in period \(t.period!): \(en)",
                values: ["label": .text(t.label), "period": .text(t.period!),
                         "figures": .text(values.map { Figures.en($0) }.joined(separator: " / "))],
                source: group.flatMap(\.source).uniqued()))
        }
        return findings
    }
}
