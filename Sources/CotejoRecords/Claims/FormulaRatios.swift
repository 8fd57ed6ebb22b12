import CotejoSpanish
import CotejoModel

/// Shares that a spreadsheet states in a formula: a result cell holding `=121/228` (shown as 53 %)
/// says 121 of 228. The figures are the entity's own, typed into the formula; the cell's cached
/// value is the percentage it published.
public struct FormulaRatios: Sendable {
    public init() {}

    public func claims(in table: Table) -> [Claim] {
        var out: [Claim] = []
        let grid = table.grid
        for cell in table.cells where cell.row >= table.headerRowCount {
            guard let f = cell.source.formula, let (part, whole) = Self.literalRatio(f), whole > 0,
                  let shown = SpanishNumber.parse(cell.text.collapsedWhitespace) else { continue }
            let percent = shown.isPercent || shown.value > 1.5 ? shown.value : shown.value * 100
            let row = grid[cell.row]
            let label = row.filter { $0.contains(where: \.isLetter) }.max { $0.count < $1.count } ?? ""
            out.append(Claim(kind: .share, label: String(label.collapsedWhitespace.prefix(160)), part: part, whole: whole,
                             reportedPercent: percent, source: [cell.source],
                             fieldSources: ["part": cell.source, "whole": cell.source, "reported_percent": cell.source],
                             notes: ["figures from the cell's formula \(f)"]))
        }
        return out
    }

    /// `=121/228`, `=+121/228`, `=(121/228)*100`, `=121/228*100`: two literal numbers divided (and at
    /// most scaled by 100). Formulas over cell references say nothing by themselves.
    static func literalRatio(_ formula: String) -> (Double, Double)? {
        var f = formula.replacingOccurrences(of: " ", with: "")
        if f.hasPrefix("=") { f.removeFirst() }
        if f.hasPrefix("+") { f.removeFirst() }
        for suffix in ["*100", "*100%"] where f.hasSuffix(suffix) { f.removeLast(suffix.count) }
        if f.hasPrefix("("), f.hasSuffix(")") { f = String(f.dropFirst().dropLast()) }
        let parts = f.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), a >= 0, b > 0 else { return nil }
        return (a, b)
    }
}
