import Foundation
import GRDB
import CotejoStore

/// The store's schema as PostgreSQL holds it, read off the SQLite store's own migrations: a fresh
/// in-memory store is migrated, and its tables, columns, defaults, foreign keys and indexes are
/// written again in PostgreSQL's dialect. There is one definition of the schema, the migrations;
/// a column added there is in PostgreSQL the next time a new store is made.
///
/// Left out: SQLite's full-text tables (PostgreSQL searches with its own, `SpanishSearch`) and the
/// views made for Datasette.
struct PostgresSchema: Sendable {
    enum ColumnType: Sendable { case integer, double, boolean, text }

    struct Column: Sendable {
        var name: String
        var type: ColumnType
        var notNull: Bool
        var defaultSQL: String?
        var isIdentity: Bool
    }

    struct ForeignKey: Sendable {
        var column: String
        var table: String
        var cascades: Bool
    }

    struct Index: Sendable {
        var name: String
        var unique: Bool
        var columns: [String]
    }

    struct TableSchema: Sendable {
        var name: String
        var columns: [Column]
        var primaryKey: [String]
        var foreignKeys: [ForeignKey]
        var indexes: [Index]

        var hasIdentity: Bool { columns.contains { $0.isIdentity } }
        var columnNames: [String] { columns.map(\.name) }
        func column(_ name: String) -> Column? { columns.first { $0.name == name } }
    }

    /// Tables in the order the migrations made them: a table comes after those it points at.
    var tables: [TableSchema]
    /// The migrations this schema is the result of, in order.
    var migrations: [String]

    func table(_ name: String) -> TableSchema? { tables.first { $0.name == name } }

    /// The schema of this version of Cotejo.
    static let current: PostgresSchema = {
        do { return try read(Store()) } catch { fatalError("the store's own migrations cannot be read: \(error)") }
    }()

    static func read(_ store: Store) throws -> PostgresSchema {
        try store.writer.read { db in
            let names = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
                AND name NOT IN (SELECT name FROM pragma_table_list WHERE type IN ('virtual', 'shadow')) ORDER BY rowid
                """)
            var tables: [TableSchema] = []
            for name in names {
                let info = try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)", arguments: [name])
                let keyed = info.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
                let columns = info.map { row -> Column in
                    let declared = (row["type"] as String).uppercased()
                    let type: ColumnType = declared.contains("INT") ? .integer
                        : declared.contains("BOOL") ? .boolean
                        : (declared.contains("DOUB") || declared.contains("REAL") || declared.contains("FLOA")) ? .double : .text
                    let column: String = row["name"]
                    // SQLite's INTEGER PRIMARY KEY is the row id: PostgreSQL gives it an identity.
                    let identity = keyed == [column] && type == .integer
                    var defaultSQL: String? = row["dflt_value"]
                    if type == .boolean, let d = defaultSQL { defaultSQL = (d == "0" || d.lowercased() == "false") ? "FALSE" : "TRUE" }
                    return Column(name: column, type: identity ? .integer : type, notNull: (row["notnull"] as Int) != 0 || identity,
                                  defaultSQL: defaultSQL, isIdentity: identity)
                }
                let keys = try Row.fetchAll(db, sql: "SELECT \"from\", \"table\", on_delete FROM pragma_foreign_key_list(?)", arguments: [name]).map {
                    ForeignKey(column: $0["from"], table: $0["table"], cascades: ($0["on_delete"] as String) == "CASCADE")
                }
                var indexes: [Index] = []
                for index in try Row.fetchAll(db, sql: "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)", arguments: [name]) {
                    guard (index["origin"] as String) != "pk", (index["partial"] as Int) == 0 else { continue }
                    let indexName: String = index["name"]
                    let indexColumns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [indexName])
                    indexes.append(Index(name: indexName.hasPrefix("sqlite_autoindex_") ? "\(name)_unique_\(indexes.count)" : indexName,
                                         unique: (index["unique"] as Int) != 0, columns: indexColumns))
                }
                tables.append(TableSchema(name: name, columns: columns, primaryKey: keyed, foreignKeys: keys, indexes: indexes))
            }
            let migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            return PostgresSchema(tables: tables, migrations: migrations)
        }
    }

    /// The statements that make the schema in an empty PostgreSQL database.
    var statements: [String] { tables.flatMap { create($0) } }

    /// The statements that bring a database made by an earlier Cotejo up to this schema, given
    /// the columns of each table it has and the names of its indexes. Migrations add tables,
    /// columns and indexes, and so does this; a column a migration added to SQLite with a default
    /// gets the same default here. (A migration that renamed or dropped a column would need its own
    /// statement here: none has so far.)
    func upgrade(columns present: [String: Set<String>], indexes presentIndexes: Set<String>) -> [String] {
        var out: [String] = []
        for table in tables {
            guard let have = present[table.name] else { out += create(table); continue }
            for column in table.columns where !have.contains(column.name) {
                var sql = "ALTER TABLE \(quoted(table.name)) ADD COLUMN \(definition(column))"
                if let key = table.foreignKeys.first(where: { $0.column == column.name }) {
                    sql += " REFERENCES \(quoted(key.table))\(key.cascades ? " ON DELETE CASCADE" : "")"
                }
                out.append(sql)
            }
            out += indexes(of: table).filter { !presentIndexes.contains($0.name) }.map(\.sql)
        }
        return out
    }

    private func definition(_ c: Column) -> String {
        if c.isIdentity { return "\(quoted(c.name)) BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" }
        var sql = "\(quoted(c.name)) \(Self.sqlType(c.type))"
        if c.notNull { sql += " NOT NULL" }
        if let d = c.defaultSQL { sql += " DEFAULT \(d)" }
        return sql
    }

    private func create(_ table: TableSchema) -> [String] {
        var parts = table.columns.map(definition)
        if !table.hasIdentity, !table.primaryKey.isEmpty {
            parts.append("PRIMARY KEY (\(table.primaryKey.map(quoted).joined(separator: ", ")))")
        }
        for key in table.foreignKeys {
            parts.append("FOREIGN KEY (\(quoted(key.column))) REFERENCES \(quoted(key.table))\(key.cascades ? " ON DELETE CASCADE" : "")")
        }
        return ["CREATE TABLE \(quoted(table.name)) (\(parts.joined(separator: ", ")))"] + indexes(of: table).map(\.sql)
    }

    private func indexes(of table: TableSchema) -> [(name: String, sql: String)] {
        table.indexes.map { index in
            (index.name, "CREATE \(index.unique ? "UNIQUE " : "")INDEX \(quoted(index.name)) ON \(quoted(table.name)) (\(index.columns.map(quoted).joined(separator: ", ")))")
        }
    }

    static func sqlType(_ type: ColumnType) -> String {
        switch type {
        case .integer: "BIGINT"
        case .double: "DOUBLE PRECISION"
        case .boolean: "BOOLEAN"
        case .text: "TEXT"
        }
    }
}

/// An identifier as SQL writes it, so that `row`, `column` and `values` stay names.
func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
