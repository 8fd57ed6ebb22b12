import Foundation

// Writing figures back the Spanish way ("1.234,50"): for messages to auditors ("Se reporta 118 % pero
// 78 de 69 es 113,0 %") and for round-trip tests of the parser.

extension SpanishNumber {
    /// `value` with `decimals` decimal digits (rounded half away from zero), a comma decimal mark and
    /// dots grouping thousands: 1234.5 → "1.234,50" (2 decimals); -35.8 → "-35,8"; 113 → "113".
    /// `grouping: false` leaves thousands ungrouped ("1234,50").
    public static func format(_ value: Double, decimals: Int, grouping: Bool = true) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        let d = max(0, min(decimals, 15))
        let scale = pow(10.0, Double(d))
        let magnitude = (abs(value) * scale).rounded(.toNearestOrAwayFromZero) / scale
        let plain = String(format: "%.\(d)f", magnitude)
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0])
        if grouping && integer.count > 3 {
            var grouped = ""
            for (k, c) in integer.enumerated() {
                if k > 0 && (integer.count - k) % 3 == 0 { grouped.append(".") }
                grouped.append(c)
            }
            integer = grouped
        }
        let isZero = magnitude == 0
        var out = (value < 0 && !isZero ? "-" : "") + integer
        if d > 0, parts.count > 1 { out += "," + parts[1] }
        return out
    }

    /// A percentage the Spanish way, with a space before the sign: 113.04 → "113,0 %" (1 decimal).
    public static func formatPercent(_ value: Double, decimals: Int) -> String {
        format(value, decimals: decimals) + " %"
    }
}
