import Testing
import Foundation
import CotejoTables
import CotejoIngest
import CotejoModel

/// Borderless tables whose records wrap over several lines, short cells centred on the record's
/// height, narrow columns (an item number, dates) set about a space apart, and a two-line header
/// whose labels run wider than their columns.
@Suite struct UnruledMultiLineTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/unruled/plan_accion.pdf")

    static let header = ["No.", "Acción", "Fecha de inicio", "Fecha de terminación", "Dependencia responsable",
                         "Meta programada", "Meta ejecutada", "% de avance"]
    static let body = [
        ["1", "Realizar mesas de trabajo con rectores de instituciones educativas", "1 de febrero de 2023",
         "30 de junio de 2023", "Subsecretaría de Planeación", "12", "10", "83 %"],
        ["2", "Capacitar docentes en participación ciudadana", "01/03/2023", "31/05/2023",
         "Subsecretaría Pedagógica", "200", "150", "90 %"],
        ["3", "Publicar informes de rendición de cuentas", "1-abril-2023", "30-junio-2023",
         "Oficina de Comunicaciones", "2", "2", "100%"],
        ["5", "Realizar audiencia pública de rendición de cuentas", "15-junio-2023", "10-junio-2023",
         "Despacho", "1", "1", "100%"],
    ]

    func check(_ t: Table) {
        #expect(t.columnCount == 8)
        #expect(t.rowCount == 5)
        #expect(t.headerRowCount == 1)
        let grid = t.grid.map { $0.map(\.collapsedWhitespace) }
        #expect(grid.first == Self.header)
        #expect(Array(grid.dropFirst()) == Self.body)
    }

    @Test func chromiumPrintedPlanDeAccion() throws {
        let url = Self.fixture
        let content = try PDFReader().read(url: url, data: Data(contentsOf: url))
        let tables = TableStage().apply(to: FurnitureDetector().apply(to: content), laidOut: true).tables
        #expect(tables.count == 1)
        let t = try #require(tables.first)
        check(t)
        // The sentence under the table is not a row of it.
        #expect(!t.cells.contains { $0.text.contains("programaron") })
    }

    /// The same shape drawn in code: 5 pt characters, 10 pt lines 1 pt apart, records 4 pt apart,
    /// columns 3 pt apart (less than the 5 pt that a gap between pieces of one line needs).
    @Test func syntheticRecordsOverSeveralLines() throws {
        typealias L = (String, Double, Double)
        let xs: [Double] = [20, 38, 106, 159, 214, 290, 343, 391]
        var lines: [L] = [
            ("No.", xs[0], 100), ("Acción", xs[1], 100), ("Fecha de", xs[2], 100), ("Fecha de", xs[3], 100),
            ("Dependencia", xs[4], 100), ("Meta", xs[5], 100), ("Meta", xs[6], 100), ("% de", xs[7], 100),
            ("inicio", xs[2], 111), ("terminación", xs[3], 111), ("responsable", xs[4], 111),
            // One piece over three columns: "programada" runs past the gap after "200".
            ("programada ejecutada avance", xs[5], 111),
        ]
        func record(top: Double, key: Double, action: [String], start: [String], startY: Double,
                    end: [String], endY: Double, unit: [String], unitY: Double, figures: [String], item: String) {
            for (k, s) in action.enumerated() { lines.append((s, xs[1], top + 11 * Double(k))) }
            for (k, s) in start.enumerated() { lines.append((s, xs[2], startY + 11 * Double(k))) }
            for (k, s) in end.enumerated() { lines.append((s, xs[3], endY + 11 * Double(k))) }
            for (k, s) in unit.enumerated() { lines.append((s, xs[4], unitY + 11 * Double(k))) }
            lines.append((item, xs[0], key))
            for (k, s) in figures.enumerated() { lines.append((s, xs[5 + k], key)) }
        }
        record(top: 126, key: 153, action: ["Realizar", "mesas de", "trabajo con", "rectores de", "instituciones", "educativas"],
               start: ["1 de", "febrero de", "2023"], startY: 142, end: ["30 de junio", "de 2023"], endY: 148,
               unit: ["Subsecretaría", "de Planeación"], unitY: 148, figures: ["12", "10", "83 %"], item: "1")
        record(top: 195, key: 211, action: ["Capacitar", "docentes en", "participación", "ciudadana"],
               start: ["01/03/2023"], startY: 211, end: ["31/05/2023"], endY: 211,
               unit: ["Subsecretaría", "Pedagógica"], unitY: 206, figures: ["200", "150", "90 %"], item: "2")
        record(top: 242, key: 258, action: ["Publicar", "informes de", "rendición de", "cuentas"],
               start: ["1-abril-", "2023"], startY: 253, end: ["30-junio-", "2023"], endY: 253,
               unit: ["Oficina de", "Comunicaciones"], unitY: 253, figures: ["2", "2", "100%"], item: "3")
        record(top: 289, key: 311, action: ["Realizar", "audiencia", "pública de", "rendición de", "cuentas"],
               start: ["15-junio-", "2023"], startY: 305, end: ["10-junio-", "2023"], endY: 305,
               unit: ["Despacho"], unitY: 311, figures: ["1", "1", "100%"], item: "5")
        lines.append(("Se programaron 215 acciones para el semestre y se ejecutaron 163.", 20, 360))
        let page = Synthetic.page(lines: lines.map { Synthetic.line($0.0, x: $0.1, y: $0.2) })
        let tables = TableStage().detectTables(on: page)
        #expect(tables.count == 1)
        check(try #require(tables.first))
    }
}
