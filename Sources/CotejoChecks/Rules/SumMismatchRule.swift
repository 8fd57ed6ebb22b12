import CotejoModel
import CotejoArithmetic

/// `sum.mismatch`: a stated total that is not the sum of its stated parts. Commitments collected in a
/// period split into those the entity is in charge of and those it is not: 70 collected = 50 not in
/// charge + 20 in charge holds; 70 = 50 + 25 does not. Only when all three figures are stated; a total
/// with no stated parts is never judged. `tolerance` is a share of the stated total (0 by default:
/// counts are exact).
public struct SumMismatchRule: Rule {
    public let id = "sum.mismatch"
    public let defaultSeverity = Severity.error
    public let summary = "Total que no es la suma de sus partes / total that is not the sum of its parts"

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        let sums = input.records.columnSums
        // A table is read right when some of its totals add up; when none does (a chart read as a
        // grid, rows cut apart), its figures are not the entity's sums and nothing is claimed. A sum
        // read outside any table (a card's "satisfechos" and "no satisfechos" under its
        // "encuestados") was settled by the words of its labels and stands on its own.
        let corroborated = Set(sums.filter { columnFinding($0, settings: settings) == nil }.compactMap(\.table))
        return commitmentFindings(input, settings: settings)
            + sums.filter { $0.table.map(corroborated.contains) ?? true }.compactMap { columnFinding($0, settings: settings) }
    }

    /// A table's TOTAL cell against the cells it stands for. Rounded figures may add up to a little
    /// more or less than their rounded total (each part's half unit); a column whose parts include
    /// subtotals of the parts below them is also added up counting each run once.
    func columnFinding(_ s: ColumnSum, settings: RuleSettings) -> Finding? {
        let a = SumArithmetic(s, texts: s.source.map(\.text))
        let slack = a.slack + settings.tolerance * abs(s.total)
        guard abs(a.sum - s.total) > slack else { return nil }
        // In a table, a part larger than a total of non-negative parts is a misread (a column taken
        // for another), not a sum. Outside tables (a sentence's split, a card) there are no columns to
        // confuse: a part above its whole is what the document says.
        guard !s.parts.contains(where: { $0 < 0 || (s.table != nil && $0 > s.total + slack) }) else { return nil }
        if let top = SumArithmetic.topLevelSum(s.parts, slack: slack), abs(top - s.total) <= slack { return nil }
        return diagnose(.partsDoNotAddUp(s, sum: a.sum),
                        values: ["label": .text(s.label), "total": .number(s.total), "computed_sum": .number(Figures.round2(a.sum)),
                                 "difference": .number(Figures.round2(s.total - a.sum)), "parts": .text(s.parts.map { Figures.en($0) }.joined(separator: " + "))],
                        at: s.source.isEmpty ? [Source(text: s.label)] : s.source.uniqued(), settings)
    }

    func commitmentFindings(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        input.records.commitments.compactMap { c -> Finding? in
            guard let total = c.collected, let a = c.inCharge, let b = c.notInCharge else { return nil }
            let sum = a + b
            let slack = max(1e-9, settings.tolerance * abs(total))
            guard abs(sum - total) > slack else { return nil }
            return diagnose(.commitmentsDoNotAddUp(c.period, collected: total, inCharge: a, notInCharge: b),
                            values: ["period": .text(c.period), "collected": .number(total), "in_charge": .number(a),
                                     "not_in_charge": .number(b), "computed_sum": .number(sum),
                                     "difference": .number(total - sum)],
                            at: c.source.isEmpty ? [Source(text: "compromisos \(c.period)")] : c.source.uniqued(), settings)
        }
    }
}

extension Bilingual {
    fileprivate static func partsDoNotAddUp(_ s: ColumnSum, sum: Double) -> Bilingual {
        let unit = s.isPercent ? " %" : ""
        let more = s.parts.count > 8 ? " + …" : ""
        let shown = s.parts.prefix(8).map { Figures.es($0) }.joined(separator: " + ") + more
        let shownEN = s.parts.prefix(8).map { Figures.en($0) }.joined(separator: " + ") + more
        return Bilingual(es: "El total «\(s.label.prefix(60))» es \(Figures.es(s.total))\(unit), pero \(shown) suman \(Figures.es(sum))\(unit)",
                         en: "Total “\(s.label.prefix(60))” is \(Figures.en(s.total))\(unit), but \(shownEN) add up to \(Figures.en(sum))\(unit)")
    }

    fileprivate static func commitmentsDoNotAddUp(_ period: String, collected total: Double, inCharge a: Double, notInCharge b: Double) -> Bilingual {
        let sum = a + b
        return Bilingual(
            es: "Se reportan \(Figures.es(total)) compromisos recogidos en \(period), pero \(Figures.es(a)) a cargo + \(Figures.es(b)) no a cargo suman \(Figures.es(sum))",
            en: "\(Figures.en(total)) commitments are reported as collected in \(period), but \(Figures.en(a)) in charge + \(Figures.en(b)) not in charge add up to \(Figures.en(sum))")
    }
}
