import CotejoModel

/// Decides, from the words alone, whether a page may hold a table, so that only such pages pay
/// for a render to find rulings (a render costs several times the text extraction; most pages of
/// reports are prose).
///
/// A table shows as rows of words split by wide gaps: three or more text rows with a gap of at
/// least about one em between neighbouring words. Justified prose has no such gaps; a running
/// header or footer table does, so the top and bottom bands of the page are not counted.
enum TabularTextGate {
    static let minimumRows = 3

    static func mayHoldTable(wordBoxes: [BBox], pageHeight: Double) -> Bool {
        let body = wordBoxes.filter { $0.y0 > pageHeight * 0.12 && $0.y1 < pageHeight * 0.9 && $0.height > 0 }
        guard body.count >= 6 else { return false }
        // Rows: words whose vertical extents overlap, left to right.
        let rows = body.sorted(by: { $0.midY < $1.midY }).visualRows(box: { $0 }, anchor: .first)
        var tabular = 0
        for row in rows where row.count >= 2 {
            let sorted = row.sorted { $0.x0 < $1.x0 }
            let em = sorted.map(\.height).sorted()[sorted.count / 2]
            let wide = zip(sorted, sorted.dropFirst()).contains { a, b in b.x0 - a.x1 >= max(4, 0.9 * em) }
            if wide { tabular += 1; if tabular >= minimumRows { return true } }
        }
        return false
    }
}
