import Foundation
import ArgumentParser
import CotejoModel
import CotejoPipeline
import CotejoStore
import CotejoStorePostgres
import CotejoIngest
import Logging

/// `cotejo worker`: reads files and writes their processed documents on stdout (`WorkerAnswer`). The batch
/// runs it as a child process so that a crash in a reader costs one document, not the batch.
/// With `--serve` it reads one request per line on stdin (`WorkerRequest`) and answers each with
/// `WorkerFrame`s (the content and the records as soon as each is made, then the rest), until its
/// input ends; with a path it reads that one file and answers with the whole document.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Processes files in isolation (used by run and ingest; not for direct use).",
        shouldDisplay: false)

    @Option(name: .long, help: "SHA-256 of the file, as the parent computed it.")
    var sha256: String?
    @Option(name: .long, help: "Address-space limit in MB.")
    var memoryMb: Int = 1024
    @Option(name: .long, help: "CPU-time limit in seconds, per document.")
    var seconds: Int = 120
    @Flag(name: .long, help: "Read requests from stdin, one JSON line each, until it ends.")
    var serve = false
    @OptionGroup var definition: PipelineOption
    @Argument(help: "The file to process (without --serve).")
    var path: String?

    func validate() throws {
        guard serve == (path == nil) else { throw ValidationError("give either --serve or one path") }
        guard serve || sha256 != nil else { throw ValidationError("--sha256 is required with a path") }
    }

    func run() throws {
        let service = WorkerService(config: try definition.load(), megabytes: memoryMb, seconds: seconds)
        service.start()
        if serve { service.serve() } else { try service.answerOne(path: path ?? "", sha256: sha256 ?? "") }
    }
}

/// Batch options shared by run and ingest.
struct BatchOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: help("Documentos procesados a la vez (por omisión, el número de núcleos).", "Documents processed at once (default: the number of cores)."))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(name: .long, help: help("Procesar los documentos en este proceso y no cada uno en un proceso hijo (más rápido, sin aislamiento ante fallos).", "Process documents inside this process instead of one child process each (faster, no crash isolation)."))
    var noIsolation = false
    @Flag(name: .shortAndLong, help: help("Sin líneas de progreso (lo mismo que --progress none).", "No progress lines (the same as --progress none)."))
    var quiet = false
    @Option(name: .long, help: help("Progreso en stderr: text (líneas en el idioma del usuario), json (un objeto JSON por línea, para programas) o none.", "Progress on stderr: text (lines in the user's language), json (one JSON object per line, for programs) or none."))
    var progress: ProgressStyle = .text
    @Flag(name: .long, help: help("Mostrar también el registro técnico (en inglés) de cada fallo.", "Also print the technical log (in English) of each failure."))
    var verbose = false
    @Flag(name: .long, help: help("Procesar de nuevo todos los documentos, también los que el almacén tiene sin cambios.", "Process every document again, even those the store holds unchanged."))
    var force = false
    @Option(name: .long, help: help("Solo la partición K de N (K/N, desde 1): los documentos cuyo SHA-256 cae en ella, para que N procesos o máquinas se repartan un corpus (el índice de un arreglo de trabajos da K).", "Only shard K of N (K/N, 1-based): the documents whose SHA-256 falls in it, so that N processes or machines can share a corpus (a scheduler's array index names K)."))
    var shard: String?
    @Option(name: .long, help: help("Con un almacén PostgreSQL: segundos que un proceso retiene un documento sin dar señales de vida; pasado ese plazo, otro proceso lo toma (por omisión 60).", "With a PostgreSQL store: seconds a process holds a document without a sign of life; after that, another process takes it over (default 60)."))
    var lease: Double?

    func validate() throws {
        if let lease, !(lease > 0 && lease.isFinite) { throw ValidationError(tr("--lease debe ser un número de segundos mayor que 0 (se dio \(lease))", "--lease must be a number of seconds above 0 (got \(lease))")) }
        guard jobs >= 1 else { throw ValidationError(tr("--jobs debe ser al menos 1 (se dio \(jobs))", "--jobs must be at least 1 (got \(jobs))")) }
        if let shard, Shard(shard) == nil {
            throw ValidationError(tr("--shard debe ser K/N con 1 ≤ K ≤ N (se dio \(shard))", "--shard must be K/N with 1 ≤ K ≤ N (got \(shard))"))
        }
    }

    /// `--lease` means something only to a shared store; given with a SQLite one, it is a mistake to
    /// point out, not to ignore.
    func validate(sharedStore: Bool) throws {
        if lease != nil, !sharedStore {
            throw ValidationError(tr("--lease solo tiene sentido con un almacén PostgreSQL (--db postgresql://…)", "--lease only applies to a PostgreSQL store (--db postgresql://…)"))
        }
    }

    /// The pipeline that reads `paths`: the given definition (for its rule settings) or the
    /// default one, in the language asked for. Every path must exist.
    func configuration(pipeline: PipelineOption, paths: [String], language: LanguageOption) throws -> PipelineConfig {
        var config = try pipeline.load(inputs: paths)
        if let lang = language.lang { config.language = lang }
        try requireInputs(paths)
        return config
    }

    /// Every input must exist before anything is opened: a mistyped path is a usage error (exit 2),
    /// not a "failed document" kept in the store for good.
    func requireInputs(_ paths: [String]) throws {
        let missing = paths.filter { path in var info = stat(); return stat(path, &info) != 0 }
        guard missing.isEmpty else {
            throw CLIError(code: 2, message: tr("no existe el archivo o la carpeta: \(missing.joined(separator: ", ")) (revise la ruta)", "no such file or folder: \(missing.joined(separator: ", ")) (check the path)"))
        }
        guard !paths.isEmpty else { throw CLIError(code: 2, message: tr("nada que leer: indique archivos o carpetas (inputs: en el pipeline)", "nothing to read: give files or folders (inputs: in the pipeline)")) }
    }

    /// Ingests `paths` with these options, prints the summary, and returns the exit code it deserves.
    /// SIGINT or SIGTERM stops the batch: its workers are killed, the run is marked interrupted,
    /// and the process exits 130 or 143 (what is stored stays whole: one transaction per document).
    func ingest(paths: [String], config: PipelineConfig, store: Store, storePath: String) throws -> Int32 {
        let claim: StoreWriteClaim
        do { claim = try StoreWriteClaim(storePath: storePath) } catch {
            throw CLIError(code: 3, message: StoreProblem.from(error, path: storePath).message(in: interfaceLanguage))
        }
        let stop = BatchInterruption(store: store)
        defer { withExtendedLifetime((claim, stop)) {} }
        let summary: RunSummary
        do {
            summary = try Pipeline(config: config).ingest(paths: paths, store: store, jobs: jobs, isolation: isolation(config: config), force: force,
                                                          shard: shard.flatMap(Shard.init), logger: verbose ? Logger(label: "cotejo") : nil,
                                                          progress: progressPrinter(quiet ? .none : progress, language: interfaceLanguage))
        } catch let error as CLIError {
            throw error
        } catch {
            // The store could not be written (a full disk, an I/O error): what was stored stays whole.
            throw CLIError(code: 3, message: StoreProblem.from(error, path: storePath).message(in: interfaceLanguage))
        }
        return reportSummary(summary, language: interfaceLanguage)
    }

    /// Ingests `paths` into the shared PostgreSQL store at `address`, with the other processes that
    /// ingest into it (`SharedIngest`); prints the summary and returns the exit code it deserves.
    func ingest(paths: [String], config: PipelineConfig, address: PostgresAddress) throws -> Int32 {
        let summary = try shared(address) {
            try SharedIngest(pipeline: Pipeline(config: config), address: address, lease: lease ?? 60)
                .ingest(paths: paths, jobs: jobs, isolation: isolation(config: config), force: force, shard: shard.flatMap(Shard.init),
                        logger: verbose ? Logger(label: "cotejo") : nil,
                        progress: progressPrinter(quiet ? .none : progress, language: interfaceLanguage))
        }
        return reportSummary(summary, language: interfaceLanguage)
    }

    /// Child processes of this very executable, with the pipeline's limits.
    func isolation(config: PipelineConfig) -> Pipeline.Isolation {
        if noIsolation { return .inProcess }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let executable = FileManager.default.isExecutableFile(atPath: exe.path) ? exe : URL(fileURLWithPath: CommandLine.arguments[0])
        return .childProcess(ChildProcessRunner(executable: executable, pipelinePath: config.path,
                                                seconds: config.limits.secondsPerDocument,
                                                megabytes: config.limits.megabytesPerDocument, language: config.language))
    }
}

/// Ends a batch on SIGINT or SIGTERM. The handlers run on a dispatch queue, not in signal context,
/// so they may use the store.
final class BatchInterruption {
    private var sources: [DispatchSourceSignal] = []

    init(store: Store) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                let workers = RunningWorkers.shared.killAll()
                try? store.interruptRunningRuns()
                let name = signalNumber == SIGINT ? "SIGINT" : "SIGTERM"
                printError(tr("Interrumpido (\(name)): \(workers) proceso(s) detenido(s), la ejecución queda marcada como interrumpida; los documentos ya guardados se conservan",
                              "Interrupted (\(name)): \(workers) worker(s) stopped, the run is marked interrupted; documents stored so far are kept"))
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL); signal(SIGTERM, SIG_DFL)
    }
}
