import CotejoSpanish
import CotejoModel

/// Changes stated in prose: "se presentaron 19 comunicaciones, … una disminución del 90 % pues, en
/// el III trimestre se presentaron 36 comunicaciones", "se realizaron 43 afiliaciones … una
/// disminución del 2 % (trimestre anterior se realizaron 45 afiliaciones)", "… del 69 % … un aumento
/// del 2 % (trimestre anterior 67 %)". Each becomes a `change` claim from the earlier figure to the
/// current one, with the stated rate signed by its word.
///
/// All three figures must stand in one sentence, and the sentence must say which figure is the
/// earlier one (a word such as "anterior", or a period noun such as "trimestre" just before it).
/// Counts must count the same thing: a plural noun beside the current figure recurs beside the
/// earlier one ("comunicaciones" … "comunicaciones"). Two percentages compare directly. A count
/// against a percentage is left alone: which of them the author meant cannot be settled.
public struct ProseChanges: Sendable {
    public init() {}

    public func claims(in regions: [TextRegion]) -> [Claim] {
        regions.flatMap { claims(in: $0.tokens) }
    }

    func claims(in t: ProseTokens) -> [Claim] {
        var result: [Claim] = []
        for (c, w) in t.words.enumerated() {
            guard let sign = Self.direction(of: w) else { continue }
            let sentence = t.sentenceRange(of: c)
            // The rate: the first figure after the word, within a few words ("del 2 %", "en un 30 %").
            guard let p = (c + 1..<min(sentence.upperBound, c + 9)).first(where: { t.numbers[$0] != nil }),
                  let rate = t.numbers[p], rate.isPercent else { continue }
            guard let (previous, pi) = earlierFigure(t, change: c, rate: p, in: sentence) else { continue }
            guard let (current, ci) = currentFigure(t, before: min(c, pi), matching: previous, at: pi, in: sentence, rate: p)
            else { continue }
            let label = Self.label(t, sentence)
            let sources = [t.sources[ci], t.sources[p], t.sources[pi]]
            result.append(Claim(
                kind: .change, label: label, from: previous.value, to: current.value,
                reportedPercent: sign * abs(rate.value), source: sources,
                fieldSources: ["from": t.sources[pi], "to": t.sources[ci], "reported_percent": t.sources[p]],
                notes: ["stated in prose: from the figure said to be earlier, to the figure before the change word"
                        + (previous.isPercent ? "; both are percentages" : "")]))
        }
        return result
    }

    /// The earlier figure: after the rate ("(trimestre anterior 37 comunicaciones)", "pues, en el III
    /// trimestre se presentaron 36"), or just before the change word ("(Trimestre anterior 92 %), el
    /// indicador aumentó un 1 %"). A marker word names it; the figure follows within a few words.
    func earlierFigure(_ t: ProseTokens, change c: Int, rate p: Int, in sentence: Range<Int>) -> (SpanishNumber, Int)? {
        func figure(afterMarker m: Int, limit: Int) -> (SpanishNumber, Int)? {
            for k in (m + 1)..<min(limit, m + 7) {
                if Self.direction(of: t.words[k]) != nil { return nil }
                if let n = t.numbers[k] {
                    if n.isLikelyYear || n.traits.contains(.legalReference) { continue }
                    return (n, k)
                }
            }
            return nil
        }
        let after = (p + 1)..<min(sentence.upperBound, p + 16)
        for m in after where Self.isEarlierMarker(t.words[m]) {
            if Self.direction(of: t.words[m]) != nil { break }
            if let found = figure(afterMarker: m, limit: sentence.upperBound) { return found }
        }
        for m in stride(from: c - 1, through: max(sentence.lowerBound, c - 12), by: -1) where t.words[m] == "anterior" {
            if let found = figure(afterMarker: m, limit: c) { return found }
        }
        return nil
    }

    /// The current figure: the one figure before `limit` in the sentence of the same kind as the
    /// earlier one (both counts or both percentages), not a year or a reference; counts must share a
    /// noun. Two candidates with different values ("del 80 %, … y 20 % no satisfechos; … este indicador
    /// disminuyó un 1 %") leave the subject unsettled, and no claim is made.
    func currentFigure(_ t: ProseTokens, before limit: Int, matching previous: SpanishNumber, at pi: Int,
                       in sentence: Range<Int>, rate p: Int) -> (SpanishNumber, Int)? {
        var found: (SpanishNumber, Int)?
        for k in stride(from: limit - 1, through: sentence.lowerBound, by: -1) {
            guard k != p, k != pi, let n = t.numbers[k] else { continue }
            if n.isLikelyYear || n.traits.contains(.legalReference) || n.looksLikeSectionNumber { continue }
            guard n.isPercent == previous.isPercent else { continue }
            if !n.isPercent, Self.countedNouns(t, around: k).isDisjoint(with: Self.countedNouns(t, around: pi)) { continue }
            if let f = found, f.0.value != n.value { return nil }
            if found == nil { found = (n, k) }
        }
        return found
    }

    /// +1 for a word of increase, -1 for one of decrease, nil otherwise. Infinitives ("disminuir los
    /// tiempos de espera") state an aim, not a change that happened.
    static func direction(of w: String) -> Double? {
        if w.hasSuffix("ar") || w.hasSuffix("ir") || w.hasSuffix("er") { return nil }
        if ["aument", "increment", "crecimient", "crecio"].contains(where: w.hasPrefix) { return 1 }
        if ["disminu", "reduccion", "redujo", "descens", "descendi", "decrec"].contains(where: w.hasPrefix) { return -1 }
        return nil
    }

    /// Words that introduce the figure of the earlier period.
    static func isEarlierMarker(_ w: String) -> Bool {
        ["anterior", "anteriores", "trimestre", "semestre", "cuatrimestre", "mes", "ano", "vigencia", "periodo"].contains(w)
    }

    /// Plural nouns within a few words of a figure ("19 comunicaciones", "las comunicaciones (8)"):
    /// what the figure counts.
    static func countedNouns(_ t: ProseTokens, around k: Int) -> Set<String> {
        var nouns = Set<String>()
        for j in max(0, k - 3)...min(t.words.count - 1, k + 2) where j != k && t.sentence[j] == t.sentence[k] {
            let w = t.words[j]
            if w.count >= 5, w.hasSuffix("s"), w.allSatisfy(\.isLetter), !Self.notNouns.contains(w) { nouns.insert(w) }
        }
        return nouns
    }

    static let notNouns: Set<String> = ["estas", "estos", "otros", "otras", "todas", "todos", "ellos", "ellas", "menos",
                                        "ademas", "entre", "hacia", "desde", "segun", "mismos", "mismas", "cuales"]

    /// The sentence, trimmed for a label.
    static func label(_ t: ProseTokens, _ sentence: Range<Int>) -> String {
        let text = t.written[sentence].joined(separator: " ")
        return text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}
