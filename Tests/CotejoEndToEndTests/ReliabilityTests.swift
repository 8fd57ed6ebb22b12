import Foundation
import Testing
import CotejoModel
import CotejoStore
import CotejoStoreTesting
@testable import CotejoPipeline

/// Nothing silently lost: failures that may pass are retried, a stopped batch ends its workers,
/// every input entry is accounted for, and a store in use or read-only is handled in one clear line.
@Suite(.serialized) struct ReliabilityTests {
    /// A scanned page (a 300-dpi PNG of a fixture page): OCR keeps a worker busy for seconds.
    func scanFolder() throws -> URL {
        let dir = try Repo.temporaryDirectory().appendingPathComponent("scans")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let made = try Repo.run("/usr/bin/pdftoppm", ["-r", "300", "-gray", "-png", "-f", "1", "-l", "1",
                                                      Repo.fixtures.appendingPathComponent("004.pdf").path, dir.appendingPathComponent("page").path])
        #expect(made.status == 0)
        return dir
    }

    /// The worker processes of a batch (its children), from /proc.
    func children(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { tid -> [Int32] in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { Int32($0) }
        }
    }

    /// CPU time a process has used, in clock ticks (user + system, /proc/PID/stat fields 14 and 15).
    func cpuTicks(_ pid: Int32) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }

    /// A worker of `batch` that is reading a document: it has used more CPU than starting takes
    /// (about 0.05 s), so it took the request. Under load a worker seen at once may not have yet,
    /// and killing it then tests another path (a document never taken).
    func waitForWorker(of batch: Process) -> Int32? {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, batch.isRunning {
            if let pid = children(of: batch.processIdentifier).first, (cpuTicks(pid) ?? 0) >= 30 { return pid }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }

    func start(_ exe: URL, _ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = exe
        p.arguments = arguments
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// A batch over the scan folder into a new store, caught while its worker reads.
    struct BatchInFlight { var exe: URL; var corpus: URL; var db: String; var batch: Process; var worker: Int32 }

    func batchWithAWorkerReading(store name: String) throws -> BatchInFlight {
        let exe = try #require(Repo.cotejoExecutable)
        let corpus = try scanFolder()
        let db = try Repo.temporaryDirectory().appendingPathComponent(name).path
        let batch = try start(exe, ["ingest", "--db", db, "--jobs", "1", "-q", corpus.path])
        let worker = try #require(waitForWorker(of: batch), "no worker started")
        return BatchInFlight(exe: exe, corpus: corpus, db: db, batch: batch, worker: worker)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftoppm")))
    func aWorkerKilledMidDocumentIsRetriedAndTheStoreEndsAsAfterACleanRun() throws {
        let run = try batchWithAWorkerReading(store: "killed.sqlite")
        let (exe, corpus, db, batch) = (run.exe, run.corpus, run.db, run.batch)
        kill(run.worker, SIGKILL)
        batch.waitUntilExit()
        #expect(batch.terminationStatus == 1)
        let failed = try #require(try Store(path: db).documents().first)
        #expect(failed.status == .failed)
        #expect(failed.error?.contains("detenido a la fuerza") == true, "\(failed.error ?? "no error")")

        // The next run does not call it unchanged: it tries again, and says so.
        let again = Process()
        again.executableURL = exe
        again.arguments = ["ingest", "--db", db, "--jobs", "1", "--lang", "en", corpus.path]
        let err = Pipe()
        again.standardError = err
        try again.run()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        again.waitUntilExit()
        #expect(again.terminationStatus == 0)
        #expect(said.contains("1 retried"), "\(said)")

        let cleanDB = try Repo.temporaryDirectory().appendingPathComponent("clean.sqlite").path
        #expect(try Repo.run(exe.path, ["ingest", "--db", cleanDB, "-q", corpus.path]).status == 0)
        #expect(try Repo.comparableExport(Store(path: db)) == Repo.comparableExport(Store(path: cleanDB)))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftoppm")))
    func sigtermEndsTheWorkersAndMarksTheRunInterrupted() throws {
        let run = try batchWithAWorkerReading(store: "stopped.sqlite")
        let (db, batch, worker) = (run.db, run.batch, run.worker)
        kill(batch.processIdentifier, SIGTERM)
        batch.waitUntilExit()
        #expect(batch.terminationStatus == 143)
        // The worker is gone (a killed child lingers only as a zombie of its dead parent, reaped at once).
        Thread.sleep(forTimeInterval: 0.2)
        let state = (try? String(contentsOfFile: "/proc/\(worker)/stat", encoding: .utf8)) ?? ""
        #expect(state.isEmpty || state.contains(") Z "), "worker \(worker) still running: \(state)")
        #expect(try Store(path: db).runs().map(\.status) == ["interrupted"])
    }

    /// A worker whose batch is already gone (here: a batch id that is not its parent) ends itself
    /// at once with 137 instead of reading: a batch stopped before it registered the worker
    /// leaves no orphan behind.
    @Test func aWorkerWhoseBatchIsGoneEndsItself() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let notTheParent = String(getpid() + 1_000_000)
        let file = Repo.fixtures.appendingPathComponent("001.html").path
        let orphan = try Repo.run(exe.path, ["worker", "--sha256", "x", "--", file], environment: [ParentWatch.variable: notTheParent])
        #expect(orphan.status == 137)
        #expect(orphan.output.isEmpty)
        let child = try Repo.run(exe.path, ["worker", "--sha256", "x", "--", file], environment: [ParentWatch.variable: String(getpid())])
        #expect(child.status == 0)
        #expect(try WorkerAnswer.decode(child.bytes).status == .ok)
    }

    /// The poppler release the path shim was built against is part of the version a bug report quotes.
    @Test func theVersionNamesThePopplerTheShimWasBuiltAgainst() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let said = try Repo.run(exe.path, ["--version"])
        #expect(said.status == 0)
        #expect(said.output.contains("(poppler 2"), "\(said.output)")
    }

    @Test func aSecondBatchOnTheSameStoreStopsAtOnceWithExit3() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let db = try Repo.temporaryDirectory().appendingPathComponent("busy.sqlite").path
        do {
            let claim = try StoreWriteClaim(storePath: db)
            try withExtendedLifetime(claim) {
            let second = try Repo.run(exe.path, ["ingest", "--db", db, "-q", Repo.fixtures.appendingPathComponent("001.html").path])
            #expect(second.status == 3)
                #expect(throws: StoreProblem.self) { _ = try StoreWriteClaim(storePath: db) }
            }
        }
        // Once the first batch is done, the store is free.
        #expect(try Repo.run(exe.path, ["ingest", "--db", db, "-q", Repo.fixtures.appendingPathComponent("001.html").path]).status == 0)
    }

    @Test func readOnlyStoresAreReadAndMistypedOnesAreNotCreated() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let dir = try Repo.temporaryDirectory()
        let db = dir.appendingPathComponent("ro.sqlite").path
        #expect(try Repo.run(exe.path, ["ingest", "--db", db, "-q", Repo.fixtures.appendingPathComponent("001.html").path]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        let exported = try Repo.run(exe.path, ["export", "--db", db])
        #expect(exported.status == 0)
        #expect(exported.output.contains("cotejo.export/1"))
        let typo = dir.appendingPathComponent("typo.sqlite").path
        #expect(try Repo.run(exe.path, ["findings", "--db", typo]).status == 3)
        #expect(!FileManager.default.fileExists(atPath: typo))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDiskIsOneLineAndExit3NotACrash() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let db = try Repo.temporaryDirectory().appendingPathComponent("full.sqlite").path
        #expect(try Repo.run(exe.path, ["ingest", "--db", db, "-q", Repo.fixtures.appendingPathComponent("001.html").path]).status == 0)
        // /dev/full refuses every write with ENOSPC, as a full disk does.
        let p = Process()
        p.executableURL = exe
        p.arguments = ["export", "--db", db]
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let err = Pipe()
        p.standardError = err
        try p.run()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 3, "\(p.terminationReason) \(p.terminationStatus)")
        #expect(said.contains("No space left on device"), "\(said)")
        #expect(said.split(separator: "\n").count == 1)
    }

    @Test func everyInputEntryIsReadOrListedWithAReason() throws {
        let root = try Repo.temporaryDirectory()
        let dir = root.appendingPathComponent("in")
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let html = Repo.fixtures.appendingPathComponent("001.html")
        try fm.copyItem(at: html, to: dir.appendingPathComponent("a.html"))
        try fm.copyItem(at: html, to: dir.appendingPathComponent("sub/copy.html"))        // the same bytes twice
        try fm.copyItem(at: html, to: dir.appendingPathComponent(".hidden.html"))
        #expect(mkfifo(dir.appendingPathComponent("pipe").path, 0o644) == 0)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("sub/loop").path, withDestinationPath: dir.path)
        // A folder reached through a link is read.
        let outside = root.appendingPathComponent("outside")
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try fm.copyItem(at: Repo.fixtures.appendingPathComponent("003.html"), to: outside.appendingPathComponent("linked.html"))
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("link").path, withDestinationPath: outside.path)
        // A name that is not UTF-8.
        let badName = dir.path + "/bad-\u{1}"
        var bytes = Array(badName.utf8.dropLast()) + [0xFF, 0x2E, 0x74, 0x78, 0x74, 0]
        let fd = bytes.withUnsafeMutableBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        #expect(fd >= 0); close(fd)

        // A symlinked input folder is followed too.
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("in-link").path, withDestinationPath: dir.path)
        let walk = InputWalk(paths: [root.appendingPathComponent("in-link").path], language: .en)
        let names = walk.files.map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(Set(names) == ["a.html", "copy.html", "linked.html"])
        let reasons = Dictionary(uniqueKeysWithValues: walk.passedOver.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.reason) })
        #expect(reasons[".hidden.html"]?.contains("hidden") == true)
        #expect(reasons["pipe"]?.contains("FIFO") == true)
        #expect(reasons["loop"]?.contains("loop") == true)
        #expect(walk.passedOver.contains { $0.reason.contains("UTF-8") })
        // In Spanish, Cotejo's default.
        let spanish = InputWalk(paths: [root.appendingPathComponent("in-link").path]).passedOver.map(\.reason)
        #expect(spanish.contains { $0.contains("oculto") } && spanish.contains { $0.contains("bucle") })

        // In a batch: the passed-over entries are in the summary and the store; both paths of the copy are kept.
        let store = try Store(path: root.appendingPathComponent("db.sqlite").path)
        let summary = try Pipeline(config: PipelineConfig(inputs: [])).ingest(paths: [dir.path], store: store)
        #expect(summary.skipped.count == 4)
        let copy = try #require(try store.documents().first { $0.path.hasSuffix(".html") && $0.files.count == 2 })
        #expect(Set(copy.files.map { URL(fileURLWithPath: $0).lastPathComponent }) == ["a.html", "copy.html"])
        let stored = try store.count("skipped_files")
        #expect(stored == 4)
    }

    @Test func aMistypedInputIsAUsageErrorAndNothingIsStored() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let db = try Repo.temporaryDirectory().appendingPathComponent("typo.sqlite").path
        let result = try Repo.run(exe.path, ["ingest", "--db", db, "-q", "/no/such/folder-\(UUID().uuidString)"])
        #expect(result.status == 2)
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func theBatchSpeaksSpanishByDefault() {
        var summary = RunSummary()
        summary.filesSeen = 21; summary.processed = 1; summary.unchanged = 15; summary.failed = 0; summary.retried = 1
        summary.seconds = 3.14
        summary.skipped = [SkippedFile(path: "in/pipe", reason: "a named pipe (FIFO), not a file")]
        let es = BatchMessages(language: .es).summary(summary)
        #expect(es[0] == "Leídos 21 archivos en 3,1 s: 1 procesado, 15 sin cambios, 0 fallidos, 1 omitido, 1 reintentado")
        #expect(es[1].hasPrefix("  omitido: in/pipe"))
        let en = BatchMessages(language: .en).summary(summary)
        #expect(en[0] == "Read 21 files in 3.1 s: 1 processed, 15 unchanged, 0 failed, 1 skipped, 1 retried")
        var event = ProgressEvent(.read, path: "a.pdf")
        (event.done, event.total, event.status, event.pages, event.activities, event.findings, event.seconds, event.etaSeconds) = (1, 2, "ok", 0, 0, 1, 0.5, 200)
        #expect(BatchMessages(language: .es).line(event) == "[1/2] a.pdf: leído, 0 páginas, 0 actividades, 1 hallazgo (0,50 s) · quedan ~3 min 20 s")
        #expect(BatchMessages(language: .en).line(event) == "[1/2] a.pdf: ok, 0 pages, 0 activities, 1 finding (0.50 s) · ~3 min 20 s left")
    }
}
