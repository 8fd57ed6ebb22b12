import Foundation
import CotejoModel
import CotejoSpanish

/// Interval arithmetic for stated figures (as GRIM and statcheck do): a figure written with d decimals
/// stands for every true value that rounds or truncates to it at d decimals. "113 %" holds for
/// 78/69 = 113,04 %; "66 %" for 2/3 (truncated); "2,5 %" for 1/40. A check calls a figure wrong only
/// when no honest rounding of its stated precision makes the arithmetic hold.
public enum StatedPrecision {
    /// How a stated percentage fits a ratio.
    public enum PercentFit: String, Sendable, Equatable {
        /// The ratio rounds or truncates to the stated figure at its precision.
        case exact
        /// Executed exceeds planned and the document shows 100 %: compliance capped at 100 %. Common in
        /// Colombian reports ("69 de 40" shown as 100 %); not a wrong figure, so never a mismatch.
        case capped
        /// The stated figure is a share (0…1) rather than a percentage (a spreadsheet cell holding 1,13
        /// for 113 %), and the share fits.
        case share
        /// No reading of the stated precision makes it hold.
        case none

        public var fits: Bool { self != .none }
    }

    /// Floating-point slack: 0,145 × 100 is 14,499999… in binary, and must still round to "15 %".
    package static func epsilon(_ x: Double) -> Double { 1e-9 * max(1, abs(x)) }

    /// The decimals a stated value was written with. From its text when there is one ("29,99 %" → 2,
    /// "113 %" → 0); else from the number itself (an integer → 0), at most 2, since a value with more
    /// digits came from a spreadsheet formula and was shown rounded.
    public static func decimals(of value: Double, text: String?) -> Int {
        if let text, let n = statedNumber(value, in: text) { return n.decimals }
        return inferredDecimals(value)
    }

    /// The decimals of a Double as printed in its shortest form, capped at 2.
    public static func inferredDecimals(_ value: Double) -> Int {
        guard value.isFinite, value != value.rounded() else { return 0 }
        let s = String(value)
        guard !s.contains("e"), let dot = s.firstIndex(of: ".") else { return 2 }
        return min(2, s.distance(from: s.index(after: dot), to: s.endIndex))
    }

    /// The figure in `text` that states `value`: the whole text parsed as one figure, else the first
    /// figure of the text with that value (a percentage preferred).
    public static func statedNumber(_ value: Double, in text: String) -> SpanishNumber? {
        if let n = SpanishNumber.parse(text), abs(abs(n.value) - abs(value)) <= epsilon(value) { return n }
        let all = SpanishNumber.scan(in: text).filter { abs(abs($0.value) - abs(value)) <= epsilon(value) }
        return all.first(where: \.isPercent) ?? all.first
    }

    /// True when a true value `x` is consistent with `stated` written at `decimals`: it falls in the
    /// rounding or the truncation interval, widened by `slack` (absolute) and floating-point noise.
    public static func consistent(_ x: Double, stated: Double, decimals: Int, slack: Double = 0) -> Bool {
        let e = epsilon(x) + max(0, slack)
        for interval in [StatedInterval.rounding(stated, decimals: decimals),
                         StatedInterval.truncation(stated, decimals: decimals)] {
            if x >= interval.lower - e && x <= interval.upper + e { return true }
        }
        return false
    }

    /// executed / planned × 100; nil when planned is 0 (a target of 0 makes the ratio undefined, not
    /// 100 % and not infinite) or either figure is missing or negative.
    public static func ratioPercent(planned: Double?, executed: Double?) -> Double? {
        guard let p = planned, let e = executed, p > 0, e >= 0, p.isFinite, e.isFinite else { return nil }
        return e / p * 100
    }

    /// How a stated percentage fits executed/planned. `slack` is extra absolute slack in percentage
    /// points (the rule's tolerance). `hasPercentSign` is false when the stated text carries no "%":
    /// then a share reading (1,13 for 113 %) is also tried.
    public static func percentFit(planned: Double, executed: Double, stated: Double, decimals: Int,
                                  slack: Double = 0, hasPercentSign: Bool = true) -> PercentFit {
        guard let r = ratioPercent(planned: planned, executed: executed) else { return .exact }
        if consistent(r, stated: stated, decimals: decimals, slack: slack) { return .exact }
        if executed >= planned, consistent(100, stated: stated, decimals: decimals, slack: slack) { return .capped }
        if !hasPercentSign, stated <= 1.5 {
            if consistent(r / 100, stated: stated, decimals: max(decimals, 2), slack: slack / 100) { return .share }
            if executed >= planned, consistent(1, stated: stated, decimals: max(decimals, 2), slack: slack / 100) {
                return .share
            }
        }
        return .none
    }

    /// The other readings of a figure written with a lone separator before three digits: "1.234" may
    /// be 1,234 and "1,234" may be 1234 (see `SpanishNumber.Traits.ambiguousSeparator`). A check tries
    /// them before calling a figure wrong.
    public static func readings(_ value: Double, text: String?, convention: NumberConvention = .unknown) -> [Double] {
        var out = [value]
        guard let text, let n = statedNumber(value, in: text), n.traits.contains(.ambiguousSeparator) else { return out }
        if n.decimals == 0 { out.append(value / 1000) } else if n.decimals == 3 { out.append(value * 1000) }
        // A document that shows how it writes numbers settles the separator: keep that reading only.
        guard convention != .unknown, out.count == 2 else { return out }
        return [n.read(as: convention).value]
    }
}
