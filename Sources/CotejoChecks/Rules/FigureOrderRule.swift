import CotejoModel
import CotejoArithmetic

/// `figure.order_inferred`: the record stage read a document's rows without headers as executed
/// first, because arithmetic proved it (`FigureOrder.executedFirst`). An `info` note naming the rows
/// that proved it, never a claim that a figure is wrong; the rows themselves are already settled.
public struct FigureOrderRule: Rule {
    public let id = "figure.order_inferred"
    public let defaultSeverity = Severity.info
    public let summary = "Orden de columnas inferido por aritmética / column order inferred from arithmetic"

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        let activities = input.records.activities
        let swapped = activities.filter { $0.figureOrder == .executedFirst }
        guard !swapped.isEmpty else { return [] }
        let withoutHeaders = activities.filter { $0.figureOrder != nil }.count
        // The proving rows: settled, they fit exactly; read in page order (swapped back), they do not.
        let proofs = swapped.compactMap { a -> (es: String, en: String, row: Activity)? in
            guard let claim = a.percentClaim, claim.fit(slack: settings.tolerance) == .exact,
                  claim.fit(swapped: true, slack: settings.tolerance) != .exact else { return nil }
            let d = claim.decimals
            let r = a.reportedPercent ?? 0
            // As they stand on the page: the executed figure first.
            let es = "\(Figures.es(a.executed ?? 0)) · \(Figures.es(a.planned ?? 0)) · \(Figures.es(r, decimals: d)) %: solo ejecutado/programado da \(Figures.es(r, decimals: d)) %"
            let en = "\(Figures.en(a.executed ?? 0)) · \(Figures.en(a.planned ?? 0)) · \(Figures.en(r, decimals: d)) %: only executed/planned gives \(Figures.en(r, decimals: d)) %"
            return (es, en, a)
        }
        guard let first = proofs.first else { return [] }
        let n = swapped.count
        let a = first.row
        var values: [String: FindingValue] = [
            "proving_rows": .text(proofs.map { String($0.es.prefix { $0 != ":" }) }.joined(separator: "; ")),
            "rows_swapped": .number(Double(n)),
            "order": .text("executed/planned"),
        ]
        if let e = a.executed { values["executed"] = .number(e) }
        if let p = a.planned { values["planned"] = .number(p) }
        if let r = a.reportedPercent { values["reported_percent"] = .number(r) }
        if let p = a.planned, let e = a.executed, let c = StatedPrecision.ratioPercent(planned: p, executed: e) {
            values["computed_percent"] = .number(Figures.round2(c))
        }
        if let item = a.item { values["item"] = .text(item) }
        // Page order again: the executed figure's place first.
        let sources = proofs.flatMap { $0.row.sources(for: ["executed", "planned", "reported_percent", "reportedPercent"]) }
        return [diagnose(.orderInferred(proofs: proofs.map { Bilingual(es: $0.es, en: $0.en) }, rows: n, of: withoutHeaders),
                         values: values, at: sources.uniqued(), settings)]
    }
}

extension Bilingual {
    fileprivate static func orderInferred(proofs: [Bilingual], rows n: Int, of withoutHeaders: Int) -> Bilingual {
        let scope = n == withoutHeaders
            ? Bilingual(es: "en las \(n) filas sin encabezados del documento", en: "in the document's \(n) rows without headers")
            : Bilingual(es: "en \(n) de \(withoutHeaders) filas sin encabezados (las demás no prueban un orden)",
                        en: "in \(n) of \(withoutHeaders) rows without headers (the others prove no order)")
        return Bilingual(es: "Orden de columnas inferido por aritmética: \(proofs.map(\.es).joined(separator: "; ")); se lee ejecutado primero \(scope.es)",
                         en: "Column order inferred from arithmetic: \(proofs.map(\.en).joined(separator: "; ")); executed is read first \(scope.en)")
    }
}
