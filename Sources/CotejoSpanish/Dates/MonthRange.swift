// Month ranges as reports state the span they cover: "septiembre – diciembre", "enero - diciembre",
// "enero a junio", "entre enero y diciembre", "desde enero hasta junio de 2021".

/// A span of months read from Spanish text.
public struct MonthRange: Hashable, Sendable {
    public var first: Int
    public var last: Int
    /// A year stated right after the range ("enero – diciembre de 2021").
    public var year: Int?
    /// From the first month name to the last (or to the year); a leading "entre" or "desde" is not part
    /// of it.
    public var text: String
    public var range: Range<String.Index>

    public init(first: Int, last: Int, year: Int? = nil, text: String, range: Range<String.Index>) {
        self.first = first; self.last = last; self.year = year; self.text = text; self.range = range
    }

    /// The months covered, when the range does not wrap past December ("noviembre – febrero" gives nil;
    /// see `wraps`).
    public var months: ClosedRange<Int>? { first <= last ? first...last : nil }

    /// True when the range runs past December into the next year.
    public var wraps: Bool { first > last }

    /// Reads a whole cell that is exactly one month range.
    public static func parse(_ text: String) -> MonthRange? { parse(text[...]) }

    public static func parse(_ text: Substring) -> MonthRange? {
        let t = SpanishLexer.tokens(text)
        guard !t.isEmpty else { return nil }
        var start = 0
        if t[0].isWord("entre") || t[0].isWord("desde") || t[0].isWord("de") { start = 1 }
        guard start < t.count, let (r, end) = match(t, at: start, in: text), end == t.count else { return nil }
        return r
    }

    /// Every month range in running text, in order.
    ///
    /// Connectors: any dash (hyphen, en dash, em dash, minus), "a", "al", "hasta", and "y" only after
    /// "entre" ("en enero y diciembre" names two months, not a span). Abbreviated months ("ene – dic")
    /// only with a dash, since "mar a …" is ordinary prose.
    public static func scan(in text: String) -> [MonthRange] { scan(in: text[...]) }

    public static func scan(in text: Substring) -> [MonthRange] {
        scan(tokens: SpanishLexer.tokens(text), in: text)
    }

    static func scan(tokens t: [SpanishToken], in text: Substring) -> [MonthRange] {
        SpanishLexer.leftmostMatches(count: t.count) { i in match(t, at: i, in: text) }
    }

    static func match(_ t: [SpanishToken], at i: Int, in text: Substring) -> (MonthRange, Int)? {
        guard let (m1, abbr1) = SpanishMonth.month(t[i]) else { return nil }
        let afterEntre = i > 0 && t[i - 1].isWord("entre")
        var j = i + 1
        if abbr1, j < t.count, t[j].isSymbol("."), t[j].gap == .none { j += 1 }
        guard j + 1 < t.count else { return nil }
        let c = t[j]
        let dash = c.isDash
        let wordConnector = c.isWord("a") || c.isWord("al") || c.isWord("hasta") || (afterEntre && c.isWord("y"))
        guard dash || wordConnector else { return nil }
        j += 1
        guard let (m2, abbr2) = SpanishMonth.month(t[j]) else { return nil }
        if (abbr1 || abbr2) && !dash { return nil }
        j += 1
        if abbr2, j < t.count, t[j].isSymbol("."), t[j].gap == .none { j += 1 }
        var end = j
        var year: Int? = nil
        var k = j
        if k < t.count, t[k].isWord("de") || t[k].isWord("del") { k += 1 }
        if k < t.count, t[k].kind == .digits, t[k].gap != .newline, t[k].key.count == 4, let y = Int(t[k].key),
           SpanishDate.years.contains(y) {
            year = y
            end = k + 1
        }
        let r = MonthRange(first: m1, last: m2, year: year, text: t.text(i, end, in: text),
                           range: t[i].lower..<t[end - 1].upper)
        return (r, end)
    }
}
