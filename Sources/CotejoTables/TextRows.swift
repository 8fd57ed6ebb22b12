import CotejoModel

/// A visual row of a page: the line pieces that share a baseline band, left to right. The layout
/// already split pieces at wide gaps and at vertical rulings, so a row with several pieces is a
/// candidate table row, and a row with one piece is prose, a heading or a cell's wrapped line.
struct TextRow: Sendable {
    var pieces: [TextLine]
    var box: BBox

    var words: [Word] { pieces.flatMap(\.words) }
    var height: Double { box.height }

    /// Rows of the page's body lines, top to bottom. A line joins the row whose band holds its middle,
    /// among the last three (rows are sorted by their middles, so an earlier row cannot overlap a later
    /// line), unless a piece of that row stands over it: two pieces above each other are two rows.
    static func rows(of lines: [TextLine]) -> [TextRow] {
        lines.sorted(by: { ($0.bbox!.midY, $0.bbox!.x0) < ($1.bbox!.midY, $1.bbox!.x0) })
            .visualRows(box: { $0.bbox! }, anchor: .band, lookBack: 3, choosing: .latest, admits: { row, line in
                !row.contains { $0.bbox!.horizontalOverlap(line.bbox!) > 0 }
            })
            .map { pieces in
                TextRow(pieces: pieces.sorted { $0.bbox!.x0 < $1.bbox!.x0 },
                        box: pieces.dropFirst().reduce(pieces[0].bbox!) { $0.union($1.bbox!) })
            }
            .sorted { $0.box.y0 < $1.box.y0 }
    }
}
