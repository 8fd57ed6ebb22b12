/// The cell covering each slot of a table, found once: a look-up per figure must not scan the
/// table (sheets run to thousands of rows, and a reader asks for each cell many times). Every stage
/// that looks a cell up by row and column goes through one; `Table.cell(row:column:)` builds one
/// for a single look-up. Cells merged over more than 10.000 slots are formatting, not content, and
/// are left out.
public struct TableCellIndex: Sendable {
    /// Per slot (row-major), the position of its cell in `table.cells`, or -1.
    private var slots: [Int32]
    private let table: Table

    public init(_ table: Table) {
        self.table = table
        slots = table.cellSlots
    }

    public func cell(_ r: Int, _ c: Int) -> Cell? {
        guard r >= 0, c >= 0, r < table.rowCount, c < table.columnCount else { return nil }
        let i = slots[r * table.columnCount + c]
        return i < 0 ? nil : table.cells[Int(i)]
    }

    /// True when (r, c) holds a cell of its own, not a slot of a merged one.
    public func isSingle(_ r: Int, _ c: Int) -> Bool {
        guard let cell = cell(r, c) else { return false }
        return cell.row == r && cell.column == c && cell.rowSpan == 1 && cell.columnSpan == 1
    }
}
