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
