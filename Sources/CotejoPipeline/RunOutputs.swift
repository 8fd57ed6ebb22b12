import Foundation
import CotejoModel
import CotejoStore
import CotejoChecks
import CotejoReport

/// A file an output could not write, with the operating system's reason ("No space left on device").
public struct OutputError: Error, Sendable {
    public var path: String
    public var reason: String

    public func message(in language: Language) -> String {
        language.pick("\(path): no se puede escribir (\(reason))", "\(path): cannot be written (\(reason))")
    }
}

/// The last stage of a run: what the pipeline's `output` names, written from the store — the JSON
/// export and the HTML report. The command line only prints the lines it returns.
public struct RunOutputs: Sendable {
    public var config: PipelineConfig
    /// The pipeline file as given, recorded in the export.
    public var pipelinePath: String

    public init(config: PipelineConfig, pipelinePath: String) {
        self.config = config; self.pipelinePath = pipelinePath
    }

    /// Writes every output the pipeline names; returns what was written, one line each, in the
    /// run's language.
    public func write(_ docs: [StoredDocument]) throws -> [String] {
        var lines: [String] = []
        let say = config.language
        if let out = config.output.export {
            try Self.write(JSONExporter.encode(JSONExporter.export(docs, version: cotejoVersion, pipeline: pipelinePath, language: say)), to: out)
            lines.append(say.pick("Escrito \(out)", "Wrote \(out)"))
        }
        if let out = config.output.report {
            lines += try Self.writeReport(docs, to: out, language: say)
        }
        return lines
    }

    /// The HTML report into a folder; a path ending in ".html" (a report of old) becomes a folder
    /// of that name. Returns what was written, one line each.
    public static func writeReport(_ docs: [StoredDocument], to out: String, language: Language) throws -> [String] {
        var lines: [String] = []
        var folder = out
        if folder.lowercased().hasSuffix(".html") {
            folder = String(folder.dropLast(5)) + "/"
            lines.append(language.pick("nota: el informe ahora es una carpeta; se escribe \(folder) en lugar de \(out)",
                                       "note: the report is a folder now; writing \(folder) instead of \(out)"))
        }
        let result = try HTMLReport(language: language, version: cotejoVersion, ruleNames: RuleRegistry.names).write(docs, to: folder)
        let seconds = BatchMessages(language: language).seconds(result.seconds, decimals: 1)
        lines.append(language.pick("Escrito \(result.index) (\(result.pages.count) páginas de documento, \(result.crops) recortes, \(seconds))",
                                   "Wrote \(result.index) (\(result.pages.count) document pages, \(result.crops) crops, \(seconds))"))
        for path in result.withoutCrops {
            lines.append(language.pick("  sin recortes de \(path): el archivo ya no está o cambió desde que se leyó",
                                       "  no crops for \(path): the file is missing or changed since it was read"))
        }
        return lines
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
