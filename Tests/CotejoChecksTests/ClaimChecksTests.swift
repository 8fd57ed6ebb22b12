import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("percent.mismatch on claims and sum.mismatch on TOTAL cells")
struct ClaimChecksTests {
    func src(_ t: String, x: Double = 100) -> Source { Source(page: 4, bbox: BBox(x0: x, y0: 100, x1: x + 30, y1: 112), text: t) }

    func share(_ part: Double, of whole: Double, _ pct: Double, text: String) -> Claim {
        Claim(kind: .share, label: "asistenciales", part: part, whole: whole, reportedPercent: pct,
              source: [src("asistenciales 13 35%")], fieldSources: ["reported_percent": src(text)])
    }

    @Test("13 of 19 shown as 35 % fires with both figures; 13 of 19 shown as 68 % is silent")
    func shares() throws {
        let rule = PercentMismatchRule()
        let f = rule.check(Make.input(DocumentRecords(claims: [share(13, of: 19, 35, text: "35%")])), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1 && x.values["part"] == .number(13) && x.values["whole"] == .number(19))
        #expect(x.values["computed_percent"] == .number(68.42))
        #expect(rule.check(Make.input(DocumentRecords(claims: [share(13, of: 19, 68, text: "68%")])), settings: RuleSettings()).isEmpty)
    }

    @Test("8,333 for 3 of 36 holds at three decimals; a zero whole gives no ratio")
    func precisionAndZero() {
        let rule = PercentMismatchRule()
        let ok = share(3, of: 36, 8.333, text: "8,333")
        let zero = Claim(kind: .share, label: "x", part: 3, whole: 0, reportedPercent: 10)
        #expect(rule.check(Make.input(DocumentRecords(claims: [ok, zero])), settings: RuleSettings()).isEmpty)
    }

    @Test("a change from 36 to 19 stated as −90 % fires; as −47,22 % it holds")
    func changes() {
        let rule = PercentMismatchRule()
        let bad = Claim(kind: .change, label: "comunicaciones", from: 36, to: 19, reportedPercent: -90, source: [src("disminución del 90%")])
        let good = Claim(kind: .change, label: "comunicaciones", from: 36, to: 19, reportedPercent: -47.22,
                         source: [src("-47,22%")], fieldSources: ["reported_percent": src("-47,22%")])
        #expect(rule.check(Make.input(DocumentRecords(claims: [bad])), settings: RuleSettings()).count == 1)
        #expect(rule.check(Make.input(DocumentRecords(claims: [good])), settings: RuleSettings()).isEmpty)
    }

    @Test("a change between two percentages also reads as points; counts do not (near miss)")
    func changeReadings() throws {
        let rule = PercentMismatchRule()
        func change(_ from: String, _ to: String, _ pct: Double) -> Claim {
            Claim(kind: .change, label: "satisfacción", from: Double(from.filter(\.isNumber))!, to: Double(to.filter(\.isNumber))!,
                  reportedPercent: pct, source: [src("del \(pct)%")],
                  fieldSources: ["from": src(from), "to": src(to), "reported_percent": src("\(Int(abs(pct)))%")])
        }
        // 67 % → 69 % is a rise of 2 points (3 % relative): it holds.
        #expect(rule.check(Make.input(DocumentRecords(claims: [change("67%", "69%", 2)])), settings: RuleSettings()).isEmpty)
        // 45 → 43 afiliaciones is −4,4 %: "−2 %" is the difference in units, not a rate.
        let f = try #require(rule.check(Make.input(DocumentRecords(claims: [change("45", "43", -2)])), settings: RuleSettings()).first)
        #expect(f.values["readings_tried"] == .text("(to − from) / from"))
        // 227.873.593 → 248.726.431 stated as 8,38 % is (to − from)/to: no reading of a change.
        #expect(rule.check(Make.input(DocumentRecords(claims: [change("227873593", "248726431", 8.38)])), settings: RuleSettings()).count == 1)
    }

    func sum(_ label: String, _ total: Double, _ parts: [Double], table: Int = 1, percent: Bool = false) -> ColumnSum {
        ColumnSum(label: label, total: total, parts: parts, isPercent: percent,
                  source: ([total] + parts).map { src(Figures.es($0)) }, table: table)
    }

    @Test("a TOTAL of 36 over 13 + 21 + 3 fires when another total of the table holds")
    func columnTotals() throws {
        let rule = SumMismatchRule()
        let f = rule.check(Make.input(DocumentRecords(columnSums: [sum("I TRIM", 36, [13, 21, 3]), sum("II TRIM", 24, [6, 15, 3])])),
                           settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1 && x.values["computed_sum"] == .number(37) && x.values["total"] == .number(36))
    }

    @Test("a sum read outside any table (a card's satisfechos + no satisfechos) stands on its own")
    func cardSum() throws {
        let rule = SumMismatchRule()
        let card = ColumnSum(label: "Usuarios encuestados", total: 392, parts: [314, 77], source: [src("392"), src("314"), src("77")])
        let f = try #require(rule.check(Make.input(DocumentRecords(columnSums: [card])), settings: RuleSettings()).first)
        #expect(f.values["computed_sum"] == .number(391))
        var holds = card; holds.parts = [315, 77]
        #expect(rule.check(Make.input(DocumentRecords(columnSums: [holds])), settings: RuleSettings()).isEmpty)
    }

    @Test("a table none of whose totals add up was misread: silent (near miss)")
    func uncorroborated() {
        let rule = SumMismatchRule()
        let sums = [sum("a", 36, [13, 21, 3]), sum("b", 50, [6, 15, 3])]
        #expect(rule.check(Make.input(DocumentRecords(columnSums: sums)), settings: RuleSettings()).isEmpty)
    }

    @Test("rounded percentages may add up to 99 or 101; subtotals followed by their parts count once")
    func roundingAndNesting() {
        let rule = SumMismatchRule()
        let sums = [sum("%", 100, [33, 33, 33], percent: true),
                    sum("2018", 300, [100, 60, 40, 200, 150, 50])]
        #expect(rule.check(Make.input(DocumentRecords(columnSums: sums)), settings: RuleSettings()).isEmpty)
    }
}
