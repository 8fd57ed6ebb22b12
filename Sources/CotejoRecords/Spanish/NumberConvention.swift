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
        of(lines: content.pages.flatMap(\.bodyLines).map(\.text), cells: content.tables.flatMap(\.cells).map(\.text))
    }

    /// The convention of one table: its own cells when they settle it, else its cells with the
    /// lines of its pages, else the document's. A document may mix them (Spanish prose around a
    /// table pasted from an English spreadsheet: "26,429,692" and "20.76%" in the table, "8,38 %"
    /// in the sentence under it).
    public static func of(_ table: Table, in content: DocumentContent, document: NumberConvention) -> NumberConvention {
        // Its own cells count only by their grouping ("26,429,692"): a point in "89.03%" beside a
        // "4.438" that is 4438 is a decimal written the English way in an otherwise Spanish table.
        let own = of(lines: [], cells: table.cells.map(\.text), groupingOnly: true)
        if own != .unknown { return own }
        let pages = Set(table.pages)
        let local = of(lines: content.pages.filter { pages.contains($0.number) }.flatMap(\.bodyLines).map(\.text),
                       cells: table.cells.map(\.text))
        return local == .unknown ? document : local
    }

    static func of(lines: [String], cells: [String], groupingOnly: Bool = false) -> NumberConvention {
        var comma = 0, point = 0
        func tally(_ text: String) {
            for token in text.split(whereSeparator: { $0.isWhitespace || "()$%:;".contains($0) }) {
                let t = token.trimmingTrailingPunctuation
                guard let first = t.first, first.isNumber else { continue }
                let groups = t.split(separator: ".", omittingEmptySubsequences: false)
                let commas = t.split(separator: ",", omittingEmptySubsequences: false)
                if groups.count >= 3, groups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isNumber) }) { comma += 1; continue }
                if commas.count >= 3, commas.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isNumber) }) { point += 1; continue }
                if groupingOnly { continue }
                if commas.count == 2, !t.contains("."), commas[1].count <= 2, commas[1].allSatisfy(\.isNumber), commas[0].allSatisfy(\.isNumber) { comma += 1; continue }
                // "8.38", "12.5": a point decimal; "1.2" may be a heading number and says nothing.
                if groups.count == 2, !t.contains(","), groups[1].count <= 2, groups[0].count >= 2 || groups[1].count == 2,
                   groups.allSatisfy({ $0.allSatisfy(\.isNumber) }), !groups[1].isEmpty { point += 1 }
            }
        }
        for text in lines { tally(text) }
        for text in cells { tally(text) }
        if comma >= 3 && point == 0 { return .decimalComma }
        if point >= 3 && comma == 0 { return .decimalPoint }
        return .unknown
    }
}

private extension Substring {
    var trimmingTrailingPunctuation: Substring {
        var s = self
        while let last = s.last, ".,".contains(last) { s = s.dropLast() }
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
