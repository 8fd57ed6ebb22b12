import Foundation
import ArgumentParser
import CotejoModel
import CotejoStore
import CotejoPipeline

/// Prints the summary of a batch in the user's language and returns the exit code it deserves.
func reportSummary(_ s: RunSummary, language: Language) -> Int32 {
    for line in BatchMessages(language: language).summary(s) { printError(line) }
    return s.failed > 0 ? 1 : 0
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Ejecuta un pipeline: lee sus entradas y escribe el almacén, la exportación JSON y el informe.", "Runs a pipeline: ingests its inputs, then writes the store, the JSON export and the report."))

    @Argument(help: help("Definición del pipeline (YAML).", "Pipeline definition (YAML)."))
    var pipeline: String = "pipelines/default.yaml"

    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption
    @OptionGroup var batch: BatchOptions

    func validate() throws { try batch.validate(sharedStore: store.postgres != nil) }

    func run() throws {
        var code: Int32 = 0
        try guarded {
            var config = try PipelineConfig.load(path: pipeline)
            if let lang = language.lang { config.language = lang }
            try batch.requireInputs(config.inputs)
            if let address = store.postgres {
                code = try batch.ingest(paths: config.inputs, config: config, address: address)
                let st = try store.openForReading()
                for line in try outputs({ try RunOutputs(config: config, pipelinePath: pipeline).write(st.documents()) }) { printError(line) }
                return
            }
            // --db wins over the pipeline's database.
            let st = try store.open(fallback: config.output.database)
            code = try batch.ingest(paths: config.inputs, config: config, store: st, storePath: store.path(fallback: config.output.database))
            for line in try outputs({ try RunOutputs(config: config, pipelinePath: pipeline).write(st.documents()) }) { printError(line) }
        }
        if code != 0 { throw ExitCode(code) }
    }
}

/// How a batch shows its progress on stderr.
enum ProgressStyle: String, ExpressibleByArgument { case text, json, none }

/// Progress goes to stderr, so that stdout stays clean for data: lines in the user's language, or
/// one JSON object per line for programs.
func progressPrinter(_ style: ProgressStyle, language: Language) -> (@Sendable (ProgressEvent) -> Void)? {
    switch style {
    case .none: return nil
    case .json: return { @Sendable event in printError(event.json) }
    case .text:
        let say = BatchMessages(language: language)
        return { @Sendable event in printError(say.line(event)) }
    }
}

/// Writes a whole file, atomically: on a full disk or an I/O error nothing half-written is left,
/// and the error is one line (exit 3).
func write(_ data: Data, to path: String) throws {
    try outputs { try RunOutputs.write(data, to: path) }
}

/// Runs an output stage; a file it cannot write is one line and exit 3.
func outputs<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as OutputError { throw CLIError(code: 3, message: e.message(in: interfaceLanguage)) }
}

/// Writes to standard output; a closed pipe or a full disk is an error to report, not a crash.
func writeToStandardOutput(_ data: Data) throws {
    do { try FileHandle.standardOutput.write(contentsOf: data) } catch {
        throw CLIError(code: 3, message: tr("no se puede escribir en la salida estándar (\(RunOutputs.systemReason(error)))", "standard output cannot be written (\(RunOutputs.systemReason(error)))"))
    }
}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Lee archivos y carpetas al almacén (los documentos sin cambios no se vuelven a leer).", "Ingests files and folders into the store (unchanged documents are skipped)."))

    @Argument(help: help("Archivos y carpetas que leer.", "Files and folders to read."))
    var paths: [String]

    @OptionGroup var definition: PipelineOption

    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption
    @OptionGroup var batch: BatchOptions

    func validate() throws { try batch.validate(sharedStore: store.postgres != nil) }

    func run() throws {
        var code: Int32 = 0
        try guarded {
            let config = try batch.configuration(pipeline: definition, paths: paths, language: language)
            if let address = store.postgres {
                code = try batch.ingest(paths: paths, config: config, address: address)
                return
            }
            code = try batch.ingest(paths: paths, config: config, store: store.open(), storePath: store.path())
        }
        if code != 0 { throw ExitCode(code) }
    }
}
