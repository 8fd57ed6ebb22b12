import GRDB
import CotejoStore

/// What tests look at in a store beyond its public API: row counts, a table's columns, raw reads
/// and writes. A module of its own, for test targets only (as swift-argument-parser ships its test
/// helpers), so that the store's database stays private to everyone else.
extension Store {
    /// The rows of `table`, optionally only those matching an SQL condition.
    public func count(_ table: String, where condition: String? = nil) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"" + (condition.map { " WHERE \($0)" } ?? "")) ?? 0
        }
    }

    /// The column names of `table`.
    public func columns(of table: String) throws -> Set<String> {
        try writer.read { db in Set(try db.columns(in: table).map(\.name)) }
    }

    /// Every row of every table, ids and all, as text, tables by name (the full-text index's own
    /// tables and SQLite's left out): what "a second merge changes nothing" compares.
    public func everyRow() throws -> String {
        try writer.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'blocks_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
            return try tables.map { table in
                "\(table): " + (try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map(\.description).joined(separator: "\n"))
            }.joined(separator: "\n")
        }
    }

    /// Reads the database directly.
    public func read<T>(_ body: (Database) throws -> T) throws -> T { try writer.read(body) }

    /// Writes the database directly (to age a run, to damage a row on purpose).
    public func write<T>(_ body: (Database) throws -> T) throws -> T { try writer.write(body) }
}
