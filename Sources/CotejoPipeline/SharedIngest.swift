import Foundation
import Logging
import CotejoIngest
import CotejoModel
import CotejoChecks
import CotejoStore
import CotejoStorePostgres

/// A batch that shares its documents with every other process ingesting into the same PostgreSQL
/// store, on this machine or others: start as many as there are cores to spare, give them the same
/// folders, and each document is read once, by whichever process claims it first.
///
/// Each process walks and hashes its inputs and puts them on the store's work queue (a document
/// already there is left alone). Then each of its `jobs` threads claims one document at a time,
/// reads it through the same pipeline as a SQLite batch (its long-lived child process, into a store
/// of its own in memory) and publishes it, in one transaction with the claim's completion. A heartbeat renews the process's
/// leases; when the process dies, they run out and other processes take its documents over. Once
/// no document is left, the checks across documents run again over the whole store, one process
/// at a time.
public struct SharedIngest: Sendable {
    public var pipeline: Pipeline
    public var address: PostgresAddress
    /// How long a claim holds without its heartbeat, in seconds: how soon a dead process's
    /// document is taken over. The heartbeat renews it three times per lease.
    public var lease: Double

    public init(pipeline: Pipeline, address: PostgresAddress, lease: Double = 60) {
        self.pipeline = pipeline
        self.address = address
        self.lease = lease
    }

    public func ingest(paths: [String], jobs: Int = 1, isolation: Pipeline.Isolation = .inProcess, force: Bool = false,
                       shard: Shard? = nil, logger: Logger? = nil, progress: (@Sendable (ProgressEvent) -> Void)? = nil) throws -> RunSummary {
        let started = Date()
        let config = pipeline.config
        let store = try PostgresStore(address)
        let owner = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8))"
        let runID = try store.beginRun(pipeline: config.path ?? config.name, version: pipeline.version, owner: owner, lease: lease)

        // What this process was given, by content: the same bytes under two paths are one document.
        let walk = InputWalk(paths: paths, language: config.language)
        var items: [(key: String, path: String)] = []
        var files: [(sha256: String, path: String)] = []
        var seen = Set<String>()
        var otherShards = 0
        for path in walk.files {
            let key = (try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)).map(Digest.sha256) ?? "path:" + path
            if let shard, !(key.hasPrefix("path:") ? shard.contains(path: path) : shard.contains(sha256: key)) { otherShards += 1; continue }
            if !key.hasPrefix("path:") { files.append((key, path)) }
            if seen.insert(key).inserted { items.append((key, path)) }
        }
        let keys = items.map(\.key)
        // The queue keeps the path the first process found a document at; this process reads its
        // own copy (another machine may mount the corpus elsewhere).
        let localPath = Dictionary(items.map { ($0.key, $0.path) }, uniquingKeysWith: { first, _ in first })
        let state = SharedBatchState(filesSeen: walk.files.count, total: items.count)
        state.update { $0.unchanged = 0; $0.otherShards = otherShards }
        let unchanged = try store.enqueue(items, version: pipeline.version, force: force)
        try store.recordFiles(files)
        let passedOver = try store.recordPassedOver(walk.passedOver.filter { shard?.contains(path: $0.path) ?? true }, runID: runID)
        state.update { $0.skipped += passedOver }
        for entry in passedOver {
            var event = ProgressEvent(.passedOver, path: entry.path)
            event.reason = entry.reason
            progress?(event)
        }

        let heartbeat = Heartbeat()
        let beat = try store.connect()
        Thread.detachNewThread { [lease] in
            while heartbeat.sleep(lease / 3) { try? beat.renewLeases(owner: owner, lease: lease) }
        }
        defer { heartbeat.stop() }

        let group = DispatchGroup()
        for _ in 0..<max(1, jobs) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                // Each thread keeps one child process that reads its documents in turn, as a SQLite batch does.
                let worker: WorkerProcess? = if case .childProcess(let runner) = isolation { runner.worker() } else { nil }
                defer { worker?.stop() }
                do {
                    let connection = try store.connect()
                    while !state.stopped {
                        guard var item = try connection.claim(among: keys, owner: owner, lease: lease) else {
                            // Others hold what is left: wait for them to finish, or for their leases to run out.
                            if try connection.unfinished(among: keys) == 0 { return }
                            Thread.sleep(forTimeInterval: min(1, lease / 4))
                            continue
                        }
                        item.path = localPath[item.key] ?? item.path
                        let local = try Store()
                        let read = item.attempt > config.limits.attemptsPerDocument
                            ? try abandon(item, into: local)
                            : try pipeline.ingest(path: item.path, store: local, worker: worker, logger: logger,
                                                  progress: progress.map { state.renumbering($0) })
                        switch try connection.publish(from: local, runID: runID, claim: item, owner: owner) {
                        case .stored: state.add(read)
                        case .takenOver: logger?.warning("\(item.path): another process took this document over; its reading here was dropped")
                        }
                    }
                } catch {
                    state.fail(error)
                }
            }
        }
        group.wait()
        if let error = state.error { throw error }

        // Every document this process was given is stored: the checks across documents run again
        // over the whole store. A process that finishes later runs them again, with more documents.
        try store.withCrossDocumentLock {
            let mirror = try store.mirror(.crossDocument)
            try pipeline.crossDocumentChecks(store: mirror, runID: runID)
            try store.replaceFindings(rule: CrossDocumentMismatch.ruleID, from: mirror)
        }
        var summary = state.summary
        summary.unchanged = unchanged
        // The rest of what this process was given was read by other processes.
        summary.otherProcesses = max(0, items.count - unchanged - summary.processed - summary.failed - (summary.skipped.count - passedOver.count))
        summary.seconds = Date().timeIntervalSince(started)
        summary.failures.sort { $0.path < $1.path }
        summary.skipped.sort { $0.path < $1.path }
        try store.finishRun(runID, summary: summary)
        return summary
    }
}

extension SharedIngest {
    /// A document whose processes died every time they read it (the whole process, not only its
    /// child: the machine ran out of memory, or the job was killed) is not claimed without end: after
    /// the pipeline's number of attempts it is stored as failed, with that reason, and can be tried
    /// again with `--force`.
    func abandon(_ item: WorkItem, into local: Store) throws -> RunSummary {
        let runID = try local.beginRun(pipeline: pipeline.config.path ?? pipeline.config.name, version: pipeline.version)
        let attempts = item.attempt - 1
        let reason = pipeline.say("se empezó a leer \(attempts) veces y el proceso que lo leía terminó cada vez sin acabarlo (¿memoria de la máquina, trabajo cancelado?); vuelva a intentarlo con --force",
                                  "reading it began \(attempts) times and the process reading it ended each time before finishing (the machine's memory? a cancelled job?); try again with --force")
        let document = ProcessedDocument(path: item.path, sha256: item.key.hasPrefix("path:") ? nil : item.key, format: nil,
                                         byteCount: 0, status: .failed, error: reason, failureKind: .transient)
        try local.save(document, runID: runID, pipelineVersion: pipeline.version)
        var summary = RunSummary()
        summary.failed = 1
        summary.failures = [FailedFile(path: item.path, reason: reason)]
        return summary
    }
}

/// The counts of a shared batch's threads, and the first error, which stops them all.
final class SharedBatchState: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var summary = RunSummary()
    private(set) var error: Error?
    private var done = 0
    private let total: Int

    init(filesSeen: Int, total: Int) { summary.filesSeen = filesSeen; self.total = total }

    var stopped: Bool { lock.withLock { error != nil } }

    func update(_ body: (inout RunSummary) -> Void) { lock.withLock { body(&summary) } }

    /// Adds one document's batch (of one) to this process's counts.
    func add(_ one: RunSummary) {
        lock.withLock {
            summary.processed += one.processed
            summary.failed += one.failed
            summary.retried += one.retried
            summary.failures += one.failures
            summary.skipped += one.skipped
        }
    }

    func fail(_ e: Error) { lock.withLock { if error == nil { error = e } } }

    /// A progress printer that numbers a document's events among this process's documents, not
    /// as the one document of its own small batch.
    func renumbering(_ progress: @escaping @Sendable (ProgressEvent) -> Void) -> @Sendable (ProgressEvent) -> Void {
        { [self] event in
            var event = event
            if event.done != nil {
                lock.withLock { done += 1; event.done = done }
                event.total = total
                event.etaSeconds = nil
            }
            progress(event)
        }
    }
}

/// Wakes the lease renewal every interval until stopped.
final class Heartbeat: @unchecked Sendable {
    private let condition = NSCondition()
    private var running = true

    /// Waits `seconds`; false once stopped.
    func sleep(_ seconds: Double) -> Bool {
        condition.lock(); defer { condition.unlock() }
        if running { _ = condition.wait(until: Date().addingTimeInterval(seconds)) }
        return running
    }

    func stop() {
        condition.lock(); running = false; condition.broadcast(); condition.unlock()
    }
}
