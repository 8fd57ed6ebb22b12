import Foundation
import GRDB
import CotejoModel

/// What merging one store into another did.
public struct MergeSummary: Sendable, Equatable {
    /// Documents copied in (new here, or newer than the copy here).
    public var copied = 0
    /// Documents this store already held as they are in the other (merged before, or the same run).
    public var alreadyHere = 0
    /// Documents the other store holds older than this one does: this one's are kept.
    public var olderThanHere = 0
    /// Runs of the other store recorded here (with their passed-over entries).
    public var runs = 0

    public init() {}

    /// Whether the merge changed anything.
    public var changed: Bool { copied > 0 || runs > 0 }
}

extension Store {
    /// The tables that hang off a document, in the order they are copied: those whose ids other
    /// rows point at (`doc_tables` by `cells`; records and findings by `sources.owner_id`) keep a
    /// map from the other store's ids to the new ones.
    static let documentChildren = ["pages", "blocks", "doc_tables", "activities", "totals", "commitments", "claims", "column_sums", "findings"]
    /// `sources.owner` → the table its `owner_id` points into.
    package static let sourceOwners = ["document": "documents", "activity": "activities", "total": "totals", "commitment": "commitments",
                               "claim": "claims", "column_sum": "column_sums", "finding": "findings"]

    /// Copies every run and document of the store at `path` into this one, losing nothing: runs
    /// (with their passed-over entries), documents with their pages, text, tables, records,
    /// findings and every source, the paths each document was found at, failures with their
    /// reasons. A document is its SHA-256: one this store holds as the other holds it is left
    /// alone, so merging the same store twice changes nothing; when both hold the same bytes
    /// processed differently, the later processing wins, as a new run would have it. Each
    /// document is copied in one transaction. The other store is only read, and must have been
    /// written by this version of Cotejo's schema.
    ///
    /// Checks that hold one document against another must run again after a merge: the caller
    /// does (the pipeline's cross-document checks).
    public func merge(from path: String) throws -> MergeSummary {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreProblem.missing(path) }
        var summary = MergeSummary()
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS other", arguments: [path])
                defer { try? db.execute(sql: "DETACH DATABASE other") }
                try Self.requireSameSchema(db, path: path)
                var runMap: [Int64: Int64] = [:]
                try db.inTransaction {
                    runMap = try Self.mergeRuns(db, summary: &summary)
                    try db.execute(sql: """
                        INSERT INTO main.document_files (sha256, path, first_seen, last_seen)
                        SELECT sha256, path, first_seen, last_seen FROM other.document_files WHERE true
                        ON CONFLICT (sha256, path) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
                                                                 last_seen = max(last_seen, excluded.last_seen)
                        """)
                    return .commit
                }
                let documents = try Row.fetchAll(db, sql: "SELECT id, sha256, path, pipeline_version, processed_at, status FROM other.documents ORDER BY id")
                for document in documents {
                    try db.inTransaction {
                        try Self.mergeDocument(document, runMap: runMap, db: db, summary: &summary)
                        return .commit
                    }
                }
            }
        } catch let problem as StoreProblem {
            throw problem
        } catch {
            throw StoreProblem.from(error, path: path)
        }
        return summary
    }

    /// Both stores must hold the same migrations: a store from another version of Cotejo has other
    /// columns, and a merge would lose or misplace them.
    private static func requireSameSchema(_ db: Database, path: String) throws {
        let here = Set(try String.fetchAll(db, sql: "SELECT identifier FROM main.grdb_migrations"))
        let there = Set(try String.fetchAll(db, sql: "SELECT identifier FROM other.grdb_migrations"))
        if !there.isSuperset(of: here) { throw StoreProblem.outdated(path) }
        if !here.isSuperset(of: there) {
            throw StoreProblem.other(path, detail: "the store was written by a newer Cotejo; merge with that version")
        }
    }

    /// A run is already here when a run here agrees with it in every column but its id (shards
    /// started in the same second with the same pipeline are still different runs: their counts
    /// and times differ). Those are mapped; the others are copied with their passed-over entries.
    private static func mergeRuns(_ db: Database, summary: inout MergeSummary) throws -> [Int64: Int64] {
        var map: [Int64: Int64] = [:]
        let columns = try columnsExceptID(db, "runs")
        let same = columns.map { "\"\($0)\" IS ?" }.joined(separator: " AND ")
        for run in try Row.fetchAll(db, sql: "SELECT * FROM other.runs ORDER BY id") {
            let id: Int64 = run["id"]
            let values = StatementArguments(columns.map { run[$0] as DatabaseValue })
            if let known = try Int64.fetchOne(db, sql: "SELECT id FROM main.runs WHERE \(same)", arguments: values) {
                map[id] = known
                continue
            }
            try insert(db, into: "runs", columns: columns, from: run, overriding: [:])
            let newID = db.lastInsertedRowID
            map[id] = newID
            try db.execute(sql: "INSERT INTO main.skipped_files (run_id, path, reason) SELECT ?, path, reason FROM other.skipped_files WHERE run_id = ? ORDER BY id",
                           arguments: [newID, id])
            summary.runs += 1
        }
        return map
    }

    private static func mergeDocument(_ document: Row, runMap: [Int64: Int64], db: Database, summary: inout MergeSummary) throws {
        let otherID: Int64 = document["id"]
        let sha: String? = document["sha256"]
        let path: String = document["path"]
        let processedAt: String = document["processed_at"]
        // The copy here of the same bytes (or, for a file never hashed, of the same path).
        let here = sha != nil
            ? try Row.fetchOne(db, sql: "SELECT id, pipeline_version, processed_at, status FROM main.documents WHERE sha256 = ?", arguments: [sha])
            : try Row.fetchOne(db, sql: "SELECT id, pipeline_version, processed_at, status FROM main.documents WHERE path = ? AND sha256 IS NULL", arguments: [path])
        if let here {
            let same = (here["pipeline_version"] as String) == (document["pipeline_version"] as String)
                && (here["processed_at"] as String) == processedAt && (here["status"] as String) == (document["status"] as String)
            if same { summary.alreadyHere += 1; return }
            if (here["processed_at"] as String) > processedAt { summary.olderThanHere += 1; return }
            try db.execute(sql: "DELETE FROM main.documents WHERE id = ?", arguments: [here["id"] as Int64])
        }
        // Other bytes at the same path, older: the file changed, as `save` has it.
        if let sha {
            try db.execute(sql: "DELETE FROM main.documents WHERE path = ? AND (sha256 IS NULL OR sha256 != ?) AND processed_at < ?",
                           arguments: [path, sha, processedAt])
        }
        let full = try Row.fetchOne(db, sql: "SELECT * FROM other.documents WHERE id = ?", arguments: [otherID])!
        let otherRun: Int64 = full["run_id"]
        let run = runMap[otherRun] ?? otherRun
        try insert(db, into: "documents", columns: try columnsExceptID(db, "documents"), from: full, overriding: ["run_id": run])
        let documentID = db.lastInsertedRowID

        var ids: [String: [Int64: Int64]] = ["documents": [otherID: documentID]]
        for table in documentChildren {
            let columns = try columnsExceptID(db, table)
            var overriding: [String: DatabaseValueConvertible?] = ["document_id": documentID]
            var map: [Int64: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM other.\(table) WHERE document_id = ? ORDER BY id", arguments: [otherID]) {
                if columns.contains("run_id") {
                    let rowRun: Int64 = row["run_id"]
                    overriding["run_id"] = runMap[rowRun] ?? rowRun
                }
                try insert(db, into: table, columns: columns, from: row, overriding: overriding)
                let oldID: Int64 = row["id"]
                map[oldID] = db.lastInsertedRowID
            }
            ids[table] = map
            if table == "doc_tables" {
                let cellColumns = try columnsExceptID(db, "cells")
                for (old, new) in map.sorted(by: { $0.key < $1.key }) {
                    for cell in try Row.fetchAll(db, sql: "SELECT * FROM other.cells WHERE table_id = ? ORDER BY id", arguments: [old]) {
                        try insert(db, into: "cells", columns: cellColumns, from: cell, overriding: ["table_id": new])
                    }
                }
            }
        }
        let sourceColumns = try columnsExceptID(db, "sources")
        for source in try Row.fetchAll(db, sql: "SELECT * FROM other.sources WHERE document_id = ? ORDER BY id", arguments: [otherID]) {
            let owner: String = source["owner"]
            let oldOwner: Int64 = source["owner_id"]
            guard let table = sourceOwners[owner], let ownerID = ids[table]?[oldOwner] else {
                throw StoreProblem.other("sources", detail: "a source of '\(owner)' points at no row; the store is damaged")
            }
            try insert(db, into: "sources", columns: sourceColumns, from: source, overriding: ["document_id": documentID, "owner_id": ownerID])
        }
        summary.copied += 1
    }

    /// A table's columns but its id, as this store declares them.
    private static func columnsExceptID(_ db: Database, _ table: String) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?, 'main')", arguments: [table]).map { $0["name"] as String }.filter { $0 != "id" }
    }

    /// Inserts `row`'s values for `columns` into `main.table`, some of them replaced.
    private static func insert(_ db: Database, into table: String, columns: [String], from row: Row,
                               overriding: [String: DatabaseValueConvertible?]) throws {
        let sql = "INSERT INTO main.\(table) (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
        let values: [DatabaseValue] = columns.map { column in
            if let replaced = overriding[column] { return replaced?.databaseValue ?? .null }
            return row[column] as DatabaseValue
        }
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(values))
    }
}
