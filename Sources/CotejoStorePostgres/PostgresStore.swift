import Foundation
import CotejoModel
import CotejoStore

/// Cotejo's shared store in PostgreSQL, for many `cotejo ingest` processes on many machines at once.
///
/// It holds the SQLite store's tables (`PostgresSchema`, read off the same migrations), plus the
/// work queue the processes claim documents from (`WorkQueue`). A process reads each document it
/// claims into a store of its own in memory, through the same pipeline as ever, then publishes
/// that document's rows here in one transaction that also marks its claim done: a document is
/// whole or absent, and done once. Reading commands pull the store into SQLite (`mirror`) and
/// export, report and query as they do on a file; search runs in PostgreSQL (`search`).
///
/// One instance is one connection: each thread that writes opens its own.
public final class PostgresStore: @unchecked Sendable {
    public let address: PostgresAddress
    let session: PostgresSession
    let schema = PostgresSchema.current

    /// Connects, and makes the schema in a database that has none. Many processes may start at
    /// once: the first makes it, under a lock, and the others find it made.
    public init(_ address: PostgresAddress) throws {
        self.address = address
        session = try PostgresSession(address)
        try prepareSchema()
    }

    /// A second connection to the same store, for another thread.
    public func connect() throws -> PostgresStore { try PostgresStore(address) }

    /// Any number that names Cotejo's schema lock among a database's advisory locks.
    static let schemaLock: Int64 = 0x636F_7465_6A6F
    static let crossDocumentLock: Int64 = 0x636F_7465_6A70

    private func prepareSchema() throws {
        try session.transaction {
            try session.execute("SELECT pg_advisory_xact_lock(\(Self.schemaLock))")
            try session.execute("CREATE TABLE IF NOT EXISTS cotejo_migrations (identifier TEXT PRIMARY KEY, position INTEGER NOT NULL)")
            let present = Set(try session.rows("SELECT identifier FROM cotejo_migrations").compactMap { $0[0] })
            let ours = Set(schema.migrations)
            if present.isEmpty {
                for statement in schema.statements { try session.execute(statement) }
                for (k, identifier) in schema.migrations.enumerated() {
                    try session.execute("INSERT INTO cotejo_migrations (identifier, position) VALUES ($1, $2)", [.text(identifier), .integer(Int64(k))])
                }
            } else if !ours.isSuperset(of: present) {
                throw PostgresProblem(address: address, detail: "the store was made by a newer Cotejo; use that version")
            } else if !present.isSuperset(of: ours) {
                // Made by an earlier Cotejo: the migrations it lacks are applied, as SQLite's are.
                var columns: [String: Set<String>] = [:]
                for row in try session.rows("SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = current_schema()") {
                    if let table = row[0], let column = row[1] { columns[table, default: []].insert(column) }
                }
                let indexes = Set(try session.rows("SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema()").compactMap { $0[0] })
                for statement in schema.upgrade(columns: columns, indexes: indexes) { try session.execute(statement) }
                for (k, identifier) in schema.migrations.enumerated() where !present.contains(identifier) {
                    try session.execute("INSERT INTO cotejo_migrations (identifier, position) VALUES ($1, $2)", [.text(identifier), .integer(Int64(k))])
                }
            }
            for statement in SpanishSearch.statements + WorkQueue.statements { try session.execute(statement) }
        }
    }


    // MARK: Runs

    /// Starts the run of the process `owner`, whose heartbeat comes every third of `lease` seconds.
    /// Other runs in progress are other processes working at the same time, and are left alone,
    /// except those whose process has not been heard of for a whole lease: it died, and its run is
    /// marked interrupted, as the SQLite store marks a run that a killed batch left.
    public func beginRun(pipeline: String, version: String, owner: String = "", lease: Double = 60) throws -> Int64 {
        try session.transaction {
            try session.execute("""
                UPDATE runs SET status = 'interrupted', finished_at = $1 WHERE status = 'running' AND id IN
                    (SELECT run_id FROM run_processes WHERE seen_at + make_interval(secs => lease_seconds) < now())
                """, [.text(Store.now())])
            guard let id = try session.value("INSERT INTO runs (pipeline, pipeline_version, started_at, status) VALUES ($1, $2, $3, 'running') RETURNING id::text",
                                             [.text(pipeline), .text(version), .text(Store.now())]).flatMap(Int64.init) else {
                throw PostgresProblem(address: address, detail: "a run could not be started")
            }
            try session.execute("INSERT INTO run_processes (run_id, owner, lease_seconds) VALUES ($1, $2, $3)",
                                [.integer(id), .text(owner), .double(lease)])
            return id
        }
    }

    /// Ends a run with its counts. Its passed-over and skipped entries are already stored, each
    /// with the document (or the walk) that found it.
    public func finishRun(_ id: Int64, summary: RunSummary, status: String = "finished") throws {
        try session.execute("""
            UPDATE runs SET status = $1, finished_at = $2, files_seen = $3, processed = $4, unchanged = $5, failed = $6,
            skipped = $7, seconds = $8, retried = $9 WHERE id = $10
            """, [.text(status), .text(Store.now()), .integer(Int64(summary.filesSeen)), .integer(Int64(summary.processed)),
                  .integer(Int64(summary.unchanged)), .integer(Int64(summary.failed)), .integer(Int64(summary.skipped.count)),
                  .double(summary.seconds), .integer(Int64(summary.retried)), .integer(id)])
    }

    /// How many documents the store holds.
    public func documentCount() throws -> Int {
        Int(try session.value("SELECT count(*)::text FROM documents") ?? "0") ?? 0
    }
}
