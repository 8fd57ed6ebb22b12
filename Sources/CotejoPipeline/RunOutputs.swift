import Foundation
import CotejoModel
import CotejoStore
import CotejoReport

/// A file an output could not write, with the operating system's reason ("No space left on device").
public struct OutputError: Error, Sendable {
    public var path: String
    public var reason: String

    public func message(in language: Language) -> String {
        language.pick("\(path): no se puede escribir (\(reason))", "\(path): cannot be written (\(reason))")
    }
}

/// The last stage of a run: the outputs the pipeline's `output:` names, written from the store
/// (`RunOutput`: the JSON export, the HTML report). The command line only prints the lines it returns.
public struct RunOutputs: Sendable {
    /// Every output a run can write, in the order a run writes them.
    public static let all: [any RunOutput.Type] = [JSONExportOutput.self, HTMLReportOutput.self]

    public var config: PipelineConfig
    /// The pipeline file as given, recorded in the export.
    public var pipelinePath: String

    public init(config: PipelineConfig, pipelinePath: String) {
        self.config = config; self.pipelinePath = pipelinePath
    }

    /// Writes every output the pipeline gives a path; returns what was written, one line each, in
    /// the run's language.
    public func write(_ docs: [StoredDocument]) throws -> [String] {
        try Self.all.flatMap { output -> [String] in
            guard let path = config.output.path(of: output) else { return [] }
            return try output.write(docs, to: path, pipelinePath: pipelinePath, language: config.language)
        }
    }

    /// The forms `cotejo export` writes the store in.
    public enum ExportFormat: String, Sendable, CaseIterable {
        /// One file, valid against schema/cotejo.export-1.schema.json.
        case json
        /// JSON Lines: one document per line.
        case jsonl
        /// A folder of CSV files, one per kind of record, and one of sources.
        case csv
    }

    /// The store's documents in `format`: JSON and JSON Lines into the file `out`, or returned for
    /// standard output when `out` is nil; CSV into the folder `out` (required). Returns the bytes
    /// for standard output, if any, and what was written, one line each.
    public static func export(_ docs: [StoredDocument], format: ExportFormat, to out: String?, dialect: CSV.Dialect = .rfc4180,
                              language: Language) throws -> (standardOutput: Data?, lines: [String]) {
        let data: Data
        switch format {
        case .json:
            data = try JSONExporter.encode(JSONExporter.export(docs, version: cotejoVersion, pipeline: nil, language: language))
        case .jsonl:
            data = try JSONExporter.lines(docs, language: language)
        case .csv:
            guard let out else { throw OutputError(path: "-", reason: language.pick("CSV se escribe en una carpeta", "CSV is written into a folder")) }
            let paths = try CSVExporter.write(docs, to: out, language: language, dialect: dialect)
            return (nil, paths.map { language.pick("Escrito \($0)", "Wrote \($0)") })
        }
        // A JSON document on a terminal ends its line; JSON Lines already end theirs.
        guard let out else { return (format == .json ? data + Data("\n".utf8) : data, []) }
        try write(data, to: out)
        return (nil, [])
    }

    /// Writes a whole file, atomically: on a full disk or an I/O error nothing half-written is left.
    public static func write(_ data: Data, to path: String) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw OutputError(path: path, reason: systemReason(error))
        }
    }

    /// The operating system's words for an error ("No space left on device").
    public static func systemReason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }
}
