import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("percent.over_100")
struct PercentOver100RuleTests {
    let rule = PercentOver100Rule()

    @Test("145 % is an info note, one per record")
    func fires() {
        let rows = [Make.row("a", planned: 20, executed: 29, percent: 145), Make.row("b", planned: 3, executed: 3, percent: 100)]
        let totals = [Make.total("vigencia", planned: 69, executed: 78, percent: 113)]
        let f = rule.check(Make.input(DocumentRecords(activities: rows, totals: totals)), settings: RuleSettings())
        #expect(f.count == 2)
        #expect(f.allSatisfy { $0.severity == .info && !$0.source.isEmpty })
        #expect(f.first?.values["reported_percent"] == .number(145))
    }

    @Test("exactly 100 % is silent")
    func silent() {
        let rows = [Make.row("b", planned: 3, executed: 3, percent: 100)]
        #expect(rule.check(Make.input(DocumentRecords(activities: rows)), settings: RuleSettings()).isEmpty)
    }
}
