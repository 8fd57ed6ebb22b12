import Foundation
import ArgumentParser
import CotejoModel
import CotejoStore
import CotejoStorePostgres
import CotejoPipeline

/// `cotejo merge A.sqlite B.sqlite … --into ALL.sqlite`: the stores of a batch's shards (or of
/// several machines) as one, with the checks that hold one document against another run again.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Junta almacenes (las particiones de un lote) en uno, sin perder nada; repetirlo no cambia nada.",
                     "Merges stores (a batch's shards) into one, losing nothing; merging again changes nothing."),
        discussion: tr("""
        Copia cada ejecución y cada documento con sus páginas, texto, tablas, registros, hallazgos y fuentes. Un documento \
        es su SHA-256: el que ya está igual se deja; si las mismas bytes se procesaron dos veces, gana la más reciente. \
        Después vuelve a ejecutar las verificaciones entre documentos (crossdoc.mismatch) sobre el almacén completo.
        """, """
        Copies every run and document with its pages, text, tables, records, findings and sources. A document is its \
        SHA-256: one already here as it is there is left alone; when the same bytes were processed twice, the later wins. \
        Then runs the checks across documents (crossdoc.mismatch) again over the whole store.
        """))

    @Argument(help: help("Almacenes SQLite que juntar.", "SQLite stores to merge."))
    var stores: [String]
    @Option(name: .long, help: help("Almacén de destino (se crea si no existe).", "Store to merge into (created when missing)."))
    var into: String
    @OptionGroup var definition: PipelineOption

    func validate() throws {
        guard !stores.isEmpty else { throw ValidationError(tr("indique al menos un almacén que juntar", "give at least one store to merge")) }
        if let shared = ([into] + stores).first(where: PostgresAddress.names) {
            throw ValidationError(tr("\(shared): merge junta almacenes SQLite; en un almacén PostgreSQL los procesos escriben a la vez con cotejo ingest --db, sin juntar nada",
                                     "\(shared): merge joins SQLite stores; into a PostgreSQL store processes write at once with cotejo ingest --db, with nothing to join"))
        }
        if let same = stores.first(where: { URL(fileURLWithPath: $0).standardizedFileURL == URL(fileURLWithPath: into).standardizedFileURL }) {
            throw ValidationError(tr("\(same) es también el destino (--into)", "\(same) is also the store merged into (--into)"))
        }
    }

    func run() throws {
        try guarded {
            let missing = stores.filter { !FileManager.default.fileExists(atPath: $0) }
            guard missing.isEmpty else {
                throw CLIError(code: 2, message: tr("no existe el almacén: \(missing.joined(separator: ", "))", "no such store: \(missing.joined(separator: ", "))"))
            }
            let config = try definition.load()
            let claim: StoreWriteClaim
            do { claim = try StoreWriteClaim(storePath: into) } catch {
                throw CLIError(code: 3, message: StoreProblem.from(error, path: into).message(in: interfaceLanguage))
            }
            defer { withExtendedLifetime(claim) {} }
            let target = try StoreOptions.open(path: into)
            var changed = false
            for path in stores {
                let s: MergeSummary
                do { s = try target.merge(from: path) } catch {
                    throw CLIError(code: 3, message: StoreProblem.from(error, path: path).message(in: interfaceLanguage))
                }
                changed = changed || s.changed
                printError(tr("\(path): \(s.copied) documentos copiados, \(s.alreadyHere) ya estaban, \(s.olderThanHere) más antiguos que los del destino; \(s.runs) ejecuciones",
                              "\(path): \(s.copied) documents copied, \(s.alreadyHere) already here, \(s.olderThanHere) older than here; \(s.runs) runs"))
            }
            // Documents from different shards never met: the checks across documents see them now.
            if changed {
                let pipeline = Pipeline(config: config)
                let run = try target.beginRun(pipeline: "merge", version: pipeline.version)
                try pipeline.crossDocumentChecks(store: target, runID: run)
                var summary = RunSummary()
                summary.filesSeen = 0
                try target.finishRun(run, summary: summary)
            }
            printError(tr("Escrito \(into)", "Wrote \(into)"))
        }
    }
}
