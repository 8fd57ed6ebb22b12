import Foundation
import CotejoModel
import CotejoStore
import CotejoChecks
import CotejoReport

/// `output.report`: the HTML report, a folder with an index and a page per document.
public enum HTMLReportOutput: RunOutput {
    public static let key = "report"
    public static let defaultPath = "output/report/"

    public static func write(_ docs: [StoredDocument], to path: String, pipelinePath: String, language: Language) throws -> [String] {
        try write(docs, to: path, language: language)
    }

    /// The report into a folder; a path ending in ".html" (a report of old) becomes a folder of
    /// that name. Returns what was written, one line each.
    public static func write(_ docs: [StoredDocument], to out: String, language: Language) throws -> [String] {
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
}
