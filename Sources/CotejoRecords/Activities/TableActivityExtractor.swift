import CotejoSpanish
import CotejoModel

/// Activities from tables: one activity per body row of a table whose columns name activities
/// (or, with no headers, hold a description and figures, as slide tables do).
///
/// Column roles come from the header words (all header rows joined, so "2021 / META TRIMESTRE 1"
/// reads as one header), then are checked against the values under them.
public struct TableActivityExtractor: Sendable {
    public init() {}

    /// A table's columns with their roles, and how many leading rows are headers.
    struct Layout {
        var headerRows: Int
        var roles: [Int: ColumnRole]
        /// Numeric columns without a header: figures whose meaning arithmetic must settle.
        var unlabelledFigures: [Int]
        /// Columns of one period's target, result or percentage ("META 2024", "Trimestre I - 2025
        /// Resultado", "EJECUTADA – TRIMESTRES 3"): each row's figures per period become its measures.
        var measures: [Int: (kind: MeasureKind, period: String)] = [:]
        /// Columns of the row's weight (ponderación), baseline (línea base) and accumulated result,
        /// when their header names no period.
        var singles: [MeasureKind: Int] = [:]
    }

    public func activities(in table: Table) -> [Activity] { records(in: table).activities }

    /// The table's activities, and the totals its "TOTAL" rows state for them.
    public func records(in table: Table) -> (activities: [Activity], totals: [StatedTotal]) {
        let grid = table.grid
        guard table.rowCount >= 2, table.columnCount >= 2, let layout = layout(of: table, grid: grid) else { return ([], []) }
        var activities: [Activity] = []
        var totals: [StatedTotal] = []
        let index = TableCellIndex(table)
        for r in layout.headerRows..<table.rowCount {
            if let t = totalRow(r, table: table, grid: grid, layout: layout, index: index) {
                totals.append(t)
            } else if let a = activity(row: r, table: table, grid: grid, layout: layout, index: index) {
                activities.append(a)
            }
        }
        return (activities, totals)
    }

    /// A row whose first words are "Total" states the sum of the rows above it: its figures are a
    /// stated total (which the checks hold against the rows), not an activity.
    func totalRow(_ r: Int, table: Table, grid: [[String]], layout: Layout, index: TableCellIndex) -> StatedTotal? {
        guard let label = grid[r].first(where: { !$0.isEmpty }), label.folded.hasPrefix("total") else { return nil }
        func figure(_ role: ColumnRole) -> (Double, Source)? {
            guard let c = layout.roles.filter({ $0.value == role }).map(\.key).min(), let n = SpanishNumber.parse(grid[r][c]),
                  let source = index.cell(r, c)?.source else { return nil }
            return (role == .percent && !n.isPercent && n.value <= 1.5 ? n.value * 100 : n.value, source)
        }
        let planned = figure(.planned), executed = figure(.executed), percent = figure(.percent)
        guard planned != nil || executed != nil else { return nil }
        let labelSource = table.cells.first { $0.row == r && $0.text == label }?.source
        return StatedTotal(label: label.collapsedWhitespace, planned: planned?.0, executed: executed?.0, reportedPercent: percent?.0,
                           source: [labelSource, planned?.1, executed?.1, percent?.1].compactMap { $0 })
    }

    // MARK: Layout

    func layout(of table: Table, grid: [[String]]) -> Layout? {
        let headerRows = effectiveHeaderRows(table, grid: grid)
        var roles: [Int: ColumnRole] = [:]
        for c in 0..<table.columnCount {
            var parts: [String] = []
            for r in 0..<headerRows where !grid[r][c].isEmpty && parts.last != grid[r][c] { parts.append(grid[r][c]) }
            // The lowest header names the column ("Indicador de Producto" under "Identificación
            // general"); the rows above it only when it says nothing ("1" under "TRIMESTRES").
            let own = parts.last.flatMap(ColumnRole.from(header:))
            if let role = own, role != .other { roles[c] = role }
            else if let role = ColumnRole.from(header: parts.joined(separator: " ")) { roles[c] = role }
        }
        let body = Array(grid[headerRows...])
        guard !body.isEmpty else { return nil }
        func values(_ c: Int) -> [String] { body.map { $0[c] }.filter { !$0.isEmpty } }
        // Asked several times per column as the roles settle: each column's cells are read once.
        var shares = [Double?](repeating: nil, count: table.columnCount)
        func numericShare(_ c: Int) -> Double {
            if c < shares.count, let known = shares[c] { return known }
            let v = values(c)
            let share = v.isEmpty ? 0 : Double(v.filter { SpanishNumber.parse($0) != nil }.count) / Double(v.count)
            if c < shares.count { shares[c] = share }
            return share
        }
        // A percent header over a column of plain figures (a merged header reaching too far) is no
        // percent column when its neighbour holds the "%" values.
        // A header set one column off (over the last figure rather than the "%" column) moves to
        // the neighbour that holds the percentages.
        for (c, role) in roles where role == .percent {
            let hasPercentSigns = values(c).contains { $0.contains("%") }
            guard !hasPercentSigns else { continue }
            if let n = [c + 1, c - 1].first(where: { n in n >= 0 && n < table.columnCount && values(n).contains { $0.contains("%") }
                                                     && (roles[n] == nil || roles[n] == .percent || roles[n] == .other) }) {
                roles[c] = nil; roles[n] = .percent
            }
        }
        var unlabelled: [Int] = []
        for c in 0..<table.columnCount where roles[c] == nil || roles[c] == .other {
            let v = values(c)
            guard !v.isEmpty else { continue }
            if numericShare(c) >= 0.8 {
                if v.allSatisfy({ $0.contains("%") }) { roles[c] = .percent } else { unlabelled.append(c) }
            } else if roles[c] == nil, !roles.values.contains(.description),
                      v.map(\.count).reduce(0, +) / v.count >= 25 {
                // The widest text column of a headerless table is the activity.
                roles[c] = .description
            }
        }
        // An indicator table ("NOMBRE DEL INDICADOR | META 2026 | EJECUTADO T1 …") has no activity
        // column: each row is an indicator, and its name describes it.
        if !roles.values.contains(.description),
           let c = roles.filter({ $0.value == .indicator }).map(\.key).sorted().first(where: { c in
               let v = values(c)
               return !v.isEmpty && numericShare(c) < 0.2 && v.map(\.count).reduce(0, +) / v.count >= 10
           }) {
            roles[c] = .description
        }
        guard roles.values.contains(.description) else { return nil }
        let fieldRoles: Set<ColumnRole> = [.item, .phase, .start, .end, .responsible, .planned, .executed, .percent,
                                           .indicator, .target, .periodicity, .product, .unit, .targetQuantity]
        guard roles.values.contains(where: fieldRoles.contains) || unlabelled.count >= 1 else { return nil }
        // Two description columns: the one headed plainly "actividad(es)" wins; others are context.
        let descriptions = roles.filter { $0.value == .description }.map(\.key).sorted()
        if descriptions.count > 1 {
            for c in descriptions.dropFirst() { roles[c] = .other }
        }
        var layout = Layout(headerRows: headerRows, roles: roles, unlabelledFigures: unlabelled.count >= 2 ? Array(unlabelled.prefix(2)) : unlabelled)
        let texts = headers(grid, headerRows: headerRows, columns: table.columnCount)
        layout.measures = measureColumns(headers: texts, numericShare: numericShare)
        for (c, h) in texts.enumerated() where layout.measures[c] == nil && numericShare(c) >= 0.6 {
            guard let kind = MeasureLabel.kind(of: h), [.weight, .baseline, .accumulated].contains(kind),
                  layout.singles[kind] == nil, ColumnPeriod.period(of: h) == nil || kind == .accumulated else { continue }
            layout.singles[kind] = c
        }
        return layout
    }

    /// Each column's header, its rows joined ("META EJECUTADA – TRIMESTRES" over "1" reads as one).
    func headers(_ grid: [[String]], headerRows: Int, columns: Int) -> [String] {
        (0..<columns).map { c in
            var parts: [String] = []
            for r in 0..<headerRows where !grid[r][c].isEmpty && parts.last != grid[r][c] { parts.append(grid[r][c]) }
            return parts.joined(separator: " ")
        }
    }

    /// Columns whose header names both a measure and a period, and whose values are figures. Two
    /// columns naming the same measure and period (a merged header repeated) keep the first.
    func measureColumns(headers: [String], numericShare: (Int) -> Double) -> [Int: (kind: MeasureKind, period: String)] {
        var out: [Int: (kind: MeasureKind, period: String)] = [:]
        var seen = Set<String>()
        for (c, h) in headers.enumerated() {
            guard let period = ColumnPeriod.period(of: h), let kind = MeasureLabel.kind(of: h),
                  [.planned, .executed, .percent].contains(kind), numericShare(c) >= 0.6 else { continue }
            guard seen.insert("\(kind)|\(period)").inserted else { continue }
            out[c] = (kind, period)
        }
        return out
    }

    /// Header rows as the reader said, extended over rows that only carry more header words
    /// (a second header row under merged cells, "META TRIMESTRE 1 … RESULTADO" under "2021"), and
    /// set to one when the reader gave none but the first row is all words.
    func effectiveHeaderRows(_ table: Table, grid: [[String]]) -> Int {
        var n = table.headerRowCount
        if n == 0, let first = grid.first, isHeaderLike(first), grid.count > 1, !isHeaderLike(grid[1]) { n = 1 }
        while n > 0, n < grid.count - 1 {
            let row = grid[n]
            let filled = row.filter { !$0.isEmpty }
            let roles = filled.compactMap(ColumnRole.from(header:)).filter { $0 != .other }
            // More header words where the body has item numbers or descriptions left blank.
            guard !filled.isEmpty, filled.count < row.count, isHeaderLike(row), roles.count * 2 >= filled.count,
                  row.first?.isEmpty ?? true else { break }
            n += 1
        }
        return n
    }

    func isHeaderLike(_ row: [String]) -> Bool {
        let filled = row.filter { !$0.isEmpty }
        guard !filled.isEmpty else { return false }
        return filled.allSatisfy { cell in
            SpanishNumber.parse(cell) == nil && SpanishDate.parse(cell) == nil && cell.count <= 120
        }
    }

    // MARK: Rows

    func activity(row r: Int, table: Table, grid: [[String]], layout: Layout, index: TableCellIndex? = nil) -> Activity? {
        let index = index ?? TableCellIndex(table)
        // Merged cells that began in an earlier row stay out of the row's box.
        let cells = (0..<table.columnCount).compactMap { index.cell(r, $0) }.filter { $0.row == r }
        // Each role's first column, found in one pass: asked some twenty times per row.
        var first: [ColumnRole: Int] = [:]
        for (c, role) in layout.roles where first[role].map({ c < $0 }) ?? true { first[role] = c }
        func column(_ role: ColumnRole) -> Int? { first[role] }
        func text(_ role: ColumnRole) -> String? {
            guard let c = column(role) else { return nil }
            let t = grid[r][c].collapsedWhitespace
            return t.isEmpty ? nil : t
        }
        func source(_ c: Int) -> Source? { index.cell(r, c)?.source }
        guard let description = text(.description), description.contains(where: { $0.isLetter }) else { return nil }
        // A totals row closes the table; it is not an activity.
        if description.folded.hasPrefix("total") { return nil }

        var a = Activity(description: description)
        var fields: [String: Source] = [:]
        func note(_ field: String, _ role: ColumnRole) { if let c = column(role), let s = source(c) { fields[field] = s } }

        if let item = text(.item) { a.item = item.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)); note("item", .item) }
        if let p = text(.phase) { a.phase = PHVAPhase.parse(p); if a.phase != nil { note("phase", .phase) } }
        if let s = text(.start), let d = SpanishDate.parse(s)?.date { a.start = d; note("start", .start) }
        if let e = text(.end), let d = SpanishDate.parse(e)?.date ?? Self.yearAsDeadline(e) { a.end = d; note("end", .end) }
        if let v = text(.responsible) { a.responsible = v; note("responsible", .responsible) }
        if let v = text(.unit) { a.unit = v; note("unit", .unit) }
        if let v = text(.target) {
            // A target column of bare figures states a quantity, not a target text.
            if let n = SpanishNumber.parse(v), !n.isPercent {
                a.targetQuantity = n.value; note("target_quantity", .target)
            } else {
                a.target = v; note("target", .target)
            }
        }
        if let v = text(.indicator) { a.indicator = v; note("indicator", .indicator) }
        if let v = text(.periodicity) { a.periodicity = v; note("periodicity", .periodicity) }
        if let v = text(.planned), let n = SpanishNumber.parse(v), !n.isPercent { a.planned = n.value; note("planned", .planned) }
        if let v = text(.executed), let n = SpanishNumber.parse(v), !n.isPercent { a.executed = n.value; note("executed", .executed) }
        if let v = text(.percent), let n = SpanishNumber.parse(v) {
            a.reportedPercent = n.isPercent || n.value > 1.5 ? n.value : n.value * 100
            note("reported_percent", .percent)
        }
        // Headerless figures: first and second in page order, to be settled by arithmetic.
        let figures = layout.unlabelledFigures.compactMap { c -> (Int, Double)? in
            SpanishNumber.parse(grid[r][c]).map { (c, $0.value) }
        }
        if a.planned == nil, a.executed == nil, figures.count == 2 {
            a.planned = figures[0].1; a.executed = figures[1].1
            fields["planned"] = source(figures[0].0); fields["executed"] = source(figures[1].0)
            a.figureOrder = .unlabelled
        }
        // The target quantity: a quantity column, else the number that opens the indicator or target
        // ("Un (1) Documento …", "Dos (2) espacios …").
        if let v = text(.targetQuantity), let n = SpanishNumber.parse(v) {
            a.targetQuantity = n.value; note("target_quantity", .targetQuantity)
        } else if a.targetQuantity == nil {
            for role in [ColumnRole.indicator, .target] {
                if let v = text(role), let q = NumberWords.leadingQuantity(in: v) {
                    a.targetQuantity = Double(q.value)
                    if let c = column(role), let s = source(c) { fields["target_quantity"] = s.quoting(q.text) }
                    break
                }
            }
        }
        if let c = column(.description), let s = source(c) { fields["description"] = s }
        a.fieldSources = fields
        a.measures = measures(row: r, grid: grid, layout: layout, source: source)
        if a.planned == nil || a.executed == nil, let m = Self.reportedMeasure(a.measures) {
            // A row stated per period: its own pair is that of the period it reports on, not a target
            // of one year beside the result of another.
            // A percentage of no stated period may be of the year, the plan or the period: left out of
            // the pair rather than guessed.
            a.planned = m.planned; a.executed = m.executed; a.reportedPercent = m.reportedPercent
            for k in ["planned", "executed", "reported_percent"] { a.fieldSources[k] = m.fieldSources[k] }
        }
        for (kind, c) in layout.singles {
            guard let n = SpanishNumber.parse(grid[r][c].collapsedWhitespace) else { continue }
            switch kind {
            case .weight: a.weight = n.value; a.fieldSources["weight"] = source(c)
            case .baseline: a.baseline = n.value; a.fieldSources["baseline"] = source(c)
            case .accumulated: a.accumulated = n.value; a.fieldSources["accumulated"] = source(c)
            default: break
            }
        }
        let rowText = grid[r].enumerated().filter { i, t in !t.isEmpty && (i == 0 || t != grid[r][i - 1]) }.map { $0.1.collapsedWhitespace }
            .joined(separator: " ")
        a.source = Source.union(cells.map(\.source), text: rowText)
        return a
    }

    /// The row's figures per period, in the order the periods first appear in the table.
    func measures(row r: Int, grid: [[String]], layout: Layout, source: (Int) -> Source?) -> [Measure] {
        var byPeriod: [String: Measure] = [:]
        var order: [String] = []
        for c in layout.measures.keys.sorted() {
            let (kind, period) = layout.measures[c]!
            let text = grid[r][c].collapsedWhitespace
            guard !text.isEmpty, let n = SpanishNumber.parse(text) else { continue }
            if byPeriod[period] == nil { order.append(period); byPeriod[period] = Measure(period: period) }
            var m = byPeriod[period]!
            switch kind {
            case .planned where m.planned == nil: m.planned = n.value; m.fieldSources["planned"] = source(c)
            case .executed where m.executed == nil: m.executed = n.value; m.fieldSources["executed"] = source(c)
            case .percent where m.reportedPercent == nil:
                m.reportedPercent = n.isPercent || n.value > 1.5 ? n.value : n.value * 100
                m.fieldSources["reported_percent"] = source(c)
            default: continue
            }
            if let s = source(c) { m.source.append(s) }
            byPeriod[period] = m
        }
        return order.map { byPeriod[$0]! }
    }

    /// The period a row reports on: the latest one with a result (quarters, semesters, months and years
    /// ordered by where they end; a plan period is the row's whole span, never its report).
    static func reportedMeasure(_ measures: [Measure]) -> Measure? {
        measures.filter { $0.executed != nil && $0.planned != nil }.compactMap { m in periodEnd(m.period).map { (m, $0) } }
            .max { $0.1 < $1.1 }?.0
    }

    /// Where a contract period ends, in months from year 0: "2025-Q2" → 2025·12 + 6, "2025" → 2025·12 + 12.
    static func periodEnd(_ period: String) -> Int? {
        let parts = period.split(separator: "-")
        guard let year = Int(parts[0]), parts[0].count == 4 else { return nil }
        guard parts.count == 2 else { return year * 12 + 12 }
        let sub = parts[1]
        if let month = Int(sub) { return year * 12 + month }
        guard let kind = sub.first, let n = Int(sub.dropFirst()) else { return nil }
        switch kind {
        case "Q": return year * 12 + n * 3
        case "C": return year * 12 + n * 4
        case "H": return year * 12 + n * 6
        default: return nil
        }
    }

    /// A due date given as a year alone ("2022" under "Fecha propuesta"): the action is due within that
    /// year, so its last day. The source keeps the bare year, which tells a check the precision.
    static func yearAsDeadline(_ text: String) -> DayDate? {
        guard let n = SpanishNumber.parse(text), n.isLikelyYear else { return nil }
        return DayDate(year: Int(n.value), month: 12, day: 31)
    }
}
