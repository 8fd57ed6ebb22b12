import CotejoModel

/// Header rows: the leading rows whose cells read as labels (bold, or words only above rows of
/// figures). A cell of the first row that spans several rows (ITEM over a two-row header whose
/// other columns split into "META TRIMESTRE 1…4") carries the header down with it.
enum HeaderRows {
    static func count(in table: TableCandidate) -> Int {
        guard table.rowCount >= 2 else { return 0 }
        var count = 0
        while count < table.rowCount - 1, isHeaderLike(row: count, in: table) { count += 1 }
        guard count > 0 else { return 0 }
        // Rows covered by a spanning cell of the header belong to the header.
        var extended = count
        var changed = true
        while changed {
            changed = false
            for c in table.cells where c.row < extended && c.row + c.rowSpan > extended && c.rowSpan > 1 {
                extended = c.row + c.rowSpan; changed = true
            }
        }
        return min(extended, table.rowCount - 1)
    }

    static func isHeaderLike(row r: Int, in table: TableCandidate) -> Bool {
        let cells = table.cells(inRow: r).filter { !$0.isEmpty }
        guard !cells.isEmpty else { return false }
        // The rows below, counted without copying them (every row of every candidate asks).
        var bodyCount = 0, bodyBold = 0
        for c in table.cells where c.row > r && !c.isEmpty {
            bodyCount += 1
            if c.bold { bodyBold += 1 }
        }
        guard bodyCount > 0 else { return false }
        if cells.allSatisfy(\.bold) && !(bodyBold * 2 > bodyCount) { return true }
        // Words only, above a body with figures: the labels of the columns. Years are labels too.
        guard r == 0, cells.allSatisfy({ !NumberText.isFigure($0.text) || NumberText.isYear($0.text) }) else { return false }
        var bodyFigures = 0
        for c in table.cells where c.row > r && !c.isEmpty && NumberText.isFigure(c.text) && !NumberText.isYear(c.text) {
            bodyFigures += 1
        }
        return bodyFigures * 5 >= bodyCount
    }
}
