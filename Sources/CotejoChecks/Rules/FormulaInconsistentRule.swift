import CotejoModel
import CotejoSpanish

/// `formula.inconsistent`: in a spreadsheet column whose rows compute the same thing, a cell that
/// computes something else (a row that divides without the weight where the rows around it use it),
/// or a number typed by hand where the others are computed. As in ExceLint, formulas are compared by
/// what they do relative to their own cell (R1C1), so `=B7*C7` in row 7 and `=B8*C8` in row 8 agree.
///
/// A pattern is only a pattern when it has support: at least `minimumRun` formulas that read cells,
/// three quarters of the column's formulas alike. The odd cell must stand inside the run, between two
/// rows that follow it, and not be an aggregate (a subtotal summing its own column) or on a total row.
/// A warning, not an error: a broken pattern is often a slip, but can be meant; the finding shows both
/// formulas so the reader can tell.
public struct FormulaInconsistentRule: Rule {
    public let id = "formula.inconsistent"
    public let defaultSeverity = Severity.warning
    public let summary = "Fórmula que rompe el patrón de su columna / formula breaking its column's pattern"

    static let minimumRun = 4
    static let dominantShare = 0.75

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        input.content.tables.flatMap { table -> [Finding] in
            // A table with fewer formulas than a pattern needs has no column to look at.
            guard table.cells.lazy.filter({ $0.source.formula != nil }).prefix(Self.minimumRun).count == Self.minimumRun else { return [] }
            return columns(of: table).flatMap { findings(in: $0, settings: settings) }
        }
    }

    /// A data cell of a sheet: where it stands, and what it holds.
    struct Slot {
        var row: Int
        var column: Int
        var cell: Cell
        var formula: SpreadsheetFormula?
        var pattern: String?
        var onTotalRow: Bool
    }

    /// Each column's numeric data cells, in sheet order.
    func columns(of table: Table) -> [[Slot]] {
        let totalRows = Set(table.cells.filter { !$0.isHeader && (TotalLabel.isTotal($0.text) || TotalLabel.isSubtotal($0.text)) }.map(\.row))
        var byColumn: [Int: [Slot]] = [:]
        for c in table.cells where !c.isHeader {
            guard let ref = c.source.cell, let (row, column) = CellReference.parse(ref),
                  let n = SpanishNumber.parse(c.text.collapsedWhitespace), !n.isLikelyYear else { continue }
            let f = c.source.formula.map(SpreadsheetFormula.init)
            byColumn[column, default: []].append(Slot(row: row, column: column, cell: c, formula: f,
                                                      pattern: f?.pattern(row: row, column: column),
                                                      onTotalRow: totalRows.contains(c.row)))
        }
        return byColumn.keys.sorted().map { byColumn[$0]!.sorted { $0.row < $1.row } }
    }

    func findings(in column: [Slot], settings: RuleSettings) -> [Finding] {
        let formulas = column.filter { $0.formula != nil && !$0.onTotalRow }
        guard formulas.count >= Self.minimumRun else { return [] }
        var counts: [String: Int] = [:]
        for s in formulas { counts[s.pattern!, default: 0] += 1 }
        guard let (pattern, support) = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
              support >= Self.minimumRun, Double(support) >= Self.dominantShare * Double(formulas.count),
              let model = formulas.first(where: { $0.pattern == pattern }), model.formula!.readsCells else { return [] }
        let following = column.filter { $0.pattern == pattern }
        // Typed numbers count against the pattern's hold on the column too.
        let inside = column.filter { $0.row > following.first!.row && $0.row < following.last!.row && !$0.onTotalRow }
        let typedInside = inside.filter { $0.formula == nil }
        let formulaShare = Double(support) / Double(support + typedInside.count)

        var out: [Finding] = []
        for (i, s) in column.enumerated() where s.pattern != pattern && !s.onTotalRow {
            guard s.row > following.first!.row, s.row < following.last!.row,
                  let above = column[..<i].last(where: { $0.formula != nil }), above.pattern == pattern,
                  let below = column[(i + 1)...].first(where: { $0.formula != nil }), below.pattern == pattern else { continue }
            let expected = above.formula!.shifted(rows: s.row - above.row, columns: 0)
            if let f = s.formula, Self.aggregatesOwnColumn(f, row: s.row, column: s.column) { continue }
            if s.formula == nil, formulaShare < 0.8 { continue }
            out.append(finding(s, expected: expected, neighbour: above, support: support, settings: settings))
        }
        return out
    }

    /// One finding for either break: the cell's own formula, or the number typed in its place.
    private func finding(_ s: Slot, expected: SpreadsheetFormula, neighbour: Slot, support: Int,
                         settings: RuleSettings) -> Finding {
        let ref = s.cell.source.cell ?? "", sheet = s.cell.source.sheet ?? ""
        let other = neighbour.cell.source.cell ?? "", otherFormula = neighbour.formula!.text
        var values: [String: FindingValue] = [
            "cell": .text(ref), "expected_formula": .text(expected.text), "neighbour_cell": .text(other),
            "neighbour_formula": .text(otherFormula), "rows_following_pattern": .number(Double(support)),
        ]
        let message: Bilingual
        if let formula = s.formula {
            values["formula"] = .text(formula.text)
            message = .formulaDiffers(ref, sheet: sheet, computes: formula.text, support: support, like: other, otherFormula, expected: expected.text)
        } else {
            values["typed_value"] = .text(s.cell.text)
            message = .typedByHand(ref, sheet: sheet, value: s.cell.text, support: support, like: other, otherFormula, expected: expected.text)
        }
        return diagnose(message, values: values, at: [s.cell.source, neighbour.cell.source], settings)
    }

    /// A subtotal: a formula reading a range of its own column ("=SUMA(E7:E11)").
    static func aggregatesOwnColumn(_ f: SpreadsheetFormula, row: Int, column: Int) -> Bool {
        f.pattern(row: row, column: column).contains("C[0]:R[")
    }
}

extension Bilingual {
    fileprivate static func formulaDiffers(_ ref: String, sheet: String, computes formula: String, support: Int, like other: String,
                                           _ otherFormula: String, expected: String) -> Bilingual {
        Bilingual(es: "La celda \(ref) de la hoja «\(sheet)» calcula \(formula), pero las otras \(support) filas de su columna calculan como \(other) (\(otherFormula)), que aquí sería \(expected)",
                  en: "Cell \(ref) of sheet “\(sheet)” computes \(formula), but the other \(support) rows of its column compute like \(other) (\(otherFormula)), which here would be \(expected)")
    }

    fileprivate static func typedByHand(_ ref: String, sheet: String, value: String, support: Int, like other: String,
                                        _ otherFormula: String, expected: String) -> Bilingual {
        Bilingual(es: "La celda \(ref) de la hoja «\(sheet)» tiene el número \(value) escrito a mano, donde las otras \(support) filas de su columna lo calculan como \(other) (\(otherFormula)); aquí sería \(expected)",
                  en: "Cell \(ref) of sheet “\(sheet)” holds the number \(value) typed by hand, where the other \(support) rows of its column compute it like \(other) (\(otherFormula)); here it would be \(expected)")
    }
}
