import CotejoModel
import CotejoArithmetic
import CotejoSpanish

/// A summary row against the detail rows it names: a consolidated sheet's row "Secretaría de Salud"
/// against the rows of the detail table whose "Dependencia" column says so, or against the whole sheet
/// of that name. Its figures are the sum of the detail's, or their mean when the column's header says
/// it holds a share ("% avance", "porcentaje", "promedio", "cumplimiento").
///
/// The relation must hold before it is used to accuse: most of the summary's figures (two at least)
/// agree with their aggregate; only then is a figure that does not agree a finding, naming the summary
/// cell, the aggregate and the detail rows.
extension SummaryMismatchRule {
    struct GroupComparison {
        var summary: (table: Table, row: Int, column: Int, cell: Cell, value: SpanishNumber)
        var header: String
        var group: String
        var mean: Bool
        var details: [Cell]
        var aggregate: Double
        var holds: Bool
    }

    func groupFindings(_ tables: [KeyedTable], settings: RuleSettings) -> [Finding] {
        var out: [Finding] = []
        let details = tables.map(DetailGroups.init)
        for s in tables {
            let keys = SummaryKeys(s)
            var comparisons: [GroupComparison] = []
            for (d, groups) in zip(tables, details) where d.table.index != s.table.index {
                comparisons += groupComparisons(summary: s, keys: keys, detail: d, groups: groups)
            }
            let agreeing = comparisons.filter(\.holds).count
            let differing = comparisons.filter { !$0.holds }
            guard agreeing >= 2, agreeing > differing.count else { continue }
            out += differing.map { finding($0, settings: settings) }
        }
        return out
    }

    /// The groups a detail table offers, found once per table: the values of each column that repeats
    /// a few values over its rows ("Dependencia"), and the whole sheet.
    struct DetailGroups {
        var byValue: [String: (name: String, rows: [Int])] = [:]
        var sheet: (name: String, rows: [Int])?

        init(_ d: KeyedTable) {
            let rows = Array(d.body).filter { r in !d.grid[r].contains { TotalLabel.isTotal($0) } }
            for c in 0..<d.table.columnCount {
                var values: [String: [Int]] = [:]
                for r in rows {
                    let v = d.grid[r][c].collapsedWhitespace
                    guard v.count >= 3, SpanishNumber.parse(v) == nil else { continue }
                    values[v.folded, default: []].append(r)
                }
                // A grouping column: few values, each naming several rows.
                guard values.count >= 2, values.values.allSatisfy({ $0.count >= 2 }) else { continue }
                for (k, rs) in values where byValue[k] == nil { byValue[k] = (d.grid[rs[0]][c].collapsedWhitespace, rs) }
            }
            if let name = d.table.cells.first?.source.sheet?.folded.collapsedWhitespace, rows.count >= 2 { sheet = (name, rows) }
        }
    }

    /// A summary table's keys, read once for all the tables it is compared with: each body cell's
    /// folded text, and whether it repeats down its column (a summary names each group once: a key
    /// repeated down its column is a detail's grouping).
    struct SummaryKeys {
        /// By body row (from the first), then column.
        var folded: [[String]] = []
        var repeated: [[Bool]] = []

        init(_ s: KeyedTable) {
            let columns = s.table.columnCount
            folded = s.body.map { r in (0..<columns).map { s.grid[r][$0].folded.collapsedWhitespace } }
            repeated = folded.map { [Bool](repeating: false, count: $0.count) }
            for c in 0..<columns {
                var count: [String: Int] = [:]
                for row in folded where !row[c].isEmpty { count[row[c], default: 0] += 1 }
                for i in folded.indices where (count[folded[i][c]] ?? 0) >= 2 { repeated[i][c] = true }
            }
        }
    }

    /// The summary's rows whose key names a group of the detail: a value of a column that repeats, or
    /// the detail's sheet.
    func groupComparisons(summary s: KeyedTable, keys: SummaryKeys, detail d: KeyedTable, groups: DetailGroups) -> [GroupComparison] {
        guard !groups.byValue.isEmpty || groups.sheet != nil else { return [] }
        // Figure columns both tables name alike; the other columns may key rows.
        let shared = s.columns.keys.filter { h in
            d.columns[h] != nil && s.body.contains { s.number($0, s.columns[h]!) != nil }
        }
        guard !shared.isEmpty else { return [] }
        let sharedColumns = Set(shared.map { s.columns[$0]! })

        var out: [GroupComparison] = []
        var gathered: [String: [(Int, SpanishNumber)]] = [:]
        for (i, r) in s.body.enumerated() {
            for c in 0..<s.table.columnCount where !sharedColumns.contains(c) {
                let key = keys.folded[i][c]
                guard key.count >= 3, !keys.repeated[i][c] else { continue }
                let group = groups.byValue[key] ?? groups.sheet.flatMap { Self.sheet($0.name, names: key) ? $0 : nil }
                // A figure keys nothing (asked last: reading one costs more than the look-up).
                guard let group, SpanishNumber.parse(key) == nil else { continue }
                for h in shared {
                    let sc = s.columns[h]!, dc = d.columns[h]!
                    guard let x = s.number(r, sc), let cell = s.index.cell(r, sc) else { continue }
                    // A group's figures are gathered once per column, however many summary rows name it.
                    let cacheKey = "\(group.name)#\(dc)"
                    let cells = gathered[cacheKey] ?? group.rows.compactMap { dr in d.number(dr, dc).map { (dr, $0) } }
                    gathered[cacheKey] = cells
                    guard cells.count >= 2 else { continue }
                    let mean = Self.isShareHeader(s.header(sc))
                    let sum = cells.map(\.1.value).reduce(0, +)
                    let aggregate = mean ? sum / Double(cells.count) : sum
                    let holds = StatedPrecision.consistent(aggregate, stated: x.value, decimals: x.decimals)
                        || (mean && x.isPercent != cells[0].1.isPercent && StatedPrecision.consistent(aggregate * (x.isPercent ? 100 : 0.01), stated: x.value, decimals: x.decimals))
                    out.append(GroupComparison(summary: (s.table, r, sc, cell, x), header: s.header(sc), group: group.name, mean: mean,
                                               details: cells.compactMap { d.index.cell($0.0, dc) },
                                               aggregate: aggregate, holds: holds))
                }
            }
        }
        return out
    }

    /// A sheet name names a summary key when the key is one of its words ("Matriz_MISE_DAP_300625"
    /// for "DAP") or the whole name.
    static func sheet(_ name: String, names key: String) -> Bool {
        if name == key { return true }
        let words = name.split { !$0.isWordCharacter }.map(String.init)
        return key.count >= 3 && !key.contains(" ") && words.contains(key)
    }

    static func isShareHeader(_ header: String) -> Bool {
        let h = header.folded
        return h.contains("%") || ["porcentaje", "promedio", "avance", "cumplimiento", "indice", "tasa"].contains { h.contains($0) }
    }

    private func finding(_ g: GroupComparison, settings: RuleSettings) -> Finding {
        diagnose(.groupDisagrees(g),
                 values: ["group": .text(g.group), "column": .text(g.header), "stated": .number(g.summary.value.value),
                          "computed": .number(Figures.round2(g.aggregate)), "aggregate": .text(g.mean ? "mean" : "sum"),
                          "detail_rows": .number(Double(g.details.count))],
                 at: ([g.summary.cell.source] + g.details.map(\.source)).uniqued(), settings)
    }
}

extension Bilingual {
    fileprivate static func groupDisagrees(_ g: SummaryMismatchRule.GroupComparison) -> Bilingual {
        let kindES = g.mean ? "el promedio" : "la suma", kindEN = g.mean ? "the mean" : "the sum"
        let shown = max(1, g.summary.value.decimals + 1)
        let decimals = g.aggregate == g.aggregate.rounded() ? 0 : shown
        let placeES = TablePlace.es(g.summary.cell.source, g.summary.table), placeEN = TablePlace.en(g.summary.cell.source, g.summary.table)
        return Bilingual(
            es: "«\(g.group)»: \(g.header) \(g.summary.cell.text.collapsedWhitespace) en \(placeES), pero \(kindES) de sus \(g.details.count) filas de detalle es \(Figures.es(g.aggregate, decimals: decimals))",
            en: "“\(g.group)”: \(g.header) \(g.summary.cell.text.collapsedWhitespace) in \(placeEN), but \(kindEN) of its \(g.details.count) detail rows is \(Figures.en(g.aggregate, decimals: decimals))")
    }
}
