/// Tidies a grid after cells are filled: a grid line that no cell uses as an edge (a ruling
/// stub, a line of a merged region) does not make a column, and rows or columns with no text
/// (the thin gap of a double rule, a blank spacer row) are dropped. Spans shrink to match.
enum GridCompaction {
    static func compact(_ table: TableCandidate) -> TableCandidate {
        let t = table
        // Boundaries between slots k-1 and k: used when some cell starts or ends there.
        func usedBoundaries(count: Int, start: (GridCell) -> Int, span: (GridCell) -> Int) -> Set<Int> {
            var used: Set<Int> = [0]
            for c in t.cells { used.insert(start(c)); used.insert(start(c) + span(c)) }
            return used
        }
        let rowBounds = usedBoundaries(count: t.rowCount, start: \.row, span: \.rowSpan)
        let colBounds = usedBoundaries(count: t.columnCount, start: \.column, span: \.columnSpan)

        // A slot holds text when a non-empty cell is anchored in it.
        var rowHasText = Array(repeating: false, count: t.rowCount)
        var colHasText = Array(repeating: false, count: t.columnCount)
        for c in t.cells where !c.isEmpty {
            rowHasText[c.row] = true
            colHasText[c.column] = true
        }
        let keepRow = (0..<t.rowCount).map { rowBounds.contains($0) && rowHasText[$0] }
        // A column keeps its place when a non-empty cell starts there; a slot whose left edge is not
        // used folds into the slot before it.
        let keepCol = (0..<t.columnCount).map { colBounds.contains($0) && colHasText[$0] }
        return remap(t, keepRow: keepRow, keepCol: keepCol)
    }

    /// Rebuilds the grid keeping only the marked slots.
    static func remap(_ table: TableCandidate, keepRow: [Bool], keepCol: [Bool]) -> TableCandidate {
        var t = table
        func prefix(_ keep: [Bool]) -> [Int] {
            var p = [0]
            for k in keep { p.append(p.last! + (k ? 1 : 0)) }
            return p
        }
        let pr = prefix(keepRow), pc = prefix(keepCol)
        var cells: [GridCell] = []
        for var c in t.cells {
            let r0 = pr[c.row], r1 = pr[min(keepRow.count, c.row + c.rowSpan)]
            let c0 = pc[c.column], c1 = pc[min(keepCol.count, c.column + c.columnSpan)]
            guard r1 > r0, c1 > c0 else { continue }
            c.row = r0; c.rowSpan = r1 - r0; c.column = c0; c.columnSpan = c1 - c0
            cells.append(c)
        }
        // A merged slot's left edge goes; the right edge of the table stays.
        var edges: [Double] = []
        for (k, keep) in keepCol.enumerated() where keep { edges.append(t.columnEdges[k]) }
        edges.append(t.columnEdges.last!)
        if keepCol.first == false, let firstKept = keepCol.firstIndex(of: true) {
            edges[0] = t.columnEdges[firstKept]
        }
        t.cells = cells
        t.rowCount = pr.last!
        t.columnEdges = edges
        t.headerRowCount = pr[min(keepRow.count, t.headerRowCount)]
        return t
    }
}
