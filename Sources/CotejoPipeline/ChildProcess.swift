import Foundation
import CotejoModel

/// Runs one document's reading, table and record stages in a child process (`cotejo worker`), so
/// that a crash, a hang or a memory blow-up inside poppler or libxml2 costs that document only.
///
/// The child limits its own address space (`--memory-mb`) and CPU time; the parent kills it when
/// the wall-clock limit passes. The child writes the `ProcessedDocument` as JSON on stdout.
public struct ChildProcessRunner: Sendable {
    /// The `cotejo` executable to re-invoke.
    public var executable: URL
    /// The pipeline definition the child loads (nil: defaults).
    public var pipelinePath: String?
    public var seconds: Double
    public var megabytes: Double
    /// The language failure reasons are written in (the pipeline's).
    public var language: Language

    public init(executable: URL, pipelinePath: String?, seconds: Double, megabytes: Double, language: Language = .es) {
        self.executable = executable; self.pipelinePath = pipelinePath; self.seconds = seconds; self.megabytes = megabytes
        self.language = language
    }

    func say(_ es: String, _ en: String) -> String { language.pick(es, en) }

    /// The outcome for one file: the child's document, or a failed document saying what went wrong.
    /// `onPage` hears the child's "page k of n" lines (`PageReport`), which are kept out of its
    /// error text.
    public func process(path: String, sha256: String, byteCount: Int, format: DocumentFormat?,
                        onPage: (@Sendable (Int, Int) -> Void)? = nil) -> ProcessedDocument {
        let started = Date()
        func failed(_ reason: String, _ kind: FailureKind = .transient) -> ProcessedDocument {
            ProcessedDocument(path: path, sha256: sha256, format: format, byteCount: byteCount, status: .failed,
                              error: reason, failureKind: kind, seconds: Date().timeIntervalSince(started))
        }
        let process = Process()
        process.executableURL = executable
        var arguments = ["worker", "--sha256", sha256, "--memory-mb", String(Int(megabytes)), "--seconds", String(Int(seconds.rounded(.up)))]
        if let pipelinePath { arguments += ["--pipeline", pipelinePath] }
        process.arguments = arguments + ["--", path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        // The worker watches for this process to go (see `ParentWatch`), so a batch that exits
        // between starting a worker and registering it in `RunningWorkers` leaves no orphan.
        process.environment = ProcessInfo.processInfo.environment.merging([ParentWatch.variable: String(getpid())]) { $1 }
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch {
            return failed(say("no se pudo iniciar el proceso lector: \(error.localizedDescription)", "the worker process could not be started: \(error.localizedDescription)"))
        }
        let pid = process.processIdentifier
        RunningWorkers.shared.add(pid)
        defer { RunningWorkers.shared.remove(pid) }
        // Read both pipes while the child runs: a full pipe would block it forever.
        let outBox = DataBox(), errBox = DataBox()
        let readers = DispatchGroup()
        readers.enter()
        DispatchQueue.global().async {
            outBox.data = out.fileHandleForReading.readDataToEndOfFile()
            readers.leave()
        }
        readers.enter()
        DispatchQueue.global().async {
            // Line by line, as the child writes: page reports are heard as they come.
            let handle = err.fileHandleForReading
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending += chunk
                while let newline = pending.firstIndex(of: 10) {
                    let line = pending[pending.startIndex..<newline]
                    pending = Data(pending[(newline + 1)...])
                    if let (page, count) = PageReport.parse(line) { onPage?(page, count) } else { errBox.data += line + Data([10]) }
                }
            }
            errBox.data += pending
            readers.leave()
        }
        // Waits in short slices, reading the child's address-space high-water mark as it runs: a
        // child that reaches its limit does not always say so (an allocation that fails inside the
        // Swift runtime traps with SIGILL and no message), but its peak shows it.
        var timedOut = false
        var peakBytes = 0
        let deadline = DispatchTime.now() + seconds
        while finished.wait(timeout: min(deadline, .now() + 0.05)) == .timedOut {
            peakBytes = max(peakBytes, Self.addressSpacePeak(pid) ?? 0)
            guard DispatchTime.now() < deadline else { break }
        }
        if process.isRunning {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        readers.wait()
        if timedOut {
            return failed(say("la lectura pasó del límite del pipeline, \(Int(seconds)) s, y se detuvo (súbalo en limits.seconds_per_document para leerlo)",
                              "reading took longer than the pipeline's limit of \(Int(seconds)) s; the worker was stopped (raise limits.seconds_per_document to read it)"))
        }
        let stderrText = String(decoding: errBox.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // Swift aborts when an allocation fails under the address-space limit ("failed to allocate
        // N bytes"): that is the memory limit, not a crash of the reader.
        let outOfMemory = stderrText.contains("failed to allocate") || stderrText.contains("Cannot allocate")
            || Double(peakBytes) >= 0.9 * megabytes * 1_048_576
            || stderrText.contains("out of memory")
        if process.terminationReason == .uncaughtSignal {
            let signal = process.terminationStatus
            if outOfMemory {
                return failed(say("el lector se quedó sin memoria (límite \(Int(megabytes)) MB; súbalo en limits.memory_mb_per_document para leerlo)",
                                  "the reader ran out of memory (limit \(Int(megabytes)) MB; raise limits.memory_mb_per_document to read it)"))
            }
            let what = signal == SIGKILL ? say("fue detenido a la fuerza (memoria o tiempo de CPU)", "was killed (out of memory or CPU time)")
                : signal == SIGSEGV ? say("se cayó (violación de segmento)", "crashed (segmentation fault)")
                : signal == SIGABRT ? say("abortó", "aborted") : say("fue detenido por la señal \(signal)", "was stopped by signal \(signal)")
            // A crash repeats on the same bytes; a kill (memory pressure, the CPU limit under load) may not.
            return failed(say("el lector \(what) mientras leía este archivo", "the reader \(what) while reading this file"),
                          signal == SIGSEGV || signal == SIGABRT ? .permanent : .transient)
        }
        guard process.terminationStatus == 0 else {
            let tail = stderrText.split(separator: "\n").last.map(String.init) ?? ""
            if tail.contains("memory") || outOfMemory {
                return failed(say("el lector se quedó sin memoria (límite \(Int(megabytes)) MB)", "the reader ran out of memory (limit \(Int(megabytes)) MB)"))
            }
            return failed(say("el lector falló (salida \(process.terminationStatus))", "the reader failed (exit \(process.terminationStatus))") + (tail.isEmpty ? "" : ": " + tail), .permanent)
        }
        do {
            var doc = try JSONCoding.decoder().decode(ProcessedDocument.self, from: outBox.data)
            doc.seconds = Date().timeIntervalSince(started)
            return doc
        } catch {
            return failed(say("no se pudo leer la respuesta del proceso lector: \(error)", "the worker's answer could not be read: \(error)"))
        }
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

/// A byte buffer filled by one reader thread and read after it is done.
private final class DataBox: @unchecked Sendable {
    var data = Data()
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
