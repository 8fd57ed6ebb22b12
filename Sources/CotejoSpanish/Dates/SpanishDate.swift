import CotejoModel

// Dates as Colombian documents write them: "01-febrero-2021", "1° de agosto de 2021", "04/10/2022"
// (day first), "2021-02-01", "julio 23 de 2021", and month-precision "Noviembre de 2019".

/// A date read from Spanish text.
///
/// Impossible dates ("31-febrero-2021", "31/04/2022") are reported, not repaired: `isValid` is false,
/// `date` is nil and `year`/`month`/`day` keep what was written, so an auditor can be told. Text that is
/// not shaped like a date at all gives no result.
public struct SpanishDate: Hashable, Sendable {
    public enum Precision: String, Hashable, Sendable {
        case day, month, year
    }

    /// How the date was written.
    public enum Style: String, Hashable, Sendable {
        /// "01-febrero-2021", "1 de agosto de 2021", "1° de agosto del 2021".
        case dayMonthName
        /// "julio 23 de 2021".
        case monthNameDay
        /// "04/10/2022", "4-10-22": day, month, year.
        case numeric
        /// "2021-02-01".
        case iso
        /// "Noviembre de 2019", "noviembre 2019".
        case monthYear
        /// "2021" given to `parse` on its own.
        case yearOnly
    }

    public var year: Int
    public var month: Int?
    public var day: Int?
    public var precision: Precision
    public var style: Style
    public var isValid: Bool
    /// Two-digit year as written ("4/10/22"), read as 20yy.
    public var hasTwoDigitYear: Bool
    public var text: String
    public var range: Range<String.Index>

    public init(year: Int, month: Int?, day: Int?, precision: Precision, style: Style, isValid: Bool,
                hasTwoDigitYear: Bool = false, text: String, range: Range<String.Index>) {
        self.year = year; self.month = month; self.day = day; self.precision = precision; self.style = style
        self.isValid = isValid; self.hasTwoDigitYear = hasTwoDigitYear; self.text = text; self.range = range
    }

    /// The date, or for month and year precision the first day it covers. Nil when invalid.
    public var date: DayDate? { isValid ? firstDay : nil }

    /// The first day the date covers ("Noviembre de 2019" → 2019-11-01). Nil when invalid.
    public var firstDay: DayDate? {
        guard isValid else { return nil }
        return DayDate(year: year, month: month ?? 1, day: day ?? 1)
    }

    /// The last day the date covers ("Noviembre de 2019" → 2019-11-30). Nil when invalid.
    public var lastDay: DayDate? {
        guard isValid else { return nil }
        switch precision {
        case .day: return firstDay
        case .month: return DayDate(year: year, month: month!, day: Self.daysIn(month: month!, year: year))
        case .year: return DayDate(year: year, month: 12, day: 31)
        }
    }

    // MARK: Calendar

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// Days in a month of the Gregorian calendar; 0 for a month outside 1…12.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeap(year) ? 29 : 28
        default: return 0
        }
    }

    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= daysIn(month: month, year: year)
    }

    /// Years accepted as four digits; outside this window digits are not read as a date.
    static let years = CalendarYear.range

    // MARK: Parsing

    /// Reads a whole cell: the trimmed text must be exactly one date ("01-febrero-2021", "2021-02-01",
    /// "Noviembre de 2019"), or a lone year ("2021", year precision). A label before the date
    /// ("Corte: 23 de julio de 2021") is not a whole date: use `scan` or `first(in:)` for that.
    public static func parse(_ text: String) -> SpanishDate? { parse(text[...]) }

    public static func parse(_ text: Substring) -> SpanishDate? {
        let t = SpanishLexer.tokens(text)
        guard !t.isEmpty else { return nil }
        if t.count == 1, t[0].kind == .digits, t[0].key.count == 4, let y = Int(t[0].key), years.contains(y) {
            return SpanishDate(year: y, month: nil, day: nil, precision: .year, style: .yearOnly, isValid: true,
                               text: String(text[t[0].range]), range: t[0].range)
        }
        guard let (date, end) = match(t, at: 0, in: text), end == t.count else { return nil }
        return date
    }

    /// The first date in a text.
    public static func first(in text: String) -> SpanishDate? { scan(in: text).first }

    /// Every date in running text, in order, invalid ones included (check `isValid`). Lone years are not
    /// dates here; they are numbers (`SpanishNumber.isLikelyYear`). A day and month with no year
    /// ("1 de agosto") is not reported: its year would be a guess.
    public static func scan(in text: String) -> [SpanishDate] { scan(in: text[...]) }

    public static func scan(in text: Substring) -> [SpanishDate] {
        scan(tokens: SpanishLexer.tokens(text), in: text)
    }

    static func scan(tokens t: [SpanishToken], in text: Substring) -> [SpanishDate] {
        SpanishLexer.leftmostMatches(count: t.count) { i in match(t, at: i, in: text) }
    }

    /// Token spans of the dates in a token list, for scanners that must skip their digits.
    static func spans(_ t: [SpanishToken]) -> [(Int, Int)] {
        SpanishLexer.leftmostMatches(count: t.count) { i in
            guard t[i].kind != .symbol, let end = matchEnd(t, at: i) else { return nil }
            return ((i, end.end), end.end)
        }
    }

    // MARK: Matching

    struct Parts {
        var year: Int
        var month: Int?
        var day: Int?
        var style: Style
        var twoDigitYear: Bool
        var end: Int
    }

    static func match(_ t: [SpanishToken], at i: Int, in text: Substring) -> (SpanishDate, Int)? {
        guard let p = matchEnd(t, at: i) else { return nil }
        let precision: Precision = p.day == nil ? .month : .day
        let valid: Bool
        if let day = p.day, let month = p.month {
            valid = isValid(year: p.year, month: month, day: day)
        } else {
            valid = (1...12).contains(p.month ?? 0)
        }
        let date = SpanishDate(year: p.year, month: p.month, day: p.day, precision: precision, style: p.style,
                               isValid: valid, hasTwoDigitYear: p.twoDigitYear, text: t.text(i, p.end, in: text),
                               range: t[i].lower..<t[p.end - 1].upper)
        return (date, p.end)
    }

    static func matchEnd(_ t: [SpanishToken], at i: Int) -> Parts? {
        switch t[i].kind {
        case .digits:
            return numeric(t, at: i) ?? dayFirst(t, at: i)
        case .word:
            return monthFirst(t, at: i) ?? monthYear(t, at: i)
        case .symbol:
            return nil
        }
    }

    private static func isDateSeparator(_ tok: SpanishToken) -> Bool {
        tok.kind == .symbol && (tok.scalar == "/" || tok.scalar == "." || SpanishLexer.isDash(tok.scalar))
    }

    private static func sameSeparator(_ a: SpanishToken, _ b: SpanishToken) -> Bool {
        a.scalar == b.scalar || (SpanishLexer.isDash(a.scalar) && SpanishLexer.isDash(b.scalar))
    }

    /// A four-digit year in range, or (when allowed) a two-digit one read as 20yy.
    private static func year(_ tok: SpanishToken, allowTwoDigits: Bool) -> (Int, Bool)? {
        guard tok.kind == .digits, let v = Int(tok.key) else { return nil }
        if tok.key.count == 4, years.contains(v) { return (v, false) }
        if allowTwoDigits, tok.key.count == 2 { return (2000 + v, true) }
        return nil
    }

    /// "04/10/2022", "4-10-22", "04.10.2022", and ISO "2021-02-01". All parts glued together.
    private static func numeric(_ t: [SpanishToken], at i: Int) -> Parts? {
        guard i + 4 < t.count else { return nil }
        let a = t[i], s1 = t[i + 1], b = t[i + 2], s2 = t[i + 3], c = t[i + 4]
        guard isDateSeparator(s1), s1.gap == .none, b.kind == .digits, b.gap == .none, s2.gap == .none,
              sameSeparator(s1, s2), c.kind == .digits, c.gap == .none else { return nil }
        // Part of a longer dotted or dashed chain (an address, "1.2.3.4.5", a code) is not a date.
        if i >= 2, t[i].gap == .none, isDateSeparator(t[i - 1]), t[i - 1].gap == .none, t[i - 2].kind != .symbol {
            return nil
        }
        if i + 6 < t.count, isDateSeparator(t[i + 5]), t[i + 5].gap == .none, t[i + 6].gap == .none,
           t[i + 6].kind == .digits {
            return nil
        }
        if i + 5 < t.count, t[i + 5].gap == .none, t[i + 5].kind == .word { return nil }
        let dot = s1.scalar == "."
        if a.key.count == 4, let y = Int(a.key), years.contains(y), b.key.count <= 2, c.key.count <= 2 {
            return Parts(year: y, month: Int(b.key), day: Int(c.key), style: .iso, twoDigitYear: false, end: i + 5)
        }
        guard a.key.count <= 2, b.key.count <= 2, let (y, two) = year(c, allowTwoDigits: !dot) else { return nil }
        return Parts(year: y, month: Int(b.key), day: Int(a.key), style: .numeric, twoDigitYear: two, end: i + 5)
    }

    /// Skips an ordinal mark after a day: "1°", "1º", "1ro", "1er".
    private static func skipOrdinal(_ t: [SpanishToken], _ j: Int) -> Int {
        guard j < t.count, t[j].gap == .none else { return j }
        if t[j].isSymbol("°") { return j + 1 }
        if t[j].kind == .word, t[j].key == "o" || t[j].key == "ro" || t[j].key == "er" { return j + 1 }
        return j
    }

    /// "de" / "del" (and "del año") before a year; returns the index after them.
    private static func skipDe(_ t: [SpanishToken], _ j: Int) -> Int {
        var j = j
        if j < t.count, t[j].isWord("de") || t[j].isWord("del") {
            j += 1
            if j < t.count, t[j].isWord("ano") { j += 1 }
        }
        return j
    }

    /// "01-febrero-2021", "1 de agosto de 2021", "1° de agosto del 2021", "1 feb. 2021", "01/feb/2021".
    private static func dayFirst(_ t: [SpanishToken], at i: Int) -> Parts? {
        let dayTok = t[i]
        guard dayTok.key.count <= 2, let day = Int(dayTok.key) else { return nil }
        if i > 0, dayTok.gap == .none, t[i - 1].kind == .word { return nil }
        var j = skipOrdinal(t, i + 1)
        guard j < t.count else { return nil }
        var symbolSep: SpanishToken? = nil
        if isDateSeparator(t[j]) && !t[j].isSymbol(".") {
            symbolSep = t[j]
            j += 1
        } else if t[j].isWord("de") {
            j += 1
        }
        guard j < t.count, t[j].gap != .newline || symbolSep == nil, let (month, abbreviated) = SpanishMonth.month(t[j])
        else { return nil }
        j += 1
        if abbreviated, j < t.count, t[j].isSymbol("."), t[j].gap == .none { j += 1 }
        guard j < t.count else { return nil }
        if let sep = symbolSep {
            guard sameSeparator(sep, t[j]) else { return nil }
            j += 1
        } else {
            if t[j].isSymbol(",") { j += 1 }
            j = skipDe(t, j)
        }
        guard j < t.count, let (y, two) = year(t[j], allowTwoDigits: symbolSep != nil && t[j].gap == .none)
        else { return nil }
        if j + 1 < t.count, t[j + 1].gap == .none, t[j + 1].kind == .digits { return nil }
        return Parts(year: y, month: month, day: day, style: .dayMonthName, twoDigitYear: two, end: j + 1)
    }

    /// "julio 23 de 2021", "julio 23, 2021", "Julio 1° del 2021".
    private static func monthFirst(_ t: [SpanishToken], at i: Int) -> Parts? {
        guard let (month, abbreviated) = SpanishMonth.month(t[i]) else { return nil }
        var j = i + 1
        if abbreviated, j < t.count, t[j].isSymbol("."), t[j].gap == .none { j += 1 }
        guard j < t.count, t[j].kind == .digits, t[j].gap == .space, t[j].key.count <= 2, let day = Int(t[j].key)
        else { return nil }
        j = skipOrdinal(t, j + 1)
        if j < t.count, t[j].isSymbol(",") { j += 1 }
        j = skipDe(t, j)
        guard j < t.count, let (y, _) = year(t[j], allowTwoDigits: false) else { return nil }
        return Parts(year: y, month: month, day: day, style: .monthNameDay, twoDigitYear: false, end: j + 1)
    }

    /// "Noviembre de 2019", "noviembre 2019", "febrero-2021", "dic. 2021".
    private static func monthYear(_ t: [SpanishToken], at i: Int) -> Parts? {
        guard let (month, abbreviated) = SpanishMonth.month(t[i]) else { return nil }
        var j = i + 1
        if abbreviated, j < t.count, t[j].isSymbol("."), t[j].gap == .none { j += 1 }
        guard j < t.count else { return nil }
        if isDateSeparator(t[j]) && !t[j].isSymbol(".") {
            j += 1
        } else {
            j = skipDe(t, j)
        }
        guard j < t.count, t[j].gap != .newline, let (y, _) = year(t[j], allowTwoDigits: false) else { return nil }
        if j + 1 < t.count, t[j + 1].gap == .none, t[j + 1].kind == .digits { return nil }
        return Parts(year: y, month: month, day: nil, style: .monthYear, twoDigitYear: false, end: j + 1)
    }
}
