import CotejoModel

/// How a document writes its numbers: decimal comma and point grouping ("1.234.567", "0,85"), as
/// Colombian documents mostly do, or decimal point and comma grouping ("227,873,593", "8.38%"), as
/// spreadsheets exported in English do. A lone "1.267" means 1267 in the first and 1,267 in the
/// second; only a document that shows its convention unambiguously settles it.
public enum NumberConvention: String, Sendable {
    case decimalComma, decimalPoint, unknown

    /// The convention shown by the numbers of the document's lines and cells: figures that can only
    /// be read one way ("1.234.567", "45,5", "8.38 %" after a whole number of two or more digits).
    /// Both kinds present, or too few of either, leave it unknown.
    public static func of(_ content: DocumentContent) -> NumberConvention {
        Survey(content).document
    }

    /// The convention of one table: its own cells when they settle it, else its cells with the
    /// lines of its pages, else the document's. A document may mix them (Spanish prose around a
    /// table pasted from an English spreadsheet: "26,429,692" and "20.76%" in the table, "8,38 %"
    /// in the sentence under it). For the tables of one document, `Survey` counts each page and
    /// each table once.
    public static func of(_ table: Table, in content: DocumentContent, document: NumberConvention) -> NumberConvention {
        var own = Tally()
        for cell in table.cells { own.add(cell.text) }
        return Survey(content).convention(own: own, pages: table.pages, document: document)
    }

    /// A document's figures counted once, by page and by table: its convention and its tables'.
    public struct Survey: Sendable {
        private let pages: [(number: Int, tally: Tally)]
        /// One per table of the content, in its order.
        private let tables: [Tally]
        /// The document's convention: all its body lines and table cells.
        public let document: NumberConvention

        public init(_ content: DocumentContent) {
            pages = content.pages.map { page in
                var tally = Tally()
                for line in page.bodyLines { tally.add(line.text) }
                return (page.number, tally)
            }
            tables = content.tables.map { table in
                var tally = Tally()
                // Read in place: a copy of each cell (its source too) cost more than its text's tally.
                for i in table.cells.indices { tally.add(table.cells[i].text) }
                return tally
            }
            var all = Tally()
            for page in pages { all += page.tally }
            for table in tables { all += table }
            document = all.convention()
        }

        /// As `NumberConvention.of(_:in:document:)` for the table at `position` in the content's
        /// tables.
        public func convention(ofTableAt position: Int, _ table: Table, document: NumberConvention) -> NumberConvention {
            convention(own: tables[position], pages: table.pages, document: document)
        }

        func convention(own: Tally, pages tablePages: [Int], document: NumberConvention) -> NumberConvention {
            // Its own cells count only by their grouping ("26,429,692"): a point in "89.03%" beside a
            // "4.438" that is 4438 is a decimal written the English way in an otherwise Spanish table.
            let settled = own.convention(groupingOnly: true)
            if settled != .unknown { return settled }
            let numbers = Set(tablePages)
            var local = own
            for page in pages where numbers.contains(page.number) { local += page.tally }
            let convention = local.convention()
            return convention == .unknown ? document : convention
        }
    }

    /// The figures of some text that can only be read one way, by what they show.
    struct Tally: Sendable {
        var groupingComma = 0, groupingPoint = 0, decimalComma = 0, decimalPoint = 0

        /// Three or more figures of one convention and none of the other settle it; with
        /// `groupingOnly`, only groupings ("26,429,692") count.
        func convention(groupingOnly: Bool = false) -> NumberConvention {
            let comma = groupingComma + (groupingOnly ? 0 : decimalComma)
            let point = groupingPoint + (groupingOnly ? 0 : decimalPoint)
            if comma >= 3 && point == 0 { return .decimalComma }
            if point >= 3 && comma == 0 { return .decimalPoint }
            return .unknown
        }

        static func += (a: inout Tally, b: Tally) {
            a.groupingComma += b.groupingComma; a.groupingPoint += b.groupingPoint
            a.decimalComma += b.decimalComma; a.decimalPoint += b.decimalPoint
        }

        mutating func count(_ reading: TokenReading) {
            switch reading {
            case .grouping(.decimalComma): groupingComma += 1
            case .grouping: groupingPoint += 1
            case .decimal(.decimalComma): decimalComma += 1
            case .decimal: decimalPoint += 1
            case .none: break
            }
        }

        mutating func add(_ text: String) {
            // Every reading needs a point or a comma inside a figure: texts with neither say nothing.
            guard text.utf8.contains(where: { $0 == 0x2E || $0 == 0x2C }) else { return }
            // Most cells and lines are ASCII: their tokens are read as bytes, which costs a fraction of
            // splitting them into Characters (this runs over every cell of every table).
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                let bytes = Array(text.utf8)
                for token in bytes.split(whereSeparator: NumberConvention.separatesASCII) {
                    count(NumberConvention.reading(ascii: token))
                }
                return
            }
            for token in text.split(whereSeparator: { c in c.asciiValue.map(NumberConvention.separatesASCII) ?? c.isWhitespace }) {
                count(NumberConvention.reading(token.trimmingTrailingPunctuation))
            }
        }
    }

    /// What one token says of the convention.
    enum TokenReading: Equatable {
        /// "26.429.692" (groups of three after a separator: the other one is the decimal mark).
        case grouping(NumberConvention)
        /// "8,38", "12.50": a decimal mark.
        case decimal(NumberConvention)
        case none
    }

    /// White space and "()$%:;" end a token.
    static func separatesASCII(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == 0x28 || b == 0x29 || b == 0x24 || b == 0x25 || b == 0x3A || b == 0x3B
    }

    /// An ASCII token, read as bytes.
    static func reading(ascii token: ArraySlice<UInt8>) -> TokenReading {
        var t = token
        while let last = t.last, last == 0x2E || last == 0x2C { t = t.dropLast() }
        guard let first = t.first, first >= 0x30, first <= 0x39 else { return .none }
        func digits(_ s: ArraySlice<UInt8>) -> Bool { s.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        let groups = t.split(separator: 0x2E, omittingEmptySubsequences: false)
        let commas = t.split(separator: 0x2C, omittingEmptySubsequences: false)
        if groups.count >= 3, groups.dropFirst().allSatisfy({ $0.count == 3 && digits($0) }) { return .grouping(.decimalComma) }
        if commas.count >= 3, commas.dropFirst().allSatisfy({ $0.count == 3 && digits($0) }) { return .grouping(.decimalPoint) }
        if commas.count == 2, !t.contains(0x2E), commas[1].count <= 2, digits(commas[1]), digits(commas[0]) { return .decimal(.decimalComma) }
        if groups.count == 2, !t.contains(0x2C), groups[1].count <= 2, groups[0].count >= 2 || groups[1].count == 2,
           groups.allSatisfy(digits), !groups[1].isEmpty { return .decimal(.decimalPoint) }
        return .none
    }

    /// Any token, its trailing points and commas dropped, read as Characters (a digit may be more
    /// than 0–9). The same reading as the ASCII one.
    static func reading(_ t: Substring) -> TokenReading {
        guard let first = t.first, first.isNumber else { return .none }
        let groups = t.split(separator: ".", omittingEmptySubsequences: false)
        let commas = t.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count >= 3, groups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isNumber) }) { return .grouping(.decimalComma) }
        if commas.count >= 3, commas.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isNumber) }) { return .grouping(.decimalPoint) }
        if commas.count == 2, !t.contains("."), commas[1].count <= 2, commas[1].allSatisfy(\.isNumber), commas[0].allSatisfy(\.isNumber) { return .decimal(.decimalComma) }
        // "8.38", "12.5": a point decimal; "1.2" may be a heading number and says nothing.
        if groups.count == 2, !t.contains(","), groups[1].count <= 2, groups[0].count >= 2 || groups[1].count == 2,
           groups.allSatisfy({ $0.allSatisfy(\.isNumber) }), !groups[1].isEmpty { return .decimal(.decimalPoint) }
        return .none
    }
}

private extension Substring {
    var trimmingTrailingPunctuation: Substring {
        var s = self
        while let last = s.last, last == "." || last == "," { s = s.dropLast() }
        return s
    }
}

extension SpanishNumber {
    /// The figure as the document's convention reads it: "40,549" is 40549 where commas group
    /// thousands, "1.234" is 1,234 where the point is decimal. Figures that can only be read one way,
    /// and any figure under an unknown convention, stay as parsed.
    public func read(as convention: NumberConvention) -> SpanishNumber {
        // The parser reads the Spanish way ("1.234" → 1234, "1,234" → 1,234): only the other
        // convention changes anything.
        guard traits.contains(.ambiguousSeparator), convention == .decimalPoint else { return self }
        var n = self
        if text.contains(".") { n.value = value / 1000; n.decimals = 3 } else { n.value = value * 1000; n.decimals = 0 }
        return n
    }
}
