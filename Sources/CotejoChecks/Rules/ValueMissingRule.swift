import CotejoModel
import CotejoSpanish

/// `value.missing`: columns a table sets up for targets or results (meta, meta trimestre N, resultado,
/// ejecutado, avance, logro, cumplimiento, programado) left empty in every body row. One finding per
/// table, naming the empty columns; a column with any value filled stays silent.
///
/// A column's name is its lowest header cell (the cell under a spanning "2021"); a spanning header
/// names the columns below it only when their own header says nothing and it spans at most four. Rows
/// with no text at all (spacers) do not count, and a table needs `minimumRows` body rows with text.
public struct ValueMissingRule: Rule {
    public let id = "value.missing"
    public let defaultSeverity = Severity.warning
    public let summary = "Columnas de metas o resultados vacías / target or result columns left empty"
    public var minimumRows = 2

    static let keywords: Set<String> = [
        "meta", "metas", "resultado", "resultados", "ejecutado", "ejecutada", "ejecutados", "ejecucion", "avance",
        "avances", "logro", "logros", "cumplimiento", "programado", "programada", "programados", "programacion",
    ]

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        input.content.tables.compactMap { table(_: $0, settings: settings) }
    }

    private func table(_ t: Table, settings: RuleSettings) -> Finding? {
        func isHeader(_ c: Cell) -> Bool { c.isHeader || c.row < t.headerRowCount }
        // Picked once: a sheet's body has a million cells, and each column asks for its headers.
        let headerCells = t.cells.filter(isHeader)
        let headerRows = Set(headerCells.flatMap { $0.row..<($0.row + $0.rowSpan) })
        guard !headerRows.isEmpty else { return nil }
        let grid = t.grid
        let bodyRows = (0..<t.rowCount).filter { r in
            !headerRows.contains(r) && grid[r].contains { !$0.collapsedWhitespace.isEmpty }
        }
        guard bodyRows.count >= minimumRows else { return nil }

        var empty: [(name: String, header: Cell, period: String?)] = []
        var filledPeriods: [String] = []
        var done: Set<Cell> = []
        for c in 0..<t.columnCount {
            let headers = headerCells.filter { c >= $0.column && c < $0.column + $0.columnSpan }
                .sorted { $0.row > $1.row }
            guard let leaf = headers.first, !done.contains(leaf) else { continue }
            var name: String? = names(leaf.text) ? leaf.text : nil
            if name == nil, headers.count > 1, headers[1].columnSpan <= 4, names(headers[1].text) {
                name = "\(headers[1].text) \(leaf.text)"
            }
            guard let name else { continue }
            // Every column under the leaf header must be empty in every body row.
            let columns = leaf.column..<min(t.columnCount, leaf.column + leaf.columnSpan)
            let filled = bodyRows.contains { r in columns.contains { !grid[r][$0].collapsedWhitespace.isEmpty } }
            done.insert(leaf)
            let period = ColumnPeriod.period(of: headers.reversed().map(\.text).joined(separator: " "))
            if filled { if let p = period { filledPeriods.append(p) } } else { empty.append((name.collapsedWhitespace, leaf, period)) }
        }
        // Results of periods after the last one the table reports on ("Trimestre III" and "IV" in a
        // follow-up cut at June) are not yet due: empty is what they should be. Targets are set in
        // advance, and an empty target stays a finding.
        if let last = filledPeriods.compactMap(PeriodBounds.init).max(by: { $0.end < $1.end }) {
            empty.removeAll { e in
                guard [.executed, .percent].contains(MeasureLabel.kind(of: e.name)) else { return false }
                return e.period.flatMap(PeriodBounds.init).map { $0.start > last.end } ?? false
            }
        }
        guard !empty.isEmpty else { return nil }
        let list = empty.map(\.name).joined(separator: ", ")
        let n = bodyRows.count
        return diagnose(.columnsEmpty(list, count: empty.count, table: t.index, rows: n),
                        values: ["columns": .text(list), "rows": .number(Double(n)), "table": .number(Double(t.index)),
                                 "empty_columns": .number(Double(empty.count))],
                        at: empty.map { $0.header.source.quoting($0.header.text.collapsedWhitespace) }.uniqued(), settings)
    }

    /// True when a header names a target or result column.
    private func names(_ text: String) -> Bool {
        text.folded.split(whereSeparator: { !$0.isLetter }).contains { Self.keywords.contains(String($0)) }
    }
}

/// A period of the contract's form ("2025-Q3", "2025-H2", "2025-07", "2025") as a span of months
/// counted from year 0, for "after" questions. Periods without a year ("Q3") have no place in time.
struct PeriodBounds {
    var start: Int
    var end: Int

    init?(_ period: String) {
        let parts = period.split(separator: "-")
        guard let y = parts.first.flatMap({ Int($0) }), parts[0].count == 4 else { return nil }
        var first = 1, last = 12
        if parts.count == 2 {
            let p = parts[1]
            if let m = Int(p) { first = m; last = m }
            else if let n = Int(p.dropFirst()) {
                let size = ["Q": 3, "H": 6, "C": 4][String(p.prefix(1))] ?? 0
                guard size > 0 else { return nil }
                first = (n - 1) * size + 1; last = n * size
            } else { return nil }
        }
        start = y * 12 + first; end = y * 12 + last
    }
}

extension Bilingual {
    fileprivate static func columnsEmpty(_ list: String, count: Int, table: Int, rows n: Int) -> Bilingual {
        count == 1
            ? Bilingual(es: "La columna \(list) de la tabla \(table) está vacía en sus \(n) filas",
                        en: "Column \(list) of table \(table) is empty in all its \(n) rows")
            : Bilingual(es: "Las columnas \(list) de la tabla \(table) están vacías en sus \(n) filas",
                        en: "Columns \(list) of table \(table) are empty in all its \(n) rows")
    }
}
