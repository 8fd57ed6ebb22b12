import CotejoSpanish
import Foundation
import Logging
import CotejoModel
import CotejoIngest
import CotejoTables
import CotejoRecords
import CotejoChecks
import CotejoStore

/// Cotejo's version, stamped on every run, document and export.
public let cotejoVersion = "0.1.0"

/// Runs the stages over files: sniff + SHA-256 → reader → furniture → tables → records → checks →
/// store. Each document is processed as a value and written in one transaction; a failure is
/// recorded with its reason and the batch goes on.
public struct Pipeline: Sendable {
    public var config: PipelineConfig
    public var furniture = FurnitureDetector()
    public var tables = TableStage()
    public var records = RecordExtractor()
    public var checks: RuleRegistry

    public init(config: PipelineConfig) {
        self.config = config
        self.checks = RuleRegistry(settings: config.rules)
    }

    /// Code version plus a digest of the pipeline definition: a change in either reprocesses.
    public var version: String { cotejoVersion + (config.digest.map { "+" + $0 } ?? "") }

    // MARK: One document

    /// What to do with one file, decided before any reading: skip it, or process it.
    public enum Plan: Sendable {
        case unsupported(path: String, reason: String)
        case unchanged(path: String, sha256: String)
        /// `retry`: the store holds a transient failure of these bytes, tried again now.
        /// `sniffed`: what the bytes are, settled once here and handed on.
        case process(path: String, data: Data, sha256: String, sniffed: SniffResult, retry: Bool)
        case failed(ProcessedDocument)
    }

    /// A reason for people in the pipeline's language.
    func say(_ es: String, _ en: String) -> String { config.language.pick(es, en) }

    /// Reads the file's bytes and decides. Never throws: unreadable paths become failed documents.
    /// `force` processes the document even when the store holds it unchanged.
    public func plan(path: String, store: Store?, force: Bool = false) -> Plan {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes[.size] as? NSNumber)?.doubleValue ?? 0
            if size > config.limits.maxFileMegabytes * 1_048_576 {
                return .failed(ProcessedDocument(path: path, sha256: nil, format: nil, byteCount: Int(size), status: .failed,
                                                 error: say("el archivo pasa del límite del pipeline, \(Int(config.limits.maxFileMegabytes)) MB (súbalo en limits.max_file_mb para leerlo)",
                                                            "the file is larger than the pipeline's limit of \(Int(config.limits.maxFileMegabytes)) MB (raise limits.max_file_mb to read it)"),
                                                 failureKind: .permanent))
            }
            data = try Data(contentsOf: url)
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            let reason = exists ? say("el archivo no se puede leer (sin permiso o error de E/S)", "the file cannot be read (permission denied or I/O error)")
                : say("el archivo no existe", "no such file")
            return .failed(ProcessedDocument(path: path, sha256: nil, format: nil, byteCount: 0, status: .failed, error: reason,
                                             failureKind: exists ? .transient : .permanent))
        }
        let sha = Digest.sha256(data)
        let sniffed = FormatSniffer.sniff(data, fileExtension: url.pathExtension)
        if case .unsupported(let what) = sniffed {
            // A file named as a document Cotejo reads whose bytes are something else is a broken
            // document, not a file to pass over: an auditor must see it.
            if let claimed = FormatSniffer.claimedFormat(fileExtension: url.pathExtension) {
                return .failed(ProcessedDocument(path: path, sha256: sha, format: claimed, byteCount: data.count, status: .failed,
                                                 error: say("el nombre dice .\(url.pathExtension) pero el contenido no es un archivo \(claimed.rawValue.uppercased()) (\(what))",
                                                            "the name says .\(url.pathExtension) but the bytes are not a \(claimed.rawValue.uppercased()) file (\(what))")))
            }
            return .unsupported(path: path, reason: what)
        }
        guard let store, let stored = try? store.processedState(sha256: sha), stored.version == version else {
            return .process(path: path, data: data, sha256: sha, sniffed: sniffed, retry: false)
        }
        // A transient failure is tried again, up to the pipeline's number of attempts.
        let retry = stored.failureKind == .transient && stored.attempts < config.limits.attemptsPerDocument
        if force || retry { return .process(path: path, data: data, sha256: sha, sniffed: sniffed, retry: retry) }
        return .unchanged(path: path, sha256: sha)
    }

    /// Runs every stage on one file's bytes. Never throws: a reader's error becomes a failed document.
    /// `sniffed`: what the bytes are, when the caller has settled it already. `onContent` hears the
    /// content once the reading and table stages are done, and `onRecords` the records once the
    /// record stage is (a worker sends each on, to be stored while the next stages run); later
    /// stages only read them.
    public func process(path: String, data: Data, sha256: String, sniffed: SniffResult? = nil,
                        onContent: ((DocumentContent) -> Void)? = nil, onRecords: ((DocumentRecords) -> Void)? = nil) -> ProcessedDocument {
        let started = Date()
        let url = URL(fileURLWithPath: path)
        var notes: [String] = []
        let format: DocumentFormat
        let entry: FormatEntry
        switch sniffed ?? FormatSniffer.sniff(data, fileExtension: url.pathExtension) {
        case .empty:
            return ProcessedDocument(path: path, sha256: sha256, format: FormatSniffer.claimedFormat(fileExtension: url.pathExtension),
                                     byteCount: 0, status: .failed, error: ReadError.empty.message(in: config.language))
        case .unsupported(let what):
            return ProcessedDocument(path: path, sha256: sha256, format: nil, byteCount: data.count, status: .failed,
                                     error: say("no es un formato que Cotejo lea: \(what)", "not a format Cotejo reads: \(what)"))
        case .readable(let f):
            guard let known = Readers.entry(for: f) else {
                return ProcessedDocument(path: path, sha256: sha256, format: f, byteCount: data.count, status: .failed,
                                         error: say("no es un formato que Cotejo lea: \(f)", "not a format Cotejo reads: \(f)"))
            }
            format = f; entry = known
            if let claimed = FormatSniffer.claimedFormat(fileExtension: url.pathExtension), claimed != f,
               !(known.isPlainText && Readers.entry(for: claimed)?.isPlainText == true) {
                notes.append(say("el nombre dice .\(url.pathExtension) pero el contenido es \(f.rawValue.uppercased()): se lee como \(f.rawValue.uppercased())",
                                 "the name says .\(url.pathExtension) but the bytes are \(f.rawValue.uppercased()): read as \(f.rawValue.uppercased())"))
            }
        }
        do {
            var content = try entry.reader(config.ocrSettings).read(url: url, data: data)
            // What could not be read is told with the notes; it also makes the document partial.
            notes += content.notes + content.problems.map(\.detail)
            content = furniture.apply(to: content)
            content = tables.apply(to: content, laidOut: entry.traits.contains(.laidOut))
            onContent?(content)
            // Read once: how the document writes its numbers serves the records and the checks.
            let survey = NumberConvention.Survey(content)
            let convention = survey.document
            let recs = records.extract(from: content, convention: convention, survey: survey)
            onRecords?(recs)
            let findings = checks.process(CheckInput(content: content, records: recs, numberConvention: convention))
            return ProcessedDocument(path: path, sha256: sha256, format: format, byteCount: data.count, status: content.status,
                                     notes: notes, content: content, records: recs, findings: findings,
                                     seconds: Date().timeIntervalSince(started))
        } catch let error as ReadError {
            return ProcessedDocument(path: path, sha256: sha256, format: format, byteCount: data.count, status: .failed,
                                     error: error.message(in: config.language), failureKind: .permanent, notes: notes,
                                     seconds: Date().timeIntervalSince(started))
        } catch {
            return ProcessedDocument(path: path, sha256: sha256, format: format, byteCount: data.count, status: .failed,
                                     error: say("falló el lector de \(format.rawValue.uppercased()): \(error)", "the \(format.rawValue.uppercased()) reader failed: \(error)"), failureKind: .permanent,
                                     notes: notes, seconds: Date().timeIntervalSince(started))
        }
    }

    // MARK: A batch

    /// How documents are processed: in this process, or in child processes with limits (one
    /// long-lived child per batch thread).
    public enum Isolation: Sendable {
        case inProcess
        case childProcess(ChildProcessRunner)
    }

    /// Ingests files into the store, one transaction per document, up to `jobs` documents at once.
    /// Planning (hashing, skipping) and processing run on worker threads; every write goes through
    /// the store's single writer. Progress goes to `progress` (the CLI prints it on stderr); the
    /// summary says what was processed, unchanged, failed and skipped.
    ///
    /// With a `shard`, only the files in it are read and stored; the others are counted as left to
    /// the other shards (see `Shard`).
    public func ingest(paths: [String], store: Store, jobs: Int = 1, isolation: Isolation = .inProcess, force: Bool = false,
                       shard: Shard? = nil, logger: Logger? = nil, progress: (@Sendable (ProgressEvent) -> Void)? = nil) throws -> RunSummary {
        let started = Date()
        let runID = try store.beginRun(pipeline: config.path ?? config.name, version: version)
        let walk = InputWalk(paths: paths, language: config.language)
        let files = walk.files
        let state = BatchState(filesSeen: files.count, started: started)
        let passedOver = walk.passedOver.filter { shard?.contains(path: $0.path) ?? true }
        state.update { $0.skipped += passedOver }
        for entry in passedOver {
            var event = ProgressEvent(.passedOver, path: entry.path)
            event.reason = entry.reason
            progress?(event)
        }
        let workers = max(1, min(jobs, files.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                // Each thread keeps one child process that reads its documents in turn.
                let worker: WorkerProcess? = if case .childProcess(let runner) = isolation { runner.worker() } else { nil }
                defer { worker?.stop() }
                while let i = state.next(limit: files.count) {
                    let path = files[i]
                    do {
                        try self.handle(path: path, runID: runID, store: store, worker: worker,
                                        force: force, shard: shard, state: state, logger: logger, progress: progress)
                    } catch {
                        state.fail(error)
                        return
                    }
                }
            }
        }
        group.wait()
        if let error = state.error { throw error }
        try crossDocumentChecks(store: store, runID: runID)
        var summary = state.summary
        summary.seconds = Date().timeIntervalSince(started)
        summary.failures.sort { $0.path < $1.path }
        summary.skipped.sort { $0.path < $1.path }
        try store.finishRun(runID, summary: summary)
        return summary
    }

    /// Reads one file into `store`, in a run of its own, with `worker` (a child process that reads
    /// one document after another; nil to read in this process): what a shared batch does with each
    /// document it claims, keeping one worker per thread across its claims. The file is read even
    /// when the store holds it unchanged.
    public func ingest(path: String, store: Store, worker: WorkerProcess?, logger: Logger? = nil,
                       progress: (@Sendable (ProgressEvent) -> Void)? = nil) throws -> RunSummary {
        let started = Date()
        let runID = try store.beginRun(pipeline: config.path ?? config.name, version: version)
        let state = BatchState(filesSeen: 1, started: started)
        try handle(path: path, runID: runID, store: store, worker: worker, force: true, shard: nil, state: state,
                   logger: logger, progress: progress)
        var summary = state.summary
        summary.seconds = Date().timeIntervalSince(started)
        try store.finishRun(runID, summary: summary)
        return summary
    }

    /// The checks that hold one document against another, over the whole store after every batch: a
    /// document that changed (or arrived) can contradict one that did not.
    public func crossDocumentChecks(store: Store, runID: Int64) throws {
        let settings = checks.settings[CrossDocumentMismatch.ruleID] ?? RuleSettings()
        guard settings.enabled else {
            try store.replaceFindings(rule: CrossDocumentMismatch.ruleID, runID: runID, with: [])
            return
        }
        var rule = CrossDocumentMismatch()
        if let s = settings.severity { rule.severity = s }
        let documents = try store.periodTotals().map {
            CrossDocumentMismatch.Document(id: $0.documentID, path: $0.path, facts: $0.facts, totals: $0.totals)
        }
        try store.replaceFindings(rule: CrossDocumentMismatch.ruleID, runID: runID, with: rule.check(documents))
    }

    /// `worker`: the thread's child process, or nil to read in this process.
    private func handle(path: String, runID: Int64, store: Store, worker: WorkerProcess?, force: Bool,
                        shard: Shard?, state: BatchState, logger: Logger?, progress: (@Sendable (ProgressEvent) -> Void)?) throws {
        func finished(_ event: ProgressEvent) { state.finish(event, progress: progress) }
        /// Counts and tells a document, saving it first unless it is already stored.
        func record(_ doc: ProcessedDocument, saved: Bool = false) throws {
            if !saved { try store.save(doc, runID: runID, pipelineVersion: version) }
            if doc.status == .failed {
                state.update { $0.failed += 1; $0.failures.append(FailedFile(path: doc.path, reason: doc.error ?? "unknown")) }
                logger?.error("\(doc.path): \(doc.error ?? "failed")")
                var event = ProgressEvent(.failed, path: doc.path)
                event.reason = doc.error ?? ""
                finished(event)
            } else {
                state.update { $0.processed += 1 }
                var event = ProgressEvent(.read, path: doc.path)
                event.status = doc.status.rawValue
                event.pages = doc.pageCount
                event.activities = doc.records.activities.count
                event.findings = doc.findings.filter { $0.severity != .info }.count
                event.seconds = doc.seconds
                finished(event)
            }
        }
        // How far a long document's reading has got, at most once a second.
        let throttle = PageThrottle()
        let onPage: @Sendable (Int, Int) -> Void = { page, count in
            guard let progress, throttle.allows(page: page, of: count) else { return }
            var event = ProgressEvent(.pages, path: path)
            event.page = page
            event.pages = count
            progress(event)
        }
        let plan = plan(path: path, store: store, force: force)
        if let shard {
            let inShard: Bool = switch plan {
            case .unsupported(let p, _): shard.contains(path: p)
            case .unchanged(_, let sha), .process(_, _, let sha, _, _): shard.contains(sha256: sha)
            case .failed(let doc): doc.sha256.map(shard.contains(sha256:)) ?? shard.contains(path: doc.path)
            }
            guard inShard else { state.update { $0.otherShards += 1 }; return }
        }
        switch plan {
        case .unsupported(let p, let reason):
            state.update { $0.skipped.append(SkippedFile(path: p, reason: reason)) }
            var event = ProgressEvent(.skipped, path: p)
            event.reason = reason
            finished(event)
        case .unchanged(let p, let sha):
            try store.recordFile(sha256: sha, path: p)
            try store.touch(sha256: sha, path: p)
            state.update { $0.unchanged += 1 }
            finished(ProgressEvent(.unchanged, path: p))
        case .failed(let doc):
            if let sha = doc.sha256 { try store.recordFile(sha256: sha, path: doc.path) }
            try record(doc)
        case .process(let p, let data, let sha, let sniffed, let retry):
            try store.recordFile(sha256: sha, path: p)
            if retry {
                state.update { $0.retried += 1 }
                progress?(ProgressEvent(.retrying, path: p))
            }
            if let worker {
                let format: DocumentFormat? = if case .readable(let f) = sniffed { f } else { nil }
                let outcome = try worker.process(path: p, sha256: sha, byteCount: data.count, format: format, onPage: onPage) { content, rest in
                    try store.save(content: content, path: p, sha256: sha, runID: runID, pipelineVersion: version, rest: rest) != nil
                }
                try record(outcome.document, saved: outcome.saved)
            } else {
                try record(ReadingProgress.listening(onPage) { process(path: p, data: data, sha256: sha, sniffed: sniffed) })
            }
        }
    }
}

/// The shared state of a batch's worker threads: the next file to take, the summary, the first
/// store error (which stops the batch: a store that cannot be written must not be written around).
final class BatchState: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private(set) var summary = RunSummary()
    private(set) var error: Error?

    private var finished = 0
    private let started: Date

    init(filesSeen: Int, started: Date = Date()) { summary.filesSeen = filesSeen; self.started = started }

    /// Numbers a finished document's event in the order documents finish, adds the time the batch
    /// has left at the pace so far, and passes it on while holding the lock: lines come out one
    /// at a time and counting up, whatever order the workers end in.
    func finish(_ event: ProgressEvent, progress: (@Sendable (ProgressEvent) -> Void)?) {
        lock.lock(); defer { lock.unlock() }
        finished += 1
        guard let progress else { return }
        var event = event
        event.done = finished
        event.total = summary.filesSeen
        let left = summary.filesSeen - finished
        if left > 0 { event.etaSeconds = (Date().timeIntervalSince(started) / Double(finished) * Double(left)).rounded() }
        progress(event)
    }

    func next(limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard error == nil, cursor < limit else { return nil }
        cursor += 1
        return cursor - 1
    }

    func update(_ body: (inout RunSummary) -> Void) {
        lock.lock(); defer { lock.unlock() }
        body(&summary)
    }

    func fail(_ e: Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = e }
    }
}
