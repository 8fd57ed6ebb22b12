import Foundation
import ArgumentParser
import CotejoModel
import CotejoStore
import CotejoReport
import CotejoPipeline

/// How a read command prints: lines for people, or JSON for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Writes `value` to standard output as JSON (keys sorted, as the export writes them), one line.
func writeJSON<T: Encodable>(_ value: T) throws {
    var data = try JSONCoding.encoder(sortedKeys: true).encode(value)
    data.append(Data("\n".utf8))
    try writeToStandardOutput(data)
}

/// `cotejo findings`: the findings in the store, filtered by rule, severity and document.
struct Findings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Lista los hallazgos con sus valores y su ubicación, filtrados por regla, gravedad o documento.", "Lists findings with their values and where they stand, filtered by rule, severity or document."))

    @OptionGroup var filter: FindingFilter
    @Option(name: .long, help: help("Solo este documento: su ruta, su nombre de archivo o el inicio de su SHA-256.", "Only this document: its path, file name or a SHA-256 prefix."))
    var doc: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        try guarded {
            try filter.print(matchingDocuments(store.openForReading(), doc), language: language.language)
        }
    }
}

/// Which findings a command prints, and how.
struct FindingFilter: ParsableArguments {
    @Option(name: .long, help: help("Solo esta regla (p. ej. percent.mismatch).", "Only this rule (e.g. percent.mismatch)."))
    var rule: String?
    @Option(name: .long, help: help("Solo esta gravedad o una mayor: info, warning, error.", "Only this severity or worse: info, warning, error."))
    var severity: Severity?
    @Option(name: .long, help: help("text: una línea por hallazgo, separada por tabuladores; json: una lista de hallazgos como los escribe la exportación, cada uno con su documento.", "text: one tab-separated line per finding; json: an array of findings as the export writes them, each with its document."))
    var format: OutputFormat = .text

    /// One finding as `--format json` prints it: the export's finding, with the document it is in
    /// beside its own keys.
    struct Listed: Encodable {
        var document: String
        var sha256: String?
        var finding: ExportFinding

        enum Keys: String, CodingKey { case document, sha256 }

        func encode(to encoder: Encoder) throws {
            try finding.encode(to: encoder)
            var keys = encoder.container(keyedBy: Keys.self)
            try keys.encode(document, forKey: .document)
            try keys.encodeIfPresent(sha256, forKey: .sha256)
        }
    }

    /// Prints the findings of `docs` that pass the filter to standard output, and their count to
    /// standard error.
    func print(_ docs: [StoredDocument], language: Language) throws {
        var kept: [(document: StoredDocument, finding: Finding)] = []
        for d in docs {
            for f in d.findings where (rule == nil || f.rule == rule) && (severity == nil || f.severity >= severity!) {
                kept.append((d, f))
            }
        }
        switch format {
        case .json:
            let listed: [Listed] = kept.map { d, f in
                Listed(document: d.path, sha256: d.sha256, finding: ExportFinding(f, language: language))
            }
            try writeJSON(listed)
        case .text:
            var out = ""
            for (d, f) in kept {
                let values = f.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                let places = f.source.prefix(3).map(\.locatorLabel).joined(separator: "; ")
                out += "\(d.path)\t\(f.severity.rawValue)\t\(f.rule)\t\(f.message(in: language))\t\(values)\t\(places)\n"
            }
            try writeToStandardOutput(Data(out.utf8))
        }
        printError(BatchMessages(language: language).findingCount(kept.count))
    }
}

extension Severity: ExpressibleByArgument {}
