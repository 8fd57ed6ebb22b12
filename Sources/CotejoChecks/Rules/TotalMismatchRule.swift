import CotejoModel
import CotejoSpanish

/// `total.mismatch`: the plan's stated totals ("Se programaron 69 … se ejecutaron 78") disagree with
/// the sum of the activity rows.
///
/// Only totals for the whole year are compared: `months` nil or 1…12, and no period label or partial
/// month range in the label. A period total ("septiembre – diciembre") would need rows that carry a
/// period, and rows do not, so it is skipped. A figure is compared only when every row states it, and
/// with at least two rows. When the document states several whole-year totals that differ, they cannot
/// all cover every row, so none is judged. Rows whose unlabelled figures arithmetic could not order
/// are summed both ways (one layout per document). Also accepted: executed capped at planned row by
/// row, and counts of activities instead of sums. Rows that look read twice (one description begins
/// another, or their boxes overlap) make the sums meaningless: skipped. `tolerance` is a share of the stated total.
public struct TotalMismatchRule: Rule {
    public let id = "total.mismatch"
    public let defaultSeverity = Severity.error
    public let summary = "Totales del plan que no son la suma de las actividades / plan totals that are not the sum of the rows"

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        let rows = input.records.activities
        guard rows.count >= 2 else { return [] }
        let totals = input.records.totals.filter { ($0.planned != nil || $0.executed != nil) && coversYear($0) }
        let distinct = Set(totals.map { [$0.planned ?? -1, $0.executed ?? -1] })
        guard distinct.count == 1 else { return [] }

        // Sums in the recorded order and, for rows still unlabelled, with their figures swapped.
        let all = { (f: (Activity) -> Double?) in rows.allSatisfy { f($0) != nil } }
        let plannedKnown = all(\.planned), executedKnown = all(\.executed)
        func sums(swapUnlabelled: Bool) -> (Double, Double) {
            rows.reduce((0.0, 0.0)) { acc, a in
                let swap = swapUnlabelled && a.figuresUnlabelled
                let p = (swap ? a.executed : a.planned) ?? 0, e = (swap ? a.planned : a.executed) ?? 0
                return (acc.0 + p, acc.1 + e)
            }
        }
        // A row read twice, or a summary repeating the detail, would swell every sum: not comparable.
        for i in rows.indices {
            for j in rows.indices where j > i && rows[i].looksLikeDuplicate(of: rows[j]) { return [] }
        }
        var layouts = rows.contains(where: \.figuresUnlabelled) ? [sums(swapUnlabelled: false), sums(swapUnlabelled: true)]
                                                                 : [sums(swapUnlabelled: false)]
        // Other honest readings of a stated total: executed capped at planned row by row ("69 of 69
        // executed" when some rows went over), and counts of activities rather than sums of products
        // ("16 activities planned, 16 done").
        if plannedKnown && executedKnown {
            let capped = rows.reduce(0.0) { $0 + min($1.executed ?? 0, $1.planned ?? 0) }
            layouts.append((layouts[0].0, capped))
            let n = Double(rows.count)
            layouts.append((n, Double(rows.filter { ($0.executed ?? 0) >= ($0.planned ?? 0) }.count)))
            layouts.append((n, Double(rows.filter { ($0.executed ?? 0) > 0 }.count)))
        }
        var findings: [Finding] = []
        for t in totals {
            func off(_ stated: Double?, _ sum: Double, _ known: Bool) -> Bool {
                guard let stated, known else { return false }
                return abs(stated - sum) > max(1e-9, settings.tolerance * abs(stated))
            }
            // A layout that makes every compared figure hold clears the total.
            let bad = layouts.map { (off(t.planned, $0.0, plannedKnown), off(t.executed, $0.1, executedKnown)) }
            guard let worst = bad.first, !bad.contains(where: { !$0.0 && !$0.1 }) else { continue }
            let (ps, es) = layouts[0]
            var parts: [Bilingual] = []
            var values: [String: FindingValue] = ["rows": .number(Double(rows.count)), "label": .text(t.label)]
            if let p = t.planned, plannedKnown {
                values["planned"] = .number(p); values["computed_planned"] = .number(Figures.round2(ps))
                if worst.0 {
                    parts.append(.plannedAgainstRows(p, ps))
                }
            }
            if let e = t.executed, executedKnown {
                values["executed"] = .number(e); values["computed_executed"] = .number(Figures.round2(es))
                if worst.1 {
                    parts.append(.executedAgainstRows(e, es))
                }
            }
            if parts.isEmpty { parts.append(.noColumnOrderAddsUp) }  // only the swapped layout is off: name both figures
            let rowSources = rows.flatMap { $0.sources(for: ["planned", "executed"]) }
            findings.append(diagnose(.totalDisagrees(t.label, rows: rows.count, parts), values: values,
                                     at: (t.sourcesOrQuote + rowSources).uniqued(), settings))
        }
        return findings
    }

    /// True for a total of the whole year: no months or all twelve, and a label that names no shorter
    /// period. "vigencia", "año" or "anual" in the label settle it when months are missing.
    func coversYear(_ t: StatedTotal) -> Bool {
        // A count stated for a period (one figure, "En este trimestre se realizaron 50 solicitudes")
        // is not a plan total.
        if t.period != nil && t.planned == nil { return false }
        if let m = t.months { return m == 1...12 }
        if !SpanishPeriod.scan(in: t.label).isEmpty { return false }
        let words = Set(t.label.folded.split(whereSeparator: { !$0.isLetter }).map(String.init))
        if !words.isDisjoint(with: ["mes", "bimestre", "trimestre", "cuatrimestre", "semestre", "periodo", "corte"]),
           words.isDisjoint(with: ["vigencia", "ano", "anual"]) { return false }
        if MonthRange.scan(in: t.label).contains(where: { $0.months != 1...12 }) { return false }
        if SpanishDate.scan(in: t.label).contains(where: { $0.precision != .year }) { return false }
        return true
    }
}

extension Bilingual {
    fileprivate static func plannedAgainstRows(_ stated: Double, _ sum: Double) -> Bilingual {
        Bilingual(es: "programado \(Figures.es(stated)) frente a \(Figures.es(sum)) sumando las filas",
                  en: "planned \(Figures.en(stated)) against \(Figures.en(sum)) adding up the rows")
    }

    fileprivate static func executedAgainstRows(_ stated: Double, _ sum: Double) -> Bilingual {
        Bilingual(es: "ejecutado \(Figures.es(stated)) frente a \(Figures.es(sum)) sumando las filas",
                  en: "executed \(Figures.en(stated)) against \(Figures.en(sum)) adding up the rows")
    }

    fileprivate static let noColumnOrderAddsUp = Bilingual(es: "las cifras no suman con ningún orden de columnas",
                                                           en: "the figures do not add up in either column order")

    fileprivate static func totalDisagrees(_ label: String, rows: Int, _ parts: [Bilingual]) -> Bilingual {
        Bilingual(es: "El total «\(label)» no coincide con las \(rows) actividades: \(parts.map(\.es).joined(separator: "; "))",
                  en: "Total “\(label)” disagrees with the \(rows) activities: \(parts.map(\.en).joined(separator: "; "))")
    }
}
