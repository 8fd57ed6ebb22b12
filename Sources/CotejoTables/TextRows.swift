import CotejoModel

/// A visual row of a page: the line pieces that share a baseline band, left to right. The layout
/// already split pieces at wide gaps and at vertical rulings, so a row with several pieces is a
/// candidate table row, and a row with one piece is prose, a heading or a cell's wrapped line.
struct TextRow: Sendable {
    var pieces: [TextLine]
    var box: BBox

    var words: [Word] { pieces.flatMap(\.words) }
    var height: Double { box.height }

    /// Rows of the page's body lines, top to bottom.
    static func rows(of lines: [TextLine]) -> [TextRow] {
        var rows: [TextRow] = []
        for line in lines.sorted(by: { ($0.bbox!.midY, $0.bbox!.x0) < ($1.bbox!.midY, $1.bbox!.x0) }) {
            let box = line.bbox!
            // Join the row whose band holds this line's middle (the last few rows only: rows are
            // sorted by their middles, so an earlier row cannot overlap a later line).
            if let i = rows.indices.suffix(3).last(where: { k in
                let b = rows[k].box
                return b.verticalOverlap(box) >= 0.5
                    && !rows[k].pieces.contains { $0.bbox!.horizontalOverlap(box) > 0 }
            }) {
                rows[i].pieces.append(line)
                rows[i].box = rows[i].box.union(box)
            } else {
                rows.append(TextRow(pieces: [line], box: box))
            }
        }
        for i in rows.indices { rows[i].pieces.sort { $0.bbox!.x0 < $1.bbox!.x0 } }
        return rows.sorted { $0.box.y0 < $1.box.y0 }
    }
}
