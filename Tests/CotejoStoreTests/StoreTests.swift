import Foundation
import Testing
import GRDB
import CotejoModel
@testable import CotejoStore
import CotejoStoreTesting

@Suite struct StoreTests {
    func sample(sha: String = "abc", path: String = "fixtures/x.pdf") -> ProcessedDocument {
        let src = Source(page: 2, bbox: BBox(x0: 10, y0: 20, x1: 110, y1: 32), text: "29 20 145%")
        let content = DocumentContent(format: .pdf, pages: [
            Page(number: 1, width: 612, height: 792, blocks: [
                Block(lines: [TextLine(text: "PÁGINA 1 de 2", source: Source(page: 1, bbox: BBox(x0: 1, y0: 1, x1: 2, y1: 2), text: "PÁGINA 1 de 2"))], role: .furniture, reason: .pageNumber),
                Block(lines: [TextLine(text: "Mesas de participación efectiva", source: Source(page: 1, bbox: BBox(x0: 1, y0: 100, x1: 200, y1: 112), text: "Mesas de participación efectiva"))]),
            ]),
        ])
        let records = DocumentRecords(
            facts: DocumentFacts(entity: "IDIPRON", title: "Informe", kind: .report, year: 2022, sources: ["entity": src]),
            activities: [Activity(item: "1", description: "Desarrollar la estrategia", planned: 20, executed: 29, reportedPercent: 145,
                                  source: [src], fieldSources: ["planned": src.quoting("20")])],
            totals: [StatedTotal(label: "vigencia", planned: 69, executed: 78, reportedPercent: 113, months: 1...12, source: [src])],
            commitments: [Commitment(period: "2021-05", collected: 70, inCharge: 20, notInCharge: 50, source: [src])])
        let finding = Finding(rule: "percent.mismatch", severity: .error, message: "Se reporta", messageEN: "Reported",
                              values: ["planned": .number(69), "label": .text("x")], source: [src])
        return ProcessedDocument(path: path, sha256: sha, format: .pdf, byteCount: 10, status: .ok, content: content,
                                 records: records, findings: [finding])
    }

    @Test func roundTripKeepsRecordsAndSources() throws {
        let store = try Store()
        let run = try store.beginRun(pipeline: "p", version: "v1")
        try store.save(sample(), runID: run, pipelineVersion: "v1")
        let docs = try store.documents()
        #expect(docs.count == 1)
        let d = try #require(docs.first)
        #expect(d.records.facts.entity == "IDIPRON")
        #expect(d.records.facts.sources["entity"]?.page == 2)
        let a = try #require(d.records.activities.first)
        #expect(a.planned == 20 && a.executed == 29 && a.reportedPercent == 145)
        #expect(a.source.first?.bbox == BBox(x0: 10, y0: 20, x1: 110, y1: 32))
        #expect(a.fieldSources["planned"]?.text == "20")
        #expect(d.records.totals.first?.months == 1...12)
        #expect(d.records.commitments.first?.notInCharge == 50)
        #expect(d.findings.first?.values["label"] == .text("x"))
        #expect(d.findings.first?.messageEN == "Reported")
        #expect(try store.processedVersion(sha256: "abc") == "v1")
    }

    @Test("blocks written many to a statement keep their order and their roles, all are searchable, and a document saved again replaces them")
    func manyBlocks() throws {
        let store = try Store()
        let run = try store.beginRun(pipeline: "p", version: "v1")
        func doc(_ word: String) -> ProcessedDocument {
            // 250 blocks over two pages: more than one statement's worth, and a last, shorter one.
            let pages = (1...2).map { n in
                Page(number: n, blocks: (0..<125).map { i in
                    let text = "bloque \(n)-\(i) \(word)"
                    return Block(lines: [TextLine(text: text, source: Source(page: n, bbox: BBox(x0: 0, y0: Double(i), x1: 9, y1: Double(i) + 1), text: text))],
                                 role: i == 0 ? .furniture : .body, reason: i == 0 ? .pageNumber : nil)
                })
            }
            return ProcessedDocument(path: "x.pdf", sha256: "s-\(word)", format: .pdf, byteCount: 1, status: .ok,
                                     content: DocumentContent(format: .pdf, pages: pages))
        }
        try store.save(doc("primero"), runID: run, pipelineVersion: "v1")
        let id = try #require(store.documents().first?.id)
        let blocks = try store.blocks(documentID: id)
        #expect(blocks.map(\.text) == (1...2).flatMap { n in (0..<125).map { "bloque \(n)-\($0) primero" } })
        #expect(blocks.filter { $0.role == .furniture }.count == 2)
        #expect(try store.search("primero", limit: 1000).count == 248)
        #expect(try store.search("124", limit: 10).map(\.page).sorted() == [1, 2])
        try store.save(doc("segundo"), runID: run, pipelineVersion: "v1")
        #expect(try store.search("primero", limit: 1000).isEmpty)
        #expect(try store.search("segundo", limit: 1000).count == 248)
    }

    @Test("documents(matching:) picks by path, file name or SHA-256 prefix in SQL, each with its own sources")
    func matching() throws {
        let store = try Store()
        let run = try store.beginRun(pipeline: "p", version: "v1")
        try store.save(sample(sha: "aa11", path: "corpus/informe_100%.pdf"), runID: run, pipelineVersion: "v1")
        try store.save(sample(sha: "bb22", path: "corpus/informe_1000.pdf"), runID: run, pipelineVersion: "v1")
        try store.save(sample(sha: "cc33", path: "otro/plan.pdf"), runID: run, pipelineVersion: "v1")
        #expect(try store.documents().count == 3)
        #expect(try store.documents(matching: "informe_100%.pdf").map(\.path) == ["corpus/informe_100%.pdf"])
        #expect(try store.documents(matching: "corpus/informe_1000.pdf").map(\.sha256) == ["bb22"])
        #expect(try store.documents(matching: "cc").map(\.path) == ["otro/plan.pdf"])
        #expect(try store.documents(matching: "lan.pdf").isEmpty)
        #expect(try store.documents(matching: "informe_1%").isEmpty)
        let one = try #require(try store.documents(matching: "bb22").first)
        #expect(one.records.activities.first?.fieldSources["planned"]?.text == "20")
        #expect(one.findings.first?.source.count == 1)
    }

    @Test func savingAgainReplacesAndChangedFileReplacesByPath() throws {
        let store = try Store()
        let run = try store.beginRun(pipeline: "p", version: "v1")
        try store.save(sample(), runID: run, pipelineVersion: "v1")
        try store.save(sample(), runID: run, pipelineVersion: "v2")
        try store.save(sample(sha: "def"), runID: run, pipelineVersion: "v2")
        let docs = try store.documents()
        #expect(docs.map(\.sha256) == ["def"])
        let orphans = try store.count("sources", where: "document_id NOT IN (SELECT id FROM documents)")
        #expect(orphans == 0)
    }

    /// What a store holds of its documents, as text to compare: each document's columns, records
    /// and findings, and the rows of every table a document writes.
    func snapshot(_ store: Store) throws -> String {
        let encoder = JSONCoding.encoder(sortedKeys: true)
        let docs = try store.documents().map { d in
            "\(d.path) \(d.sha256 ?? "-") \(d.format?.rawValue ?? "-") \(d.pages) \(d.status.rawValue) \(d.error ?? "-") \(d.notes) "
                + String(decoding: try encoder.encode(d.records), as: UTF8.self)
                + String(decoding: try encoder.encode(d.findings), as: UTF8.self)
        }
        let rows = try ["pages", "blocks", "doc_tables", "cells", "activities", "totals", "findings", "sources"].map {
            "\($0) \(try store.count($0))"
        }
        return (docs + rows).joined(separator: "\n")
    }

    /// A document written in parts (a worker's big sheet: its content, then its records, then the
    /// rest) leaves the same rows as a whole save; a rest that failed or threw leaves the store as
    /// it was.
    @Test func aDocumentSavedInPartsEqualsOneSavedWhole() throws {
        let whole = try Store(), parts = try Store(), recordsLast = try Store()
        let doc = sample()
        let content = try #require(doc.content)
        try whole.save(doc, runID: whole.beginRun(pipeline: "p", version: "v1"), pipelineVersion: "v1")
        let run = try parts.beginRun(pipeline: "p", version: "v1")
        let id = try parts.save(content: content, path: doc.path, sha256: "abc", runID: run, pipelineVersion: "v1") { writeRecords in
            try writeRecords(doc.records)
            return doc
        }
        #expect(id != nil)
        #expect(try snapshot(parts) == snapshot(whole))
        // Records that never came ahead are written with the rest.
        _ = try recordsLast.save(content: content, path: doc.path, sha256: "abc", runID: recordsLast.beginRun(pipeline: "p", version: "v1"),
                                 pipelineVersion: "v1") { _ in doc }
        #expect(try snapshot(recordsLast) == snapshot(whole))

        var failed = doc
        failed.status = .failed
        failed.error = "the worker died"
        #expect(try parts.save(content: content, path: doc.path, sha256: "abc", runID: run, pipelineVersion: "v1") { writeRecords in
            try writeRecords(doc.records)
            return failed
        } == nil)
        struct Gone: Error {}
        #expect(throws: Gone.self) {
            try parts.save(content: content, path: doc.path, sha256: "abc", runID: run, pipelineVersion: "v1") { _ in throw Gone() }
        }
        #expect(try snapshot(parts) == snapshot(whole))
    }

    @Test func failedDocumentsAreKept() throws {
        let store = try Store()
        let run = try store.beginRun(pipeline: "p", version: "v1")
        try store.save(ProcessedDocument(path: "missing.pdf", sha256: nil, format: nil, byteCount: 0, status: .failed, error: "no such file"),
                       runID: run, pipelineVersion: "v1")
        try store.save(ProcessedDocument(path: "missing.pdf", sha256: nil, format: nil, byteCount: 0, status: .failed, error: "no such file"),
                       runID: run, pipelineVersion: "v1")
        let docs = try store.documents()
        #expect(docs.count == 1)
        #expect(docs.first?.status == .failed && docs.first?.error == "no such file")
    }

    @Test func searchFoldsAccentsAndLeavesFurnitureOut() throws {
        let store = try Store()
        let run = try store.beginRun(pipeline: "p", version: "v1")
        try store.save(sample(), runID: run, pipelineVersion: "v1")
        let hits = try store.search("participacion")
        #expect(hits.count == 1)
        #expect(hits.first?.page == 1)
        #expect(hits.first?.snippet.contains("[participación]") == true)
        #expect(try store.search("PÁGINA").isEmpty)
        #expect(try store.search("PÁGINA", includeFurniture: true).count == 1)
    }

    @Test("a cell's source is stored without the text the cell holds, and read back whole")
    func cellSourcesLeaveOutTheCellsOwnText() throws {
        let store = try Store()
        let run = try store.beginRun(pipeline: "p", version: "v1")
        var doc = sample()
        let cells = [
            Cell(row: 0, column: 0, text: "Meta", isHeader: true, source: Source(sheet: "Hoja1", cell: "A1", text: "Meta")),
            // A source that quotes more (or less) than the cell keeps its own text.
            Cell(row: 1, column: 0, text: "20", source: Source(page: 1, bbox: BBox(x0: 1, y0: 2, x1: 3, y1: 4), text: "20 %")),
            Cell(row: 1, column: 1, text: "7", source: Source(sheet: "Hoja1", cell: "B2", text: "", formula: "=3+4")),
        ]
        doc.content?.tables = [Table(index: 1, pages: [1], rowCount: 2, columnCount: 2, headerRowCount: 1, cells: cells)]
        try store.save(doc, runID: run, pipelineVersion: "v1")
        let id = try #require(try store.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM documents") })
        #expect(try store.tables(documentID: id).first?.cells == cells)
        let stored = try store.read { db in try String.fetchAll(db, sql: "SELECT source FROM cells ORDER BY row, \"column\"") }
        #expect(stored == [#"{"cell":"A1","sheet":"Hoja1"}"#, #"{"bbox":{"x0":1,"x1":3,"y0":2,"y1":4},"page":1,"text":"20 %"}"#,
                           #"{"cell":"B2","formula":"=3+4","sheet":"Hoja1","text":""}"#])
        // Rows written before kept the text in the source, and read as they did.
        try store.write { db in try db.execute(sql: #"UPDATE cells SET source = '{"cell":"A1","sheet":"Hoja1","text":"Meta"}' WHERE row = 0"#) }
        #expect(try store.tables(documentID: id).first?.cells == cells)
    }

    @Test("a store from before cells and sources lost AUTOINCREMENT keeps every row, index and view when opened")
    func storeWrittenBeforeVersion12IsCarriedOver() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cotejo-v11-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        // The store as Cotejo wrote it before version 12, with a document, a table and a finding.
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v11: figure order")
            try queue.write { db in
                #expect(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'sources'")?.contains("AUTOINCREMENT") == true)
                try db.execute(sql: """
                    INSERT INTO runs (id, pipeline, pipeline_version, started_at, status) VALUES (1, 'p', 'v1', '2026-01-01T00:00:00Z', 'finished');
                    INSERT INTO documents (id, sha256, path, format, byte_count, pages, status, notes, pipeline_version, run_id, processed_at)
                      VALUES (1, 'abc', 'x.pdf', 'pdf', 10, 1, 'ok', '[]', 'v1', 1, '2026-01-01T00:00:00Z');
                    INSERT INTO doc_tables (id, document_id, ordinal, pages, row_count, column_count, header_rows) VALUES (1, 1, 1, '[1]', 1, 2, 0);
                    INSERT INTO cells (table_id, row, "column", row_span, column_span, is_header, text, source)
                      VALUES (1, 0, 0, 1, 1, 0, 'Meta', '{"text":"Meta"}'), (1, 0, 1, 1, 1, 0, '20', '{"text":"20"}');
                    INSERT INTO findings (id, document_id, run_id, ordinal, rule, severity, message, message_en, "values")
                      VALUES (1, 1, 1, 0, 'sum.mismatch', 'error', 'Se reporta', 'Reported', '{}');
                    INSERT INTO sources (document_id, owner, owner_id, ordinal, page, text) VALUES (1, 'finding', 1, 0, 2, '20');
                    """)
            }
        }
        let store = try Store(path: path)
        let (schema, indexes, located) = try store.read { db in
            (try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE name IN ('cells', 'sources')"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cells', 'sources') AND sql IS NOT NULL ORDER BY name"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM findings_with_sources WHERE page = 2 AND source_text = '20'") ?? 0)
        }
        #expect(schema.count == 2 && schema.allSatisfy { !$0.contains("AUTOINCREMENT") })
        #expect(indexes == ["cells_on_table_id", "sources_on_document_id", "sources_owner"])
        #expect(located == 1)
        #expect(try store.count("cells") == 2 && store.count("sources") == 1)
        #expect(try store.documents().first?.findings.first?.source.first?.page == 2)
        // New rows go on after the old ones.
        let run = try store.beginRun(pipeline: "p", version: "v2")
        try store.save(sample(sha: "def", path: "y.pdf"), runID: run, pipelineVersion: "v2")
        #expect(try store.count("sources") > 1 && store.count("cells") == 2)
    }

    @Test func viewsAndForeignKeysExist() throws {
        let store = try Store()
        let (views, keys) = try store.read { db in
            (try ["findings_with_sources", "activities_by_entity"].map { try db.viewExists($0) },
             try db.foreignKeys(on: "activities").map(\.destinationTable))
        }
        #expect(views == [true, true])
        #expect(keys.contains("documents"))
    }

    @Test func aDamagedStoreIsCaughtWhenOpenedAndNamedInOneLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cotejo-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("db.sqlite").path
        do {
            let store = try Store(path: path)
            try store.save(sample(), runID: store.beginRun(pipeline: "t", version: "v1"), pipelineVersion: "v1")
        }
        // Overwrite pages in the middle of the file, as a disk fault or a bad copy would.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 8192))
        try handle.close()
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        do {
            _ = try Store(path: path)
            Issue.record("a damaged store opened without a word")
        } catch let problem as StoreProblem {
            #expect(problem.description.contains("damaged"), "\(problem)")
        }
        // Not a database at all.
        let junk = dir.appendingPathComponent("junk.sqlite").path
        try Data("esto no es una base de datos".utf8).write(to: URL(fileURLWithPath: junk))
        #expect(throws: StoreProblem.self) { _ = try Store(path: junk) }
    }

    @Test func aMissingStoreIsNotCreatedByAReader() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cotejo-none-\(UUID().uuidString).sqlite").path
        #expect(throws: StoreProblem.self) { _ = try Store(path: path, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// Two shards' runs that started in the same second are two runs after a merge, each with its
    /// passed-over entries; merging again adds nothing.
    @Test func runsStartedInTheSameSecondStayDistinctInAMerge() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cotejo-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var paths: [String] = []
        for k in 1...2 {
            let path = dir.appendingPathComponent("s\(k).sqlite").path
            let store = try Store(path: path)
            let run = try store.beginRun(pipeline: "default", version: "v1")
            var summary = RunSummary()
            summary.filesSeen = 10; summary.processed = k
            summary.skipped = [SkippedFile(path: "in/\(k).json", reason: "JSON")]
            try store.finishRun(run, summary: summary)
            try store.write { try $0.execute(sql: "UPDATE runs SET started_at = '2026-12-01T06:00:00Z', finished_at = '2026-12-01T06:00:09Z'") }
            paths.append(path)
        }
        let merged = try Store(path: dir.appendingPathComponent("all.sqlite").path)
        for p in paths { _ = try merged.merge(from: p) }
        let counts = try merged.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM skipped_files"))
        }
        #expect(counts.0 == 2 && counts.1 == 2)
        #expect(try merged.merge(from: paths[0]).changed == false)
    }
}
