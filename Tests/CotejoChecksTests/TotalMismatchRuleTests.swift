import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("total.mismatch")
struct TotalMismatchRuleTests {
    let rule = TotalMismatchRule()

    /// 16 rows summing to 69 planned and 78 executed, as in the real report.
    func rows() -> [Activity] {
        let figures: [(Double, Double)] = [(20, 29), (3, 3), (3, 3), (1, 1), (1, 1), (12, 12), (1, 1), (2, 2), (6, 6),
                                           (6, 6), (2, 2), (6, 6), (2, 2), (1, 1), (1, 1), (2, 2)]
        return figures.enumerated().map { i, f in
            Make.row("Actividad \(i + 1)", planned: f.0, executed: f.1, percent: (f.1 / f.0 * 100).rounded(), y: Double(i) * 20)
        }
    }

    @Test("'Se programaron 69 … se ejecutaron 78' over rows summing to 69 and 78 is silent; a period total is skipped")
    func silent() {
        let totals = [Make.total("vigencia", planned: 69, executed: 78, percent: 113, text: "Se programaron 69 productos para la vigencia y se ejecutaron 78"),
                      Make.total("cuatrimestre septiembre – diciembre", planned: 28, executed: 35, percent: 125, months: 9...12)]
        #expect(rule.check(Make.input(DocumentRecords(activities: rows(), totals: totals)), settings: RuleSettings()).isEmpty)
    }

    @Test("a year total of 70 planned over rows summing to 69 fires, naming both figures")
    func fires() throws {
        let totals = [Make.total("vigencia 2021", planned: 70, executed: 78, months: 1...12)]
        let f = rule.check(Make.input(DocumentRecords(activities: rows(), totals: totals)), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1)
        #expect(x.values["planned"] == .number(70))
        #expect(x.values["computed_planned"] == .number(69))
        #expect(x.message.contains("programado 70 frente a 69"))
        #expect(!x.message.contains("ejecutado 78 frente"))
        #expect(x.source.count > 1)
    }

    @Test("rows missing a figure, or a label naming a shorter period, are not judged")
    func skipped() {
        var rs = rows()
        rs[3].planned = nil
        let year = [Make.total("vigencia", planned: 70)]
        #expect(rule.check(Make.input(DocumentRecords(activities: rs, totals: year)), settings: RuleSettings()).isEmpty)
        let period = [Make.total("II cuatrimestre", planned: 70)]
        #expect(rule.check(Make.input(DocumentRecords(activities: rows(), totals: period)), settings: RuleSettings()).isEmpty)
    }

    @Test("rows whose order is unsettled are summed both ways")
    func unlabelled() {
        let rs = [Make.row("a", planned: 29, executed: 20, unlabelled: true), Make.row("b", planned: 3, executed: 3, unlabelled: true)]
        let t = [Make.total("vigencia", planned: 23, executed: 32)]
        #expect(rule.check(Make.input(DocumentRecords(activities: rs, totals: t)), settings: RuleSettings()).isEmpty)
    }

    @Test("a total counting activities, or executed capped at planned, or rows repeated by a summary: silent")
    func otherReadings() {
        let count = [Make.total("vigencia", planned: 16, executed: 16)]
        #expect(rule.check(Make.input(DocumentRecords(activities: rows(), totals: count)), settings: RuleSettings()).isEmpty)
        let capped = [Make.total("vigencia", planned: 69, executed: 69)]
        #expect(rule.check(Make.input(DocumentRecords(activities: rows(), totals: capped)), settings: RuleSettings()).isEmpty)
        let twice = [Make.total("vigencia", planned: 69, executed: 78)]
        #expect(rule.check(Make.input(DocumentRecords(activities: rows() + rows(), totals: twice)), settings: RuleSettings()).isEmpty)
    }

    @Test("a row read twice (one description begins the other) makes the sums unreliable: silent")
    func readTwice() {
        var rs = rows()
        rs.append(Make.row("Realizar un evento de intercambio de experiencias para el fortalecimiento del Gobierno", planned: 1, executed: 1, y: 900))
        rs.append(Make.row("Realizar un evento de intercambio de experiencias para el fortalecimiento del Gobierno Abierto", planned: 1, executed: 1, y: 940))
        let t = [Make.total("vigencia", planned: 70, executed: 79)]
        #expect(rule.check(Make.input(DocumentRecords(activities: rs, totals: t)), settings: RuleSettings()).isEmpty)
    }
}
