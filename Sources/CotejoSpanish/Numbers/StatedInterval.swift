// What a stated figure can mean. "113 %" written with no decimals says the true value is one that
// rounds to 113 (112,5 ≤ x < 113,5) or, if the writer truncated, one in [113; 114). A percentage check
// must accept any true value in these intervals before calling a figure wrong.

/// An interval of real values, each end open or closed.
public struct StatedInterval: Hashable, Sendable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double
    public var includesLower: Bool
    public var includesUpper: Bool

    public init(lower: Double, upper: Double, includesLower: Bool = true, includesUpper: Bool = false) {
        self.lower = lower; self.upper = upper; self.includesLower = includesLower; self.includesUpper = includesUpper
    }

    public func contains(_ x: Double) -> Bool {
        (includesLower ? x >= lower : x > lower) && (includesUpper ? x <= upper : x < upper)
    }

    /// True when some value lies in both intervals.
    public func overlaps(_ other: StatedInterval) -> Bool {
        if upper < other.lower || other.upper < lower { return false }
        if upper == other.lower { return includesUpper && other.includesLower }
        if other.upper == lower { return other.includesUpper && includesLower }
        return true
    }

    /// The smallest interval holding both.
    public func hull(_ other: StatedInterval) -> StatedInterval {
        let lo: (Double, Bool) = lower < other.lower ? (lower, includesLower)
            : other.lower < lower ? (other.lower, other.includesLower) : (lower, includesLower || other.includesLower)
        let hi: (Double, Bool) = upper > other.upper ? (upper, includesUpper)
            : other.upper > upper ? (other.upper, other.includesUpper) : (upper, includesUpper || other.includesUpper)
        return StatedInterval(lower: lo.0, upper: hi.0, includesLower: lo.1, includesUpper: hi.1)
    }

    public var width: Double { upper - lower }

    public var description: String {
        "\(includesLower ? "[" : "(")\(lower), \(upper)\(includesUpper ? "]" : ")")"
    }

    // MARK: From a stated figure

    /// True values that round half-up (half away from zero) to `value` at `decimals`:
    /// 113 with 0 decimals → [112.5, 113.5); -35.8 with 1 → (-35.85, -35.75].
    public static func rounding(_ value: Double, decimals: Int) -> StatedInterval {
        let half = step(decimals) / 2
        if value > 0 { return StatedInterval(lower: value - half, upper: value + half) }
        if value < 0 { return StatedInterval(lower: value - half, upper: value + half, includesLower: false, includesUpper: true) }
        return StatedInterval(lower: -half, upper: half, includesLower: false, includesUpper: false)
    }

    /// True values that truncate (toward zero) to `value` at `decimals`: 113 with 0 decimals → [113, 114).
    public static func truncation(_ value: Double, decimals: Int) -> StatedInterval {
        let unit = step(decimals)
        if value > 0 { return StatedInterval(lower: value, upper: value + unit) }
        if value < 0 { return StatedInterval(lower: value - unit, upper: value, includesLower: false, includesUpper: true) }
        return StatedInterval(lower: -unit, upper: unit, includesLower: false, includesUpper: false)
    }

    /// One unit of the last stated decimal: 1 for 0 decimals, 0.01 for 2.
    public static func step(_ decimals: Int) -> Double {
        var s = 1.0
        for _ in 0..<max(0, decimals) { s /= 10 }
        return s
    }
}

extension SpanishNumber {
    /// True values that round half-up to this figure at its stated decimals ("113 %" → [112.5, 113.5)).
    public var roundingInterval: StatedInterval { .rounding(value, decimals: decimals) }

    /// True values that truncate to this figure at its stated decimals ("113 %" → [113, 114)).
    public var truncationInterval: StatedInterval { .truncation(value, decimals: decimals) }

    /// The closed-open interval of true values that round to the stated figure: `roundingInterval`.
    /// Writers also truncate; callers deciding that a figure is wrong should test both, or
    /// `consistentInterval`.
    public var statedInterval: StatedInterval { roundingInterval }

    /// Every true value consistent with the figure under rounding or truncation (their hull):
    /// "113 %" → [112.5, 114).
    public var consistentInterval: StatedInterval { roundingInterval.hull(truncationInterval) }
}
