import Foundation
import GRDB
import CotejoModel

/// Cotejo's SQLite store: runs, documents keyed by SHA-256, their pages, text blocks (with FTS5),
/// tables, records and findings, and the source of every located value.
///
/// Writes go through one writer; each document is written in one transaction, so a crash leaves
/// every document either whole or absent.
public final class Store: Sendable {
    /// The database, for this module and the package's test support only: users of the store go
    /// through its methods, so the schema can change behind them.
    package let writer: any DatabaseWriter

    /// Opens (creating when needed) the store at `path`, checks it is whole (`PRAGMA quick_check`)
    /// and applies pending migrations. With `readOnly`, the store must exist and is only read:
    /// export, report and search work on a store the user may not write. Errors are `StoreProblem`s.
    public init(path: String, readOnly: Bool = false) throws {
        do {
            var config = Configuration()
            config.foreignKeysEnabled = true
            // Readers wait for a writer's transaction rather than fail at once.
            config.busyMode = .timeout(10)
            if readOnly {
                guard FileManager.default.fileExists(atPath: path) else { throw StoreProblem.missing(path) }
                config.readonly = true
                writer = try DatabaseQueue(path: path, configuration: config)
                guard try writer.read({ try Schema.migrator.hasCompletedMigrations($0) }) else { throw StoreProblem.outdated(path) }
                return
            }
            let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: path) && !FileManager.default.isWritableFile(atPath: path) {
                throw StoreProblem.readOnly(path)
            }
            writer = try DatabasePool(path: path, configuration: config)
            let check = try writer.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            guard check == ["ok"] else { throw StoreProblem.damaged(path, detail: check.prefix(3).joined(separator: "; ")) }
            try Schema.migrator.migrate(writer)
        } catch {
            throw StoreProblem.from(error, path: path)
        }
    }

    /// How many documents a store holds, read without writing to it (no migration, no lock held):
    /// for watching a batch that another process is running. Nil while there is nothing to read.
    public static func documentCount(atPath path: String) -> Int? {
        var config = Configuration()
        config.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: config) else { return nil }
        return try? queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents") }
    }

    /// An in-memory store, for tests.
    public init() throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        writer = try DatabaseQueue(configuration: config)
        try Schema.migrator.migrate(writer)
    }

    /// The time stamp every store writes: ISO 8601 in UTC.
    package static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    static let encoder: JSONEncoder = {
        JSONCoding.encoder(sortedKeys: true)
    }()

    static func json<T: Encodable>(_ value: T) -> String {
        (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }

    /// A source, the most written value (one per cell and block): by hand, the same bytes.
    static func json(_ value: Source) -> String { SourceJSON.encode(value) }

    /// Lists of words (notes) and an activity's other columns, written for every record: by hand,
    /// the same bytes as `encoder` (a test holds them equal).
    static func json(_ value: [String]) -> String { SourceJSON.array(value) }
    static func json(_ value: [String: String]) -> String { SourceJSON.object(value) }
    static func json(_ value: [Measure]) -> String { SourceJSON.measures(value) }

    // MARK: Runs

    public func beginRun(pipeline: String, version: String) throws -> Int64 {
        try writer.write { db in
            try db.execute(sql: "UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            try db.execute(sql: "INSERT INTO runs (pipeline, pipeline_version, started_at, status) VALUES (?, ?, ?, 'running')",
                           arguments: [pipeline, version, Self.now()])
            return db.lastInsertedRowID
        }
    }

    /// Marks the runs in progress as interrupted (the batch was stopped by a signal).
    public func interruptRunningRuns() throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'", arguments: [Self.now()])
        }
    }

    public func finishRun(_ id: Int64, summary: RunSummary) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE runs SET status = 'finished', finished_at = ?, files_seen = ?, processed = ?, unchanged = ?, failed = ?,
                skipped = ?, seconds = ?, retried = ? WHERE id = ?
                """, arguments: [Self.now(), summary.filesSeen, summary.processed, summary.unchanged,
                                 summary.failed, summary.skipped.count, summary.seconds, summary.retried, id])
            for entry in summary.skipped {
                try db.execute(sql: "INSERT INTO skipped_files (run_id, path, reason) VALUES (?, ?, ?)", arguments: [id, entry.path, entry.reason])
            }
        }
    }

    // MARK: Skipping unchanged documents

    /// How the document with these bytes was last processed, if it was.
    public struct ProcessedState: Sendable, Equatable {
        public var version: String
        public var status: DocumentStatus
        public var failureKind: FailureKind?
        /// Runs in a row that have tried these bytes and failed for a transient reason (1 after the first).
        public var attempts: Int
    }

    public func processedState(sha256: String) throws -> ProcessedState? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT pipeline_version, status, failure_kind, attempts FROM documents WHERE sha256 = ?",
                                             arguments: [sha256]) else { return nil }
            return ProcessedState(version: row["pipeline_version"], status: DocumentStatus(rawValue: row["status"]) ?? .failed,
                                  failureKind: (row["failure_kind"] as String?).flatMap(FailureKind.init(rawValue:)),
                                  attempts: row["attempts"])
        }
    }

    /// The pipeline version a document with these bytes was last processed with, if any.
    public func processedVersion(sha256: String) throws -> String? {
        try processedState(sha256: sha256)?.version
    }

    /// Notes that the bytes `sha256` were found at `path` now: a document found at several paths
    /// (copies, the same annex in two folders) keeps them all, exported as its `files`.
    public func recordFile(sha256: String, path: String) throws {
        let now = Self.now()
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO document_files (sha256, path, first_seen, last_seen) VALUES (?, ?, ?, ?)
                ON CONFLICT(sha256, path) DO UPDATE SET last_seen = excluded.last_seen
                """, arguments: [sha256, path, now, now])
        }
    }

    /// Points an unchanged document at the path it was found at now (a moved or copied file).
    public func touch(sha256: String, path: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE documents SET path = ? WHERE sha256 = ? AND path != ?", arguments: [path, sha256, path])
        }
    }

    // MARK: Writing a document

    /// Writes one processed document in one transaction, replacing any earlier version with the same
    /// bytes or, for a file that changed, at the same path.
    @discardableResult
    public func save(_ doc: ProcessedDocument, runID: Int64, pipelineVersion: String) throws -> Int64 {
        try writer.write { db in
            let attempts = try replaceEarlierVersions(of: doc, db: db)
            let row = Self.documentRow(doc, runID: runID, pipelineVersion: pipelineVersion, attempts: attempts)
            try db.execute(sql: "INSERT INTO documents (\(row.columns)) VALUES (\(row.marks))", arguments: row.values)
            let docID = db.lastInsertedRowID
            if let content = doc.content { try insertContent(content, docID: docID, db: db) }
            var sources = try SourceRows(db)
            try insertOutcome(doc, docID: docID, runID: runID, sources: &sources, db: db)
            return docID
        }
    }

    /// Writes a document whose parts come one after another, in one transaction as `save` does: the
    /// content's rows first, while the rest is still being worked out (a worker's records and
    /// checks); then its records, when `rest` hands them to the function it is given, which writes
    /// them at once; then what `rest` returns: the whole document, whose content is the one given
    /// and whose records are the ones written, if any were. A big sheet's million cells are then
    /// written during its records, and its records during its checks, instead of all after them.
    /// While `rest` runs the store's writer is held, so other documents wait to be written.
    ///
    /// When `rest` returns a failed document, nothing is written and the result is nil: the
    /// caller saves the failure with `save`. An error `rest` throws rolls back and is rethrown.
    public func save(content: DocumentContent, path: String, sha256: String, runID: Int64, pipelineVersion: String,
                     rest: (_ writeRecords: (DocumentRecords) throws -> Void) throws -> ProcessedDocument) throws -> Int64? {
        struct RestFailed: Error {}
        do {
            return try writer.write { db in
                let provisional = ProcessedDocument(path: path, sha256: sha256, format: content.format, byteCount: 0, status: content.status)
                _ = try replaceEarlierVersions(of: provisional, db: db)
                var row = Self.documentRow(provisional, runID: runID, pipelineVersion: pipelineVersion, attempts: 1)
                try db.execute(sql: "INSERT INTO documents (\(row.columns)) VALUES (\(row.marks))", arguments: row.values)
                let docID = db.lastInsertedRowID
                try insertContent(content, docID: docID, db: db)
                var sources = try SourceRows(db)
                var recordsWritten = false
                let doc = try rest { records in
                    precondition(!recordsWritten, "a document's records are written once")
                    try insertRecords(records, docID: docID, runID: runID, sources: &sources, db: db)
                    recordsWritten = true
                }
                guard doc.status != .failed else { throw RestFailed() }
                row = Self.documentRow(doc, runID: runID, pipelineVersion: pipelineVersion, attempts: 1)
                try db.execute(sql: "UPDATE documents SET \(row.assignments) WHERE id = ?", arguments: row.values + [docID])
                try insertOutcome(doc, docID: docID, runID: runID, recordsWritten: recordsWritten, sources: &sources, db: db)
                return docID
            }
        } catch is RestFailed {
            return nil
        }
    }

    /// Deletes what the store holds of the same bytes or, for a file that changed, of the same
    /// path; returns the document's attempt count (transient failures of the same bytes count up,
    /// anything else starts again at 1).
    private func replaceEarlierVersions(of doc: ProcessedDocument, db: Database) throws -> Int {
        var attempts = 1
        if doc.failureKind == .transient, let sha = doc.sha256,
           let previous = try Row.fetchOne(db, sql: "SELECT failure_kind, attempts FROM documents WHERE sha256 = ?", arguments: [sha]),
           (previous["failure_kind"] as String?) == FailureKind.transient.rawValue {
            attempts = (previous["attempts"] as Int? ?? 1) + 1
        }
        if let sha = doc.sha256 {
            try db.execute(sql: "DELETE FROM documents WHERE sha256 = ? OR (path = ? AND (sha256 IS NULL OR sha256 != ?))",
                           arguments: [sha, doc.path, sha])
        } else {
            try db.execute(sql: "DELETE FROM documents WHERE path = ? AND sha256 IS NULL", arguments: [doc.path])
        }
        return attempts
    }

    /// A document's own columns, once for the INSERT and the UPDATE that write them.
    private struct DocumentRow {
        var names: [String]
        var values: StatementArguments
        var columns: String { names.joined(separator: ", ") }
        var marks: String { Array(repeating: "?", count: names.count).joined(separator: ", ") }
        var assignments: String { names.map { "\($0) = ?" }.joined(separator: ", ") }
    }

    private static func documentRow(_ doc: ProcessedDocument, runID: Int64, pipelineVersion: String, attempts: Int) -> DocumentRow {
        let facts = doc.records.facts
        return DocumentRow(
            names: ["sha256", "path", "format", "byte_count", "pages", "status", "error", "notes", "pipeline_version",
                    "run_id", "entity", "title", "kind", "year", "processed_at", "seconds", "failure_kind", "attempts"],
            values: [doc.sha256, doc.path, doc.format?.rawValue, doc.byteCount, doc.pageCount,
                     doc.status.rawValue, doc.error, Self.json(doc.notes), pipelineVersion, runID,
                     facts.entity, facts.title, facts.kind?.rawValue, facts.year, Self.now(), doc.seconds,
                     doc.failureKind?.rawValue, attempts])
    }

    /// What the document's stages made of its content: its records (unless already written), the
    /// facts' sources and the findings.
    private func insertOutcome(_ doc: ProcessedDocument, docID: Int64, runID: Int64, recordsWritten: Bool = false,
                               sources: inout SourceRows, db: Database) throws {
        if !recordsWritten { try insertRecords(doc.records, docID: docID, runID: runID, sources: &sources, db: db) }
        for (field, source) in doc.records.facts.sources.sorted(by: { $0.key < $1.key }) {
            try sources.write(source, owner: "document", ownerID: docID, field: field, ordinal: 0, docID: docID, db: db)
        }
        for (i, f) in doc.findings.enumerated() {
            try db.cachedStatement(sql: """
                INSERT INTO findings (document_id, run_id, ordinal, rule, severity, message, message_en, "values")
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [docID, runID, i, f.rule, f.severity.rawValue, f.message, f.messageEN, Self.json(f.values)])
            try sources.write(f.source, owner: "finding", ownerID: db.lastInsertedRowID, docID: docID, db: db)
        }
    }

    private func insertContent(_ content: DocumentContent, docID: Int64, db: Database) throws {
        // Blocks go many to a statement: each statement that writes a block also opens a savepoint
        // of the full-text index its trigger feeds (5 % of a PDF's processing, block by block).
        var blocks = RowBatch("blocks", columns: ["document_id", "page", "ordinal", "role", "reason", "text", "source"])
        for page in content.pages {
            try db.cachedStatement(sql: "INSERT INTO pages (document_id, number, width, height, has_text, images, rulings, ocr, reading_frame, ocr_regions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .execute(arguments: [docID, page.number, page.width, page.height, page.hasText,
                                       SourceJSON.numberLists(page.images.map { $0.rounded.array }), page.rulings.count, page.ocr,
                                       page.readingFrame.map(Self.json),
                                       page.ocrRegions.isEmpty ? nil : SourceJSON.numberLists(page.ocrRegions.map { $0.rounded.array })])
            for (i, block) in page.blocks.enumerated() {
                try blocks.append([docID, page.number, i, block.role.rawValue, block.reason?.rawValue, block.text, Self.json(block.source)], db: db)
            }
        }
        try blocks.flush(db)
        var json = JSONBytes()
        for table in content.tables {
            try db.execute(sql: "INSERT INTO doc_tables (document_id, ordinal, pages, row_count, column_count, header_rows) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [docID, table.index, Self.json(table.pages), table.rowCount, table.columnCount, table.headerRowCount])
            let tableID = db.lastInsertedRowID
            var insert = try DirectInsert(db, sql: """
                INSERT INTO cells (table_id, row, "column", row_span, column_span, is_header, text, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for c in table.cells {
                json.removeAll()
                SourceJSON.encode(c.source, into: &json, omittingText: c.source.text == c.text)
                insert.int64(tableID); insert.int(c.row); insert.int(c.column); insert.int(c.rowSpan); insert.int(c.columnSpan)
                insert.bool(c.isHeader); insert.text(c.text); insert.text(bytes: json.bytes)
                try insert.run(db)
            }
        }
    }

    private func insertRecords(_ records: DocumentRecords, docID: Int64, runID: Int64, sources rows: inout SourceRows, db: Database) throws {
        let ids = (docID, runID)
        try insert(records.activities, sources: &rows, into: "activities", owner: "activity", ids, db: db,
                   lists: [("notes", { SourceJSON.array($0.notes, into: &$1) }), ("measures", { SourceJSON.measures($0.measures, into: &$1) }),
                           ("other_columns", { SourceJSON.object($0.otherColumns, into: &$1) })],
                   sources: { ($0.source, $0.fieldSources) })
        try insert(records.totals, sources: &rows, into: "totals", owner: "total", ids, db: db, sources: { ($0.source, [:]) })
        try insert(records.commitments, sources: &rows, into: "commitments", owner: "commitment", ids, db: db, sources: { ($0.source, [:]) })
        try insert(records.claims, sources: &rows, into: "claims", owner: "claim", ids, db: db, lists: [("notes", { SourceJSON.array($0.notes, into: &$1) })],
                   sources: { ($0.source, $0.fieldSources) })
        try insert(records.columnSums, sources: &rows, into: "column_sums", owner: "column_sum", ids, db: db,
                   lists: [("parts", { $1.json(Self.json($0.parts)) })], sources: { ($0.source, [:]) })
    }

    /// One row per record: its plain fields as declared (`PlainRecord.fields`), its lists as JSON,
    /// then its sources.
    private func insert<R: PlainRecord>(_ records: [R], sources rows: inout SourceRows, into table: String, owner: String, _ ids: (doc: Int64, run: Int64),
                                        db: Database, lists: [(column: String, value: (R, inout JSONBytes) -> Void)] = [],
                                        sources: (R) -> ([Source], [String: Source])) throws {
        let columns = ["document_id", "run_id", "ordinal"] + R.fields.map(\.column) + lists.map(\.column)
        var insert = try DirectInsert(db, sql: "INSERT INTO \(table) (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
        var json = JSONBytes()
        for (i, r) in records.enumerated() {
            insert.int64(ids.doc); insert.int64(ids.run); insert.int(i)
            for field in R.fields {
                switch field.read(r) {
                case .null: insert.null()
                case .integer(let v): insert.int(v)
                case .real(let v): insert.double(v)
                case .text(let v): insert.text(v)
                case .boolean(let v): insert.bool(v)
                }
            }
            for list in lists {
                json.removeAll()
                list.value(r, &json)
                insert.text(bytes: json.bytes)
            }
            try insert.run(db)
            let (whole, fields) = sources(r)
            try rows.write(whole, fields: fields, owner: owner, ownerID: db.lastInsertedRowID, docID: ids.doc, db: db)
        }
    }
}

/// What one run did, for its summary line and the `runs` table.
public struct RunSummary: Sendable, Codable {
    public var filesSeen = 0
    public var processed = 0
    public var unchanged = 0
    public var failed = 0
    /// Files of a type Cotejo does not read, with what they are.
    public var skipped: [SkippedFile] = []
    public var seconds: Double = 0
    public var failures: [FailedFile] = []
    /// Documents tried again because their last failure was transient.
    public var retried = 0
    /// Files left to the other shards of a sharded batch (not stored).
    public var otherShards = 0
    /// Documents of a shared batch that other processes read (a PostgreSQL store's work queue).
    public var otherProcesses = 0

    public init() {}
}

public struct SkippedFile: Sendable, Codable {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
}

public struct FailedFile: Sendable, Codable {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
}

extension FieldValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let i): i.databaseValue
        case .real(let d): d.databaseValue
        case .text(let t): t.databaseValue
        case .boolean(let b): b.databaseValue
        }
    }

    /// A column's value read as the field's kind.
    init(_ row: Row, _ column: String, as kind: RecordField<some Any>.Kind) {
        switch kind {
        case .text: self = (row[column] as String?).map(FieldValue.text) ?? .null
        case .real: self = (row[column] as Double?).map(FieldValue.real) ?? .null
        case .integer: self = (row[column] as Int?).map(FieldValue.integer) ?? .null
        case .boolean: self = (row[column] as Bool?).map(FieldValue.boolean) ?? .null
        }
    }
}
