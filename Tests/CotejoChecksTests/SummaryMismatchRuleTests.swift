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
