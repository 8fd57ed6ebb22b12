import Foundation
import CotejoModel

// Writing figures back for readers: the findings' messages ("Se reporta 118 % pero 78 de 69 es
// 113,0 %"), the report's tables ("2.165.912.629,05") and the parser's round-trip tests. One writer,
// so a figure reads the same in a message, a report cell and a test.

/// How many decimals a written figure shows.
public enum WrittenDecimals: Sendable {
    /// Always this many: 113.04 → "113,0" with 1.
    case fixed(Int)
    /// As many as the value needs, up to this many: 78 → "78", 1.5 → "1,5", 1.256 → "1,26" with 2.
    case upTo(Int)
    /// None for a whole value, else this many: 78 → "78", 1.5 → "1,50" with 2 (a report's column).
    case wholeOr(Int)
}

extension SpanishNumber {
    /// `value` written with its decimals rounded half away from zero, the language's decimal mark
    /// (Spanish "," and English ".") and, when `groupFrom` is given, the other mark between
    /// thousands once the integer part has at least that many digits: 1234.5 → "1.234,50"
    /// (`.fixed(2)`, groupFrom 4); Spanish style leaves four digits ungrouped (groupFrom 5: "2021").
    public static func write(_ value: Double, decimals: WrittenDecimals, language: Language = .es, groupFrom: Int? = nil) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        let places: Int
        switch decimals {
        case .fixed(let n), .upTo(let n): places = max(0, min(n, 15))
        case .wholeOr(let n): places = value == value.rounded() ? 0 : max(0, min(n, 15))
        }
        let scale = pow(10.0, Double(places))
        let magnitude = (abs(value) * scale).rounded(.toNearestOrAwayFromZero) / scale
        let plain = String(format: "%.\(places)f", magnitude)
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if case .upTo = decimals { while fraction.hasSuffix("0") { fraction.removeLast() } }
        let (group, mark) = language == .es ? (".", ",") : (",", ".")
        if let groupFrom, integer.count >= groupFrom {
            var grouped = ""
            for (k, c) in integer.enumerated() {
                if k > 0 && (integer.count - k) % 3 == 0 { grouped += group }
                grouped.append(c)
            }
            integer = grouped
        }
        return (value < 0 && magnitude != 0 ? "-" : "") + integer + (fraction.isEmpty ? "" : mark + fraction)
    }

    /// `value` with `decimals` decimal digits the Spanish way: 1234.5 → "1.234,50" (2 decimals);
    /// -35.8 → "-35,8"; 113 → "113". `grouping: false` leaves thousands ungrouped ("1234,50").
    public static func format(_ value: Double, decimals: Int, grouping: Bool = true) -> String {
        write(value, decimals: .fixed(decimals), groupFrom: grouping ? 4 : nil)
    }

    /// A percentage the Spanish way, with a space before the sign: 113.04 → "113,0 %" (1 decimal).
    public static func formatPercent(_ value: Double, decimals: Int) -> String {
        format(value, decimals: decimals) + " %"
    }
}
