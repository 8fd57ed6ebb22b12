import CotejoModel

/// A cell while the stage works on it: its place and spans, its page and box, and its words.
struct GridCell: Sendable {
    var row: Int
    var column: Int
    var rowSpan: Int = 1
    var columnSpan: Int = 1
    var page: Int
    var box: BBox
    var words: [Word]
    var text: String

    /// `drawn`: the box is the cell's ruled rectangle (not just its words' extent), which lets a
    /// word broken at the cell's edge be told from two words.
    init(row: Int, column: Int, rowSpan: Int = 1, columnSpan: Int = 1, page: Int, box: BBox, words: [Word], drawn: Bool = false) {
        self.row = row; self.column = column; self.rowSpan = rowSpan; self.columnSpan = columnSpan
        self.page = page; self.box = box; self.words = words
        self.text = CellText.text(words, box: drawn ? box : nil)
    }

    var isEmpty: Bool { text.isEmpty }
    var bold: Bool { CellText.isBold(words) }
    func covers(row r: Int, column c: Int) -> Bool {
        r >= row && r < row + rowSpan && c >= column && c < column + columnSpan
    }
}

/// A table found on a page (or stitched over several), before it becomes a model `Table`.
/// Keeps what stitching needs: the column edges and the box on each page.
struct TableCandidate: Sendable {
    var pages: [Int]
    /// The box on the first page (for ordering and for the benchmark's region match).
    var box: BBox
    /// The box of the part on the last page, so a continuation can be looked for below it.
    var lastBox: BBox
    /// x of each column's left edge, then the last column's right edge: `columnCount + 1` values.
    var columnEdges: [Double]
    var rowCount: Int
    var cells: [GridCell]
    var headerRowCount = 0
    /// Drawn grid (true) or whitespace alignment (false): changes how much stitching trusts edges.
    var ruled: Bool

    var columnCount: Int { columnEdges.count - 1 }

    func cell(row: Int, column: Int) -> GridCell? {
        cells.first { $0.covers(row: row, column: column) }
    }

    /// Cells anchored in row `r`, left to right.
    func cells(inRow r: Int) -> [GridCell] {
        cells.filter { $0.row == r }.sorted { $0.column < $1.column }
    }

    /// The text at each slot, a merged cell's text in its top-left slot only.
    var anchoredGrid: [[String]] {
        var g = Array(repeating: Array(repeating: "", count: columnCount), count: rowCount)
        for c in cells where c.row < rowCount && c.column < columnCount { g[c.row][c.column] = c.text }
        return g
    }

    /// The model table; cell sources quote the cell's text with its page and box.
    func table(index: Int) -> Table {
        let out = cells.sorted { ($0.row, $0.column) < ($1.row, $1.column) }.map { c in
            Cell(row: c.row, column: c.column, rowSpan: c.rowSpan, columnSpan: c.columnSpan, text: c.text,
                 isHeader: c.row < headerRowCount,
                 source: Source(page: c.page, bbox: c.box.rounded, text: c.text))
        }
        return Table(index: index, pages: pages, rowCount: rowCount, columnCount: columnCount,
                     headerRowCount: headerRowCount, cells: out)
    }
}
