import Foundation
import CotejoModel

/// Runs documents' reading, table and record stages in child processes (`cotejo worker --serve`),
/// so that a crash, a hang or a memory blow-up inside poppler or libxml2 costs one document only.
///
/// Each batch thread keeps one long-lived child (`WorkerProcess`) that reads its documents in turn:
/// starting a process costs 60–110 ms (mostly the dynamic loader binding a hundred libraries),
/// which on short documents is as much as the reading. The child limits its own address space
/// (`--memory-mb`) and, per document, its CPU time; the parent kills it when a document's
/// wall-clock limit passes, and starts a fresh one for the next document.
public struct ChildProcessRunner: Sendable {
    /// The `cotejo` executable to re-invoke.
    public var executable: URL
    /// The pipeline definition the child loads (nil: defaults).
    public var pipelinePath: String?
    public var seconds: Double
    public var megabytes: Double
    /// The language failure reasons are written in (the pipeline's).
    public var language: Language
    /// A child whose address space has ever reached this share of the limit is replaced after the
    /// document it was reading: the next document then starts with most of the limit free, as it
    /// would in a process of its own.
    public var recycleShare: Double = 0.5
    /// A content is stored before its document's records (`WorkerProcess.EarlySave`) only from this
    /// many cells on: below it, writing the content takes milliseconds and there is nothing to
    /// overlap, while an early save holds the store's writer (other threads' documents wait to be
    /// written) until the records come.
    public var earlySaveCells = 50_000

    public init(executable: URL, pipelinePath: String?, seconds: Double, megabytes: Double, language: Language = .es) {
        self.executable = executable; self.pipelinePath = pipelinePath; self.seconds = seconds; self.megabytes = megabytes
        self.language = language
    }

    func say(_ es: String, _ en: String) -> String { language.pick(es, en) }

    /// A worker for one batch thread. Not shared between threads.
    public func worker() -> WorkerProcess { WorkerProcess(runner: self) }

    func failed(_ reason: String, _ kind: FailureKind, path: String, sha256: String, byteCount: Int,
                format: DocumentFormat?, since started: Date) -> ProcessedDocument {
        ProcessedDocument(path: path, sha256: sha256, format: format, byteCount: byteCount, status: .failed,
                          error: reason, failureKind: kind, seconds: Date().timeIntervalSince(started))
    }

    /// Why a child ended while reading a document, from how it ended, what it said on stderr and
    /// its address-space high-water mark.
    func death(of process: Process, stderr: String, peakBytes: Int) -> (reason: String, kind: FailureKind, outOfMemory: Bool) {
        // Swift aborts when an allocation fails under the address-space limit ("failed to allocate
        // N bytes"), and an allocation that fails inside the runtime traps with SIGILL and no
        // message: both are the memory limit, not a crash of the reader.
        let outOfMemory = stderr.contains("failed to allocate") || stderr.contains("Cannot allocate")
            || Double(peakBytes) >= 0.9 * megabytes * 1_048_576
            || stderr.contains("out of memory")
        if process.terminationReason == .uncaughtSignal {
            let signal = process.terminationStatus
            if outOfMemory {
                return (say("el lector se quedó sin memoria (límite \(Int(megabytes)) MB; súbalo en limits.memory_mb_per_document para leerlo)",
                            "the reader ran out of memory (limit \(Int(megabytes)) MB; raise limits.memory_mb_per_document to read it)"), .transient, true)
            }
            let what = signal == SIGKILL ? say("fue detenido a la fuerza (memoria o tiempo de CPU)", "was killed (out of memory or CPU time)")
                : signal == SIGSEGV ? say("se cayó (violación de segmento)", "crashed (segmentation fault)")
                : signal == SIGABRT ? say("abortó", "aborted") : say("fue detenido por la señal \(signal)", "was stopped by signal \(signal)")
            // A crash repeats on the same bytes; a kill (memory pressure, the CPU limit under load) may not.
            return (say("el lector \(what) mientras leía este archivo", "the reader \(what) while reading this file"),
                    signal == SIGSEGV || signal == SIGABRT ? .permanent : .transient, false)
        }
        let tail = stderr.split(separator: "\n").last.map(String.init) ?? ""
        if tail.contains("memory") || outOfMemory {
            return (say("el lector se quedó sin memoria (límite \(Int(megabytes)) MB)", "the reader ran out of memory (limit \(Int(megabytes)) MB)"), .transient, true)
        }
        return (say("el lector falló (salida \(process.terminationStatus))", "the reader failed (exit \(process.terminationStatus))") + (tail.isEmpty ? "" : ": " + tail), .permanent, false)
    }
}

/// One batch thread's child process, reading documents in turn: a request line in (`WorkerRequest`),
/// framed answers out (`WorkerFrame`: the content, the records, then the rest of the document, as
/// `WorkerAnswer.Part`s), page reports on stderr (`PageReport`).
///
/// A child that dies, runs past a document's time limit or grows past `recycleShare` of the
/// memory limit is dropped; the next document starts a new one. A document that a child which had
/// already read others could not finish (it died, or ran out of memory) is read once more in a
/// fresh child, so that what one document left behind never fails another.
public final class WorkerProcess {
    let runner: ChildProcessRunner
    private var child: Child?
    /// How many child processes this worker has started (for tests and benchmarks).
    public private(set) var processesStarted = 0
    /// The running child's process id, if one is running.
    public var pid: Int32? { child?.process.processIdentifier }

    init(runner: ChildProcessRunner) { self.runner = runner }

    deinit { stop() }

    /// Stores a document whose parts arrive one after another (`WorkerAnswer.Part`): called with the
    /// content and a function that waits for the rest and returns the whole document, handing the
    /// records, as soon as they come, to the function it is given. Returns whether it stored the
    /// document; one it did not store (a failed one) is stored by the caller.
    public typealias EarlySave = (DocumentContent, _ rest: (_ records: (DocumentRecords) throws -> Void) throws -> ProcessedDocument) throws -> Bool

    /// What one file came to: the child's document, or a failed document saying what went wrong,
    /// and whether `saveEarly` already stored it.
    public struct Outcome {
        public var document: ProcessedDocument
        public var saved = false
        /// The child died or ran out of memory after reading other documents: worth a fresh child.
        var retryFresh = false
    }

    /// The outcome for one file. `onPage` hears the child's "page k of n" lines, which are kept out
    /// of its error text. With `saveEarly`, a big content is stored while the child works out its
    /// records and checks.
    public func process(path: String, sha256: String, byteCount: Int, format: DocumentFormat?,
                        onPage: (@Sendable (Int, Int) -> Void)? = nil, saveEarly: EarlySave? = nil) throws -> Outcome {
        let started = Date()
        let warm = child.map { $0.documentsRead > 0 } ?? false
        let job = Job(path: path, sha256: sha256, byteCount: byteCount, format: format, started: started)
        let first = try attempt(job, onPage: onPage, saveEarly: saveEarly)
        guard warm, first.retryFresh else { return first }
        return try attempt(job, onPage: onPage, saveEarly: saveEarly)
    }

    /// Ends the child: it sees the end of its input and exits; one that does not is killed.
    public func stop() {
        guard let child else { return }
        self.child = nil
        try? child.input.close()
        if child.exited.wait(timeout: .now() + 2) == .timedOut {
            kill(child.process.processIdentifier, SIGKILL)
            child.exited.wait()
        }
    }

    /// The file a child is asked to read, and what a failure of it is written with.
    private struct Job {
        var path: String, sha256: String, byteCount: Int, format: DocumentFormat?, started: Date

        func failed(_ runner: ChildProcessRunner, _ reason: String, _ kind: FailureKind = .transient, retryFresh: Bool = false) -> Outcome {
            Outcome(document: runner.failed(reason, kind, path: path, sha256: sha256, byteCount: byteCount, format: format, since: started),
                    retryFresh: retryFresh)
        }
    }

    private func attempt(_ job: Job, onPage: (@Sendable (Int, Int) -> Void)?, saveEarly: EarlySave?) throws -> Outcome {
        let request = WorkerRequest(path: job.path, sha256: job.sha256, format: job.format).line
        // A child that ended between documents (killed from outside) is replaced before the request.
        if let running = child, !running.process.isRunning { child = nil }
        if child == nil {
            do { child = try Child(runner: runner); processesStarted += 1 } catch {
                return job.failed(runner, runner.say("no se pudo iniciar el proceso lector: \(error.localizedDescription)",
                                                     "the worker process could not be started: \(error.localizedDescription)"))
            }
        }
        guard let child else { return job.failed(runner, "no worker") }
        child.errors.begin(onPage: onPage)
        do { try child.input.write(contentsOf: request) } catch {
            self.child = nil
            return job.failed(runner, runner.say("el proceso lector no recibió el documento: \(error)", "the worker process did not take the document: \(error)"),
                              retryFresh: true)
        }
        var watch = Watch(deadline: DispatchTime.now() + runner.seconds)
        return try answer(job, from: child, watch: &watch, saveEarly: saveEarly)
    }

    /// The child's address-space high-water mark while it reads, and when its time is up.
    private struct Watch {
        var deadline: DispatchTime
        var peakBytes = 0
    }

    /// Waits for the child's answers to `job` until its document comes, or the child dies or its
    /// time runs out: a content first (kept, or stored at once through `saveEarly` when big), then
    /// records (kept, or handed to `onRecords`), then the document.
    private func answer(_ job: Job, from child: Child, watch: inout Watch, content: DocumentContent? = nil,
                        saveEarly: EarlySave? = nil, onRecords: ((DocumentRecords) throws -> Void)? = nil) throws -> Outcome {
        var content = content
        var records: DocumentRecords?
        while true {
            if let frame = child.frames.take() {
                let part: WorkerAnswer.Part
                do { part = try WorkerAnswer.decodePart(frame) } catch {
                    stop()
                    return job.failed(runner, runner.say("no se pudo leer la respuesta del proceso lector: \(error)", "the worker's answer could not be read: \(error)"))
                }
                switch part {
                case .document(var doc):
                    child.documentsRead += 1
                    watch.peakBytes = max(watch.peakBytes, ChildProcessRunner.addressSpacePeak(child.process.processIdentifier) ?? 0)
                    if Double(watch.peakBytes) >= runner.recycleShare * runner.megabytes * 1_048_576 { stop() }
                    // The parts sent ahead belong to a document that was read; a failure after
                    // them (its answer could not be written) is stored without them.
                    if doc.status != .failed {
                        if doc.content == nil { doc.content = content }
                        if let records { doc.records = records }
                    }
                    doc.seconds = Date().timeIntervalSince(job.started)
                    return Outcome(document: doc)
                case .content(let read):
                    guard content == nil else {
                        stop()
                        return job.failed(runner, runner.say("el proceso lector envió dos contenidos para un documento", "the worker sent two contents for one document"))
                    }
                    if let saveEarly, read.tables.reduce(0, { $0 + $1.cells.count }) >= runner.earlySaveCells {
                        var outcome: Outcome?
                        var rest = watch
                        let saved = try saveEarly(read) { onRecords in
                            try withoutActuallyEscaping(onRecords) { onRecords in
                                let o = try self.answer(job, from: child, watch: &rest, content: read, onRecords: onRecords)
                                outcome = o
                                return o.document
                            }
                        }
                        guard var outcome else {
                            return job.failed(runner, runner.say("el almacén no esperó el resto del documento", "the store did not wait for the rest of the document"))
                        }
                        outcome.saved = saved
                        return outcome
                    }
                    content = read
                    continue
                case .records(let made):
                    guard records == nil else {
                        stop()
                        return job.failed(runner, runner.say("el proceso lector envió dos veces los registros de un documento", "the worker sent one document's records twice"))
                    }
                    try onRecords?(made)
                    records = made
                    continue
                }
            }
            if !child.process.isRunning {
                // Its last words may still be in the pipes: wait for both readers to finish.
                child.readers.wait()
                if child.frames.peek { continue }
                if self.child === child { self.child = nil }
                let death = runner.death(of: child.process, stderr: child.errors.text, peakBytes: watch.peakBytes)
                return job.failed(runner, death.reason, death.kind,
                                  retryFresh: death.outOfMemory || child.process.terminationReason == .uncaughtSignal)
            }
            guard DispatchTime.now() < watch.deadline else {
                if self.child === child { self.child = nil }
                kill(child.process.processIdentifier, SIGKILL)
                child.exited.wait()
                return job.failed(runner, runner.say("la lectura pasó del límite del pipeline, \(Int(runner.seconds)) s, y se detuvo (súbalo en limits.seconds_per_document para leerlo)",
                                                     "reading took longer than the pipeline's limit of \(Int(runner.seconds)) s; the worker was stopped (raise limits.seconds_per_document to read it)"))
            }
            _ = child.wake.wait(timeout: min(watch.deadline, .now() + 0.05))
            watch.peakBytes = max(watch.peakBytes, ChildProcessRunner.addressSpacePeak(child.process.processIdentifier) ?? 0)
        }
    }

    /// A running `cotejo worker --serve` and the threads that read its output.
    private final class Child {
        let process = Process()
        let input: FileHandle
        let frames = FrameBuffer()
        let errors = ErrorLines()
        /// Signalled when a frame arrives or the process ends.
        let wake = DispatchSemaphore(value: 0)
        let exited = DispatchSemaphore(value: 0)
        let readers = DispatchGroup()
        var documentsRead = 0

        init(runner: ChildProcessRunner) throws {
            process.executableURL = runner.executable
            var arguments = ["worker", "--serve", "--memory-mb", String(Int(runner.megabytes)), "--seconds", String(Int(runner.seconds.rounded(.up)))]
            if let path = runner.pipelinePath { arguments += ["--pipeline", path] }
            process.arguments = arguments
            let inPipe = Pipe(), out = Pipe(), err = Pipe()
            process.standardInput = inPipe
            process.standardOutput = out
            process.standardError = err
            input = inPipe.fileHandleForWriting
            // The worker watches for this process to go (see `ParentWatch`), so a batch that exits
            // between starting a worker and registering it in `RunningWorkers` leaves no orphan.
            process.environment = ProcessInfo.processInfo.environment.merging([ParentWatch.variable: String(getpid())]) { $1 }
            let (wake, exited) = (wake, exited)
            process.terminationHandler = { _ in exited.signal(); wake.signal() }
            // A request written to a child that just died must fail as an error, not kill the batch.
            signal(SIGPIPE, SIG_IGN)
            try process.run()
            let pid = process.processIdentifier
            RunningWorkers.shared.add(pid)
            // Read both pipes while the child runs: a full pipe would block it forever.
            let (frames, errors) = (frames, errors)
            readers.enter()
            readers.enter()
            let readers = readers
            Thread.detachNewThread {
                let handle = out.fileHandleForReading
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    if frames.append(chunk) { wake.signal() }
                }
                readers.leave()
            }
            Thread.detachNewThread {
                let handle = err.fileHandleForReading
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    errors.append(chunk)
                }
                RunningWorkers.shared.remove(pid)
                readers.leave()
            }
        }
    }
}

/// One document asked of a serving worker: one JSON line on its standard input.
public struct WorkerRequest: Codable, Sendable {
    public var path: String
    public var sha256: String
    /// What the batch found the bytes to be, so that the worker does not sniff them again; nil
    /// when the batch did not settle it.
    public var format: DocumentFormat?

    public init(path: String, sha256: String, format: DocumentFormat? = nil) {
        self.path = path; self.sha256 = sha256; self.format = format
    }

    var line: Data { ((try? JSONEncoder().encode(self)) ?? Data()) + Data([10]) }
}

/// A serving worker's answer on stdout: the byte count in decimal and a newline, then that many
/// bytes of `WorkerAnswer`. The count lets the parent tell a whole answer from one cut short by a crash.
public enum WorkerFrame {
    public static func encode(_ body: Data) -> Data { Data("\(body.count)\n".utf8) + body }
}

/// The bytes a child wrote on stdout, cut into whole frames as they arrive.
private final class FrameBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = Data()
    private var ready: [Data] = []

    /// Adds bytes; returns whether a whole frame is now ready.
    func append(_ chunk: Data) -> Bool {
        lock.lock(); defer { lock.unlock() }
        pending += chunk
        while let newline = pending.firstIndex(of: 10),
              let count = Int(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)),
              pending.distance(from: newline, to: pending.endIndex) - 1 >= count {
            let bodyStart = pending.index(after: newline)
            ready.append(Data(pending[bodyStart..<pending.index(bodyStart, offsetBy: count)]))
            pending = Data(pending[pending.index(bodyStart, offsetBy: count)...])
        }
        return !ready.isEmpty
    }

    func take() -> Data? {
        lock.lock(); defer { lock.unlock() }
        return ready.isEmpty ? nil : ready.removeFirst()
    }

    var peek: Bool { lock.lock(); defer { lock.unlock() }; return !ready.isEmpty }
}

/// What a child writes on stderr while reading the current document: page reports go to that
/// document's listener, the rest is kept as the text a failure is explained with.
private final class ErrorLines: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = Data()
    private var lines = Data()
    private var onPage: (@Sendable (Int, Int) -> Void)?

    func begin(onPage: (@Sendable (Int, Int) -> Void)?) {
        lock.lock(); defer { lock.unlock() }
        self.onPage = onPage
        lines = Data()
    }

    func append(_ chunk: Data) {
        lock.lock(); defer { lock.unlock() }
        pending += chunk
        while let newline = pending.firstIndex(of: 10) {
            let line = pending[pending.startIndex..<newline]
            pending = Data(pending[(newline + 1)...])
            if let (page, count) = PageReport.parse(line) { onPage?(page, count) } else { lines += line + Data([10]) }
        }
    }

    var text: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: lines + pending, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The worker processes running now, so that a batch stopped by SIGINT or SIGTERM ends them
/// instead of leaving them to run on as orphans.
public final class RunningWorkers: @unchecked Sendable {
    public static let shared = RunningWorkers()
    private let lock = NSLock()
    private var pids = Set<Int32>()

    func add(_ pid: Int32) { lock.lock(); pids.insert(pid); lock.unlock() }
    func remove(_ pid: Int32) { lock.lock(); pids.remove(pid); lock.unlock() }

    /// Kills every running worker; returns how many there were.
    @discardableResult
    public func killAll() -> Int {
        lock.lock(); defer { lock.unlock() }
        for pid in pids { kill(pid, SIGKILL) }
        return pids.count
    }
}

extension ChildProcessRunner {
    /// A process's address-space high-water mark (`VmPeak` in /proc), in bytes; nil once it is gone.
    static func addressSpacePeak(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmPeak:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return nil }
        return kilobytes * 1024
    }
}

/// The line a worker writes on stderr after each page it reads: a record-separator byte, then
/// "page K N". Nothing a reader prints starts with that byte.
public enum PageReport {
    static let prefix = Data([0x1E]) + Data("page ".utf8)

    public static func line(page: Int, of count: Int) -> Data { prefix + Data("\(page) \(count)\n".utf8) }

    static func parse(_ line: Data) -> (Int, Int)? {
        guard line.starts(with: prefix) else { return nil }
        let numbers = String(decoding: line.dropFirst(prefix.count), as: UTF8.self).split(separator: " ").compactMap { Int($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }
}


/// A worker ends itself as soon as its batch process is gone. The batch kills its registered
/// workers when it is stopped, but a worker started a moment before the stop may not be
/// registered yet; polling the parent id closes that gap without any help from the parent.
public enum ParentWatch {
    /// The environment variable carrying the batch's process id: read at start, so that a parent
    /// that died before the worker looked is noticed too.
    public static let variable = "COTEJO_BATCH_PID"

    /// Starts the watch: every 50 ms the worker compares its parent with the batch's id.
    public static func start(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let parent = environment[variable].flatMap { Int32($0) } ?? getppid()
        if getppid() != parent { _exit(137) }
        Thread.detachNewThread {
            while getppid() == parent { usleep(50_000) }
            _exit(137)
        }
    }
}
