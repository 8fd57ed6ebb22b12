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
        let body = table.cells.filter { $0.row > r && !$0.isEmpty }
        guard !body.isEmpty else { return false }
        let allBold = cells.allSatisfy(\.bold)
        let bodyBold = body.filter(\.bold).count * 2 > body.count
        if allBold && !bodyBold { return true }
        // Words only, above a body with figures: the labels of the columns. Years are labels too.
        let labels = cells.allSatisfy { !NumberText.isFigure($0.text) || NumberText.isYear($0.text) }
        let bodyFigures = body.filter { NumberText.isFigure($0.text) && !NumberText.isYear($0.text) }.count
        return labels && bodyFigures * 5 >= body.count && r == 0
    }
}
