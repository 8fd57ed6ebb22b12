import CotejoSpanish

/// Whether a cell's text is a figure ("1.234,5", "12 %", "(35,8)", "-") rather than words.
enum NumberText {
    static func isFigure(_ s: String) -> Bool {
        let t = s.filter { !$0.isWhitespace }
        guard !t.isEmpty else { return false }
        let digits = t.filter(\.isNumber).count
        guard digits > 0 else { return false }
        let allowed = Set("0123456789.,%()+-−–$€£*")
        return t.allSatisfy { allowed.contains($0) } || (digits * 2 >= t.count && t.count <= 12)
    }

    static func isYear(_ s: String) -> Bool {
        CalendarYear.of(s.filter { !$0.isWhitespace }) != nil
    }
}
