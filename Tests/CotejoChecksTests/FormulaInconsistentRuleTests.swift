import Testing
import CotejoModel
@testable import CotejoChecks

/// A sheet's table from rows of cells, each a value and, when it starts with "=", a formula over
/// it ("5|=B3*C3"): sources carry sheet cells as the XLSX reader writes them, from row 2 down.
private func sheet(_ rows: [[String]], name: String = "Seguimiento") -> Table {
    var cells: [Cell] = []
    let header = ["Actividad", "Meta", "Ejecutado", "Ponderación", "Avance ponderado"]
    for (c, h) in header.enumerated() {
        cells.append(Cell(row: 0, column: c, text: h, isHeader: true,
                          source: Source(sheet: name, cell: CellReference.columnLetters(c + 1) + "1", text: h)))
    }
    for (r, row) in rows.enumerated() {
        for (c, raw) in row.enumerated() {
            let parts = raw.split(separator: "|", maxSplits: 1).map(String.init)
            let ref = CellReference.columnLetters(c + 1) + String(r + 2)
            cells.append(Cell(row: r + 1, column: c, text: parts[0],
                              source: Source(sheet: name, cell: ref, text: parts[0], formula: parts.count > 1 ? parts[1] : nil)))
        }
    }
    return Table(index: 1, pages: [1], rowCount: rows.count + 1, columnCount: header.count, headerRowCount: 1, cells: cells)
}

/// Rows 2…7 computing E = C / B × D, with `override` replacing row `at`'s last cell.
private func weighted(override: String? = nil, at: Int = 4) -> Table {
    var rows: [[String]] = []
    for r in 2...7 {
        let e = override != nil && r == at ? override! : "0,05|=C\(r)/B\(r)*D\(r)"
        rows.append(["Actividad \(r)", "10", "5", "0,1", e])
    }
    return sheet(rows)
}

@Suite struct FormulaInconsistentRuleTests {
    let rule = FormulaInconsistentRule()

    @Test("a row dividing without the weight where the rows around it use it")
    func brokenPattern() throws {
        let findings = rule.check(Make.input(tables: [weighted(override: "0,5|=C4/B4")]), settings: RuleSettings())
        let f = try #require(findings.first)
        #expect(findings.count == 1 && f.rule == "formula.inconsistent" && f.severity == .warning)
        #expect(f.values["formula"]?.description == "=C4/B4")
        #expect(f.values["expected_formula"]?.description == "=C4/B4*D4")
        #expect(f.source.first?.cell == "E4")
    }

    @Test("a number typed where the column computes")
    func typedNumber() throws {
        let findings = rule.check(Make.input(tables: [weighted(override: "0,05")]), settings: RuleSettings())
        let f = try #require(findings.first)
        #expect(findings.count == 1 && f.values["typed_value"]?.description == "0,05")
        #expect(f.message.contains("escrito a mano"))
    }

    @Test("near misses: a consistent column, a subtotal over its own column, constants divided row by row, a short run")
    func nearMisses() {
        #expect(rule.check(Make.input(tables: [weighted()]), settings: RuleSettings()).isEmpty)
        #expect(rule.check(Make.input(tables: [weighted(override: "0,15|=SUMA(E2:E3)")]), settings: RuleSettings()).isEmpty)
        let literal = sheet((2...7).map { r in ["Actividad \(r)", "228", "\(100 + r)", "1", "0,5|=\(100 + r)/228"] })
        #expect(rule.check(Make.input(tables: [literal]), settings: RuleSettings()).isEmpty)
        let short = sheet((2...4).map { r in ["Actividad \(r)", "10", "5", "0,1", r == 3 ? "0,5|=C3/B3" : "0,05|=C\(r)/B\(r)*D\(r)"] })
        #expect(rule.check(Make.input(tables: [short]), settings: RuleSettings()).isEmpty)
        // A total row sums the column above it: not a broken row.
        var withTotal = weighted()
        withTotal.cells.append(contentsOf: [
            Cell(row: 7, column: 0, text: "TOTAL", source: Source(sheet: "Seguimiento", cell: "A8", text: "TOTAL")),
            Cell(row: 7, column: 4, text: "0,3", source: Source(sheet: "Seguimiento", cell: "E8", text: "0,3", formula: "=E2+E3+E4+E5+E6+E7")),
        ])
        #expect(rule.check(Make.input(tables: [withTotal]), settings: RuleSettings()).isEmpty)
    }
}

@Suite struct SpreadsheetFormulaTests {
    @Test func patternsAndShifts() {
        let f = SpreadsheetFormula("=B7*C7/$D$2")
        #expect(f.pattern(row: 7, column: 5) == SpreadsheetFormula("=B8*C8/$D$2").pattern(row: 8, column: 5))
        #expect(f.pattern(row: 7, column: 5) != SpreadsheetFormula("=B8*C8").pattern(row: 8, column: 5))
        #expect(f.shifted(rows: 2, columns: 1).text == "=C9*D9/$D$2")
        #expect(SpreadsheetFormula("=LOG10(A1)+\"B2\"").shifted(rows: 1, columns: 0).text == "=LOG10(A2)+\"B2\"")
        #expect(SpreadsheetFormula("=195/228").readsCells == false)
        #expect(CellReference.parse("AB11")! == (11, 28))
    }
}
