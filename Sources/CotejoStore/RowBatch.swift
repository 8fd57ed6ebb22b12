import GRDB

/// Rows for one table, written many to a statement: each statement costs a run of SQLite's
/// machine and, on `blocks`, a savepoint of the full-text index its trigger writes to (5 % of a
/// PDF's processing when each block had its own). Rows keep their order, so their ids come out
/// as one row at a time would give them.
struct RowBatch {
    let table: String
    let columns: [String]
    /// Bound values per statement: far below SQLite's limit (32,766).
    static let maxParameters = 999
    let rowsPerStatement: Int
    private var values: [DatabaseValue] = []
    private var rows = 0

    /// The statement for a full batch, written once.
    private let fullSQL: String

    init(_ table: String, columns: [String]) {
        self.table = table; self.columns = columns
        rowsPerStatement = max(1, Self.maxParameters / columns.count)
        fullSQL = Self.sql(table, columns, rows: rowsPerStatement)
    }

    private static func sql(_ table: String, _ columns: [String], rows: Int) -> String {
        let one = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO \(table) (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES "
            + Array(repeating: one, count: rows).joined(separator: ", ")
    }

    mutating func append(_ row: [(any DatabaseValueConvertible)?], db: Database) throws {
        precondition(row.count == columns.count, "a row of \(row.count) values for \(columns.count) columns of \(table)")
        for v in row { values.append(v?.databaseValue ?? .null) }
        rows += 1
        if rows == rowsPerStatement { try flush(db) }
    }

    /// Writes what is pending; call before the transaction ends.
    mutating func flush(_ db: Database) throws {
        guard rows > 0 else { return }
        // Full statements are all alike and prepared once; only a last, shorter one differs.
        let sql = rows == rowsPerStatement ? fullSQL : Self.sql(table, columns, rows: rows)
        var insert = try DirectInsert(db, sql: sql)
        for v in values { insert.value(v) }
        try insert.run(db)
        values.removeAll(keepingCapacity: true)
        rows = 0
    }
}
