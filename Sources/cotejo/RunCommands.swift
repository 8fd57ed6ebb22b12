import Foundation
import ArgumentParser
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

    func run() throws {
        var code: Int32 = 0
        try guarded {
            var config = try PipelineConfig.load(path: pipeline)
            if let lang = language.lang { config.language = lang }
            // --db wins over the pipeline's database.
            let st = try store.open(fallback: config.output.database)
            code = try batch.ingest(paths: config.inputs, config: config, store: st)
            let docs = try st.documents()
            if let out = config.output.export {
                try write(JSONExporter.encode(JSONExporter.export(docs, version: cotejoVersion, pipeline: pipeline, language: config.language)), to: out)
                printError("Wrote \(out)")
            }
            if let out = config.output.report {
                try writeReport(docs, to: out, language: config.language)
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

    func run() throws {
        var code: Int32 = 0
        try guarded {
            let config = try pipeline.map(PipelineConfig.load(path:)) ?? PipelineConfig(inputs: paths)
            code = try batch.ingest(paths: paths, config: config, store: store.open())
        }
        if code != 0 { throw ExitCode(code) }
    }
}
