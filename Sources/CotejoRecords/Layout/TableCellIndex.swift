import CotejoModel

/// The cell covering each slot of a table, found once: a lookup per figure must not scan the table
/// (sheets run to thousands of rows). Cells merged over more than 10.000 slots are formatting, not
/// content, and are left out.
public struct TableCellIndex: Sendable {
    private var slots: [Int: Int] = [:]
    private let table: Table

    public init(_ table: Table) {
        self.table = table
        for (i, cell) in table.cells.enumerated() where cell.rowSpan * cell.columnSpan <= 10_000 {
            for r in cell.row..<(cell.row + cell.rowSpan) {
                for c in cell.column..<(cell.column + cell.columnSpan) { slots[r * 100_000 + c] = i }
            }
        }
    }

    public func cell(_ r: Int, _ c: Int) -> Cell? { slots[r * 100_000 + c].map { table.cells[$0] } }

    /// True when (r, c) holds a cell of its own, not a slot of a merged one.
    public func isSingle(_ r: Int, _ c: Int) -> Bool {
        guard let cell = cell(r, c) else { return false }
        return cell.row == r && cell.column == c && cell.rowSpan == 1 && cell.columnSpan == 1
    }
}
