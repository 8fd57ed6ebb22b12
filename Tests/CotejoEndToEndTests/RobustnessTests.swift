import Foundation
import Testing
import CotejoModel
import CotejoStore
import CotejoPipeline
import CotejoReport

/// A batch over hostile and broken files finishes, records every file with a reason, and loses
/// nothing; a crash, a hang or a memory blow-up in a reader costs one document.
@Suite(.serialized) struct RobustnessTests {
    func isolated(seconds: Double = 30, megabytes: Double = 1024) throws -> Pipeline.Isolation {
        let exe = try #require(Repo.cotejoExecutable, "the cotejo executable is built with the tests")
        return .childProcess(ChildProcessRunner(executable: exe, pipelinePath: nil, seconds: seconds, megabytes: megabytes))
    }

    @Test func hostileCorpus() throws {
        let dir = try Repo.temporaryDirectory()
        let corpus = dir.appendingPathComponent("corpus")
        let made = try Repo.run("/usr/bin/env", ["python3", Repo.root.appendingPathComponent("scripts/hostile_corpus.py").path, corpus.path])
        #expect(made.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
        #expect(files.count >= 20)

        let store = try Store(path: dir.appendingPathComponent("db.sqlite").path)
        // A short time limit: the 1,500-page PDF may not finish in a debug build, and then it
        // must be recorded as stopped, not hang the batch.
        let summary = try Pipeline(config: PipelineConfig(inputs: [])).ingest(
            paths: [corpus.path], store: store, jobs: 2, isolation: try isolated(seconds: 20))
        let docs = Dictionary(uniqueKeysWithValues: try store.documents().map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0) })

        // Every file is accounted for: stored (read or failed with a reason) or skipped with a reason.
        #expect(docs.count + summary.skipped.count == files.count)
        #expect(summary.skipped.allSatisfy { !$0.reason.isEmpty })
        for d in docs.values where d.status == .failed {
            #expect(!(d.error ?? "").isEmpty, "\(d.path) failed without a reason")
        }
        #expect(docs["empty.pdf"]?.error?.contains("vacío") == true)
        #expect(docs["encrypted.pdf"]?.error?.contains("cifrado") == true)
        #expect(docs["truncated.pdf"]?.status == .failed)
        #expect(docs["random.pdf"]?.error?.contains("no es un archivo PDF") == true)
        #expect(docs["zip_bomb.docx"]?.error?.contains("demasiado grande") == true)
        #expect(docs["malformed.docx"]?.status == .failed)
        #expect(docs["malformed.xlsx"]?.status == .failed)
        #expect(docs["billion_laughs.docx"]?.status == .failed)
        #expect(docs["text_named.pdf"]?.format == .txt)
        #expect(docs["latin1.txt"]?.notes.contains { $0.contains("Latin-1") } == true)
        if let many = docs["many_pages.pdf"], many.status == .failed {
            #expect(many.error?.contains("longer than") == true)
        }
        // External entities and remote resources are never fetched nor expanded.
        for name in ["external.html", "external_entity.docx"] {
            let d = try #require(docs[name])
            let text = try store.blocks(documentID: d.id).map(\.text).joined(separator: " ")
            #expect(!text.contains("root:"), "\(name) expanded a file entity")
        }
        // A sheet too large for the limits fails for a limit (memory, or time in a debug build,
        // since the sheet is read as a stream), never as malformed XML.
        if let big = docs["million_cells.xlsx"], big.status == .failed {
            let why = big.error ?? ""
            #expect((why.contains("memory") || why.contains("límite")) && !why.contains("well-formed"), "got: \(why)")
        }
        // A stray cell in the sheet's last row and column leaves the table whole.
        let stray = try #require(docs["stray_cell.xlsx"])
        #expect(stray.status == .ok)
        #expect(stray.records.activities.count == 9)
        // A part that compresses very well is not a zip bomb.
        #expect(docs["many_cells.docx"]?.status == .ok)
        // A 400-digit figure is text, never Infinity; the document is stored and exports.
        #expect(docs["overlong_number.txt"]?.status == .ok)
        let exported = try JSONExporter.encode(JSONExporter.export(Array(docs.values), version: "test", pipeline: nil))
        #expect(!String(decoding: exported, as: UTF8.self).contains("Infinity"))
        // Nested and entity-laden HTML is read, not crashed on; what lies too deep is skipped, so
        // the document is partial and says why.
        #expect(docs["nested.html"]?.status == .partial)
        #expect(docs["nested.html"]?.notes.contains { $0.contains("nested deeper") } == true)
        #expect(docs["billion_laughs.html"] != nil)
    }

    @Test func memoryLimitFailsTheDocumentNotTheBatch() throws {
        let dir = try Repo.temporaryDirectory()
        try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent("001.pdf"), to: dir.appendingPathComponent("001.pdf"))
        let store = try Store(path: try Repo.temporaryDirectory().appendingPathComponent("db.sqlite").path)
        _ = try Pipeline(config: PipelineConfig(inputs: [])).ingest(paths: [dir.path], store: store, isolation: try isolated(megabytes: 48))
        let d = try #require(try store.documents().first)
        #expect(d.status == .failed)
        #expect(d.error?.contains("memoria") == true, "got: \(d.error ?? "nil")")
    }

    @Test func isolatedAndInProcessRunsAgree() throws {
        let dir = try Repo.temporaryDirectory()
        for name in ["003.html", "004.docx", "001.pptx"] {
            try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        let stores = try Repo.temporaryDirectory()
        let a = try Store(path: stores.appendingPathComponent("a.sqlite").path)
        let b = try Store(path: stores.appendingPathComponent("b.sqlite").path)
        _ = try Pipeline(config: PipelineConfig(inputs: [])).ingest(paths: [dir.path], store: a, jobs: 2, isolation: try isolated())
        _ = try Pipeline(config: PipelineConfig(inputs: [])).ingest(paths: [dir.path], store: b)
        #expect(try Repo.comparableExport(a) == Repo.comparableExport(b))
    }

    /// With every content stored before its records (no cell threshold), a batch of workers writes
    /// the same store as one process does, and a worker's big content is stored early.
    @Test func contentsStoredBeforeTheirRecordsGiveTheSameStore() throws {
        guard case .childProcess(var runner) = try isolated() else { Issue.record("not isolated"); return }
        runner.earlySaveCells = 1
        let dir = try Repo.temporaryDirectory()
        for name in ["003.xlsx", "004.docx", "003.pdf", "001.html"] {
            try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        let stores = try Repo.temporaryDirectory()
        let early = try Store(path: stores.appendingPathComponent("early.sqlite").path)
        let inProcess = try Store(path: stores.appendingPathComponent("in-process.sqlite").path)
        _ = try Pipeline(config: PipelineConfig(inputs: [])).ingest(paths: [dir.path], store: early, jobs: 2, isolation: .childProcess(runner))
        _ = try Pipeline(config: PipelineConfig(inputs: [])).ingest(paths: [dir.path], store: inProcess)
        #expect(try Repo.comparableExport(early) == Repo.comparableExport(inProcess))

        let worker = runner.worker()
        defer { worker.stop() }
        let sheet = dir.appendingPathComponent("003.xlsx")
        let size = try Data(contentsOf: sheet).count
        var heardContent = false
        let outcome = try worker.process(path: sheet.path, sha256: "sha-sheet", byteCount: size, format: .xlsx, saveEarly: { content, rest in
            heardContent = !content.tables.isEmpty
            return try early.save(content: content, path: sheet.path, sha256: "sha-sheet", runID: 1, pipelineVersion: "test", rest: rest) != nil
        })
        #expect(heardContent)
        #expect(outcome.saved)
        #expect(outcome.document.status == .ok)
        #expect(outcome.document.content?.tables.isEmpty == false)
        // Below the threshold the content waits for its document and the caller saves it.
        runner.earlySaveCells = .max
        let late = try runner.worker().process(path: sheet.path, sha256: "sha-sheet", byteCount: size, format: .xlsx, saveEarly: { _, _ in
            Issue.record("a small content was saved early"); return false
        })
        #expect(!late.saved)
        #expect(late.document.content?.tables.count == outcome.document.content?.tables.count)
    }

    /// The documents a worker reads, with their bytes' hash and format, as the batch gives them.
    func read(_ names: [String], with worker: WorkerProcess) throws -> [ProcessedDocument] {
        try names.map { name in
            let url = Repo.fixtures.appendingPathComponent(name)
            let data = try Data(contentsOf: url)
            return try worker.process(path: url.path, sha256: "sha-\(name)", byteCount: data.count, format: nil).document
        }
    }

    @Test func oneChildReadsDocumentsInTurnAndADeadOneIsReplaced() throws {
        guard case .childProcess(let runner) = try isolated() else { Issue.record("not isolated"); return }
        let worker = runner.worker()
        defer { worker.stop() }
        let first = try read(["003.html", "004.docx", "003.pdf"], with: worker)
        #expect(first.map(\.status) == [.ok, .ok, .ok])
        #expect(first.map(\.sha256) == ["sha-003.html", "sha-004.docx", "sha-003.pdf"])
        #expect(worker.processesStarted == 1)
        let pid = try #require(worker.pid)
        kill(pid, SIGKILL)
        let after = try read(["001.html"], with: worker)
        #expect(after.map(\.status) == [.ok])
        #expect(worker.processesStarted == 2)
        #expect(worker.pid != pid)
    }

    @Test func aChildPastItsMemoryShareIsReplacedAfterItsDocument() throws {
        guard case .childProcess(var runner) = try isolated() else { Issue.record("not isolated"); return }
        runner.recycleShare = 0.01
        let worker = runner.worker()
        defer { worker.stop() }
        let docs = try read(["003.html", "004.docx", "001.html"], with: worker)
        #expect(docs.map(\.status) == [.ok, .ok, .ok])
        #expect(worker.processesStarted == 3)
    }

    /// The batch sniffs each file once and tells the worker what it found: the worker reads the
    /// bytes as that format rather than sniffing them again.
    @Test func theWorkerReadsTheFormatTheBatchFound() throws {
        guard case .childProcess(let runner) = try isolated() else { Issue.record("not isolated"); return }
        let worker = runner.worker()
        defer { worker.stop() }
        let page = Repo.fixtures.appendingPathComponent("001.html")
        let size = try Data(contentsOf: page).count
        let asText = try worker.process(path: page.path, sha256: "sha-page", byteCount: size, format: .txt).document
        #expect(asText.format == .txt && asText.status == .ok)
        let sniffed = try worker.process(path: page.path, sha256: "sha-page", byteCount: size, format: nil).document
        #expect(sniffed.format == .html)
    }

    @Test func aFileGoneBeforeTheWorkerOpensItFailsAloneAndTheChildServesOn() throws {
        guard case .childProcess(let runner) = try isolated() else { Issue.record("not isolated"); return }
        let worker = runner.worker()
        defer { worker.stop() }
        let gone = try worker.process(path: "/nonexistent/plan.pdf", sha256: "x", byteCount: 0, format: .pdf).document
        #expect(gone.status == .failed)
        #expect(gone.error?.contains("no se pudo abrir") == true, "got: \(gone.error ?? "nil")")
        #expect(try read(["001.html"], with: worker).map(\.status) == [.ok])
        #expect(worker.processesStarted == 1)
    }

    /// Cells cross from a worker as short lists; each comes back whole, its source's text included
    /// whether or not it is the cell's.
    @Test func cellsComeBackWholeFromTheirCompactForm() throws {
        let cells = [
            Cell(row: 3, column: 2, text: "1.234,5", source: Source(sheet: "Seguimiento", cell: "C4", text: "1.234,5", formula: "=B4*2")),
            Cell(row: 0, column: 0, rowSpan: 2, columnSpan: 3, text: "Meta", isHeader: true,
                 source: Source(page: 4, bbox: BBox(x0: 1, y0: 2, x1: 3, y1: 4), text: "Meta programada", ocr: true, confidence: 0.5)),
            Cell(row: 1, column: 1, text: "", source: Source(xpath: "/html/body/table/tr[2]/td[2]", text: "")),
        ]
        let data = try JSONCoding.encoder().encode(cells)
        #expect(try JSONCoding.decoder().decode([Cell].self, from: data) == cells)
        #expect(!String(decoding: data, as: UTF8.self).contains("rowSpan"))
    }

    /// kill -9 in the middle of a run, then run again: the store equals an uninterrupted run's.
    @Test func killedRunResumesToTheSameStore() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let dir = try Repo.temporaryDirectory()
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        // Every fixture, each a distinct document, read one at a time: long enough a run for the kill
        // to land in the middle even on a loaded machine.
        let names = try FileManager.default.contentsOfDirectory(atPath: Repo.fixtures.path).filter {
            ["pdf", "html", "docx", "xlsx", "pptx"].contains(URL(fileURLWithPath: $0).pathExtension)
        }
        for name in names {
            try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent(name), to: corpus.appendingPathComponent(name))
        }
        let killedDB = dir.appendingPathComponent("killed.sqlite").path
        let p = Process()
        p.executableURL = exe
        p.arguments = ["ingest", "--db", killedDB, "--jobs", "1", "-q", corpus.path]
        p.standardError = FileHandle.nullDevice
        try p.run()
        // As soon as one document is stored, kill the batch without warning. The store is watched
        // read-only, so the watcher never competes with the batch's writer.
        let deadline = Date().addingTimeInterval(120)
        var stored = 0
        while Date() < deadline, p.isRunning {
            stored = Store.documentCount(atPath: killedDB) ?? 0
            if stored >= 1 { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(stored >= 1 && stored < names.count, "the kill should land mid-run (stored \(stored) of \(names.count))")

        let resumed = try Repo.run(exe.path, ["ingest", "--db", killedDB, "-q", corpus.path])
        #expect(resumed.status == 0)
        let cleanDB = dir.appendingPathComponent("clean.sqlite").path
        #expect(try Repo.run(exe.path, ["ingest", "--db", cleanDB, "-q", corpus.path]).status == 0)
        let killedStore = try Store(path: killedDB)
        #expect(try Repo.comparableExport(killedStore) == Repo.comparableExport(Store(path: cleanDB)))
        let statuses = try killedStore.runs().map(\.status)
        #expect(statuses == ["finished", "interrupted"])
    }
}
