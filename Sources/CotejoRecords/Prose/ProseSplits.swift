import CotejoSpanish
import CotejoModel

/// A whole a sentence splits into parts: "De las 43 afiliaciones 33 corresponden a recién nacidos,
/// dos (5) afiliaciones a menores de edad y 45 afiliaciones a personas adultas" states 43 = 33 + 5 +
/// 45, which `sum.mismatch` then holds.
///
/// Only the shape that declares a split is read: the sentence opens on "de las/los N <noun>", two to
/// six plain figures follow (no percentages, years or legal references), and the last is introduced
/// by "y"/"e", as an enumeration ends. A figure written twice ("dos (5)") counts once, as its digits.
public struct ProseSplits: Sendable {
    public init() {}

    static let maximumParts = 6

    public func sums(in regions: [TextRegion]) -> [ColumnSum] {
        var out: [ColumnSum] = []
        for region in regions {
            let t = region.tokens
            var start = 0
            while start < t.words.count {
                let range = t.sentenceRange(of: start)
                defer { start = range.upperBound }
                if let sum = split(t, range) { out.append(sum) }
            }
        }
        return out
    }

    func split(_ t: ProseTokens, _ range: Range<Int>) -> ColumnSum? {
        let lo = range.lowerBound
        guard range.count >= 8, let de = (lo..<min(range.upperBound, lo + 3)).first(where: { t.words[$0] == "de" }),
              de + 3 < range.upperBound, ["las", "los"].contains(t.words[de + 1]),
              let whole = plain(t.numbers[de + 2]), t.numbers[de + 3] == nil else { return nil }
        let noun = t.written[de + 3]
        let parts = ((de + 4)..<range.upperBound).compactMap { k in plain(t.numbers[k]).map { (k, $0) } }
        guard (2...Self.maximumParts).contains(parts.count), let last = parts.last,
              ((last.0 - 2)..<last.0).contains(where: { $0 > de + 3 && ["y", "e"].contains(t.words[$0]) }) else { return nil }
        return ColumnSum(label: [t.written[de], t.written[de + 1], whole.text, noun].joined(separator: " "),
                         total: whole.value, parts: parts.map(\.1.value),
                         source: [t.sources[de + 2]] + parts.map { t.sources[$0.0] })
    }

    /// A figure that can be a count: not a percentage, a year or a legal reference.
    private func plain(_ n: SpanishNumber?) -> SpanishNumber? {
        guard let n, !n.isPercent, !n.isLikelyYear, !n.traits.contains(.legalReference), n.value >= 0 else { return nil }
        return n
    }
}
