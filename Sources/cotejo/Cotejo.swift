import Foundation
import ArgumentParser
import CotejoModel
import CotejoStore
import CotejoStorePostgres
import CotejoPipeline
import CotejoIngest
import CotejoReport

/// `cotejo`: reads plans and compliance reports, stores records with provenance, cross-checks figures.
///
/// Exit codes: 0 success; 1 the command ran but some documents failed (see the summary);
/// 2 usage error; 3 the store or the pipeline definition could not be opened or read.
@main
struct Cotejo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cotejo",
        abstract: tr("Lee planes e informes de entidades públicas, guarda sus registros con procedencia y verifica sus cifras.",
                     "Reads public entities' plans and reports, stores their records with provenance and checks their figures."),
        discussion: tr("""
        Lee los planes e informes de seguimiento de las entidades públicas colombianas (PDF, HTML, DOCX, XLSX, PPTX, \
        escaneos, texto), guarda sus registros con su procedencia en SQLite y verifica cada cifra que declaran.

        Códigos de salida: 0 todo bien · 1 algún documento falló (el lote siguió) · 2 error de uso · \
        3 no se pudo abrir el almacén o la definición del pipeline.
        Idioma: --lang en, o un LANG en inglés, para mensajes en inglés.
        """, """
        Reads Colombian public entities' plans and compliance reports (PDF, HTML, DOCX, XLSX, PPTX, scans, text), \
        stores their records with provenance in SQLite, and cross-checks every figure they state.

        Exit codes: 0 success · 1 some documents failed (the batch went on) · 2 usage error · \
        3 the store or the pipeline definition could not be opened.
        Language: Spanish unless --lang en or an English LANG.
        """),
        version: "\(cotejoVersion) (poppler \(PDFReader.popplerVersion))",
        subcommands: [Run.self, Ingest.self, Check.self, Merge.self, Export.self, Search.self, Show.self, Tables.self, Findings.self, Report.self, Compare.self, Worker.self])

    static func main() {
        OpenMPThreadLimit.ensure()
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            // ArgumentParser ends a usage error (a bad option value, a missing argument) with 64,
            // EX_USAGE; Cotejo documents 2 for every usage error, as its own checks give.
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options every subcommand shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: help("Almacén: un archivo SQLite (por omisión output/cotejo.sqlite, o el del pipeline en run) o una base PostgreSQL compartida (postgresql://usuario@servidor:puerto/base).", "Store: a SQLite file (default: output/cotejo.sqlite, or the pipeline's for run) or a shared PostgreSQL database (postgresql://user@host:port/database)."))
    var db: String?

    /// The store's path: --db, else `fallback`.
    func path(fallback: String = "output/cotejo.sqlite") -> String { db ?? fallback }

    /// The PostgreSQL store --db names, if it names one.
    var postgres: PostgresAddress? { db.flatMap(PostgresAddress.init) }

    /// Opens the store given with --db, else `fallback`, for writing (created when missing).
    func open(fallback: String = "output/cotejo.sqlite") throws -> Store { try Self.open(path: db ?? fallback) }

    /// Opens the store at `path` for writing (created when missing); a store that cannot be opened
    /// is exit 3 with the reason.
    static func open(path: String) throws -> Store {
        if PostgresAddress.names(path) {
            throw CLIError(code: 2, message: tr("\(path): este comando escribe en un almacén SQLite; en PostgreSQL se escribe con cotejo ingest o cotejo run", "\(path): this command writes a SQLite store; a PostgreSQL store is written by cotejo ingest or cotejo run"))
        }
        do { return try Store(path: path) } catch {
            throw CLIError(code: 3, message: StoreProblem.from(error, path: path).message(in: interfaceLanguage))
        }
    }

    /// Opens an existing store read-only: a mistyped --db is an error, not a new empty store. A
    /// PostgreSQL store is pulled into memory, and read as a SQLite one is.
    func openForReading(fallback: String = "output/cotejo.sqlite") throws -> Store {
        if let postgres { return try shared(postgres) { try PostgresStore(postgres).mirror() } }
        let path = db ?? fallback
        do { return try Store(path: path, readOnly: true) } catch {
            throw CLIError(code: 3, message: StoreProblem.from(error, path: path).message(in: interfaceLanguage))
        }
    }
}

/// Runs `body` on the PostgreSQL store at `address`; a store that cannot be reached, or that
/// refuses a statement, is exit 3 with the reason.
func shared<T>(_ address: PostgresAddress, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as CLIError { throw error } catch {
        let detail = (error as? PostgresProblem)?.detail ?? "\(error)"
        throw CLIError(code: 3, message: tr("\(address.redacted): el almacén PostgreSQL no respondió como se esperaba (\(detail)); revise que el servidor esté en marcha y la dirección",
                                            "\(address.redacted): the PostgreSQL store did not answer as expected (\(detail)); check that the server is running and the address"))
    }
}

/// The pipeline definition whose rule settings a command uses (`run` names its own as an argument).
struct PipelineOption: ParsableArguments {
    @Option(name: .long, help: help("Definición de pipeline (YAML) de la que tomar los ajustes de las reglas.", "Pipeline definition for rule settings."))
    var pipeline: String?

    /// The definition given, else the default one reading `inputs`.
    func load(inputs: [String] = []) throws -> PipelineConfig {
        try pipeline.map(PipelineConfig.load(path:)) ?? PipelineConfig(inputs: inputs)
    }
}

struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: help("Idioma de los mensajes, el informe y la exportación: es (por omisión) o en.", "Language of user-facing text: es (default) or en."))
    var lang: Language?

    /// The language asked for, else the interface's (Spanish unless the locale is English).
    var language: Language { lang ?? interfaceLanguage }
}

/// The documents of `store` matching a path, file name or SHA-256 prefix (all when nil); a filter
/// that matches nothing is a usage error, exit code 2.
func matchingDocuments(_ store: Store, _ filter: String?) throws -> [StoredDocument] {
    let docs = try store.documents(matching: filter)
    if let filter, docs.isEmpty { throw CLIError(code: 2, message: tr("ningún documento coincide con '\(filter)' (dé su ruta, su nombre o el inicio de su SHA-256)", "no document matches '\(filter)' (give its path, file name or a SHA-256 prefix)")) }
    return docs
}

extension Language: ExpressibleByArgument {}

/// An error that ends the command with a given exit code and a one-line message on stderr.
struct CLIError: Error, CustomStringConvertible {
    var code: Int32
    var message: String
    var description: String { message }
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// Runs `body`, turning CLIError into its exit code and message.
func guarded(_ body: () throws -> Void) throws {
    do { try body() } catch let e as CLIError {
        printError("cotejo: " + e.message)
        throw ExitCode(e.code)
    } catch let e as PipelineError {
        printError("cotejo: " + e.message(in: interfaceLanguage))
        // A definition that says something wrong is a usage error; one that cannot be read is not.
        if case .config = e { throw ExitCode(2) }
        throw ExitCode(3)
    }
}
