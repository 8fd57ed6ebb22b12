import CotejoModel
import CotejoSpanish

/// `summary.mismatch`: a table that repeats the rows of another (a consolidated sheet restating each
/// dependency's sheet, a summary table restating the detail) but states other figures for one of them:
/// "Meta del indicador" 22,5 in the consolidated row of indicator 480 against 45 in the dependency's.
///
/// Two tables are a summary and its detail when they share column headers and rows: a key column (a
/// code, else the indicator's or activity's name) whose values recur in both, and most recurring rows
/// whose shared figures all agree. Then every recurring row whose figures differ is a finding naming
/// both cells. Tables that merely share a layout (a quarter's table and the year's, both "AREA | P | Q
/// | R | S | F") disagree on most rows, and are not one table said twice: they stay silent.
///
/// The same total broken down once by columns and once by rows is the other kind of summary: see
/// `SummaryBreakdowns`.
public struct SummaryMismatchRule: Rule {
    public let id = "summary.mismatch"
    public let defaultSeverity = Severity.error
    public let summary = "Resumen que contradice el detalle que repite / summary that contradicts the detail it restates"

    public init() {}

    /// Rows that must recur, agreeing, before two tables are taken for one table said twice.
    public var minimumAgreeingRows = 3

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        let keyed = input.content.tables.filter { $0.rowCount >= 3 && $0.headerRowCount >= 1 }
        var findings: [Finding] = []
        // A summary restates another table: with one table there is nothing to key (a sheet's keys
        // cost a pass over every cell).
        if keyed.count >= 2 {
            let tables = keyed.map(KeyedTable.init)
            for i in tables.indices {
                for j in tables.indices where j > i {
                    findings += compare(tables[i], tables[j], settings: settings)
                }
            }
            findings += groupFindings(tables, settings: settings)
        }
        findings += breakdownFindings(input.content.tables.filter { $0.rowCount >= 4 }, settings: settings)
        return findings
    }

    /// A table's columns by header (a repeated header counted by its occurrence), and its rows by key.
    struct KeyedTable {
        var table: Table
        var grid: [[String]]
        var columns: [String: Int] = [:]
        var index: TableCellIndex
        var keyScores: [Int] = []

        init(_ table: Table) {
            self.table = table
            grid = table.grid
            index = TableCellIndex(table)
            let body = table.headerRowCount..<table.rowCount
            keyScores = (0..<table.columnCount).map { [grid] c in SummaryMismatchRule.keyScore(grid: grid, body: body, column: c) }
            var seen: [String: Int] = [:]
            for c in 0..<table.columnCount {
                var parts: [String] = []
                for r in 0..<table.headerRowCount where !grid[r][c].isEmpty && parts.last != grid[r][c] { parts.append(grid[r][c]) }
                // The lowest header row names the column; the period of the rows above it ("Trimestre
                // I - 2025" over "Resultado") tells repeated names apart, however it is spelled.
                guard let last = parts.last?.folded.collapsedWhitespace, !last.isEmpty else { continue }
                let h = last + (ColumnPeriod.period(of: parts.joined(separator: " ")).map { " @\($0)" } ?? "")
                let n = seen[h, default: 0]
                seen[h] = n + 1
                columns["\(h)#\(n)"] = c
            }
        }

        var body: Range<Int> { table.headerRowCount..<table.rowCount }

        /// The column's header as written, its rows joined.
        func header(_ c: Int) -> String {
            var parts: [String] = []
            for r in 0..<table.headerRowCount where !grid[r][c].isEmpty && parts.last != grid[r][c] { parts.append(grid[r][c]) }
            return parts.joined(separator: " ").collapsedWhitespace
        }

        func number(_ r: Int, _ c: Int) -> SpanishNumber? {
            let t = grid[r][c].collapsedWhitespace
            guard !t.isEmpty, let n = SpanishNumber.parse(t), !n.isLikelyYear else { return nil }
            return n
        }

        /// Rows by the value of column `c`, for values that name one row only.
        func rows(by c: Int) -> [String: Int] {
            var out: [String: Int] = [:]
            var twice = Set<String>()
            for r in body {
                let k = grid[r][c].folded.collapsedWhitespace
                guard !k.isEmpty else { continue }
                if out[k] != nil { twice.insert(k) } else { out[k] = r }
            }
            for k in twice { out[k] = nil }
            return out
        }
    }

    func compare(_ a: KeyedTable, _ b: KeyedTable, settings: RuleSettings) -> [Finding] {
        let shared = a.columns.keys.filter { b.columns[$0] != nil }.sorted { a.columns[$0]! < a.columns[$1]! }
        guard shared.count >= 3 else { return [] }
        // The key: a code column, else the shared text column whose values are long and name one row.
        func isCode(_ h: String) -> Bool { h.hasPrefix("codigo") || h.hasPrefix("cod ") || h.hasPrefix("cod.") || h.contains(" codigo") }
        let keyHeader = shared.first { isCode($0) } ?? shared.max { keyScore(a, a.columns[$0]!) < keyScore(a, a.columns[$1]!) }
        guard let kh = keyHeader, isCode(kh) || keyScore(a, a.columns[kh]!) > 0 else { return [] }
        let ka = a.rows(by: a.columns[kh]!), kb = b.rows(by: b.columns[kh]!)
        let figureHeaders = shared.filter { $0 != kh }
        var agreeing = 0
        var differing: [(ra: Int, rb: Int, key: String, diffs: [(String, Int, Int)])] = []
        for (key, ra) in ka {
            guard let rb = kb[key] else { continue }
            var diffs: [(String, Int, Int)] = []
            var equal = 0
            for h in figureHeaders {
                let ca = a.columns[h]!, cb = b.columns[h]!
                guard let x = a.number(ra, ca), let y = b.number(rb, cb) else { continue }
                if Self.same(x, y) { equal += 1 } else { diffs.append((h, ca, cb)) }
            }
            if diffs.isEmpty { if equal >= 1 { agreeing += 1 } } else { differing.append((ra, rb, key, diffs)) }
        }
        guard agreeing >= minimumAgreeingRows, agreeing > differing.count else { return [] }
        return differing.sorted { $0.ra < $1.ra }.map { d in finding(a, b, d.ra, d.rb, d.diffs, keyHeader: kh, settings: settings) }
    }

    /// How well a column keys rows (found once per table, in `KeyedTable`).
    func keyScore(_ t: KeyedTable, _ c: Int) -> Int { t.keyScores[c] }

    /// Long distinct texts (names of indicators or activities) score.
    static func keyScore(grid: [[String]], body: Range<Int>, column c: Int) -> Int {
        let values = body.map { grid[$0][c].collapsedWhitespace }.filter { !$0.isEmpty }
        guard values.count >= 3, values.allSatisfy({ SpanishNumber.parse($0) == nil }) else { return 0 }
        let distinct = Set(values.map(\.folded)).count
        guard distinct * 10 >= values.count * 9 else { return 0 }
        let mean = values.map(\.count).reduce(0, +) / values.count
        return mean >= 15 ? distinct : 0
    }

    /// Equal but for floating-point noise.
    static func same(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-6 * max(1, abs(x), abs(y)) }

    /// Equal as stated: the same value, or a share written once as "53 %" and once as 0,53.
    static func same(_ x: SpanishNumber, _ y: SpanishNumber) -> Bool {
        if same(x.value, y.value) { return true }
        if x.isPercent != y.isPercent { return same(x.isPercent ? x.value / 100 : x.value, y.isPercent ? y.value / 100 : y.value) }
        return false
    }

    func finding(_ a: KeyedTable, _ b: KeyedTable, _ ra: Int, _ rb: Int, _ diffs: [(String, Int, Int)], keyHeader: String,
                 settings: RuleSettings) -> Finding {
        func place(_ t: KeyedTable, _ r: Int, _ c: Int) -> (Source?, String, String) {
            let s = t.index.cell(r, c)?.source
            return (s, TablePlace.es(s, t.table), TablePlace.en(s, t.table))
        }
        var key = a.grid[ra][a.columns[keyHeader]!].collapsedWhitespace
        // A code says little to a reader: the row's name goes with it.
        let nameColumn = a.columns.values.filter { $0 != a.columns[keyHeader]! }.max { keyScore(a, $0) < keyScore(a, $1) }
        if let c = nameColumn, keyScore(a, c) > 0 {
            let name = a.grid[ra][c].collapsedWhitespace
            key += " " + (name.count > 70 ? String(name.prefix(70)) + "…" : name)
        }
        var differences: [Bilingual] = []
        var sources: [Source] = []
        var values: [String: FindingValue] = ["key": .text(key)]
        for (h, ca, cb) in diffs {
            let x = a.grid[ra][ca].collapsedWhitespace, y = b.grid[rb][cb].collapsedWhitespace
            let (sa, wa, wae) = place(a, ra, ca), (sb, wb, wbe) = place(b, rb, cb)
            let header = a.header(ca)
            differences.append(Bilingual(es: "\(header): \(x) en \(wa) y \(y) en \(wb)", en: "\(header): \(x) in \(wae) and \(y) in \(wbe)"))
            sources += [sa, sb].compactMap { $0 }
            values[header] = .text("\(x) / \(y)")
        }
        return diagnose(.rowDiffersAcrossTables(key, differences), values: values, at: sources, settings)
    }
}

extension Bilingual {
    fileprivate static func rowDiffersAcrossTables(_ key: String, _ differences: [Bilingual]) -> Bilingual {
        Bilingual(es: "«\(key)» aparece en dos tablas con cifras distintas: " + differences.map(\.es).joined(separator: "; "),
                  en: "“\(key)” stands in two tables with different figures: " + differences.map(\.en).joined(separator: "; "))
    }
}
