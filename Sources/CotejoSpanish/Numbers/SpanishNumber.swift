import Foundation
// Figures as Colombian documents write them: "66.223,84", "113 %", "(35,8)", "$ 1.500.000".

/// A figure read from Spanish text, with how it was written: the decimals it states (for interval
/// checks: "113 %" stands for anything in [112,5; 113,5)), whether it is a percentage, and where it is.
public struct SpanishNumber: Hashable, Sendable {
    /// How the figure was written and what surrounds it.
    public struct Traits: OptionSet, Hashable, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// Thousands separators were used ("1.234", "1.500.000").
        public static let grouped = Traits(rawValue: 1 << 0)
        /// A "$" stands before it.
        public static let currency = Traits(rawValue: 1 << 1)
        /// Written inside tight parentheses: "(35,8)", "(3)".
        public static let parenthesized = Traits(rawValue: 1 << 2)
        /// Negative because of accounting parentheses rather than a minus sign.
        public static let accountingNegative = Traits(rawValue: 1 << 3)
        /// The decimal mark is a point ("12.5", "1,234.5"), not the Spanish comma.
        public static let pointDecimal = Traits(rawValue: 1 << 4)
        /// A lone separator before exactly three digits: "1.234" read as 1234, "1,234" as 1,234. The
        /// other reading is possible; checks may try it before calling a figure wrong.
        public static let ambiguousSeparator = Traits(rawValue: 1 << 5)
        /// Follows a legal instrument ("Decreto 1499", "Ley 982", "artículo 19"): a reference, not an amount.
        public static let legalReference = Traits(rawValue: 1 << 6)
        /// The digits in "tres (3)" or "(1) Una": paired with a number in words.
        public static let wordPaired = Traits(rawValue: 1 << 7)
        /// Shaped and placed like a heading number ("3.1" at a line start, "1. INTRODUCCIÓN").
        public static let sectionLike = Traits(rawValue: 1 << 8)
        /// Written "por ciento" rather than "%".
        public static let percentInWords = Traits(rawValue: 1 << 9)
    }

    public var value: Double
    /// Decimal digits as written: 0 for "113 %" and "1.234", 2 for "29,99 %".
    public var decimals: Int
    public var isPercent: Bool
    public var traits: Traits
    /// The words as they stand in the input, sign, "$", parentheses and "%" included.
    public var text: String
    public var range: Range<String.Index>

    public init(value: Double, decimals: Int, isPercent: Bool = false, traits: Traits = [], text: String,
                range: Range<String.Index>) {
        self.value = value; self.decimals = decimals; self.isPercent = isPercent; self.traits = traits
        self.text = text; self.range = range
    }

    public var isNegative: Bool { value < 0 }
    public var isInteger: Bool { decimals == 0 }
    public var isCurrency: Bool { traits.contains(.currency) }

    /// A bare four-digit integer from 1900 to 2100 ("2021"): a year, not an amount.
    public var isLikelyYear: Bool {
        decimals == 0 && !isPercent && value >= 0
            && traits.isDisjoint(with: [.grouped, .currency, .accountingNegative])
            && value.rounded() == value && CalendarYear.range.contains(Int(exactly: value) ?? 0)
            && text.utf8.lazy.filter { $0 >= 0x30 && $0 <= 0x39 }.count == 4
    }

    /// Heading-shaped ("3.1", "1.") and, when found by `scan`, standing at the start of a line.
    public var looksLikeSectionNumber: Bool { traits.contains(.sectionLike) }


    // MARK: Parsing

    /// Reads a whole cell or token: the text, trimmed, must be exactly one figure. A parenthesised
    /// figure is negative here ("(35,8)" → -35,8, "(3)" → -3): in a cell of figures that is accounting
    /// notation. Returns nil for anything else ("E-DES-FT-014", "3.1.2", "29 20").
    public static func parse(_ text: String) -> SpanishNumber? { parse(text[...]) }

    public static func parse(_ text: Substring) -> SpanishNumber? {
        ParseMemo.shared.parse(text)
    }

    /// Whether a text can hold a percentage at all: a "%" (or its full-width form) or the word
    /// "ciento" in any case. A cheap test on bytes, for passing over the many cells of a sheet
    /// that hold none before reading them as figures.
    public static func mayStatePercent(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { u in
            var i = 0
            while i < u.count {
                switch u[i] {
                case 0x25: return true
                case 0xEF where i + 2 < u.count && u[i + 1] == 0xBC && u[i + 2] == 0x85: return true
                case 0x43, 0x63:
                    // "ciento", ASCII letters compared without case (| 0x20 lowers them).
                    if i + 5 < u.count, u[i + 1] | 0x20 == 0x69, u[i + 2] | 0x20 == 0x65, u[i + 3] | 0x20 == 0x6E,
                       u[i + 4] | 0x20 == 0x74, u[i + 5] | 0x20 == 0x6F { return true }
                default: break
                }
                i += 1
            }
            return false
        }
    }

    /// `parse` without the memo.
    static func read(whole text: Substring) -> SpanishNumber? {
        let t = SpanishLexer.tokens(text)
        guard let d = t.firstIndex(where: { $0.kind == .digits }), d <= 3 else { return nil }
        guard let m = match(t, at: d, in: text, cellMode: true) else { return nil }
        guard m.first == 0, m.end == t.count, m.numbers.count == 1 else { return nil }
        return m.numbers[0]
    }

    /// Every figure in running text, in order. Skipped: digits that belong to dates ("04/10/2022",
    /// "01-febrero-2021"), times ("10:30"), period labels ("trimestre 3"), codes glued to letters
    /// ("E-DES-FT-014", "COVID-19", "MIPG2"), ordinals ("3er", "6º") and dotted item numbers of more than
    /// two levels ("3.1.2"). Kept but marked: legal references ("Decreto 1499"), years (see
    /// `isLikelyYear`), heading numbers ("3.1"), digits paired with words ("tres (3)").
    ///
    /// Tight parentheses make a figure negative only when it carries decimals, grouping, "%" or "$":
    /// in prose a bare "(3)" or "(2021)" is a paired digit, a list marker or a year, and stays positive.
    public static func scan(in text: String) -> [SpanishNumber] { scan(in: text[...]) }

    public static func scan(in text: Substring) -> [SpanishNumber] {
        scan(tokens: SpanishLexer.tokens(text), in: text)
    }

    static func scan(tokens t: [SpanishToken], in text: Substring) -> [SpanishNumber] {
        guard t.contains(where: { $0.kind == .digits }) else { return [] }
        var skip = [Bool](repeating: false, count: t.count)
        for (first, end) in SpanishDate.spans(t) { for k in first..<end { skip[k] = true } }
        for (first, end) in SpanishPeriod.spans(t) { for k in first..<end { skip[k] = true } }
        var out: [SpanishNumber] = []
        var i = 0
        while i < t.count {
            guard t[i].kind == .digits, !skip[i] else { i += 1; continue }
            // Times: "10:30" is neither ten nor thirty.
            if i + 2 < t.count, t[i + 1].isSymbol(":"), t[i + 1].gap == .none, t[i + 2].kind == .digits,
               t[i + 2].gap == .none {
                i += 3
                continue
            }
            if let m = match(t, at: i, in: text, cellMode: false) {
                out.append(contentsOf: m.numbers)
                i = max(m.bodyEnd, i + 1)
            } else {
                i = skipBody(t, at: i)
            }
        }
        return out
    }

    private static func skipBody(_ t: [SpanishToken], at d: Int) -> Int {
        switch NumberBody.read(t, at: d) {
        case .number(let b): return b.end
        case .invalid(let end): return end
        }
    }

    // MARK: Years and headings

    /// True for a four-digit integer in `CalendarYear.range` written without separators ("2021"), the way
    /// years are written; "2.021" or "2021,0" are amounts.
    public static func isLikelyYear(_ value: Double, text: some StringProtocol) -> Bool {
        guard value.rounded() == value, CalendarYear.range.contains(Int(exactly: value) ?? 0) else { return false }
        var count = 0
        for s in text.unicodeScalars {
            if s.value >= 48 && s.value <= 57 { count += 1 } else if !SpanishLexer.isSpaceLike(s) { return false }
        }
        return count == 4
    }

    /// True when a token is shaped like a heading or item number: "3.1", "3.1.2", "1.", "10.2." — one or
    /// two digits per level, dots only, not starting with 0. Shape only: "12.5" passes too, so use it
    /// with position (a line start, a first column); `scan` does that for `looksLikeSectionNumber`.
    public static func looksLikeSectionNumber(_ token: some StringProtocol) -> Bool {
        var levels = 0
        var digitsInLevel = 0
        var dots = 0
        var first = true
        for s in token.unicodeScalars {
            if s.value >= 48 && s.value <= 57 {
                if first && s == "0" { return false }
                first = false
                digitsInLevel += 1
                if digitsInLevel > 2 { return false }
            } else if s == "." {
                guard digitsInLevel > 0 else { return false }
                levels += 1
                dots += 1
                digitsInLevel = 0
            } else {
                return false
            }
        }
        if digitsInLevel > 0 { levels += 1 }
        return dots >= 1 && levels >= 1 && (levels >= 2 || dots == 1)
    }

    // MARK: Matching

    struct Match {
        var numbers: [SpanishNumber]
        var first: Int
        var end: Int
        var bodyEnd: Int
    }

    private static let instruments: Set<String> = [
        "ley", "leyes", "decreto", "decretos", "resolucion", "resoluciones", "acuerdo", "circular", "directiva",
        "conpes", "articulo", "articulos", "art", "arts", "numeral", "literal", "paragrafo", "capitulo",
        "titulo", "ordenanza", "sentencia", "acto", "inciso",
    ]
    private static let numberSigns: Set<String> = ["no", "nro", "numero", "num", "n", "o"]

    /// Matches the figure whose first digits are token `d`, with sign, "$", "%" and parentheses.
    static func match(_ t: [SpanishToken], at d: Int, in text: Substring, cellMode: Bool) -> Match? {
        guard case .number(let body) = NumberBody.read(t, at: d) else { return nil }
        // Hundreds of digits in a row are a code or garbage, not a figure: no double holds them.
        guard body.value.isFinite else { return nil }
        let n = t.count
        if let list = body.listGroups {
            let numbers = list.compactMap { g -> SpanishNumber? in
                guard let value = Double(t[g].key), value.isFinite else { return nil }
                return SpanishNumber(value: value, decimals: 0, text: String(text[t[g].range]), range: t[g].range)
            }
            return Match(numbers: numbers, first: d, end: body.end, bodyEnd: body.end)
        }
        // Codes and ordinals: digits glued to letters on either side ("FT014", "3er", "6º", "014-A").
        if d > 0, t[d].gap == .none, t[d - 1].kind == .word { return nil }
        let e = body.end
        if e < n, t[e].gap == .none {
            // A lower-case word of five letters or more glued after the digits is a noun that lost its
            // space in extraction ("45afiliaciones"): the figure stands. Shorter ones are ordinals or
            // units of a code ("3er", "5kg"); capitals make a code ("014A").
            let glued = text[t[e].range]
            let gluedNoun = t[e].kind == .word && glued.count >= 5 && glued.allSatisfy { $0.isLowercase }
            if (t[e].kind == .word && !gluedNoun) || t[e].isSymbol("°") { return nil }
            if (t[e].isDash || t[e].isSymbol("_")), e + 1 < n, t[e + 1].gap == .none, t[e + 1].kind == .word {
                return nil
            }
        }
        var traits: Traits = []
        if body.grouped { traits.insert(.grouped) }
        if body.pointDecimal { traits.insert(.pointDecimal) }
        if body.ambiguous { traits.insert(.ambiguousSeparator) }

        var first = d
        var negative = false
        // A minus glued to the digits is a sign unless it joins them to a word (a code: "FT-014") or to
        // other digits (a range: "2020-2024").
        if first > 0, t[first].gap == .none, t[first - 1].isDash {
            let dash = first - 1
            let joined = dash > 0 && t[dash].gap == .none && t[dash - 1].kind != .symbol
            if joined {
                if t[dash - 1].kind == .word { return nil }
            } else {
                negative = true
                first = dash
            }
        }
        var currency = false
        if first > 0, t[first - 1].isSymbol("$"), t[first].gap != .newline {
            currency = true
            first -= 1
            if !negative, first > 0, t[first - 1].isDash, t[first].gap == .none,
               !(first - 1 > 0 && t[first - 1].gap == .none && t[first - 2].kind != .symbol) {
                negative = true
                first -= 1
            }
        }
        if currency { traits.insert(.currency) }
        var end = e
        var percent = false
        if end < n, t[end].isSymbol("%") || t[end].isSymbol("\u{FF05}"), t[end].gap != .newline {
            percent = true
            end += 1
        } else if end + 1 < n, t[end].isWord("por"), t[end + 1].isWord("ciento"), t[end].gap == .space,
                  t[end + 1].gap == .space {
            percent = true
            traits.insert(.percentInWords)
            end += 2
        }
        // Accounting parentheses.
        if first > 0, end < n, t[first - 1].isSymbol("("), t[end].isSymbol(")"),
           cellMode || (t[first].gap == .none && t[end].gap == .none) {
            traits.insert(.parenthesized)
            let paired = isWordPaired(t, open: first - 1, close: end)
            if paired { traits.insert(.wordPaired) }
            let marked = body.decimals > 0 || body.grouped || percent || currency
            if !negative && (cellMode || (marked && !paired)) {
                negative = true
                traits.insert(.accountingNegative)
            }
            first -= 1
            end += 1
        }
        if !cellMode && legalInstrumentBefore(t, first) { traits.insert(.legalReference) }
        if body.sectionShaped && !percent && !currency && !traits.contains(.parenthesized) && !negative {
            if cellMode {
                if body.decimals > 0 { traits.insert(.sectionLike) }
            } else if isHeadingPlace(t, first: first, bodyEnd: e, hasDot: body.decimals > 0) {
                traits.insert(.sectionLike)
            }
        }
        var value = body.value
        if negative { value = -value }
        let number = SpanishNumber(value: value, decimals: body.decimals, isPercent: percent, traits: traits,
                                   text: t.text(first, end, in: text), range: t[first].lower..<t[end - 1].upper)
        return Match(numbers: [number], first: first, end: end, bodyEnd: max(end, e))
    }

    private static func isWordPaired(_ t: [SpanishToken], open: Int, close: Int) -> Bool {
        if open > 0, t[open - 1].info.isCardinal { return true }
        if close + 1 < t.count, t[close + 1].info.isCardinal { return true }
        return false
    }

    private static func legalInstrumentBefore(_ t: [SpanishToken], _ first: Int) -> Bool {
        var k = first - 1
        var hops = 0
        while k >= 0, hops < 4 {
            let tok = t[k]
            if tok.kind == .word {
                if instruments.contains(tok.key) { return true }
                if !numberSigns.contains(tok.key) { return false }
            } else if !(tok.isSymbol(".") || tok.isSymbol("°") || tok.isSymbol("#")) {
                return false
            }
            k -= 1
            hops += 1
        }
        return false
    }

    /// A heading number stands first on its line (markdown "#" allowed before it) and is followed by
    /// its title or by the end of the line: "3.1\nEQUIPO…", "1. INTRODUCCIÓN".
    private static func isHeadingPlace(_ t: [SpanishToken], first: Int, bodyEnd e: Int, hasDot: Bool) -> Bool {
        var k = first
        while k > 0, t[k].gap == .none || t[k].gap == .space, t[k - 1].isSymbol("#") { k -= 1 }
        guard t[k].gap == .newline else { return false }
        var next = e
        if next < t.count, t[next].isSymbol("."), t[next].gap == .none {
            next += 1
        } else if !hasDot {
            return false   // "12" alone on a line is a table cell, not a heading
        }
        if next >= t.count { return true }
        let after = t[next]
        return after.gap == .newline || after.kind == .word || after.isSymbol("#")
    }
}

/// Whole-cell readings by text. The same cell is read by the record stage and by several checks,
/// and a sheet repeats its values ("0", "100", "SI") down thousands of rows: reading each text once
/// was about a seventh of a workbook's processing. The reading depends on the text alone; its
/// range is kept as offsets and put back into the index space of the text asked about.
final class ParseMemo: @unchecked Sendable {
    static let shared = ParseMemo()
    /// Texts kept before the memo starts afresh (a bound on its memory, about 10 MB).
    static let capacity = 50_000

    private struct Entry { var number: SpanishNumber?; var lower: Int; var upper: Int }
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    func parse(_ text: Substring) -> SpanishNumber? {
        let key = String(text)
        lock.lock()
        let hit = entries[key]
        lock.unlock()
        if let hit {
            guard var number = hit.number else { return nil }
            let utf8 = text.utf8
            number.range = utf8.index(utf8.startIndex, offsetBy: hit.lower)..<utf8.index(utf8.startIndex, offsetBy: hit.upper)
            return number
        }
        let number = SpanishNumber.read(whole: text)
        let utf8 = text.utf8
        let entry = Entry(number: number,
                          lower: number.map { utf8.distance(from: utf8.startIndex, to: $0.range.lowerBound) } ?? 0,
                          upper: number.map { utf8.distance(from: utf8.startIndex, to: $0.range.upperBound) } ?? 0)
        lock.lock()
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = entry
        lock.unlock()
        return number
    }
}
