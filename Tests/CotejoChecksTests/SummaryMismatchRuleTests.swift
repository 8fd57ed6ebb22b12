import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("summary.mismatch")
struct SummaryMismatchRuleTests {
    let rule = SummaryMismatchRule()
    let header = ["Código", "Indicador de producto", "Meta del indicador", "Resultado", "Resultado"]

    func sheet(_ rows: [[String]], index: Int) -> Table { Make.table([header] + rows, index: index, page: index) }

    var detail: [[String]] {
        [["401", "Mesa interinstitucional en funcionamiento", "1", "0", "1"],
         ["402", "Colectivos afro acompañados en el distrito", "10", "2", "4"],
         ["403", "Acciones de comunicación con enfoque diferencial", "3", "1", "2"],
         ["480", "Política pública de libertad religiosa formulada", "45", "2", "7,81"]]
    }

    @Test("a consolidated row stating another target than its detail row fires, naming both cells")
    func fires() throws {
        var summary = detail
        summary[3][2] = "22,5"
        let f = rule.check(Make.input(tables: [sheet(summary + [["501", "Otro indicador solo del consolidado", "5", "1", "2"]], index: 1),
                                               sheet(detail, index: 2)]), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1 && x.message.contains("22,5") && x.message.contains("45") && x.message.contains("480"))
        #expect(Set(x.source.compactMap(\.page)) == [1, 2])
    }

    @Test("near misses: tables of the same layout for other periods disagree on most rows; shares written two ways agree")
    func nearMisses() {
        var otherQuarter = detail
        for r in otherQuarter.indices { otherQuarter[r][3] = String(r + 5) }
        #expect(rule.check(Make.input(tables: [sheet(otherQuarter, index: 1), sheet(detail, index: 2)]), settings: RuleSettings()).isEmpty)
        var asShares = detail
        asShares[0][4] = "100%"
        var fractions = detail
        fractions[0][4] = "1"
        #expect(rule.check(Make.input(tables: [sheet(asShares, index: 1), sheet(fractions, index: 2)]), settings: RuleSettings()).isEmpty)
    }
}

@Suite("summary.mismatch: one total broken down as columns and as rows")
struct SummaryBreakdownTests {
    let byArea = Make.table([["AREA", "P", "Q", "R", "S", "F", "TOTAL"],
                             ["asistencial", "3", "50", "1", "8", "15", "77"],
                             ["administrativa", "0", "28", "2", "4", "6", "40"],
                             ["Total", "3", "78", "3", "12", "21", "117"]], index: 13, page: 9)

    func byType(quejas: String, felicitaciones: String, total: String = "117") -> Table {
        Make.table([["", "I TRIM", "GLOBAL 2021"],
                    ["Peticiones", "0", "3"], ["Quejas", "22", quejas], ["Reclamos", "0", "3"],
                    ["Sugerencias", "5", "12"], ["Felicitaciones", "9", felicitaciones], ["total", "36", total]], index: 7, page: 6)
    }

    @Test("letter columns match the row labels by initials; the categories that differ are named with both places")
    func fires() throws {
        let input = Make.input(tables: [byArea, byType(quejas: "74", felicitaciones: "25")])
        let f = try #require(SummaryMismatchRule().check(input, settings: RuleSettings()).first)
        #expect(f.message.contains("Quejas: 78 en la tabla de la página 9 y 74 en la tabla de la página 6"))
        #expect(f.message.contains("Felicitaciones") && !f.message.contains("Peticiones"))
        #expect(f.source.contains { $0.page == 9 } && f.source.contains { $0.page == 6 })
    }

    @Test("near misses: the same figures, another grand total, two categories only")
    func nearMisses() {
        let rule = SummaryMismatchRule()
        #expect(rule.check(Make.input(tables: [byArea, byType(quejas: "78", felicitaciones: "21")]), settings: RuleSettings()).isEmpty)
        #expect(rule.check(Make.input(tables: [byArea, byType(quejas: "74", felicitaciones: "25", total: "120")]), settings: RuleSettings()).isEmpty)
        let two = Make.table([["AREA", "Q", "F", "TOTAL"], ["a", "50", "15", "65"], ["b", "28", "6", "34"], ["Total", "78", "21", "99"]], index: 2)
        let twoRows = Make.table([["", "2021"], ["Quejas", "74"], ["Felicitaciones", "25"], ["otros", "0"], ["total", "99"]], index: 3)
        #expect(rule.check(Make.input(tables: [two, twoRows]), settings: RuleSettings()).isEmpty)
    }
}

@Suite("summary.mismatch: a summary row against the detail rows it names")
struct SummaryGroupTests {
    let detail = Make.table([["Dependencia", "Indicador", "Meta", "Ejecutado", "% avance"],
                             ["Salud", "Vacunación", "100", "80", "80 %"],
                             ["Salud", "Controles prenatales", "50", "50", "100 %"],
                             ["Educación", "Docentes formados", "40", "30", "75 %"],
                             ["Educación", "Sedes dotadas", "10", "5", "50 %"],
                             ["Cultura", "Talleres", "20", "20", "100 %"],
                             ["Cultura", "Festivales", "2", "1", "50 %"]], index: 2, page: 3)

    func summary(saludEjecutado: String) -> Table {
        Make.table([["Dependencia", "Meta", "Ejecutado", "% avance"],
                    ["Salud", "150", saludEjecutado, "90 %"],
                    ["Educación", "50", "35", "62,5 %"],
                    ["Cultura", "22", "21", "75 %"]], index: 1, page: 1)
    }

    @Test("a summary sum that its detail rows do not give; shares as the mean of the rows")
    func fires() throws {
        let findings = SummaryMismatchRule().check(Make.input(tables: [summary(saludEjecutado: "120"), detail]), settings: RuleSettings())
        let f = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(f.values["stated"] == .number(120) && f.values["computed"] == .number(130) && f.values["aggregate"] == .text("sum"))
        #expect(f.source.count == 3)
    }

    @Test("near misses: every group adds up; a detail sheet that agrees nowhere is not this summary's detail")
    func nearMisses() {
        let rule = SummaryMismatchRule()
        #expect(rule.check(Make.input(tables: [summary(saludEjecutado: "130"), detail]), settings: RuleSettings()).isEmpty)
        let other = Make.table([["Dependencia", "Meta", "Ejecutado", "% avance"],
                                ["Salud", "999", "1", "5 %"], ["Educación", "7", "3", "1 %"], ["Cultura", "8", "2", "9 %"]], index: 1, page: 1)
        #expect(rule.check(Make.input(tables: [other, detail]), settings: RuleSettings()).isEmpty)
    }
}

extension SummaryGroupTests {
    /// The table with its cells on a sheet, as a workbook's reader gives them.
    func onSheet(_ t: Table, _ name: String) -> Table {
        var t = t
        t.cells = t.cells.map { c in
            var c = c
            c.source = Source(sheet: name, cell: "\(CellReference.columnLetters(c.column + 1))\(c.row + 1)", text: c.text)
            return c
        }
        return t
    }

    @Test("a consolidated row naming a dependency's sheet against the sum of that sheet's rows")
    func sheetNamedByTheRow() throws {
        let consolidated = onSheet(Make.table([["Dependencia", "Meta", "Ejecutado"],
                                               ["DAP", "30", "25"], ["SPC", "12", "9"]], index: 1), "Consolidado")
        let dap = onSheet(Make.table([["Indicador", "Meta", "Ejecutado"], ["a", "10", "10"], ["b", "20", "15"]], index: 2), "Matriz_MISE_DAP_300625")
        let spc = onSheet(Make.table([["Indicador", "Meta", "Ejecutado"], ["c", "6", "4"], ["d", "6", "4"]], index: 3), "Matriz_MISE_SPC_300625")
        let findings = SummaryMismatchRule().check(Make.input(tables: [consolidated, dap, spc]), settings: RuleSettings())
        let f = try #require(findings.first)
        #expect(findings.count == 1 && f.values["stated"] == .number(9) && f.values["computed"] == .number(8))
        #expect(f.source.first?.sheet == "Consolidado" && f.source.dropFirst().allSatisfy { $0.sheet == "Matriz_MISE_SPC_300625" })
    }
}

extension SummaryGroupTests {
    @Test("near miss: a table naming each dependency on several rows is another detail, not their summary")
    func repeatedKeysAreNoSummary() {
        let otherDetail = Make.table([["Dependencia", "Meta", "Ejecutado"],
                                      ["Salud", "150", "120"], ["Salud", "150", "130"], ["Educación", "50", "35"],
                                      ["Educación", "50", "35"], ["Cultura", "22", "21"], ["Cultura", "22", "21"]], index: 1, page: 1)
        #expect(SummaryMismatchRule().check(Make.input(tables: [otherDetail, detail]), settings: RuleSettings()).isEmpty)
    }
}
