import Foundation
import ArgumentParser
import CotejoModel
import CotejoStore
import CotejoStorePostgres
import CotejoReport

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Busca palabras en el texto de los documentos (sin importar tildes); imprime documento, página y fragmento.", "Full-text search of the documents' text (accents ignored); prints document, page and snippet."))

    @Argument(help: help("Palabras que buscar (deben aparecer todas).", "Words to find (all must appear)."))
    var text: [String]
    @Option(name: .long, help: help("Máximo de resultados que imprimir.", "Most hits to print."))
    var limit = 50
    @Flag(name: .long, help: help("Buscar también en encabezados y pies de página.", "Search page furniture (headers, footers) too."))
    var furniture = false
    @Option(name: .long, help: help("text: documento, página y fragmento por línea; json: una lista de resultados (documento, página, papel, fragmento, fuente).", "text: document, page and snippet per line; json: an array of hits (document, page, role, snippet, source)."))
    var format: OutputFormat = .text
    @OptionGroup var store: StoreOptions

    /// One hit as `--format json` prints it.
    struct Hit: Encodable {
        var document: String
        var page: Int
        var role: String
        var snippet: String
        var source: ExportSource?
    }

    func run() throws {
        try guarded {
            let words = text.joined(separator: " ")
            // A PostgreSQL store searches with PostgreSQL's Spanish text search, stems and all.
            let hits = if let address = store.postgres {
                try shared(address) { try PostgresStore(address).search(words, limit: limit, includeFurniture: furniture) }
            } else {
                try store.openForReading().search(words, limit: limit, includeFurniture: furniture)
            }
            if format == .json {
                let listed = hits.map { Hit(document: $0.path, page: $0.page, role: $0.role, snippet: $0.snippet.collapsedWhitespace,
                                            source: $0.source.map(ExportSource.init)) }
                try writeJSON(listed)
                return
            }
            if hits.isEmpty { printError(tr("ningún resultado", "no hits")); return }
            for h in hits {
                print("\(h.path)\tp. \(h.page)\t\(h.snippet.collapsedWhitespace)")
            }
        }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Muestra un documento: sus datos, registros y hallazgos, con sus fuentes.", "Shows one document: its facts, records and findings, with sources."))

    @Argument(help: help("El documento: su ruta, su nombre de archivo o el inicio de su SHA-256.", "The document: its path, file name or a SHA-256 prefix."))
    var document: String
    @Flag(name: .long, help: help("Imprimir también sus bloques de texto, con encabezados y pies marcados.", "Also print its text blocks, furniture marked."))
    var blocks = false
    @Option(name: .long, help: help("text: para personas; json: una lista de los documentos como los escribe la exportación.", "text: for people; json: an array of the matching documents as the export writes them."))
    var format: OutputFormat = .text
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        try guarded {
            let st = try store.openForReading()
            let docs = try matchingDocuments(st, document)
            let lang = language.language
            if format == .json {
                try writeJSON(docs.map { JSONExporter.document($0, language: lang) })
                return
            }
            for d in docs {
                let f = d.records.facts
                print("\(d.path)  [\(d.format?.rawValue ?? "?"), \(d.pages) pages, \(d.status.rawValue)]  sha256 \(d.sha256 ?? "—")")
                if let e = d.error { print("  error: \(e)") }
                for n in d.notes { print("  note: \(n)") }
                print("  entity: \(f.entity ?? "—")   (\(f.sources["entity"]?.locatorLabel ?? "—"))")
                print("  title:  \(f.title ?? "—")")
                print("  kind:   \(f.kind?.rawValue ?? "—")   year: \(f.year.map(String.init) ?? "—")")
                print("  activities: \(d.records.activities.count)")
                for a in d.records.activities {
                    let figures = [a.planned, a.executed, a.reportedPercent].map { $0.map { String($0) } ?? "—" }.joined(separator: " / ")
                    print("    \(a.item ?? "-") \(a.description.prefix(70))  \(figures)  @\(a.source.first?.locatorLabel ?? "?")")
                }
                for t in d.records.totals {
                    print("  total: \(t.label): \(t.planned.map { String($0) } ?? "—") / \(t.executed.map { String($0) } ?? "—") / \(t.reportedPercent.map { String($0) } ?? "—") %")
                }
                for c in d.records.commitments {
                    print("  commitments \(c.period): \(c.collected.map { String($0) } ?? "—") = \(c.inCharge.map { String($0) } ?? "—") + \(c.notInCharge.map { String($0) } ?? "—")")
                }
                print("  findings: \(d.findings.count)")
                for x in d.findings {
                    print("    [\(x.severity.rawValue)] \(x.rule): \(x.message(in: lang))  @\(x.source.first?.locatorLabel ?? "?")")
                }
                if blocks {
                    for b in try st.blocks(documentID: d.id) {
                        print("  p.\(b.page) \(b.role.rawValue)\(b.reason.map { " (\($0))" } ?? ""): \(b.text.collapsedWhitespace.prefix(110))")
                    }
                }
            }
        }
    }
}
