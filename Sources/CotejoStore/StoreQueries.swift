import Foundation
import GRDB
import CotejoModel

/// One run of a pipeline over the store, as the `runs` table keeps it.
public struct StoredRun: Sendable, Hashable {
    public var id: Int64
    public var pipeline: String
    public var pipelineVersion: String
    /// "running", "finished" or "interrupted" (a run that never finished: killed, crashed).
    public var status: String
    public var startedAt: String
    public var finishedAt: String?
    public var filesSeen: Int
    public var processed: Int
    public var unchanged: Int
    public var failed: Int
    public var skipped: Int
    public var retried: Int
    public var seconds: Double?
}

/// A document as the store holds it, records and findings rebuilt as model values with their sources.
public struct StoredDocument: Sendable {
    public var id: Int64
    public var sha256: String?
    public var path: String
    public var format: DocumentFormat?
    public var pages: Int
    public var status: DocumentStatus
    public var error: String?
    public var notes: [String]
    public var pipelineVersion: String
    public var runID: Int64
    public var records: DocumentRecords
    public var findings: [Finding]
    /// Pages read in a turned frame (text running down or up, a scan fed sideways), by number:
    /// their boxes are in that frame, and the report turns the page the same way to crop it.
    public var readingFrames: [Int: ReadingFrame] = [:]
    /// Every path the document's bytes were found at, in order of first sight.
    public var files: [String] = []
}

/// A full-text search hit.
public struct SearchHit: Sendable {
    public var path: String
    public var page: Int
    public var role: String
    public var snippet: String
    public var source: Source?

    package init(path: String, page: Int, role: String, snippet: String, source: Source?) {
        self.path = path; self.page = page; self.role = role; self.snippet = snippet; self.source = source
    }
}

/// A table as stored, for `cotejo tables`.
public struct StoredTable: Sendable {
    public var documentPath: String
    public var table: CotejoModel.Table
}

extension Store {
    static let decoder = JSONCoding.decoder()

    package static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? decoder.decode(T.self, from: Data(text.utf8))
    }

    /// Every document, in path order, with records and findings. `matching` filters by path,
    /// file name or SHA-256 prefix. The filter runs in SQL and each document's sources are read
    /// with it, so showing one document of a large store reads that document only.
    public func documents(matching filter: String? = nil) throws -> [StoredDocument] {
        try writer.read { db in
            let rows: [Row]
            if let filter {
                // A path, a path's last components ("x.pdf" matches "dir/x.pdf") or a SHA-256 prefix;
                // compared with substr rather than LIKE, so "%" and "_" in a name are themselves.
                rows = try Row.fetchAll(db, sql: """
                    SELECT * FROM documents
                    WHERE path = :f OR substr(path, -length(:f) - 1) = '/' || :f OR substr(sha256, 1, length(:f)) = :f
                    ORDER BY path
                    """, arguments: ["f": filter])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM documents ORDER BY path")
            }
            var result: [StoredDocument] = []
            for row in rows {
                let id: Int64 = row["id"]
                let path: String = row["path"]
                let sha: String? = row["sha256"]
                var sourcesByOwner: [String: [Int64: [(field: String?, source: Source)]]] = [:]
                for s in try Row.fetchAll(db, sql: "SELECT * FROM sources WHERE document_id = ? ORDER BY owner, owner_id, field IS NOT NULL, ordinal",
                                          arguments: [id]) {
                    let owner: String = s["owner"]
                    let ownerID: Int64 = s["owner_id"]
                    sourcesByOwner[owner, default: [:]][ownerID, default: []].append((s["field"], Self.source(from: s)))
                }
                func sources(_ owner: String, _ id: Int64) -> (whole: [Source], fields: [String: Source]) {
                    let all = sourcesByOwner[owner]?[id] ?? []
                    var fields: [String: Source] = [:]
                    for entry in all { if let f = entry.field { fields[f] = entry.source } }
                    return (all.filter { $0.field == nil }.map(\.source), fields)
                }
                var facts = DocumentFacts(entity: row["entity"], title: row["title"],
                                          kind: (row["kind"] as String?).flatMap(DocumentKind.init(rawValue:)), year: row["year"])
                facts.sources = sources("document", id).fields
                var records = DocumentRecords(facts: facts)
                func read<R: PlainRecord>(_ table: String, owner: String, _ finish: (inout R, Row, (whole: [Source], fields: [String: Source])) -> Void) throws -> [R] {
                    try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE document_id = ? ORDER BY ordinal", arguments: [id]).map { row in
                        var r = R.blank
                        for f in R.fields { f.write(&r, FieldValue(row, f.column, as: f.kind)) }
                        finish(&r, row, sources(owner, row["id"]))
                        return r
                    }
                }
                records.activities = try read("activities", owner: "activity") { a, row, s in
                    a.source = s.whole; a.fieldSources = s.fields
                    a.notes = Self.decode([String].self, row["notes"]) ?? []
                    a.measures = Self.decode([Measure].self, row["measures"]) ?? []
                    a.otherColumns = Self.decode([String: String].self, row["other_columns"]) ?? [:]
                }
                records.claims = try read("claims", owner: "claim") { c, row, s in
                    c.source = s.whole; c.fieldSources = s.fields; c.notes = Self.decode([String].self, row["notes"]) ?? []
                }
                records.columnSums = try read("column_sums", owner: "column_sum") { c, row, s in
                    c.source = s.whole; c.parts = Self.decode([Double].self, row["parts"]) ?? []
                }
                records.totals = try read("totals", owner: "total") { t, _, s in t.source = s.whole }
                records.commitments = try read("commitments", owner: "commitment") { c, _, s in c.source = s.whole }
                var findings: [Finding] = []
                for f in try Row.fetchAll(db, sql: "SELECT * FROM findings WHERE document_id = ? ORDER BY ordinal", arguments: [id]) {
                    findings.append(Finding(
                        rule: f["rule"], severity: Severity(rawValue: f["severity"]) ?? .warning, message: f["message"],
                        messageEN: f["message_en"], values: Self.decode([String: FindingValue].self, f["values"]) ?? [:],
                        source: sources("finding", f["id"]).whole))
                }
                result.append(StoredDocument(
                    id: id, sha256: sha, path: path, format: (row["format"] as String?).flatMap(DocumentFormat.init(rawValue:)),
                    pages: row["pages"], status: DocumentStatus(rawValue: row["status"]) ?? .failed, error: row["error"],
                    notes: Self.decode([String].self, row["notes"]) ?? [], pipelineVersion: row["pipeline_version"],
                    runID: row["run_id"], records: records, findings: findings,
                    readingFrames: try Self.readingFrames(db, documentID: id),
                    files: try sha.map { try String.fetchAll(db, sql: "SELECT path FROM document_files WHERE sha256 = ? ORDER BY first_seen, path", arguments: [$0]) } ?? []))
            }
            return result
        }
    }

    static func readingFrames(_ db: Database, documentID: Int64) throws -> [Int: ReadingFrame] {
        var frames: [Int: ReadingFrame] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT number, reading_frame FROM pages WHERE document_id = ? AND reading_frame IS NOT NULL",
                                    arguments: [documentID]) {
            if let frame = decode(ReadingFrame.self, row["reading_frame"]) { frames[row["number"]] = frame }
        }
        return frames
    }

    static func source(from s: Row) -> Source {
        var bbox: BBox?
        if let x0: Double = s["x0"], let y0: Double = s["y0"], let x1: Double = s["x1"], let y1: Double = s["y1"] {
            bbox = BBox(x0: x0, y0: y0, x1: x1, y1: y1)
        }
        return Source(page: s["page"], bbox: bbox, xpath: s["xpath"], sheet: s["sheet"], cell: s["cell"], line: s["line"],
                      paragraph: s["paragraph"], table: s["tbl"], row: s["row"], column: s["col"], text: s["text"],
                      formula: s["formula"], file: s["file"], ocr: s["ocr"], confidence: s["confidence"], hidden: s["hidden"])
    }

    /// Full-text search over body and heading blocks (furniture is left out). Words match whatever
    /// their accents; several words must all appear.
    public func search(_ text: String, limit: Int = 50, includeFurniture: Bool = false) throws -> [SearchHit] {
        let pattern = FTS5Pattern(matchingAllTokensIn: text)
        guard let pattern else { return [] }
        return try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.path, b.page, b.role, b.source,
                       snippet(blocks_fts, 0, '[', ']', '…', 12) AS snippet
                FROM blocks_fts JOIN blocks b ON b.id = blocks_fts.rowid JOIN documents d ON d.id = b.document_id
                WHERE blocks_fts MATCH ? \(includeFurniture ? "" : "AND b.role != 'furniture'")
                ORDER BY rank LIMIT ?
                """, arguments: [pattern, limit]).map { row in
                SearchHit(path: row["path"], page: row["page"], role: row["role"], snippet: row["snippet"],
                          source: Self.decode(Source.self, row["source"]))
            }
        }
    }

    /// The body blocks of a document, furniture marked, for `show` and tests.
    public func blocks(documentID: Int64) throws -> [(page: Int, role: BlockRole, reason: String?, text: String)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT page, role, reason, text FROM blocks WHERE document_id = ? ORDER BY page, ordinal",
                             arguments: [documentID]).map {
                ($0["page"], BlockRole(rawValue: $0["role"]) ?? .body, $0["reason"], $0["text"])
            }
        }
    }

    /// The tables of a document.
    public func tables(documentID: Int64) throws -> [CotejoModel.Table] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM doc_tables WHERE document_id = ? ORDER BY ordinal", arguments: [documentID]).map { t in
                let cells = try Row.fetchAll(db, sql: "SELECT * FROM cells WHERE table_id = ? ORDER BY row, \"column\"", arguments: [t["id"]]).map { c in
                    let text: String = c["text"]
                    // A cell's source is stored without the text the cell holds (older stores kept it).
                    var source = Source(text: text)
                    if let stored = Self.decode(Source.TextOptional.self, c["source"]) {
                        source = stored.source
                        if !stored.hasText { source.text = text }
                    }
                    return Cell(row: c["row"], column: c["column"], rowSpan: c["row_span"], columnSpan: c["column_span"], text: text,
                                isHeader: c["is_header"], source: source)
                }
                return CotejoModel.Table(index: t["ordinal"], pages: Self.decode([Int].self, t["pages"]) ?? [], rowCount: t["row_count"],
                             columnCount: t["column_count"], headerRowCount: t["header_rows"], cells: cells)
            }
        }
    }

    /// The runs, newest first.
    public func runs(limit: Int = 20) throws -> [StoredRun] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id DESC LIMIT ?", arguments: [limit]).map { r in
                StoredRun(id: r["id"], pipeline: r["pipeline"], pipelineVersion: r["pipeline_version"], status: r["status"],
                          startedAt: r["started_at"], finishedAt: r["finished_at"], filesSeen: r["files_seen"],
                          processed: r["processed"], unchanged: r["unchanged"], failed: r["failed"], skipped: r["skipped"],
                          retried: r["retried"], seconds: r["seconds"])
            }
        }
    }
}
