import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("sum.mismatch")
struct SumMismatchRuleTests {
    let rule = SumMismatchRule()
    let src = [Source(page: 9, bbox: BBox(x0: 72, y0: 100, x1: 500, y1: 160), text: "se recogieron 70 compromisos")]

    @Test("70 collected but 20 + 55 fires, with the computed sum")
    func fires() throws {
        let c = Commitment(period: "2021-05", collected: 70, inCharge: 20, notInCharge: 55, source: src)
        let f = rule.check(Make.input(DocumentRecords(commitments: [c])), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1)
        #expect(x.severity == .error)
        #expect(x.values["computed_sum"] == .number(75))
        #expect(x.source == src)
    }

    @Test("70 = 50 + 20 is silent, and so is a commitment with unknown parts")
    func silent() {
        let cs = [Commitment(period: "2021-05", collected: 70, inCharge: 20, notInCharge: 50, source: src),
                  Commitment(period: "2021-11", collected: 25, source: src)]
        #expect(rule.check(Make.input(DocumentRecords(commitments: cs)), settings: RuleSettings()).isEmpty)
    }
}

extension SumMismatchRuleTests {
    @Test("a part above its whole: said for a sentence's split, taken for a misread column in a table")
    func partAboveTheWhole() {
        let src = [Source(page: 14, bbox: BBox(x0: 1, y0: 1, x1: 2, y1: 2), text: "43")]
        let prose = ColumnSum(label: "De las 43 afiliaciones", total: 43, parts: [33, 5, 45], source: src)
        let table = ColumnSum(label: "adultos", total: 43, parts: [33, 5, 45], source: src, table: 3)
        #expect(SumMismatchRule().check(Make.input(DocumentRecords(columnSums: [prose])), settings: RuleSettings()).count == 1)
        // Another column of the same table adds up, so the table is read right: only the guard keeps it silent.
        let holding = ColumnSum(label: "total", total: 10, parts: [4, 6], source: src, table: 3)
        #expect(SumMismatchRule().check(Make.input(DocumentRecords(columnSums: [table, holding])), settings: RuleSettings()).isEmpty)
    }
}
