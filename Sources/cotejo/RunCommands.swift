import Foundation
import ArgumentParser
import Logging
import CotejoModel
import CotejoStore
import CotejoPipeline
import CotejoReport

/// Prints the summary of a batch and returns the exit code it deserves.
func reportSummary(_ s: RunSummary, verb: String) -> Int32 {
    var line = String(format: "%@ %d files in %.1fs: %d processed, %d unchanged, %d failed, %d skipped",
                      verb, s.filesSeen, s.seconds, s.processed, s.unchanged, s.failed, s.skipped.count)
    if s.processed == 0 && s.failed == 0 && s.unchanged > 0 { line += " (all documents unchanged)" }
    printError(line)
    for f in s.failures { printError("  failed: \(f.path): \(f.reason)") }
    for k in s.skipped { printError("  skipped: \(k.path): \(k.reason)") }
    return s.failed > 0 ? 1 : 0
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Runs a pipeline: ingests its inputs, then writes the store, the JSON export and the report.")

    @Argument(help: "Pipeline definition (YAML).")
    var pipeline: String = "pipelines/default.yaml"

    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption
    @OptionGroup var batch: BatchOptions
    @Flag(name: .shortAndLong, help: "No progress lines.")
    var quiet = false

    func run() throws {
        var code: Int32 = 0
        try guarded {
            var config = try PipelineConfig.load(path: pipeline)
            if let lang = language.lang { config.language = lang }
            // --db wins over the pipeline's database only when given.
            let dbPath = CommandLine.arguments.contains("--db") ? store.db : config.output.database
            let st: Store
            do { st = try Store(path: dbPath) } catch { throw CLIError(code: 3, message: "\(dbPath): the store cannot be opened: \(error)") }
            let p = Pipeline(config: config)
            let summary = try p.ingest(paths: config.inputs, store: st, jobs: batch.jobs, isolation: batch.isolation(config: config),
                                       logger: Logger(label: "cotejo"), progress: progressPrinter(quiet: quiet))
            code = reportSummary(summary, verb: "Read")
            let docs = try st.documents()
            if let out = config.output.export {
                try write(JSONExporter.encode(JSONExporter.export(docs, version: cotejoVersion, pipeline: pipeline, language: config.language)), to: out)
                printError("Wrote \(out)")
            }
            if let out = config.output.report {
                try write(Data(HTMLReport(language: config.language, version: cotejoVersion).render(docs).utf8), to: out)
                printError("Wrote \(out)")
            }
        }
        if code != 0 { throw ExitCode(code) }
    }
}

/// Progress lines go to stderr, so that stdout stays clean for data.
func progressPrinter(quiet: Bool) -> (@Sendable (String) -> Void)? {
    if quiet { return nil }
    return { @Sendable line in printError(line) }
}

func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url, options: .atomic)
}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ingests files and folders into the store (unchanged documents are skipped).")

    @Argument(help: "Files and folders to read.")
    var paths: [String]

    @Option(name: .long, help: "Pipeline definition for rule settings.")
    var pipeline: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var batch: BatchOptions
    @Flag(name: .shortAndLong, help: "No progress lines.")
    var quiet = false

    func run() throws {
        var code: Int32 = 0
        try guarded {
            let config = try pipeline.map(PipelineConfig.load(path:)) ?? PipelineConfig(inputs: paths)
            let st = try store.open()
            let summary = try Pipeline(config: config).ingest(paths: paths, store: st, jobs: batch.jobs,
                                                              isolation: batch.isolation(config: config),
                                                              logger: Logger(label: "cotejo"), progress: progressPrinter(quiet: quiet))
            code = reportSummary(summary, verb: "Read")
        }
        if code != 0 { throw ExitCode(code) }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Exports the store (JSON per the cotejo.export/1 contract).")

    enum Format: String, ExpressibleByArgument { case json }

    @Option(name: .long, help: "Export format.")
    var format: Format = .json
    @Option(name: .long, help: "Output file (stdout when omitted).")
    var out: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        try guarded {
            let docs = try store.open().documents()
            let data = try JSONExporter.encode(JSONExporter.export(docs, version: cotejoVersion, pipeline: nil, language: language.lang ?? .es))
            if let out { try write(data, to: out) } else { FileHandle.standardOutput.write(data + Data("\n".utf8)) }
        }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Writes the HTML report of the store.")

    @Option(name: .long, help: "Output file.")
    var out: String = "output/report.html"
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        try guarded {
            let docs = try store.open().documents()
            try write(Data(HTMLReport(language: language.lang ?? .es, version: cotejoVersion).render(docs).utf8), to: out)
            printError("Wrote \(out)")
        }
    }
}
