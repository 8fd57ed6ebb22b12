import Foundation
import Testing
@testable import CotejoIngest
import CotejoModel
import CotejoTables

@Suite struct ScanRulingsTests {
    static func h(_ y: Double, _ x0: Double, _ x1: Double) -> Ruling { Ruling(x0: x0, y0: y, x1: x1, y1: y) }
    static func v(_ x: Double, _ y0: Double, _ y1: Double) -> Ruling { Ruling(x0: x, y0: y0, x1: x, y1: y1) }

    /// A grid of 3 columns × 2 rows (x 100–400, y 100–300) found faintly, dark lines around it.
    @Test func aFaintGridKeepsItsRulesAndDropsTheTextMeshInsideIt() {
        let faint = [Self.h(100, 100, 400), Self.h(200, 100, 400), Self.h(300, 100, 400),
                     Self.v(100, 100, 300), Self.v(200, 100, 300), Self.v(300, 100, 300), Self.v(400, 100, 300),
                     // The feet of a long line of text: long, but it crosses one rule only.
                     Self.h(140, 205, 295)]
        let dark = [
            // Stems of small print joined across lines, and a line of its letters, inside a cell.
            Self.v(230, 210, 240), Self.v(250, 212, 238), Self.h(225, 204, 280),
            // A short rule that splits a cell: it runs from one of the grid's rules to another.
            Self.v(350, 200, 300),
            // A rule away from the grid (a signature line) is left as it was.
            Self.h(500, 100, 160),
        ]
        let found = ScanRulings.combine(dark: dark, faint: faint)
        func has(_ r: Ruling) -> Bool {
            found.contains { abs($0.x0 - r.x0) < 1 && abs($0.y0 - r.y0) < 1 && abs($0.x1 - r.x1) < 1 && abs($0.y1 - r.y1) < 1 }
        }
        for rule in faint.prefix(7) { #expect(has(rule), "\(rule)") }
        #expect(!has(Self.h(140, 205, 295)))
        #expect(!has(Self.v(230, 210, 240)) && !has(Self.v(250, 212, 238)) && !has(Self.h(225, 204, 280)))
        #expect(has(Self.v(350, 200, 300)))
        #expect(has(Self.h(500, 100, 160)))
    }

    @Test func withoutAGridDarkLinesAreLeftAsTheyWere() {
        let dark = [Self.h(100, 100, 160), Self.v(130, 80, 120)]
        #expect(Set(ScanRulings.combine(dark: dark, faint: [])) == Set(dark))
    }

    /// A web form printed and scanned at 150 dpi: greyish paper, the table's grid in dotted rules
    /// a few levels darker than the paper (lighter than any ink level), black text in the cells.
    @Test func aScreenPrintWithAFaintDottedGridComesOutAsItsTable() throws {
        let columns = [60.0, 150.0, 330.0, 420.0, 520.0], rows = [80.0, 110.0, 140.0, 170.0, 200.0, 230.0]
        var draw = "0.96 g 0 0 600 320 re f 0.85 G 0.6 w [1 1.2] 0 d "
        for x in columns { draw += "\(x) \(320 - rows.first!) m \(x) \(320 - rows.last!) l S " }
        for y in rows { draw += "\(columns.first!) \(320 - y) m \(columns.last!) \(320 - y) l S " }
        let cells = [["Codigo", "Actividad", "Meta", "Logro"],
                     ["1.1", "Capacitar funcionarios", "12", "10"],
                     ["1.2", "Publicar informes", "4", "4"],
                     ["1.3", "Actualizar inventario", "1", "0"],
                     ["1.4", "Revisar conciliaciones", "24", "20"]]
        draw += "0 g "
        for (r, row) in cells.enumerated() {
            for (c, text) in row.enumerated() {
                draw += "BT /F1 10 Tf \(columns[c] + 6) \(320 - rows[r] - 20) Td (\(text)) Tj ET "
            }
        }
        let drawn = DrawnPDF.make(draw, width: 600, height: 320)
        let scan = ImageOnlyPDF.make(pages: [try ImageOnlyPDF.render(drawn, page: 1, dpi: 150)], dpi: 150)
        let read = TableStage().apply(to: try PDFReader().read(url: URL(fileURLWithPath: "screen.pdf"), data: scan), laidOut: true)
        let table = try #require(read.tables.first, "no table; rulings: \(read.pages[0].rulings)")
        #expect(table.columnCount == 4)
        #expect(table.rowCount == 5)
        #expect(table.cell(row: 2, column: 1)?.text == "Publicar informes")
        #expect(table.cell(row: 4, column: 2)?.text == "24")
    }
}
