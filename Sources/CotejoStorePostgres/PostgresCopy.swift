import Foundation
import GRDB
import CotejoStore

/// Moving rows between a SQLite store and PostgreSQL, table by table as the schema lists them:
/// `publish` pushes what a process read (with new ids, its foreign keys following), `mirror` pulls
/// the shared store into SQLite (ids kept) for the commands that read a store.
extension PostgresStore {
    /// What became of a document a process read.
    public enum Publication: Sendable, Equatable {
        /// Stored, and its claim marked done.
        case stored
        /// Another process took the claim over (this one's lease ran out): nothing was written.
        case takenOver
    }

    /// The tables whose rows hang off a document (through `document_id`, or through a table that
    /// does), in the order they are made.
    var documentTables: [PostgresSchema.TableSchema] {
        var under: Set<String> = ["documents"]
        var out: [PostgresSchema.TableSchema] = []
        for table in schema.tables where table.name != "documents" {
            if table.foreignKeys.contains(where: { under.contains($0.table) }) {
                under.insert(table.name)
                out.append(table)
            }
        }
        return out
    }

    /// Tables whose ids other rows point at: their rows get new ids from PostgreSQL, and a map.
    var referencedTables: Set<String> {
        Set(schema.tables.flatMap { $0.foreignKeys.map(\.table) }).union(Store.sourceOwners.values)
    }

    /// Publishes every document of `local` (a process's own store, holding what it read for one
    /// claim) in one transaction: earlier copies of the same bytes, and older bytes at the same
    /// path, are replaced, as the SQLite store's `save` does; the paths the bytes were found at and
    /// the entries the run passed over come along; the claim is marked done. When the claim is no
    /// longer this process's, nothing is written.
    public func publish(from local: Store, runID: Int64, claim: WorkItem, owner: String) throws -> Publication {
        try session.transaction {
            // Not while the checks across documents rewrite their findings from a snapshot: a
            // document replaced meanwhile would leave them pointing at a document that is gone.
            try session.execute("SELECT pg_advisory_xact_lock_shared(\(Self.crossDocumentLock))")
            guard try WorkQueue.holds(claim, owner: owner, session: session) else { return .takenOver }
            try local.writer.read { db in
                var maps: [String: [Int64: Int64]] = ["runs": [:]]
                for run in try Int64.fetchAll(db, sql: "SELECT id FROM runs") { maps["runs"]![run] = runID }
                let documents = schema.table("documents")!
                for document in try Row.fetchAll(db, sql: "SELECT id, sha256, path, processed_at FROM documents ORDER BY id") {
                    let sha: String? = document["sha256"]
                    let path: String = document["path"]
                    let processedAt: String = document["processed_at"]
                    if let sha {
                        try session.execute("DELETE FROM documents WHERE sha256 = $1 OR (path = $2 AND (sha256 IS NULL OR sha256 <> $1) AND processed_at < $3)",
                                            [.text(sha), .text(path), .text(processedAt)])
                    } else {
                        try session.execute("DELETE FROM documents WHERE path = $1 AND sha256 IS NULL", [.text(path)])
                    }
                    try copy(from: db, "SELECT * FROM documents WHERE id = ?", [document["id"]], of: documents, maps: &maps)
                }
                for table in documentTables {
                    try copy(from: db, "SELECT * FROM \(quoted(table.name)) ORDER BY rowid", of: table, maps: &maps)
                }
                for file in try Row.fetchAll(db, sql: "SELECT sha256, path, first_seen, last_seen FROM document_files") {
                    try session.execute("""
                        INSERT INTO document_files (sha256, path, first_seen, last_seen) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (sha256, path) DO UPDATE SET first_seen = LEAST(document_files.first_seen, excluded.first_seen),
                                                                 last_seen = GREATEST(document_files.last_seen, excluded.last_seen)
                        """, [.text(file["sha256"]), .text(file["path"]), .text(file["first_seen"]), .text(file["last_seen"])])
                }
                if let skipped = schema.table("skipped_files") {
                    try copy(from: db, "SELECT * FROM skipped_files ORDER BY id", of: skipped, maps: &maps)
                }
            }
            try WorkQueue.complete(claim, session: session)
            return .stored
        }
    }

    /// Copies the rows `sql` selects (`SELECT *` of `table`, in a SQLite store with this schema) into
    /// `table`, streaming them. Foreign keys go through `maps` (the other store's id → this one's);
    /// a table other rows point at gets new ids reserved from its sequence, and its map is extended.
    func copy(from db: Database, _ sql: String, _ arguments: StatementArguments = [], of table: PostgresSchema.TableSchema,
              maps: inout [String: [Int64: Int64]]) throws {
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(sql))", arguments: arguments) ?? 0
        guard count > 0 else { return }
        let keepsIDs = referencedTables.contains(table.name) && table.hasIdentity
        var newIDs: [Int64] = []
        if keepsIDs {
            newIDs = try session.rows("SELECT nextval(pg_get_serial_sequence($1, 'id'))::text FROM generate_series(1, $2)",
                                      [.text(quoted(table.name)), .integer(Int64(count))]).compactMap { $0[0].flatMap(Int64.init) }
        }
        // What each column of `SELECT *` (the table's columns in their declared order) becomes.
        enum Plan { case newID, mapped(String), owner, value(PostgresSchema.ColumnType), skipped }
        let keys = Dictionary(table.foreignKeys.map { ($0.column, $0.table) }, uniquingKeysWith: { a, _ in a })
        let plans: [Plan] = table.columns.map { column in
            if column.isIdentity { return keepsIDs ? .newID : .skipped }
            // `sources.owner_id` points into the table its `owner` names.
            if table.name == "sources", column.name == "owner_id" { return .owner }
            if let target = keys[column.name] { return .mapped(target) }
            return .value(column.type)
        }
        let ownerIndex = table.columns.firstIndex { $0.name == "owner" }
        let columns = zip(table.columns, plans).compactMap { column, plan -> String? in if case .skipped = plan { nil } else { column.name } }
        var out = CopyRows()
        var map = maps[table.name] ?? [:]
        var k = 0
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            var values: [String?] = []
            values.reserveCapacity(columns.count)
            for (index, plan) in plans.enumerated() {
                let value: DatabaseValue = row[index]
                switch plan {
                case .skipped: continue
                case .newID:
                    guard k < newIDs.count, let old = Int64.fromDatabaseValue(value) else {
                        throw PostgresProblem(address: address, detail: "\(table.name) changed while it was copied")
                    }
                    values.append(String(newIDs[k]))
                    map[old] = newIDs[k]
                case .value(let type):
                    values.append(Self.text(value, as: type))
                case .mapped, .owner:
                    var target: String?
                    if case .mapped(let t) = plan { target = t }
                    if case .owner = plan, let ownerIndex, let owner = String.fromDatabaseValue(row[ownerIndex]) { target = Store.sourceOwners[owner] }
                    guard let old = Int64.fromDatabaseValue(value) else { values.append(nil); continue }
                    guard let target, let new = maps[target]?[old] else {
                        throw PostgresProblem(address: address, detail: "\(table.name).\(table.columns[index].name) points at \(target ?? "?") \(old), which was not copied")
                    }
                    values.append(String(new))
                }
            }
            out.append(values)
            k += 1
        }
        out.flush()
        if keepsIDs { maps[table.name] = map }
        try session.copy(into: table.name, columns: columns, rows: out)
    }

    /// A SQLite value as PostgreSQL reads it in a column of `type`.
    static func text(_ value: DatabaseValue, as type: PostgresSchema.ColumnType) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let i): return type == .boolean ? (i != 0 ? "t" : "f") : String(i)
        case .double(let d):
            if d.isNaN { return "NaN" }
            if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
            return type == .integer && d == d.rounded() && abs(d) < 9e18 ? String(Int64(d)) : "\(d)"
        case .string(let s): return s
        case .blob(let data): return "\\x" + data.map { String(format: "%02x", $0) }.joined()
        }
    }

    // MARK: Mirror

    /// Which rows `mirror` pulls.
    public enum MirrorScope: Sendable {
        /// Every table: what export, report and the query commands read.
        case everything
        /// Runs, documents, totals, findings and the sources of totals: what the checks across
        /// documents read and rewrite.
        case crossDocument
    }

    /// The shared store pulled into a new in-memory SQLite store, ids and all.
    public func mirror(_ scope: MirrorScope = .everything) throws -> Store {
        let store = try Store()
        let wanted: Set<String>? = scope == .everything ? nil : ["runs", "documents", "totals", "findings", "sources"]
        try store.writer.write { db in
            for table in schema.tables where wanted?.contains(table.name) ?? true {
                let select = table.columns.map { c in c.type == .boolean ? "(t.\(quoted(c.name)))::int::text" : "(t.\(quoted(c.name)))::text" }
                let insert = "INSERT INTO \(quoted(table.name)) (\(table.columns.map { quoted($0.name) }.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: table.columns.count).joined(separator: ", ")))"
                let statement = try db.cachedStatement(sql: insert)
                // The checks across documents need only the sources of totals.
                let kept = scope == .crossDocument && table.name == "sources" ? ["owner = 'total'"] : []
                let identity = table.columns.first { $0.isIdentity }?.name
                var last: Int64 = .min
                while true {
                    // Tables with ids come in pages of 20,000 rows, in id order.
                    // The table is named `t` so that ordering is by its columns, not by the text the
                    // select prints under the same names.
                    let filter = (kept + (identity.map { ["t.\(quoted($0)) > \(last)"] } ?? [])).joined(separator: " AND ")
                    let order = identity.map { "t." + quoted($0) } ?? table.primaryKey.map { "t." + quoted($0) }.joined(separator: ", ")
                    let rows = try session.rows("SELECT \(select.joined(separator: ", ")) FROM \(quoted(table.name)) AS t\(filter.isEmpty ? "" : " WHERE " + filter) ORDER BY \(order)\(identity != nil ? " LIMIT 20000" : "")")
                    for row in rows {
                        let values = zip(table.columns, row).map { column, text in Self.value(text, as: column.type) }
                        try statement.execute(arguments: StatementArguments(values))
                    }
                    guard let identity, let lastRow = rows.last,
                          let index = table.columns.firstIndex(where: { $0.name == identity }),
                          let id = lastRow[index].flatMap(Int64.init) else { break }
                    last = id
                }
            }
        }
        return store
    }

    /// A PostgreSQL value, printed as text, as SQLite stores it in a column of `type`.
    static func value(_ text: String?, as type: PostgresSchema.ColumnType) -> DatabaseValue {
        guard let text else { return .null }
        switch type {
        case .integer, .boolean: return Int64(text).map(\.databaseValue) ?? text.databaseValue
        case .double:
            switch text {
            case "Infinity": return Double.infinity.databaseValue
            case "-Infinity": return (-Double.infinity).databaseValue
            case "NaN": return Double.nan.databaseValue
            default: return Double(text).map(\.databaseValue) ?? text.databaseValue
            }
        case .text: return text.databaseValue
        }
    }

    // MARK: Checks across documents

    /// Replaces the shared store's findings of `rule` with those `mirror` holds (a `.crossDocument`
    /// mirror the checks across documents rewrote), in one transaction. Documents keep their ids in
    /// a mirror, so the findings land on the same documents.
    public func replaceFindings(rule: String, from mirror: Store) throws {
        try session.transaction {
            try session.execute("DELETE FROM sources WHERE owner = 'finding' AND owner_id IN (SELECT id FROM findings WHERE rule = $1)", [.text(rule)])
            try session.execute("DELETE FROM findings WHERE rule = $1", [.text(rule)])
            try mirror.writer.read { db in
                var maps: [String: [Int64: Int64]] = [:]
                maps["runs"] = Dictionary(uniqueKeysWithValues: try Int64.fetchAll(db, sql: "SELECT id FROM runs").map { ($0, $0) })
                maps["documents"] = Dictionary(uniqueKeysWithValues: try Int64.fetchAll(db, sql: "SELECT id FROM documents").map { ($0, $0) })
                try copy(from: db, "SELECT * FROM findings WHERE rule = ? ORDER BY id", [rule], of: schema.table("findings")!, maps: &maps)
                try copy(from: db, """
                    SELECT * FROM sources WHERE owner = 'finding' AND owner_id IN (SELECT id FROM findings WHERE rule = ?) ORDER BY id
                    """, [rule], of: schema.table("sources")!, maps: &maps)
            }
        }
    }

    /// Runs `body` while holding the store's lock for the checks across documents: two processes
    /// finishing at once take turns, the last to finish sees every document, and no document is
    /// published meanwhile (a publish takes the same lock, shared).
    public func withCrossDocumentLock<T>(_ body: () throws -> T) throws -> T {
        try session.execute("SELECT pg_advisory_lock(\(Self.crossDocumentLock))")
        defer { try? session.execute("SELECT pg_advisory_unlock(\(Self.crossDocumentLock))") }
        return try body()
    }
}
