import CotejoSpanish
import CotejoModel

/// Shares a sentence gives to named rows of the document's tables: "el plan orientará sus recursos en
/// un 61.61% al Eje Social, … un 23.1% al Eje Territorial". Each becomes a `totals` entry with the
/// percentage, labelled with the row's name, and `restates` naming the table row it restates, so that
/// the checks can hold the words against the table.
///
/// A share is read only when the words after "al" / "a la" / "para el" are the whole label of a
/// table row (its first text cell) that states one percentage; a label whose rows state several
/// percentages is not one row, and nothing is read.
public struct ProseShares: Sendable {
    public init() {}

    public struct Row: Sendable {
        var label: String
        var percent: SpanishNumber
        var source: Source
    }

    public func totals(in regions: [TextRegion], tables: [Table]) -> [StatedTotal] {
        let rows = Self.rows(tables)
        guard !rows.isEmpty else { return [] }
        var out: [StatedTotal] = []
        for region in regions {
            let t = region.tokens
            for (i, n) in t.numbers.sorted(by: { $0.key < $1.key }) where n.isPercent {
                var k = i + 1
                guard k < t.words.count, ["al", "a", "para", "en"].contains(t.words[k]) else { continue }
                k += 1
                if k < t.words.count, ["la", "el", "los", "las"].contains(t.words[k]) { k += 1 }
                // The longest run of words that is a row's whole label.
                var match: (String, [Row])?
                for len in stride(from: 5, through: 1, by: -1) where k + len <= t.words.count {
                    let words = t.words[k..<(k + len)]
                    guard words.allSatisfy({ $0.allSatisfy(\.isLetter) }), t.sentence[k + len - 1] == t.sentence[i] else { continue }
                    let key = words.joined(separator: " ")
                    if let found = rows[key] { match = (key, found); break }
                }
                guard let (key, found) = match else { continue }
                let percents = Set(found.map(\.percent.value))
                guard percents.count == 1, let row = found.first else { continue }
                out.append(StatedTotal(label: row.label, reportedPercent: n.value, source: [t.sources[i], row.source],
                                       restates: key))
            }
        }
        return out
    }

    /// Table rows by their folded label (first text cell), each with its one percentage cell.
    static func rows(_ tables: [Table]) -> [String: [Row]] {
        var out: [String: [Row]] = [:]
        for table in tables {
            let grid = table.grid, index = TableCellIndex(table)
            for r in table.headerRowCount..<table.rowCount {
                guard let lc = grid[r].firstIndex(where: { $0.hasWordLetter && SpanishNumber.parse($0) == nil }) else { continue }
                let label = grid[r][lc].collapsedWhitespace
                let percents = (0..<table.columnCount).compactMap { c -> (SpanishNumber, Int)? in
                    guard SpanishNumber.mayStatePercent(grid[r][c]),
                          let n = SpanishNumber.parse(grid[r][c].collapsedWhitespace), n.isPercent else { return nil }
                    return (n, c)
                }
                guard percents.count == 1, let (p, c) = percents.first, let cell = index.cell(r, c) else { continue }
                let key = label.folded.split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
                guard !key.isEmpty else { continue }
                out[key, default: []].append(Row(label: label, percent: p, source: cell.source))
            }
        }
        return out
    }
}
