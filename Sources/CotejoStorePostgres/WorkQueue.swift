import Foundation
import CotejoStore

/// One document a process has claimed: its key (the SHA-256 of its bytes, or `path:` and the path
/// for a file that could not be read), the path this process found it at, and which attempt this is.
public struct WorkItem: Sendable, Equatable {
    public var key: String
    public var path: String
    public var attempt: Int
}

/// The work queue of a shared store, as pg-boss, Oban and GoodJob keep theirs: a table of
/// documents, each pending, claimed or done. A process claims the next pending document with
/// `SELECT … FOR UPDATE SKIP LOCKED`, so two processes never take the same one, and holds it for
/// a lease it keeps renewing while it works. When a process dies, its lease runs out and another
/// takes the document over; the dead one's unfinished transaction was rolled back by the server,
/// and a late publish from a process whose claim was taken over is refused. So no document is
/// lost and none is stored twice.
enum WorkQueue {
    /// PostgreSQL's own tables, beside the SQLite store's: made when missing, each time a store is opened.
    static let statements = [
        """
        CREATE TABLE IF NOT EXISTS work_queue (
            key TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            pipeline_version TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'done')),
            owner TEXT,
            lease_until TIMESTAMPTZ,
            claimed_at TIMESTAMPTZ,
            attempts INTEGER NOT NULL DEFAULT 0,
            done_at TIMESTAMPTZ
        )
        """,
        "CREATE INDEX IF NOT EXISTS work_queue_waiting ON work_queue (state, lease_until)",
        // Which process a run is, and when it was last heard of: a run whose process stopped
        // beating is marked interrupted by the next process that starts one.
        """
        CREATE TABLE IF NOT EXISTS run_processes (
            run_id BIGINT PRIMARY KEY REFERENCES runs ON DELETE CASCADE,
            owner TEXT NOT NULL,
            lease_seconds DOUBLE PRECISION NOT NULL,
            seen_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """,
    ]

    /// Whether `owner` still holds `item`, locking its row until the transaction ends.
    static func holds(_ item: WorkItem, owner: String, session: PostgresSession) throws -> Bool {
        let row = try session.rows("SELECT owner, state FROM work_queue WHERE key = $1 FOR UPDATE", [.text(item.key)]).first
        return row?[0] == owner && row?[1] == "claimed"
    }

    static func complete(_ item: WorkItem, session: PostgresSession) throws {
        try session.execute("UPDATE work_queue SET state = 'done', done_at = now(), lease_until = NULL WHERE key = $1", [.text(item.key)])
    }
}

extension PostgresStore {
    /// Puts documents on the queue. A document already there is left as it is, unless it was done
    /// by another version of the pipeline (or `force`): then it waits to be read again. Returns how
    /// many of `keys` are done already, by this version: they are unchanged.
    public func enqueue(_ items: [(key: String, path: String)], version: String, force: Bool = false) throws -> Int {
        guard !items.isEmpty else { return 0 }
        try session.transaction {
            try session.execute("""
                INSERT INTO work_queue (key, path, pipeline_version)
                SELECT * FROM unnest($1::text[], $2::text[]) AS i(key, path), (SELECT $3::text) AS v
                ON CONFLICT (key) DO UPDATE SET state = 'pending', pipeline_version = excluded.pipeline_version, owner = NULL,
                    lease_until = NULL, attempts = 0, done_at = NULL
                WHERE work_queue.state = 'done' AND (work_queue.pipeline_version <> excluded.pipeline_version OR $4)
                """, [.texts(items.map(\.key)), .texts(items.map(\.path)), .text(version), .boolean(force)])
        }
        return Int(try session.value("SELECT count(*)::text FROM work_queue WHERE key = ANY($1) AND state = 'done'",
                                     [.texts(items.map(\.key))]) ?? "0") ?? 0
    }

    /// Records every path a document's bytes were found at (`document_files`), as the SQLite store
    /// does: the same bytes under two paths are read once, and both paths are kept.
    public func recordFiles(_ files: [(sha256: String, path: String)]) throws {
        guard !files.isEmpty else { return }
        let now = Store.now()
        try session.execute("""
            INSERT INTO document_files (sha256, path, first_seen, last_seen)
            SELECT DISTINCT f.sha256, f.path, $3::text, $3::text FROM unnest($1::text[], $2::text[]) AS f(sha256, path)
            ON CONFLICT (sha256, path) DO UPDATE SET last_seen = GREATEST(document_files.last_seen, excluded.last_seen)
            """, [.texts(files.map(\.sha256)), .texts(files.map(\.path)), .text(now)])
    }

    /// Records entries the walk passed over (hidden files, links to nothing …) under `runID`, once
    /// for the whole store however many processes walk the same folders: the first one to put the
    /// entry on the queue records it. Returns the entries this process recorded.
    public func recordPassedOver(_ entries: [SkippedFile], runID: Int64) throws -> [SkippedFile] {
        guard !entries.isEmpty else { return [] }
        return try session.transaction {
            let fresh = Set(try session.rows("""
                INSERT INTO work_queue (key, path, pipeline_version, state, done_at)
                SELECT 'passed:' || p, p, '', 'done', now() FROM unnest($1::text[]) AS p
                ON CONFLICT (key) DO NOTHING RETURNING path
                """, [.texts(entries.map(\.path))]).compactMap { $0[0] })
            let recorded = entries.filter { fresh.contains($0.path) }
            for entry in recorded {
                try session.execute("INSERT INTO skipped_files (run_id, path, reason) VALUES ($1, $2, $3)",
                                    [.integer(runID), .text(entry.path), .text(entry.reason)])
            }
            return recorded
        }
    }

    /// Claims the next document among `keys` that is pending, or whose lease has run out, for
    /// `lease` seconds. Nil when none is free now (others may still hold some: see `unfinished`).
    public func claim(among keys: [String], owner: String, lease: Double) throws -> WorkItem? {
        let row = try session.rows("""
            UPDATE work_queue SET state = 'claimed', owner = $1, lease_until = now() + make_interval(secs => $2),
                claimed_at = now(), attempts = attempts + 1
            WHERE key = (SELECT key FROM work_queue
                         WHERE key = ANY($3) AND (state = 'pending' OR (state = 'claimed' AND lease_until < now()))
                         ORDER BY key LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING key, path, attempts::text
            """, [.text(owner), .double(lease), .texts(keys)]).first
        guard let row, let key = row[0], let path = row[1] else { return nil }
        return WorkItem(key: key, path: path, attempt: Int(row[2] ?? "1") ?? 1)
    }

    /// Extends every lease `owner` holds by `lease` seconds from now.
    public func renewLeases(owner: String, lease: Double) throws {
        try session.execute("UPDATE work_queue SET lease_until = now() + make_interval(secs => $2) WHERE owner = $1 AND state = 'claimed'",
                            [.text(owner), .double(lease)])
        try session.execute("UPDATE run_processes SET seen_at = now() WHERE owner = $1", [.text(owner)])
    }

    /// How many of `keys` are not done yet (pending, or claimed by a process still working).
    public func unfinished(among keys: [String]) throws -> Int {
        Int(try session.value("SELECT count(*)::text FROM work_queue WHERE key = ANY($1) AND state <> 'done'", [.texts(keys)]) ?? "0") ?? 0
    }
}
