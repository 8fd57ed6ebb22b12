import CotejoModel

/// Finds header rows a reader did not mark: a second header row under merged cells ("META
/// TRIMESTRE 1 … RESULTADO" under "2021") reads, in a flat export such as TSV, as a row whose key
/// column is empty while every body row fills it, and which holds words only.
public enum SubHeaderRows {
    public static func extend(_ table: Table) -> Table {
        guard table.headerRowCount >= 1, table.rowCount > table.headerRowCount + 1 else { return table }
        var table = table
        let grid = table.grid
        var n = table.headerRowCount
        while n < table.rowCount - 1 {
            let row = grid[n]
            let later = grid[(n + 1)...]
            let keyFilled = later.filter { !$0[0].isEmpty }.count
            guard row[0].isEmpty, Double(keyFilled) >= Double(later.count) * 0.8,
                  row.contains(where: { !$0.isEmpty }),
                  row.allSatisfy({ $0.isEmpty || $0.contains(where: \.isLetter) }) else { break }
            n += 1
        }
        guard n > table.headerRowCount else { return table }
        table.headerRowCount = n
        for i in table.cells.indices where table.cells[i].row < n { table.cells[i].isHeader = true }
        return table
    }
}
