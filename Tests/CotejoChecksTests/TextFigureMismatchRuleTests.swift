import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("text.figure_mismatch")
struct TextFigureMismatchRuleTests {
    let rule = TextFigureMismatchRule()

    func count(_ label: String, _ n: Double, page: Int, period: String = "2022-Q1") -> StatedTotal {
        StatedTotal(label: label, executed: n, source: [Source(page: page, text: Figures.es(n))], period: period)
    }

    @Test("50 solicitudes on one page and 55 on the next, for the same quarter, fire with both places")
    func fires() throws {
        let f = rule.check(Make.input(DocumentRecords(totals: [count("solicitudes", 50, page: 12), count("solicitudes", 55, page: 13)])),
                           settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1 && x.message.contains("50") && x.message.contains("55"))
        #expect(Set(x.source.compactMap(\.page)) == [12, 13])
    }

    @Test("near misses: the same figure twice, other things counted, another period, a plan total")
    func nearMisses() {
        let totals = [count("solicitudes", 50, page: 12), count("solicitudes", 50, page: 13),
                      count("afiliaciones", 33, page: 13), count("solicitudes", 40, page: 14, period: "2022-Q2"),
                      StatedTotal(label: "solicitudes", planned: 60, executed: 45, source: [Source(page: 2, text: "60")], period: "2022-Q1")]
        #expect(rule.check(Make.input(DocumentRecords(totals: totals)), settings: RuleSettings()).isEmpty)
    }

    @Test("an indicator's percentage for one quarter stated as 60 % and 62 % fires; three values name several things")
    func percentages() {
        func pct(_ v: Double, page: Int) -> StatedTotal {
            StatedTotal(label: "oportunidad respuesta", reportedPercent: v, source: [Source(page: page, text: "\(Int(v))%")], period: "2022-Q2")
        }
        #expect(rule.check(Make.input(DocumentRecords(totals: [pct(60, page: 7), pct(62, page: 7)])), settings: RuleSettings()).count == 1)
        #expect(rule.check(Make.input(DocumentRecords(totals: [pct(60, page: 7), pct(62, page: 7), pct(70, page: 8)])),
                           settings: RuleSettings()).isEmpty)
    }

    @Test("a share the text gives a table row must meet the row's percentage at their precisions")
    func restatedShares() {
        func share(_ text: String, _ row: String) -> StatedTotal {
            StatedTotal(label: "EJE TERRITORIAL", reportedPercent: Double(text.dropLast())!, source: [Source(page: 69, text: text), Source(page: 70, text: row)],
                        restates: "eje territorial")
        }
        #expect(rule.check(Make.input(DocumentRecords(totals: [share("23.1%", "23.01%")])), settings: RuleSettings()).count == 1)
        #expect(rule.check(Make.input(DocumentRecords(totals: [share("23%", "23.01%")])), settings: RuleSettings()).isEmpty)
    }
}
