import Foundation
import CotejoChecks
import ArgumentParser
import CotejoModel
import CotejoStore
import CotejoReport
import CotejoPipeline

/// Writes the report folder and says where it is. An old pipeline naming a file
/// ("output/report.html") gets the folder of that name without the extension ("output/report/"):
/// the report is a folder of pages and crops now.
func writeReport(_ docs: [StoredDocument], to out: String, language: Language) throws {
    for line in try HTMLReportOutput.write(docs, to: out, language: language) { printError(line) }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Escribe el informe HTML del almacén: una carpeta con index.html, compare.html, una página por documento y recortes de las páginas PDF.", "Writes the HTML report of the store: a folder with index.html, compare.html, one page per document and crops of the PDF pages."))

    @Option(name: .long, help: help("Carpeta de salida.", "Output folder."))
    var out: String = "output/report/"
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        try guarded {
            try writeReport(store.openForReading().documents(), to: out, language: language.language)
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Exporta el almacén: JSON según el contrato cotejo.export/1, JSON Lines, o archivos CSV (uno por tipo de registro).", "Exports the store: JSON per the cotejo.export/1 contract, or CSV files (one per record kind)."),
        discussion: tr("""
        json: un archivo (la salida estándar si falta --out), válido según schema/cotejo.export-1.schema.json.
        jsonl: JSON Lines, un documento por línea (los objetos de "documents" del json), a un archivo o a la salida estándar.
        csv: documents.csv, activities.csv, totals.csv, commitments.csv, claims.csv, column_sums.csv y findings.csv en la \
        carpeta --out, una fila por registro (con su entidad, año y la ubicación de su primera fuente), y sources.csv con \
        todas las fuentes; RFC 4180 UTF-8 por omisión, o --csv-dialect excel para una hoja de cálculo en español.
        """, """
        json: one file (stdout when --out is omitted), valid against schema/cotejo.export-1.schema.json.
        jsonl: JSON Lines, one document per line (the objects of the json export's "documents"), to a file or stdout.
        csv: documents.csv, activities.csv, totals.csv, commitments.csv, claims.csv, column_sums.csv and findings.csv in the \
        --out folder, one row per record (with its entity, year and first source's place), and sources.csv with every source; \
        RFC 4180 UTF-8 by default, or --csv-dialect excel for a spreadsheet in Spanish.
        """))

    typealias Format = RunOutputs.ExportFormat

    @Option(name: .long, help: help("Formato: json, jsonl (un documento por línea) o csv.", "Export format: json, jsonl (one document per line) or csv."))
    var format: Format = .json
    @Option(name: .long, help: help("Archivo de salida (json, jsonl; si falta, la salida estándar) o carpeta (csv; obligatoria).", "Output file (json; stdout when omitted) or folder (csv; required)."))
    var out: String?
    @Option(name: .long, help: help("CSV para programas (rfc4180: coma, punto decimal) o para una hoja de cálculo en español (excel: punto y coma, coma decimal, BOM UTF-8).", "CSV for programs (rfc4180: comma, decimal point) or for a spreadsheet in Spanish (excel: semicolon, decimal comma, UTF-8 BOM)."))
    var csvDialect: CSV.Dialect = .rfc4180
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption

    /// Options that contradict each other are a usage error before anything is opened (exit 2).
    func validate() throws {
        if format == .csv && out == nil {
            throw ValidationError(tr("--format csv escribe varios archivos: indique la carpeta con --out", "--format csv writes several files: give the folder with --out"))
        }
    }

    func run() throws {
        try guarded {
            let lang = language.language
            let docs = try store.openForReading().documents()
            // `validate()` refused csv without --out.
            let written = try outputs { try RunOutputs.export(docs, format: format, to: out, dialect: csvDialect, language: lang) }
            if let data = written.standardOutput { try writeToStandardOutput(data) }
            for line in written.lines { printError(line) }
        }
    }
}

extension RunOutputs.ExportFormat: ExpressibleByArgument {}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Compara documentos: programado, ejecutado, cumplimiento declarado y recalculado, y hallazgos (errores y advertencias), por entidad, año o documento.", "Compares documents: planned, executed, stated and recomputed compliance, and error/warning findings, by entity, year or document."),
        discussion: tr("""
        Programado y ejecutado suman las actividades que declaran ambas cifras; % recalculado = Σ ejecutado / Σ programado; \
        % declarado es el del total principal de cada documento, ponderado por su programado. Los documentos que no se \
        pudieron leer no cuentan.
        """, """
        Planned and executed sum the activities that state both figures; recomputed % = Σ executed / Σ planned; \
        stated % is each document's headline total, weighted by its planned figure. Failed documents are left out.
        """))

    @Option(name: .long, help: help("Agrupar por entidad (entity), año (year) o documento (document).", "Group by entity, year or document."))
    var by: CompareGrouping = .entity
    @Option(name: .long, help: help("Escribir CSV en este archivo en lugar de imprimir una tabla.", "Write CSV to this file instead of printing a table."))
    var out: String?
    @Option(name: .long, help: help("text: una tabla; json: una lista de filas.", "text: a table; json: an array of rows."))
    var format: OutputFormat = .text
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        try guarded {
            let rows = CotejoReport.Compare.rows(try store.openForReading().documents(), by: by, language: language.language)
            if format == .json && out == nil {
                try writeJSON(rows)
            } else if let out {
                try write(Data(CotejoReport.Compare.csv(rows).utf8), to: out)
                printError(tr("Escrito \(out)", "Wrote \(out)"))
            } else {
                print(CotejoReport.Compare.text(rows, by: by, language: language.language), terminator: "")
            }
        }
    }
}

extension CompareGrouping: ExpressibleByArgument {}

extension CSV.Dialect: ExpressibleByArgument {}
