import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("percent.capped")
struct PercentCappedRuleTests {
    let rule = PercentCappedRule()

    @Test("35 executed of 30 shown as 100 % warns, naming 116,7 %")
    func fires() throws {
        let f = rule.check(Make.input(DocumentRecords(activities: [Make.row("Observatorio", planned: 30, executed: 35, percent: 100)])),
                           settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1 && x.severity == .warning && x.values["computed_percent"] == .number(116.67))
        #expect(x.source.contains { $0.text == "35" })
    }

    @Test("near misses: 100,4 % shown as 100, 116,7 shown as such, under-execution, an unsettled column order")
    func nearMisses() {
        let rows = [Make.row("a", planned: 250, executed: 251, percent: 100),
                    Make.row("b", planned: 30, executed: 35, percent: 116.7, percentText: "116,7%"),
                    Make.row("c", planned: 30, executed: 20, percent: 100),
                    Make.row("d", planned: 30, executed: 35, percent: 100, unlabelled: true)]
        // a: 100,4 % rounds to 100. c is percent.mismatch's, not a cap.
        #expect(rule.check(Make.input(DocumentRecords(activities: rows)), settings: RuleSettings()).isEmpty)
    }

    @Test("the other reading of an ambiguous separator never makes a cap: 5.000 against 4.200 is not 5 against 4.200")
    func ambiguousSeparators() {
        var row = Make.row("Valoraciones", planned: 5000, executed: 4200, percent: 100)
        row.fieldSources["planned"]?.text = "5.000"; row.fieldSources["executed"]?.text = "4.200"
        let input = Make.input(DocumentRecords(activities: [row]))
        #expect(rule.check(input, settings: RuleSettings()).isEmpty)
        #expect(PercentMismatchRule().check(input, settings: RuleSettings()).count == 1)
    }
}
