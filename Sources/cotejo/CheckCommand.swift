import Foundation
import ArgumentParser
import CotejoModel
import CotejoStore
import CotejoPipeline

/// `cotejo check FILE…`: reads files and prints their findings in one step, for a user who wants
/// to know what is wrong with a document without keeping a store. The store is a temporary one
/// (removed afterwards) unless --db names one to keep.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Lee archivos o carpetas e imprime sus hallazgos (en un almacén temporal, salvo que se indique --db).", "Reads files or folders and prints their findings (a temporary store unless --db is given)."),
        discussion: tr("Códigos de salida como ingest: 0 se leyeron todos los documentos · 1 alguno falló (se imprime por qué) · 2 error de uso · 3 no se pudo abrir el almacén.", "Exit codes as ingest: 0 every document was read · 1 some failed (their reasons are printed) · 2 usage error · 3 the store could not be opened."))

    @Argument(help: help("Archivos y carpetas que verificar.", "Files and folders to check."))
    var paths: [String]

    @OptionGroup var definition: PipelineOption
    @Option(name: .long, help: help("Almacén SQLite en el que guardar lo leído (por omisión, uno temporal que se borra al terminar).", "SQLite store to read into and keep (default: a temporary one, removed afterwards)."))
    var db: String?
    @OptionGroup var filter: FindingFilter
    @OptionGroup var language: LanguageOption
    @OptionGroup var batch: BatchOptions

    func validate() throws { try batch.validate(sharedStore: false) }

    func run() throws {
        var code: Int32 = 0
        try guarded {
            let config = try batch.configuration(pipeline: definition, paths: paths, language: language)
            var temporary: URL?
            defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
            let path: String
            if let db { path = db } else {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cotejo-check-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                temporary = folder
                path = folder.appendingPathComponent("check.sqlite").path
            }
            let store = try StoreOptions.open(path: path)
            code = try batch.ingest(paths: paths, config: config, store: store, storePath: path)
            // A kept store may hold other documents: only those under the given paths are printed.
            let inputs = paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            let docs = try store.documents().filter { d in
                let p = URL(fileURLWithPath: d.path).standardizedFileURL.path
                return inputs.contains { p == $0 || p.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
            }
            try filter.print(docs, language: config.language)
        }
        if code != 0 { throw ExitCode(code) }
    }
}
