import CotejoModel

/// Stitches tables of flowing formats (text exported from a PDF, Word files) that a page break cut
/// in two: fragments of the same page flow, with the same number of columns, separated only by page
/// furniture (an approval block, a running footer), are one table. The first row after the break
/// continues the last row before it when it reads as a continuation: it starts in lower case, or
/// it leaves empty the columns that every whole row fills.
public enum FlowTableStitcher {
    public static func stitch(_ content: DocumentContent) -> DocumentContent {
        var content = content
        content.tables = content.tables.map(SubHeaderRows.extend)
        guard content.tables.count > 1, content.tables.allSatisfy({ $0.anchor != nil }) else { return content }
        var result: [Table] = []
        for table in content.tables {
            guard let previous = result.last, previous.columnCount == table.columnCount,
                  previous.pages.last == table.pages.first,
                  onlyFurnitureBetween(previous, table, in: content) else {
                result.append(table); continue
            }
            result[result.count - 1] = join(previous, table)
        }
        content.tables = result.enumerated().map { i, t in var t = t; t.index = i + 1; return t }
        return content
    }

    /// True when every block between the two tables' anchors on their page is furniture (and there
    /// is at least one: two tables that touch are two tables).
    static func onlyFurnitureBetween(_ a: Table, _ b: Table, in content: DocumentContent) -> Bool {
        guard let page = content.pages.first(where: { $0.number == b.pages.first }),
              let from = a.anchor, let to = b.anchor, to > from, to <= page.blocks.count else { return false }
        let between = page.blocks[from..<to]
        return between.allSatisfy { $0.role == .furniture || $0.text.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    static func join(_ a: Table, _ b: Table) -> Table {
        var cells = a.cells
        // A header repeated after the break is dropped.
        let skip = b.headerRowCount > 0 && headerTexts(b) == headerTexts(a) ? b.headerRowCount : 0
        let merge = a.rowCount > a.headerRowCount && b.rowCount > skip && continues(b, row: skip, after: a)
        let last = a.rowCount - 1
        for c in b.cells where c.row >= skip {
            if merge && c.row == skip {
                // The cut row: each cell's text joined to the text above the break.
                guard !c.text.isEmpty else { continue }
                if let i = cells.firstIndex(where: { $0.row == last && $0.column == c.column }) {
                    cells[i].text = cells[i].text.isEmpty ? c.text : cells[i].text + " " + c.text
                    cells[i].source = cells[i].source.quoting(cells[i].text)
                } else {
                    var moved = c; moved.row = last; cells.append(moved)
                }
                continue
            }
            var moved = c
            moved.row = a.rowCount + c.row - skip - (merge ? 1 : 0)
            moved.isHeader = false
            cells.append(moved)
        }
        let rows = cells.map { $0.row + $0.rowSpan }.max() ?? 0
        return Table(index: a.index, pages: Array(Set(a.pages + b.pages)).sorted(), rowCount: rows, columnCount: a.columnCount,
                     headerRowCount: a.headerRowCount, cells: cells, anchor: a.anchor)
    }

    static func headerTexts(_ t: Table) -> [String] {
        t.cells.filter { $0.row < t.headerRowCount }.sorted { ($0.row, $0.column) < ($1.row, $1.column) }.map(\.text)
    }

    /// Does row `r` of `b` continue the last row of `a`?
    static func continues(_ b: Table, row r: Int, after a: Table) -> Bool {
        let row = b.cells.filter { $0.row == r }.sorted { $0.column < $1.column }
        guard let first = row.first(where: { !$0.text.isEmpty }) else { return false }
        if let ch = first.text.first, ch.isLetter, ch.isLowercase { return true }
        // Columns every whole row fills, left empty here.
        let body = (a.headerRowCount..<a.rowCount)
        guard body.count >= 2 else { return false }
        let index = TableCellIndex(a)
        let always = (0..<a.columnCount).filter { c in
            body.allSatisfy { r in !(index.cell(r, c)?.text.isEmpty ?? true) }
        }
        return !always.isEmpty && always.contains { c in row.first { $0.column == c }?.text.isEmpty ?? true }
    }
}
