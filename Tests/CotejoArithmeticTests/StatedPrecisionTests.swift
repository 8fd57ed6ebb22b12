import Testing
@testable import CotejoArithmetic

@Suite("Interval arithmetic for stated figures")
struct StatedPrecisionTests {
    @Test("113 % holds for 78 of 69; 118 % does not")
    func rounding() {
        #expect(StatedPrecision.percentFit(planned: 69, executed: 78, stated: 113, decimals: 0) == .exact)
        #expect(StatedPrecision.percentFit(planned: 69, executed: 78, stated: 118, decimals: 0) == .none)
    }

    @Test("66 % holds for 2 of 3 (truncated), 67 % (rounded) too, 65 % not")
    func truncation() {
        #expect(StatedPrecision.percentFit(planned: 3, executed: 2, stated: 66, decimals: 0) == .exact)
        #expect(StatedPrecision.percentFit(planned: 3, executed: 2, stated: 67, decimals: 0) == .exact)
        #expect(StatedPrecision.percentFit(planned: 3, executed: 2, stated: 65, decimals: 0) == .none)
    }

    @Test("2,5 % holds for 1 of 40 at one decimal; 2,6 % does not")
    func decimals() {
        #expect(StatedPrecision.percentFit(planned: 40, executed: 1, stated: 2.5, decimals: 1) == .exact)
        #expect(StatedPrecision.percentFit(planned: 40, executed: 1, stated: 2.6, decimals: 1) == .none)
        #expect(StatedPrecision.decimals(of: 2.5, text: "2,5 %") == 1)
        #expect(StatedPrecision.decimals(of: 113, text: "113 %") == 0)
        #expect(StatedPrecision.decimals(of: 29.99, text: "29,99%") == 2)
        #expect(StatedPrecision.decimals(of: 113, text: nil) == 0)
        #expect(StatedPrecision.inferredDecimals(113.04347826) == 2)
    }

    @Test("binary noise at a rounding edge does not make a mismatch: 29 of 200 is 14,5 %, stated 15 %")
    func edge() {
        #expect(StatedPrecision.percentFit(planned: 200, executed: 29, stated: 15, decimals: 0) == .exact)
        #expect(StatedPrecision.percentFit(planned: 1000, executed: 145, stated: 15, decimals: 0) == .exact)
    }

    @Test("capped compliance (69 of 40 shown as 100 %) fits as capped; planned 0 is never a mismatch")
    func capAndZero() {
        #expect(StatedPrecision.percentFit(planned: 40, executed: 69, stated: 100, decimals: 0) == .capped)
        #expect(StatedPrecision.percentFit(planned: 0, executed: 5, stated: 100, decimals: 0).fits)
        #expect(StatedPrecision.ratioPercent(planned: 0, executed: 5) == nil)
    }

    @Test("tolerance adds slack in percentage points")
    func tolerance() {
        #expect(StatedPrecision.percentFit(planned: 69, executed: 78, stated: 115, decimals: 0) == .none)
        #expect(StatedPrecision.percentFit(planned: 69, executed: 78, stated: 115, decimals: 0, slack: 2) == .exact)
    }

    @Test("a share without % sign (1,13 for 113 %) fits as a share")
    func share() {
        #expect(StatedPrecision.percentFit(planned: 69, executed: 78, stated: 1.13, decimals: 2, hasPercentSign: false) == .share)
        #expect(StatedPrecision.percentFit(planned: 69, executed: 78, stated: 1.13, decimals: 2, hasPercentSign: true) == .none)
    }

    @Test("an ambiguous separator offers its other reading")
    func readings() {
        #expect(StatedPrecision.readings(1234, text: "1.234") == [1234, 1.234])
        #expect(StatedPrecision.readings(12, text: "12") == [12])
    }
}
