import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("value.outlier")
struct ValueOutlierRuleTests {
    let rule = ValueOutlierRule()

    @Test("a result many times its target, in the row and in a period")
    func fires() throws {
        let row = Make.row("Talleres realizados", item: "4", planned: 12, executed: 1433)
        let f = try #require(rule.check(Make.input(DocumentRecords(activities: [row])), settings: RuleSettings()).first)
        #expect(f.rule == "value.outlier" && f.severity == .warning)
        #expect(f.values["ratio"] == .number(119.42) && f.values["threshold"] == .number(10))
        #expect(f.source.contains { $0.text == "1433" })

        var quarterly = Make.row("Organismos fortalecidos", planned: 250, executed: 179)
        quarterly.measures = [Measure(period: "T2 2025", planned: 1, executed: 71.6,
                                      fieldSources: ["planned": Source(sheet: "S", cell: "U63", text: "1"),
                                                     "executed": Source(sheet: "S", cell: "AB63", text: "71,6")])]
        let p = try #require(rule.check(Make.input(DocumentRecords(activities: [quarterly])), settings: RuleSettings()).first)
        #expect(p.values["period"] == .text("T2 2025") && p.source.map(\.cell) == ["U63", "AB63"])
    }

    @Test("near misses: over-execution below the threshold, a zero target, unsettled columns, a higher threshold")
    func nearMisses() {
        let rows = [Make.row("a", planned: 10, executed: 99), Make.row("b", planned: 0, executed: 40),
                    Make.row("c", planned: 2, executed: 90, unlabelled: true)]
        #expect(rule.check(Make.input(DocumentRecords(activities: rows)), settings: RuleSettings()).isEmpty)
        let big = [Make.row("d", planned: 10, executed: 150)]
        #expect(rule.check(Make.input(DocumentRecords(activities: big)), settings: RuleSettings()).count == 1)
        #expect(rule.check(Make.input(DocumentRecords(activities: big)), settings: RuleSettings(options: [ValueOutlierRule.threshold.key: 20])).isEmpty)
    }
}
