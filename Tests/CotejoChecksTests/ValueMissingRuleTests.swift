import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("value.missing")
struct ValueMissingRuleTests {
    let rule = ValueMissingRule()

    /// The real case: "2021" spanning META TRIMESTRE 1…4 and RESULTADO, all blank.
    func plan(filled: Bool) -> Table {
        var cells: [Cell] = []
        func add(_ r: Int, _ c: Int, _ t: String, span: Int = 1, header: Bool = false) {
            cells.append(Cell(row: r, column: c, columnSpan: span, text: t, isHeader: header,
                              source: Source(page: 1, bbox: BBox(x0: Double(c) * 50, y0: Double(r) * 20, x1: Double(c + span) * 50, y1: Double(r) * 20 + 18), text: t)))
        }
        add(0, 0, "ITEM", header: true); add(0, 1, "ACTIVIDAD", header: true); add(0, 2, "META DEL INDICADOR", header: true)
        add(0, 3, "2021", span: 5, header: true)
        add(1, 0, "", header: true); add(1, 1, "", header: true); add(1, 2, "", header: true)
        for (k, h) in ["META TRIMESTRE 1", "META TRIMESTRE 2", "META TRIMESTRE 3", "META TRIMESTRE 4", "RESULTADO"].enumerated() {
            add(1, 3 + k, h, header: true)
        }
        for r in 2..<15 {
            add(r, 0, "\(r - 1)"); add(r, 1, "Actividad \(r - 1)"); add(r, 2, "Aplicar el autodiagnóstico")
            for c in 3..<8 { add(r, c, filled && r == 5 && c == 3 ? "1" : "") }
        }
        return Table(index: 1, pages: [1], rowCount: 15, columnCount: 8, headerRowCount: 2, cells: cells)
    }

    @Test("four quarterly targets and RESULTADO blank in 13 rows: one finding naming the five columns")
    func fires() throws {
        let f = rule.check(Make.input(tables: [plan(filled: false)]), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1)
        #expect(x.values["rows"] == .number(13))
        #expect(x.values["columns"] == .text("META TRIMESTRE 1, META TRIMESTRE 2, META TRIMESTRE 3, META TRIMESTRE 4, RESULTADO"))
        #expect(x.source.count == 5)
    }

    @Test("a column with some values filled stays silent; the other empty ones still count")
    func partlyFilled() {
        let f = rule.check(Make.input(tables: [plan(filled: true)]), settings: RuleSettings())
        #expect(f.count == 1)
        #expect(f.first?.values["empty_columns"] == .number(4))
    }

    @Test("an empty column whose header names no target or result, or a table with filled results, is silent")
    func silent() {
        let t = Make.table([["ACTIVIDAD", "OBSERVACIONES", "AVANCE"], ["Foro", "", "100%"], ["Taller", "", "50%"]])
        #expect(rule.check(Make.input(tables: [t]), settings: RuleSettings()).isEmpty)
    }
}

extension ValueMissingRuleTests {
    @Test("results of quarters after the last one reported are not due yet; an empty one before it still fires")
    func laterPeriodsAreNotDue() throws {
        let header = ["Indicador", "Trimestre I - 2025 Resultado", "Trimestre II - 2025 Resultado",
                      "Trimestre III - 2025 Resultado", "Trimestre IV - 2025 Resultado"]
        let cut = Make.table([header, ["Mesas instaladas", "2", "3", "", ""], ["Colectivos acompañados", "1", "4", "", ""]])
        #expect(rule.check(Make.input(tables: [cut]), settings: RuleSettings()).isEmpty)
        let gap = Make.table([header, ["Mesas instaladas", "2", "", "5", ""], ["Colectivos acompañados", "1", "", "2", ""]])
        let f = try #require(rule.check(Make.input(tables: [gap]), settings: RuleSettings()).first)
        #expect(f.values["empty_columns"] == .number(1) && f.message.contains("Trimestre II"))
    }
}
