import CotejoModel

/// User-facing words of the report, in Spanish by default and English with `--lang en`.
struct Words {
    let language: Language

    func callAsFunction(_ es: String, _ en: String) -> String { language == .en ? en : es }
}

/// Escapes text for HTML element content and attribute values.
func escapeHTML(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for ch in s {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(ch)
        }
    }
    return out
}

/// A number as Spanish readers write it: decimal comma, no needless decimals.
func formatNumber(_ d: Double?, language: Language) -> String {
    guard let d else { return "—" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    let s = String(format: "%.2f", d)
    return language == .es ? s.replacingOccurrences(of: ".", with: ",") : s
}
