import Foundation
import ArgumentParser
import CotejoModel
import CotejoStore
import CotejoReport

struct Tables: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Imprime las tablas de un documento, o las escribe como archivos CSV.", "Prints the tables of a document, or writes them as CSV files."))

    @Argument(help: help("El documento: su ruta, su nombre de archivo o el inicio de su SHA-256.", "The document: its path, file name or a SHA-256 prefix."))
    var document: String
    @Option(name: .long, help: help("Escribir un CSV por tabla en esta carpeta en lugar de imprimir.", "Write one CSV file per table into this folder instead of printing."))
    var csv: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        try guarded {
            let st = try store.openForReading()
            let docs = try matchingDocuments(st, document)
            for d in docs {
                let tables = try st.tables(documentID: d.id)
                let stem = URL(fileURLWithPath: d.path).lastPathComponent
                if let csv {
                    try FileManager.default.createDirectory(atPath: csv, withIntermediateDirectories: true)
                    for t in tables {
                        let path = (csv as NSString).appendingPathComponent("\(stem)_t\(t.index).csv")
                        try CSV.render(t.grid).write(toFile: path, atomically: true, encoding: .utf8)
                        printError(tr("Escrito \(path)", "Wrote \(path)"))
                    }
                    continue
                }
                print("\(d.path): \(tables.count) tables")
                for t in tables {
                    print("table \(t.index): pages \(t.pages.map(String.init).joined(separator: ",")), \(t.rowCount) rows × \(t.columnCount) columns, \(t.headerRowCount) header rows")
                    for (r, row) in t.grid.enumerated() {
                        let mark = r < t.headerRowCount ? "H" : String(r - t.headerRowCount + 1)
                        print("  \(mark)\t" + row.map { $0.collapsedWhitespace.prefix(40) }.joined(separator: " | "))
                    }
                }
            }
        }
    }
}
