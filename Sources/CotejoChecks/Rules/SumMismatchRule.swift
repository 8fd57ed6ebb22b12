import CotejoModel

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
        input.records.commitments.compactMap { c -> Finding? in
            guard let total = c.collected, let a = c.inCharge, let b = c.notInCharge else { return nil }
            let sum = a + b
            let slack = max(1e-9, settings.tolerance * abs(total))
            guard abs(sum - total) > slack else { return nil }
            let message = "Se reportan \(Figures.es(total)) compromisos recogidos en \(c.period), pero \(Figures.es(a)) a cargo + \(Figures.es(b)) no a cargo suman \(Figures.es(sum))"
            let messageEN = "\(Figures.en(total)) commitments are reported as collected in \(c.period), but \(Figures.en(a)) in charge + \(Figures.en(b)) not in charge add up to \(Figures.en(sum))"
            return Finding(rule: id, severity: severity(settings), message: message, messageEN: messageEN,
                           values: ["period": .text(c.period), "collected": .number(total), "in_charge": .number(a),
                                    "not_in_charge": .number(b), "computed_sum": .number(sum),
                                    "difference": .number(total - sum)],
                           source: c.source.isEmpty ? [Source(text: "compromisos \(c.period)")] : c.source.uniqued())
        }
    }
}
