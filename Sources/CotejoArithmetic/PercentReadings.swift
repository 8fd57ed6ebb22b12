import CotejoModel
import CotejoSpanish

/// The readings of a row's percentage that a document may mean besides executed / planned, each
/// built from figures the row itself states. `percent.mismatch` calls a percentage wrong only when
/// none of them gives it, and names those it tried.
///
/// - weight: ponderación × ejecutado / meta, compliance capped at 100 % or not;
/// - cumulative base: the accumulated result over the period's target, or over the plan's;
/// - period base: the period's result over the year's target, or the year's results so far over it;
/// - decreasing indicator ("reducir la tasa a 5"): the target is a ceiling, so compliance is
///   meta / resultado, or the reduction achieved over the reduction planned from the baseline.
package struct PercentReadings {
    package struct Reading {
        /// How the finding names it ("accumulated / planned").
        var name: String
        var percents: [Double]
    }

    package var readings: [Reading] = []

    package init(_ a: Activity, _ c: PercentClaim) {
        let p = c.plannedValue, e = c.executedValue
        if let w = a.weight, w > 0 {
            let share = w <= 1.5 ? w : w / 100
            let ratio = e / p * 100
            readings.append(Reading(name: "weight × executed / planned", percents: [ratio * share, min(100, ratio) * share]))
        }
        let plan = a.measures.first { $0.period.contains("/") }
        if let acc = a.accumulated {
            var xs = [acc / p * 100]
            if let pp = plan?.planned, pp > 0 { xs.append(acc / pp * 100) }
            readings.append(Reading(name: "accumulated / planned", percents: xs + xs.map { min(100, $0) }))
        }
        if let (yearTarget, soFar) = yearBase(a), yearTarget > 0 {
            let xs = [e / yearTarget * 100, soFar / yearTarget * 100]
            readings.append(Reading(name: "period result / year target", percents: xs + xs.map { min(100, $0) }))
        }
        if Self.isDecreasing(a), e > 0 {
            // The ways evaluation sheets score a ceiling: meta over result, 100 % less the
            // overshoot (2 − resultado / meta), or met or not (100 % at or under it, 0 % over it).
            var xs = [p / e * 100, max(0, (2 - e / p) * 100), e <= p ? 100 : 0]
            if let b = a.baseline, b > p { xs.append((b - e) / (b - p) * 100) }
            readings.append(Reading(name: "planned / executed (decreasing indicator)", percents: xs + xs.map { min(100, $0) }))
        }
    }

    package var names: [String] { readings.map(\.name) }

    /// The first reading that gives the stated percentage at its precision.
    package func fitting(_ c: PercentClaim, slack: Double) -> Reading? {
        let extra = c.roundingSlack(planned: c.plannedValue, executed: c.executedValue)
        return readings.first { r in
            r.percents.contains { $0.isFinite && StatedPrecision.consistent($0, stated: c.percent, decimals: c.decimals, slack: slack + extra) }
        }
    }

    /// The target of the year the reporting period falls in, and the results of that year's periods
    /// up to the reporting one: a quarterly sheet's "% avance" is often the year's progress so far.
    private func yearBase(_ a: Activity) -> (Double, Double)? {
        guard let current = a.measures.first(where: { $0.planned == a.planned && $0.executed == a.executed && $0.period.count > 4 }) else { return nil }
        let year = String(current.period.prefix(4))
        let target = a.measures.first { $0.period == year }?.planned
            ?? a.measures.filter { $0.period.hasPrefix(year + "-") }.compactMap(\.planned).reduce(0, +)
        let soFar = a.measures.filter { $0.period.hasPrefix(year + "-") && $0.period <= current.period }.compactMap(\.executed).reduce(0, +)
        return (target, soFar)
    }

    /// An indicator whose target is a ceiling: its own words open by asking to reduce something
    /// ("Reducir a 5 …", "Disminución de la tasa …"). In a form read as one text ("Meta Resultado
    /// DISMINUIR AL 2 % … Meta producto BRINDAR APOYO … Indicador NUMERO DE IEO …") its own words
    /// are what follows each field label of the product (meta producto, indicador): the result
    /// goal above it may be a reduction while the product counts up. Only the opening verb or noun
    /// counts: "programas para la reducción de la pobreza" counts programmes, and more is better.
    package static func isDecreasing(_ a: Activity) -> Bool {
        let texts = [a.indicator, a.description, a.target].compactMap { $0?.folded.trimmingCharacters(in: .whitespacesAndNewlines) }
        return texts.contains { t in
            ownSegments(t).contains { own in decreasingStems.contains { own.hasPrefix($0) } }
        }
    }

    /// The texts that follow the product's field labels ("… meta producto X indicador Y" → X, Y);
    /// a result goal's text only when no product label follows it; the whole text without labels.
    package static func ownSegments(_ text: String) -> [Substring] {
        let padded = " " + text
        var marks: [(label: String, range: Range<String.Index>)] = []
        for label in fieldLabels {
            var from = padded.startIndex
            while let r = padded.range(of: " " + label, range: from..<padded.endIndex) {
                // "el indicador de pobreza" is a phrase, not a field's label.
                let before = padded[..<r.lowerBound].split(separator: " ").last.map(String.init) ?? ""
                if !articles.contains(before) { marks.append((label, r)) }
                from = r.upperBound
            }
        }
        guard !marks.isEmpty else { return [Substring(text)] }
        marks.sort { $0.range.lowerBound < $1.range.lowerBound }
        let hasProduct = marks.contains { !resultLabels.contains($0.label) }
        var segments: [Substring] = []
        for (i, m) in marks.enumerated() where !(hasProduct && resultLabels.contains(m.label)) {
            let end = i + 1 < marks.count ? marks[i + 1].range.lowerBound : padded.endIndex
            guard m.range.upperBound <= end else { continue }
            segments.append(padded[m.range.upperBound..<end].drop { $0 == " " || $0 == ":" })
        }
        return segments
    }

    /// Labels after which a form states the indicator or its goal, each ending its word.
    package static let fieldLabels = FormFieldLabels.all.flatMap { [$0 + " ", $0 + ":"] }
    /// Words before which a label's word is part of a phrase.
    package static let articles: Set<String> = ["el", "la", "los", "las", "del", "de", "un", "una", "al", "cada", "su", "sus", "este", "esta", "ese", "dicho"]
    /// The labels of the result goal a product serves, not of the product itself.
    package static let resultLabels = Set(FormFieldLabels.result.flatMap { [$0 + " ", $0 + ":"] })

    package static let decreasingStems = ["reducir", "reduccion", "disminuir", "disminucion", "bajar ", "descender", "mantener por debajo"]
}
