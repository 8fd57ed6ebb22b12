// The quantity a target phrase starts with: "Un (1) Documento de autodiagnóstico" → 1,
// "Dos (2) espacios de formación" → 2, "24 instancias" → 24, "Una herramienta de caracterización" → 1.

/// A quantity read from the start of a phrase.
public struct LeadingQuantity: Hashable, Sendable {
    public enum Form: String, Hashable, Sendable {
        /// "Un (1) Documento", "(1)Una herramienta".
        case pair
        /// "24 instancias", "(24 instancias)".
        case digits
        /// "Una herramienta", "Dos talleres".
        case words
    }

    /// The quantity. For a pair whose parts disagree ("tres (4)") this is the digits' value; `pair` keeps
    /// both so a check can report the mismatch.
    public var value: Int
    public var form: Form
    public var pair: NumberWordPair?
    public var text: String
    public var range: Range<String.Index>

    public init(value: Int, form: Form, pair: NumberWordPair? = nil, text: String, range: Range<String.Index>) {
        self.value = value; self.form = form; self.pair = pair; self.text = text; self.range = range
    }
}

extension NumberWords {
    /// Words after a number that show it is not a count of things: "Una vez aprobado…", "uno de los…",
    /// "dos o tres".
    private static let notCounted: Set<String> = [
        "de", "del", "por", "o", "u", "y", "e", "a", "al", "que", "vez", "veces", "mas", "menos", "solo",
    ]

    /// The quantity a phrase starts with, or nil. Deliberately conservative, since a wrong target quantity
    /// is worse than none:
    /// - a words-and-digits pair at the start ("Un (1) Documento", "(1) Una herramienta");
    /// - digits at the start followed by a word ("24 instancias", also inside a leading "(" as in
    ///   "(24 instancias)"), but not years, percentages, money, decimals or heading numbers ("3.1 Equipo");
    /// - number words alone only when they START the phrase and a noun-like word follows ("Una
    ///   herramienta" → 1, "Dos talleres" → 2), not "Una vez…" or "uno de los…". Number words later in the
    ///   phrase ("Realizar dos Facebook Live") are not the phrase's quantity and are ignored.
    /// Leading white space, list bullets and dashes are skipped.
    public static func leadingQuantity(in phrase: String) -> LeadingQuantity? { leadingQuantity(in: phrase[...]) }

    public static func leadingQuantity(in phrase: Substring) -> LeadingQuantity? {
        let t = SpanishLexer.tokens(phrase)
        var i = 0
        while i < t.count, t[i].kind == .symbol, !t[i].isSymbol("("), !t[i].isSymbol("$") { i += 1 }   // bullets
        guard i < t.count else { return nil }
        if let (p, _) = pair(t, at: i, in: phrase) {
            return LeadingQuantity(value: p.digitValue, form: .pair, pair: p, text: p.text, range: p.range)
        }
        if t[i].kind == .word {
            // Words-first pair at the start: "Un (1) Documento".
            var k = i
            while k < t.count, k - i < maxWords, t[k].kind == .word { k += 1 }
            if k < t.count, t[k].isSymbol("("), let (p, _) = pair(t, at: k, in: phrase),
               p.range.lowerBound == t[i].lower {
                return LeadingQuantity(value: p.digitValue, form: .pair, pair: p, text: p.text, range: p.range)
            }
            // Words alone: the longest cardinal at the start, then a noun-like word.
            guard t[i].info.isCardinal else { return nil }
            var best: (Int, Int)? = nil
            for end in (i + 1)...min(k, i + maxWords) {
                if let v = value(t[i..<end].map(\.key)[...]) { best = (v, end) }
            }
            guard let (v, end) = best, end < t.count, t[end].kind == .word, t[end].gap != .none,
                  !notCounted.contains(t[end].key) else { return nil }
            return LeadingQuantity(value: v, form: .words, text: t.text(i, end, in: phrase),
                                   range: t[i].lower..<t[end - 1].upper)
        }
        var d = i
        if t[d].isSymbol("("), d + 1 < t.count { d += 1 }
        guard t[d].kind == .digits, let m = SpanishNumber.match(t, at: d, in: phrase, cellMode: false),
              m.numbers.count == 1, m.first == d else { return nil }
        let n = m.numbers[0]
        guard n.decimals == 0, !n.isPercent, !n.isCurrency, !n.isNegative, !n.isLikelyYear,
              !n.traits.contains(.sectionLike), m.end < t.count, t[m.end].kind == .word, t[m.end].gap != .none,
              !notCounted.contains(t[m.end].key), let v = Int(exactly: n.value) else { return nil }
        return LeadingQuantity(value: v, form: .digits, text: n.text, range: n.range)
    }
}
