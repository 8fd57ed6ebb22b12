import CotejoModel
import CotejoArithmetic

/// Settles which of a row's two unlabelled figures is planned and which executed, by arithmetic.
///
/// Slide decks often give a row's figures with no column headers ("29 · 20 · 145 %"); the record stage
/// then stores the first figure as planned and the second as executed (`Activity.figuresUnlabelled`).
/// A document keeps one layout, so one row that only fits one order settles every unlabelled row of
/// the document: "29 · 20 · 145 %" fits only executed/planned (29 / 20 = 145 %), so the layout is
/// executed first and every unlabelled row is swapped. Rows that fit both orders ("3 · 3 · 100 %") prove
/// nothing; a fit only through the 100 % cap proves nothing either (the cap is a guess about the
/// writer, not arithmetic).
///
/// The pipeline runs this before the rules (`RuleRegistry.process` does); the inferred order is an
/// `info` finding under the id `figure.order_inferred`, never a claim that a figure is wrong.
public struct FigureOrderResolver: Sendable {
    public static let ruleID = "figure.order_inferred"

    public init() {}

    public func resolve(_ records: DocumentRecords) -> (DocumentRecords, [Finding]) {
        resolve(records, settings: RuleSettings())
    }

    public func resolve(_ records: DocumentRecords, settings: RuleSettings) -> (DocumentRecords, [Finding]) {
        var out = records
        let unlabelled = records.activities.indices.filter { records.activities[$0].figuresUnlabelled }
        guard !unlabelled.isEmpty else { return (records, []) }
        var executedFirst: [Int] = []
        var plannedFirst: [Int] = []
        for i in unlabelled {
            guard let claim = records.activities[i].percentClaim else { continue }
            let asIs = claim.fit(slack: settings.tolerance) == .exact
            let swapped = claim.fit(swapped: true, slack: settings.tolerance) == .exact
            if swapped && !asIs { executedFirst.append(i) }
            if asIs && !swapped { plannedFirst.append(i) }
        }
        if executedFirst.isEmpty && plannedFirst.isEmpty { return (records, []) }

        // One layout for the document when the proofs agree; when rows disagree (two tables laid out
        // differently), only the proving rows are settled and the rest stay unlabelled.
        let swap: [Int]
        let confirm: [Int]
        if plannedFirst.isEmpty {
            swap = unlabelled; confirm = []
        } else if executedFirst.isEmpty {
            swap = []; confirm = unlabelled
        } else {
            swap = executedFirst; confirm = plannedFirst
        }
        for i in swap {
            var a = out.activities[i]
            (a.planned, a.executed) = (a.executed, a.planned)
            let ps = a.fieldSources["planned"], es = a.fieldSources["executed"]
            a.fieldSources["planned"] = es
            a.fieldSources["executed"] = ps
            a.figuresUnlabelled = false
            a.notes.append("orden de columnas inferido por aritmética: ejecutado primero / column order inferred from arithmetic: executed first")
            out.activities[i] = a
        }
        for i in confirm {
            out.activities[i].figuresUnlabelled = false
            out.activities[i].notes.append("orden de columnas confirmado por aritmética: programado primero / column order confirmed by arithmetic: planned first")
        }
        guard !swap.isEmpty else { return (out, []) }

        // Name the proving rows as they stand on the page: first figure · second figure · percent.
        let proofs = executedFirst.map { i -> (es: String, en: String, row: Activity) in
            let a = records.activities[i]
            let d = a.percentClaim?.decimals ?? 0
            let r = a.reportedPercent ?? 0
            let es = "\(Figures.es(a.planned ?? 0)) · \(Figures.es(a.executed ?? 0)) · \(Figures.es(r, decimals: d)) %: solo ejecutado/programado da \(Figures.es(r, decimals: d)) %"
            let en = "\(Figures.en(a.planned ?? 0)) · \(Figures.en(a.executed ?? 0)) · \(Figures.en(r, decimals: d)) %: only executed/planned gives \(Figures.en(r, decimals: d)) %"
            return (es, en, a)
        }
        let first = proofs[0]
        let n = swap.count
        let scope = swap.count == unlabelled.count
            ? ("en las \(n) filas sin encabezados del documento", "in the document's \(n) rows without headers")
            : ("en \(n) de \(unlabelled.count) filas sin encabezados (las demás no prueban un orden)",
               "in \(n) of \(unlabelled.count) rows without headers (the others prove no order)")
        let proofES = proofs.map(\.es)
        let proofEN = proofs.map(\.en)
        let message = "Orden de columnas inferido por aritmética: \(proofES.joined(separator: "; ")); se lee ejecutado primero \(scope.0)"
        let messageEN = "Column order inferred from arithmetic: \(proofEN.joined(separator: "; ")); executed is read first \(scope.1)"
        let a = first.row
        var values: [String: FindingValue] = [
            "proving_rows": .text(proofs.map { String($0.es.prefix { $0 != ":" }) }.joined(separator: "; ")),
            "rows_swapped": .number(Double(n)),
            "order": .text("executed/planned"),
        ]
        // The proving row's figures in their settled meaning.
        if let e = a.planned { values["executed"] = .number(e) }
        if let p = a.executed { values["planned"] = .number(p) }
        if let r = a.reportedPercent { values["reported_percent"] = .number(r) }
        if let p = a.executed, let e = a.planned, let c = StatedPrecision.ratioPercent(planned: p, executed: e) {
            values["computed_percent"] = .number(Figures.round2(c))
        }
        if let item = a.item { values["item"] = .text(item) }
        let sources = proofs.flatMap { $0.row.sources(for: ["planned", "executed", "reported_percent", "reportedPercent"]) }
        return (out, [Finding(rule: Self.ruleID, severity: settings.severity ?? .info, message: message,
                              messageEN: messageEN, values: values, source: sources.uniqued())])
    }
}
