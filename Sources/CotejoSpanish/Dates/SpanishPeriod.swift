// Period labels: "II cuatrimestre", "tercer trimestre", "3er trimestre", "cuatrimestre III",
// "META TRIMESTRE 1". A label names a kind and an ordinal; its months follow from both.

/// A period label read from Spanish text.
public struct SpanishPeriod: Hashable, Sendable {
    public var kind: PeriodKind
    public var ordinal: Int
    /// The ordinal as written: "II", "CUARTO", "3er", "1".
    public var ordinalText: String
    public var ordinalStyle: SpanishOrdinal.Style
    /// The whole label as written: "II CUATRIMESTRE".
    public var text: String
    public var range: Range<String.Index>

    public init(kind: PeriodKind, ordinal: Int, ordinalText: String, ordinalStyle: SpanishOrdinal.Style,
                text: String, range: Range<String.Index>) {
        self.kind = kind; self.ordinal = ordinal; self.ordinalText = ordinalText; self.ordinalStyle = ordinalStyle
        self.text = text; self.range = range
    }

    /// False when the label names a period the year does not have ("cuarto cuatrimestre").
    public var isValid: Bool { months != nil }

    /// The months the period covers; nil when it cannot exist.
    public var months: ClosedRange<Int>? { kind.months(ordinal: ordinal) }

    /// Kinds a label may name in running text. "mes" and "año" are left out: "primer mes" or
    /// "segundo año" count from a start date or a multi-year plan, not from January.
    static let labelKinds: Set<PeriodKind> = [.bimestre, .trimestre, .cuatrimestre, .semestre]

    // MARK: Parsing

    /// Reads a whole cell: one label ("II cuatrimestre", "Trimestre 1", "cuarto cuatrimestre" — the last
    /// one invalid), or a lone month name ("Mayo" → kind .month, ordinal 5, a period of one month).
    public static func parse(_ text: String) -> SpanishPeriod? { parse(text[...]) }

    public static func parse(_ text: Substring) -> SpanishPeriod? {
        let t = SpanishLexer.tokens(text)
        guard !t.isEmpty else { return nil }
        if t.count == 1, let (m, _) = SpanishMonth.month(t[0]) {
            let s = String(text[t[0].range])
            return SpanishPeriod(kind: .month, ordinal: m, ordinalText: s, ordinalStyle: .word, text: s,
                                 range: t[0].range)
        }
        guard let m = match(t, at: 0, kinds: labelKinds.union([.month, .year])), m.end == t.count else { return nil }
        return period(m, t, text)
    }

    /// Every bimestre, trimestre, cuatrimestre and semestre label in running text, in order, invalid ones
    /// included (check `isValid`). Plurals ("los tres trimestres") are counts, not labels, and are skipped.
    public static func scan(in text: String) -> [SpanishPeriod] { scan(in: text[...]) }

    public static func scan(in text: Substring) -> [SpanishPeriod] {
        scan(tokens: SpanishLexer.tokens(text), in: text)
    }

    static func scan(tokens t: [SpanishToken], in text: Substring) -> [SpanishPeriod] {
        SpanishLexer.leftmostMatches(count: t.count) { i in
            match(t, at: i, kinds: labelKinds).map { (period($0, t, text), $0.end) }
        }
    }

    /// Whether the text names a period label anywhere ("Meta trimestre 3"), valid or not.
    public static func containsLabel(_ text: String) -> Bool { !spans(SpanishLexer.tokens(text[...])).isEmpty }

    /// Token spans of labels, for scanners that must skip their digits ("trimestre 3").
    static func spans(_ t: [SpanishToken]) -> [(Int, Int)] {
        SpanishLexer.leftmostMatches(count: t.count) { i in
            guard t[i].kind != .symbol, let m = match(t, at: i, kinds: labelKinds) else { return nil }
            return ((m.first, m.end), m.end)
        }
    }

    // MARK: Matching

    struct Match {
        var kind: PeriodKind
        var ordinal: Int
        var style: SpanishOrdinal.Style
        var ordinalFirst: Int
        var ordinalEnd: Int
        var first: Int
        var end: Int
    }

    private static func kind(_ tok: SpanishToken, _ kinds: Set<PeriodKind>) -> PeriodKind? {
        guard let k = tok.info.kind, kinds.contains(k) else { return nil }
        return k
    }

    static func match(_ t: [SpanishToken], at i: Int, kinds: Set<PeriodKind>) -> Match? {
        // Ordinal first: "II cuatrimestre", "tercer trimestre", "3er trimestre".
        if let o = SpanishOrdinal.match(t, at: i, plainDigits: false), o.end < t.count,
           t[o.end].gap != .none, let k = kind(t[o.end], kinds) {
            return Match(kind: k, ordinal: o.value, style: o.style, ordinalFirst: i, ordinalEnd: o.end,
                         first: i, end: o.end + 1)
        }
        // Kind first: "cuatrimestre III", "Trimestre 1", "semestre segundo".
        if let k = kind(t[i], kinds), i + 1 < t.count, t[i + 1].gap == .space,
           let o = SpanishOrdinal.match(t, at: i + 1, plainDigits: true) {
            // "trimestre 1.234" or "semestre 2,5" are not labels.
            if o.end < t.count, t[o.end].gap == .none, t[o.end].kind == .symbol,
               NumberBody.isSeparator(t[o.end].scalar), o.end + 1 < t.count, t[o.end + 1].kind == .digits {
                return nil
            }
            return Match(kind: k, ordinal: o.value, style: o.style, ordinalFirst: i + 1, ordinalEnd: o.end,
                         first: i, end: o.end)
        }
        return nil
    }

    private static func period(_ m: Match, _ t: [SpanishToken], _ text: Substring) -> SpanishPeriod {
        SpanishPeriod(kind: m.kind, ordinal: m.ordinal, ordinalText: t.text(m.ordinalFirst, m.ordinalEnd, in: text),
                      ordinalStyle: m.style, text: t.text(m.first, m.end, in: text),
                      range: t[m.first].lower..<t[m.end - 1].upper)
    }
}

// MARK: The export contract's form

extension SpanishPeriod {
    /// The period in a year, in the export contract's form: "2022-Q3", "2022-H1", "2022-C2",
    /// "2022-03", "2022". A bimester has no form in the contract.
    public func contractForm(year: Int) -> String? {
        switch kind {
        case .trimestre: return "\(year)-Q\(ordinal)"
        case .semestre: return "\(year)-H\(ordinal)"
        case .cuatrimestre: return "\(year)-C\(ordinal)"
        case .month: return String(format: "%04d-%02d", year, ordinal)
        case .year: return "\(year)"
        case .bimestre: return nil
        }
    }

    /// The period of the same kind before this one, and its year ("I trimestre 2023" → IV, 2022).
    public func previous(year: Int) -> (period: SpanishPeriod, year: Int)? {
        guard kind != .bimestre else { return nil }
        var p = self
        if ordinal > 1 { p.ordinal = ordinal - 1; return (p, year) }
        p.ordinal = kind.periodsPerYear
        return (p, year - 1)
    }
}
