import Foundation
import CotejoModel
import CotejoIngest

/// The child's side of `WorkerProcess`: what `cotejo worker` does once its options are read. It
/// limits its own address space and, per document, its CPU time, then answers requests on
/// standard input (`WorkerRequest`) with frames on standard output (`WorkerFrame`): a document's
/// content and records as soon as each is made, then the rest (`WorkerAnswer.Part`). Both ends of
/// that protocol live in this module.
public struct WorkerService {
    public var config: PipelineConfig
    /// Address-space limit, in MB.
    public var megabytes: Int
    /// CPU-time limit per document, in seconds.
    public var seconds: Int

    public init(config: PipelineConfig, megabytes: Int, seconds: Int) {
        self.config = config; self.megabytes = megabytes; self.seconds = seconds
    }

    /// Limits first, so that nothing the readers do can exceed them; then the watch on the batch.
    public func start() {
        var memory = rlimit(rlim_cur: rlim_t(megabytes) * 1_048_576, rlim_max: rlim_t(megabytes) * 1_048_576)
        setrlimit(Int32(RLIMIT_AS.rawValue), &memory)
        ParentWatch.start()
    }

    /// Serves requests, one JSON line each, until standard input ends.
    public func serve() {
        while let line = readLine(strippingNewline: true) {
            guard let request = try? JSONDecoder().decode(WorkerRequest.self, from: Data(line.utf8)) else { continue }
            limitCPU()
            do { try answer(path: request.path, sha256: request.sha256, format: request.format, framed: true) } catch {
                // A file that cannot be opened fails alone; the worker serves the next one.
                let failed = ProcessedDocument(path: request.path, sha256: request.sha256, format: nil, byteCount: 0, status: .failed,
                                               error: config.language.pick("no se pudo abrir el archivo: \(error.localizedDescription)",
                                                                           "the file could not be opened: \(error.localizedDescription)"),
                                               failureKind: .transient)
                if let body = try? WorkerAnswer.encode(failed) { FileHandle.standardOutput.write(WorkerFrame.encode(body)) }
            }
        }
    }

    /// Reads one file and writes its whole processed document, unframed (`WorkerAnswer`).
    public func answerOne(path: String, sha256: String) throws {
        limitCPU()
        try answer(path: path, sha256: sha256, format: nil, framed: false)
    }

    /// A CPU-time limit for the next document: the time used so far plus this document's share.
    /// Only the soft limit moves (its signal ends the process); the hard limit cannot be raised again.
    func limitCPU() {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let used = rlim_t(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + 1)
        var cpu = rlimit()
        getrlimit(Int32(RLIMIT_CPU.rawValue), &cpu)
        cpu.rlim_cur = min(used + rlim_t(seconds + 5), cpu.rlim_max)
        setrlimit(Int32(RLIMIT_CPU.rawValue), &cpu)
    }

    /// `format`: what the batch found the bytes to be (nil: sniffed here).
    func answer(path: String, sha256: String, format: DocumentFormat?, framed: Bool) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        // A serving worker sends the content as soon as it is read, and the records as soon as they
        // are made, for the batch to store while the next stages run here (`WorkerAnswer.Part`);
        // the document follows without them.
        var contentSent = false, recordsSent = false
        func send(_ body: Data?) -> Bool {
            guard let body else { return false }
            FileHandle.standardOutput.write(WorkerFrame.encode(body))
            return true
        }
        let sendContent: (DocumentContent) -> Void = { content in
            var content = content
            content.dropWords()
            contentSent = send(try? WorkerAnswer.encode(content: content))
        }
        let sendRecords: (DocumentRecords) -> Void = { records in
            recordsSent = send(try? WorkerAnswer.encode(records: records))
        }
        // Each page read is told to the parent (which shows it at most once a second).
        var doc = ReadingProgress.listening({ page, count in
            FileHandle.standardError.write(PageReport.line(page: page, of: count))
        }) {
            Pipeline(config: config).process(path: path, data: data, sha256: sha256, sniffed: format.map { .readable($0) },
                                             onContent: framed ? sendContent : nil, onRecords: framed ? sendRecords : nil)
        }
        // Word boxes served the table and record stages, which ran here; the store keeps lines and
        // blocks only, so the words need not cross the process boundary.
        if contentSent { doc.content = nil } else { doc.content?.dropWords() }
        if recordsSent { doc.records = DocumentRecords() }
        let body = try WorkerAnswer.encode(doc)
        FileHandle.standardOutput.write(framed ? WorkerFrame.encode(body) : body)
    }
}
