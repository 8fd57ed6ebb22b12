import CotejoModel
import CotejoSpanish

/// The same total broken down by the same categories in two tables, once as columns and once as
/// rows: a detail table "AREA | P | Q | R | S | F | TOTAL" whose TOTAL row gives the year by type,
/// and a summary table "Peticiones 2 / Quejas 74 / … / total 117". When both add up to the same grand
/// total, each category's figure must agree; where it does not, the two tables contradict each other.
///
/// Categories match by their folded names, or a column of one to three letters by the initials of
/// exactly one row label ("P" for Peticiones, "PQ" for "Peticiones Quejas"), every letter column
/// matching a different label. Three categories at least, and the grand totals equal: otherwise the
/// tables may count different things, and nothing is said.
extension SummaryMismatchRule {
    struct Breakdown {
        /// Category name → (figure, where it stands).
        var figures: [(name: String, value: Double, cell: Cell)]
        var total: (value: Double, cell: Cell)
    }

    func breakdownFindings(_ tables: [Table], settings: RuleSettings) -> [Finding] {
        var out: [Finding] = []
        let byRows = tables.map { (table: $0, breakdowns: rowBreakdowns($0)) }.filter { !$0.breakdowns.isEmpty }
        for a in tables {
            guard let columns = columnBreakdown(a) else { continue }
            for (b, breakdowns) in byRows where b.index != a.index {
                for rows in breakdowns where Self.same(rows.total.value, columns.total.value) {
                    if let f = compareBreakdowns(columns: columns, in: a, rows: rows, in: b, settings: settings) { out.append(f) }
                }
            }
        }
        return out
    }

    /// A table's TOTAL row, read per column: the categories are the column headers, the grand total the
    /// cell under a "TOTAL" header.
    func columnBreakdown(_ t: Table) -> Breakdown? {
        let grid = t.grid, index = TableCellIndex(t)
        guard t.headerRowCount >= 1, let totalRow = (t.headerRowCount..<t.rowCount).first(where: { TotalLabel.isTotal(grid[$0].first { !$0.isEmpty } ?? "") }) else { return nil }
        let header = grid[t.headerRowCount - 1]
        var figures: [(String, Double, Cell)] = []
        var total: (Double, Cell)?
        for c in 1..<t.columnCount {
            let h = header[c].collapsedWhitespace
            guard !h.isEmpty, let cell = index.cell(totalRow, c), let n = SpanishNumber.parse(cell.text.collapsedWhitespace),
                  !n.isPercent, !n.isLikelyYear else { continue }
            if TotalLabel.isTotal(h) { total = total ?? (n.value, cell) } else if !figures.contains(where: { $0.0.folded == h.folded }) { figures.append((h, n.value, cell)) }
        }
        guard let total, figures.count >= 3 else { return nil }
        return Breakdown(figures: figures, total: total)
    }

    /// A table's rows as a breakdown, once per numeric column whose TOTAL row closes it: the categories
    /// are the row labels.
    func rowBreakdowns(_ t: Table) -> [Breakdown] {
        let grid = t.grid, index = TableCellIndex(t)
        guard t.columnCount >= 2, let totalRow = (t.headerRowCount..<t.rowCount).first(where: { TotalLabel.isTotal(grid[$0][0]) }) else { return [] }
        var out: [Breakdown] = []
        for c in 1..<t.columnCount {
            guard let tc = index.cell(totalRow, c), let tn = SpanishNumber.parse(tc.text.collapsedWhitespace), !tn.isPercent else { continue }
            var figures: [(String, Double, Cell)] = []
            for r in t.headerRowCount..<totalRow {
                let label = grid[r][0].collapsedWhitespace
                guard !label.isEmpty, SpanishNumber.parse(label) == nil, let cell = index.cell(r, c),
                      let n = SpanishNumber.parse(cell.text.collapsedWhitespace), !n.isPercent else { continue }
                figures.append((label, n.value, cell))
            }
            if figures.count >= 3 { out.append(Breakdown(figures: figures, total: (tn.value, tc))) }
        }
        return out
    }

    func compareBreakdowns(columns: Breakdown, in a: Table, rows: Breakdown, in b: Table, settings: RuleSettings) -> Finding? {
        let pairs = Self.matchCategories(columns.figures.map(\.name), rows.figures.map(\.name))
        guard pairs.count >= 3 else { return nil }
        var differences: [Bilingual] = []
        var sources: [Source] = []
        var values: [String: FindingValue] = ["total": .number(columns.total.value)]
        for (i, j) in pairs {
            let x = columns.figures[i], y = rows.figures[j]
            guard !Self.same(x.value, y.value) else { continue }
            differences.append(Bilingual(
                es: "\(y.name): \(Figures.es(x.value)) en \(TablePlace.es(x.cell.source, a)) y \(Figures.es(y.value)) en \(TablePlace.es(y.cell.source, b))",
                en: "\(y.name): \(Figures.en(x.value)) in \(TablePlace.en(x.cell.source, a)) and \(Figures.en(y.value)) in \(TablePlace.en(y.cell.source, b))"))
            sources += [x.cell.source, y.cell.source]
            values[y.name] = .text("\(Figures.es(x.value)) / \(Figures.es(y.value))")
        }
        guard !differences.isEmpty else { return nil }
        sources += [columns.total.cell.source, rows.total.cell.source]
        return diagnose(.breakdownsDiffer(total: columns.total.value, differences), values: values, at: sources.uniqued(), settings)
    }

    /// Column headers matched to row labels: by folded name, else a short letter header by the initials
    /// of exactly one label. Nil pairs are left out; a label is used once.
    static func matchCategories(_ headers: [String], _ labels: [String]) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        var used = Set<Int>()
        for (i, h) in headers.enumerated() {
            let f = h.folded.collapsedWhitespace
            if let j = labels.indices.first(where: { !used.contains($0) && labels[$0].folded.collapsedWhitespace == f }) {
                pairs.append((i, j)); used.insert(j); continue
            }
            let letters = f.replacingOccurrences(of: ".", with: "")
            guard (1...3).contains(letters.count), letters.allSatisfy(\.isLetter) else { continue }
            let candidates = labels.indices.filter { j in
                let words = labels[j].folded.split(separator: " ").filter { $0.count > 2 }
                return String(words.prefix(letters.count).compactMap(\.first)) == letters
            }
            guard candidates.count == 1, !used.contains(candidates[0]) else { continue }
            pairs.append((i, candidates[0])); used.insert(candidates[0])
        }
        return pairs
    }
}

extension Bilingual {
    fileprivate static func breakdownsDiffer(total: Double, _ differences: [Bilingual]) -> Bilingual {
        Bilingual(es: "Dos tablas reparten el mismo total de \(Figures.es(total)) por las mismas categorías con cifras distintas: " + differences.map(\.es).joined(separator: "; "),
                  en: "Two tables break the same total of \(Figures.en(total)) down by the same categories with different figures: " + differences.map(\.en).joined(separator: "; "))
    }
}
