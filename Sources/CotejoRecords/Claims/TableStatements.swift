import CotejoSpanish
import CotejoModel

/// What a table states besides activities: shares of a whole (a count column with its "%" column
/// over a TOTAL), changes between years (a "2018-2017" column of rates beside the 2017 and 2018
/// columns), and TOTAL rows and columns with their parts. Report tables of every kind are made of
/// these: PQRS by type, population by group, budget by eje, survey answers.
///
/// Each reading is taken only when the table itself declares it: a share needs a stated whole (a TOTAL
/// row, or percentages that add up to 100 %), and a percentage column that is the ratio of two
/// columns of its row (programado/ejecutado) is left to the activity reader.
public struct TableStatements: Sendable {
    public init() {}

    public struct Result: Sendable {
        public var claims: [Claim] = []
        public var sums: [ColumnSum] = []
    }

    /// `convention` settles figures such as "40,549" (40549 in a table whose commas group thousands).
    public func read(_ table: Table, convention: NumberConvention = .unknown) -> Result {
        var result = Result()
        guard table.rowCount >= 2, table.columnCount >= 2 else { return result }
        let grid = table.grid
        let headerRows = min(max(table.headerRowCount, Self.yearHeaderRows(table, grid: grid)), table.rowCount - 1)
        result.claims += Self.rowShares(table, grid: grid, headerRows: headerRows)
        guard table.rowCount >= 3 else { return result }
        let body = Array(headerRows..<table.rowCount)
        // Each cell's figure, read once: the readings below ask for the same cells many times (a split
        // search tries every run of columns in every row).
        let trimmed = grid.map { $0.map(\.collapsedWhitespace) }
        let parsed: [[SpanishNumber?]] = trimmed.map { $0.map { $0.isEmpty ? nil : SpanishNumber.parse($0) } }
        let figures: [[SpanishNumber?]] = zip(trimmed, parsed).map { texts, numbers in
            zip(texts, numbers).map { t, n in
                guard let n = (n ?? (t.isEmpty ? nil : Self.figureWithItsYear(t)))?.read(as: convention),
                      !n.isLikelyYear || n.isPercent else { return nil }
                return n
            }
        }
        func number(_ r: Int, _ c: Int) -> SpanishNumber? { figures[r][c] }
        func header(_ c: Int) -> String {
            var parts: [String] = []
            for r in 0..<headerRows where !grid[r][c].isEmpty && !parts.contains(grid[r][c]) { parts.append(grid[r][c]) }
            return parts.joined(separator: " ").collapsedWhitespace
        }
        let index = TableCellIndex(table)
        func source(_ r: Int, _ c: Int) -> Source? { index.cell(r, c)?.source }
        // A cell merged over several rows or columns states one figure once: sums count only the cell
        // that holds it, never the copies the grid repeats in every slot it covers.
        let singles: [[Bool]] = (0..<table.rowCount).map { r in (0..<table.columnCount).map { index.isSingle(r, $0) } }
        func single(_ r: Int, _ c: Int) -> SpanishNumber? { singles[r][c] ? number(r, c) : nil }
        // In a column of counts a figure such as 1903 is a count, not a year; a row of years only
        // ("CÓDIGO | 2015 | 2016 | 2017") is a header the reader left in the body.
        let yearRows = Set(body.filter { r in
            let figures = parsed[r].compactMap { $0 }
            return figures.count >= 2 && figures.allSatisfy(\.isLikelyYear)
        })
        func count(_ r: Int, _ c: Int) -> SpanishNumber? {
            guard singles[r][c], !yearRows.contains(r) else { return nil }
            return parsed[r][c]?.read(as: convention)
        }

        // The label of each body row: its first cell with letters.
        var labelColumn: [Int: Int] = [:]
        for r in body {
            if let c = (0..<table.columnCount).first(where: { c in
                grid[r][c].hasWordLetter && number(r, c) == nil
            }) { labelColumn[r] = c }
        }
        // Rows named by their year ("2017 | 175.407 | 165.317 | 94 %"): the year column labels them.
        if labelColumn.count < 2, body.count >= 2,
           body.allSatisfy({ parsed[$0][0]?.isLikelyYear ?? false }) {
            for r in body { labelColumn[r] = 0 }
        }
        func label(_ r: Int) -> String? { labelColumn[r].map { grid[r][$0].collapsedWhitespace } }
        var totalRows = body.filter { r in label(r).map(TotalLabel.isTotal) ?? false }
        let unlabelled = labelColumn.count < 2
        func rowLabel(_ r: Int) -> String { label(r) ?? "fila \(r - headerRows + 1)" }

        // A row of percentages under a table of counts ("% | 5% | 89% | … | 100%" below TOTAL) is the
        // counts restated as shares: it says nothing of what each column holds.
        let percentRows = Set(body.filter { r in
            let figures = (0..<table.columnCount).compactMap { number(r, $0) }
            return figures.count >= 2 && figures.filter(\.isPercent).count * 10 >= figures.count * 8
        })
        let kindRows = percentRows.count * 2 < body.count ? body.filter { !percentRows.contains($0) } : body

        // Column kinds.
        var numericColumns: [Int] = []
        var percentColumns: [Int] = []
        for c in 0..<table.columnCount {
            let cells = kindRows.filter { labelColumn[$0] != c && !grid[$0][c].isEmpty }
            guard cells.count >= 2 else { continue }
            let numbers = cells.compactMap { number($0, c) }
            guard Double(numbers.count) >= 0.7 * Double(cells.count) else { continue }
            let signed = numbers.filter(\.isPercent).count
            let h = header(c).folded
            if Double(signed) >= 0.6 * Double(numbers.count) || h == "%" || h.hasPrefix("porcentaje") || h.hasPrefix("particip") {
                percentColumns.append(c)
            } else if signed == 0 {
                numericColumns.append(c)
            }
        }

        // A table cut from its labels (a column pair set apart from the names on its left) still ends
        // in its TOTAL: a last row whose figure is the sum of every figure above it, at 100 %.
        if totalRows.isEmpty, let last = body.last, let c = numericColumns.first, let t = number(last, c) {
            let above = body.dropLast().compactMap { number($0, c)?.value }
            let pctIs100 = percentColumns.contains { number(last, $0).map { abs($0.value - 100) <= 0.5 } ?? false }
            if above.count >= 2, abs(above.reduce(0, +) - t.value) < 0.5, pctIs100 { totalRows = [last] }
        }
        if unlabelled && totalRows.isEmpty { return result }

        // TOTAL rows: each numeric or percentage column adds up to its TOTAL cell.
        for t in totalRows {
            let previousTotal = totalRows.filter { $0 < t }.max() ?? (headerRows - 1)
            let parts = body.filter { $0 > previousTotal && $0 < t && !TotalLabel.isSubtotal(rowLabel($0)) && !TotalLabel.isTotal(rowLabel($0)) }
            var rowSums: [ColumnSum] = []
            defer {
                // Every column falling short of its TOTAL is a table cut from its first rows (continued
                // from the page before), not a row of wrong totals.
                let short = rowSums.filter { $0.parts.reduce(0, +) < $0.total - 0.5 }
                if rowSums.count < 2 || short.count < rowSums.count { result.sums += rowSums }
            }
            for c in numericColumns + percentColumns {
                guard let total = single(t, c), labelColumn[t] != c else { continue }
                // A figure merged over several slots cannot be placed in one row: the sum is unsettled.
                if parts.contains(where: { !yearRows.contains($0) && parsed[$0][c] != nil && count($0, c) == nil }) { continue }
                let partCells = parts.compactMap { r in count(r, c).map { (r, $0) } }
                guard partCells.count >= 2 else { continue }
                let isPercent = percentColumns.contains(c)
                // A percentage column sums to its TOTAL only as shares of one whole: 100 % or the stated total.
                if isPercent, abs(total.value - 100) > 0.5, !Self.isShareHeader(header(c)) && headerRows > 0 && !header(c).isEmpty { continue }
                let h = header(c)
                rowSums.append(ColumnSum(
                    label: h.isEmpty ? (isPercent ? "%" : "columna \(c + 1)") : h, total: total.value,
                    parts: partCells.map(\.1.value), isPercent: isPercent,
                    source: ([source(t, c)] + partCells.map { source($0.0, c) }).compactMap { $0 }, table: table.index))
            }
        }

        // A row of percentages under a TOTAL row restates each total as a share of the one it puts at
        // 100 % ("209 | 146 | … | 180" over "100% | 70% | … | 86%").
        for t in totalRows where body.contains(t + 1) && percentRows.contains(t + 1) {
            let wholes = (0..<table.columnCount).filter { c in
                guard let p = number(t + 1, c), p.isPercent, abs(p.value - 100) < 0.01, let w = single(t, c) else { return false }
                return !w.isPercent && w.value > 0
            }
            guard let wc = wholes.first, let whole = single(t, wc) else { continue }
            for c in 0..<table.columnCount where c != wc && labelColumn[t] != c {
                guard let part = single(t, c), !part.isPercent, part.value <= whole.value,
                      let pct = number(t + 1, c), pct.isPercent else { continue }
                let h = header(c).isEmpty ? "columna \(c + 1)" : header(c)
                result.claims.append(Claim(
                    kind: .share, label: "\(rowLabel(t)): \(h)", part: part.value, whole: whole.value, reportedPercent: pct.value,
                    source: [source(t, c), source(t, wc), source(t + 1, c)].compactMap { $0 },
                    fieldSources: ["part": source(t, c), "whole": source(t, wc), "reported_percent": source(t + 1, c)].compactMapValues { $0 },
                    notes: ["whole: the TOTAL row's figure over 100 % in the row of percentages below it"]))
            }
        }

        // TOTAL columns: a column headed "total" or "global" adds up the figures left of it in its row.
        for tc in numericColumns where TotalLabel.isTotal(header(tc)) || header(tc).folded.hasPrefix("global") {
            let partsColumns = numericColumns.filter { $0 < tc && !TotalLabel.isTotal(header($0)) }
            guard partsColumns.count >= 2 else { continue }
            for r in body where !percentRows.contains(r) {
                guard let total = single(r, tc) else { continue }
                if partsColumns.contains(where: { number(r, $0) != nil && single(r, $0) == nil }) { continue }
                let l = rowLabel(r)
                let parts = partsColumns.compactMap { c in single(r, c).map { (c, $0) } }
                guard parts.count >= 2 else { continue }
                result.sums.append(ColumnSum(label: l, total: total.value, parts: parts.map(\.1.value),
                                             source: ([source(r, tc)] + parts.map { source(r, $0.0) }).compactMap { $0 },
                                             table: table.index))
            }
        }

        // Split columns may be sparse: a status that occurs once ("usuario | 6") is still a column of
        // counts. Columns with no figure at all are skipped over when runs are formed.
        let sparse = (0..<table.columnCount).filter { c in
            guard !numericColumns.contains(c), !percentColumns.contains(c) else { return false }
            let cells = kindRows.filter { labelColumn[$0] != c && !grid[$0][c].isEmpty }
            return !cells.isEmpty && cells.allSatisfy { number($0, c).map { !$0.isPercent } ?? false }
        }
        let empty = Set((0..<table.columnCount).filter { c in kindRows.allSatisfy { grid[$0][c].isEmpty } })
        result.sums += Self.splits(numericColumns: numericColumns, sparseColumns: sparse, emptyColumns: empty, rows: kindRows,
                                   header: header, single: single, rowLabel: rowLabel, source: source, table: table.index)

        // A table with a TOTAL row and a TOTAL column: its corner cell is the sum of every figure
        // inside, sparse columns included (a "P" column whose only figure the TOTAL row forgot).
        if totalRows.count == 1, let t = totalRows.first,
           let tc = numericColumns.first(where: { TotalLabel.isTotal(header($0)) }), let corner = single(t, tc), !corner.isPercent {
            let inner = (numericColumns + sparse).filter { $0 < tc && labelColumn[t] != $0 && !TotalLabel.isTotal(header($0)) }.sorted()
            let rows = body.filter { $0 < t && !percentRows.contains($0) && !TotalLabel.isSubtotal(rowLabel($0)) }
            var cells: [(Int, Int, SpanishNumber)] = []
            for r in rows { for c in inner { if let n = single(r, c), !n.isPercent { cells.append((r, c, n)) } } }
            if inner.count >= 2, rows.count >= 2, cells.count >= 4 {
                result.sums.append(ColumnSum(label: "\(rowLabel(t)) × \(header(tc)): todas las celdas", total: corner.value,
                                             parts: cells.map(\.2.value),
                                             source: ([source(t, tc)] + cells.map { source($0.0, $0.1) }).compactMap { $0 },
                                             table: table.index))
            }
        }

        // Percentage columns: shares of the column's whole, or changes between two year columns.
        for p in percentColumns {
            let h = header(p)
            if let years = Self.changeYears(h) {
                let yearColumn = { (y: Int) in numericColumns.first { header($0).folded.contains(String(y)) && Self.changeYears(header($0)) == nil } }
                guard let fromC = yearColumn(years.from), let toC = yearColumn(years.to), fromC != toC else { continue }
                for r in body {
                    guard let pct = number(r, p), let a = number(r, fromC), let b = number(r, toC) else { continue }
                    result.claims.append(Claim(
                        kind: .change, label: rowLabel(r), from: a.value, to: b.value, reportedPercent: pct.value,
                        source: [labelColumn[r].flatMap { source(r, $0) }, source(r, fromC), source(r, toC), source(r, p)].compactMap { $0 },
                        fieldSources: ["from": source(r, fromC), "to": source(r, toC), "reported_percent": source(r, p)].compactMapValues { $0 },
                        notes: ["change from \(header(fromC)) to \(header(toC))"]))
                }
                continue
            }
            guard !Self.isRowRatioHeader(h) else { continue }
            guard let c = numericColumns.filter({ $0 < p && p - $0 <= 2 }).max() else { continue }
            // A percentage that is the ratio of two figures of its row is compliance, not a share.
            let others = numericColumns.filter { $0 != c }
            let rowsWithBoth = body.filter { number($0, c) != nil && number($0, p) != nil && !totalRows.contains($0) }
            let ratioFits = others.contains { o in
                let fits = rowsWithBoth.filter { r in
                    guard let a = number(r, c), let b = number(r, o), let s = number(r, p) else { return false }
                    return [a.value / b.value, b.value / a.value].contains { abs($0 * 100 - s.value) <= 1 }
                }
                return fits.count * 2 >= max(1, rowsWithBoth.count)
            }
            if ratioFits {
                result.claims += Self.rowRatioShares(percentColumn: p, numericColumns: numericColumns, rows: body.filter { !totalRows.contains($0) },
                                                     header: header, number: number, source: source, label: { r in labelColumn[r].flatMap { source(r, $0) } },
                                                     rowLabel: rowLabel)
                continue
            }
            let total = totalRows.first { $0 > (rowsWithBoth.first ?? 0) }
            var whole: (Double, Source?, String)?
            if let t = total, let w = number(t, c) {
                whole = (w.value, source(t, c), "whole: the TOTAL row")
            } else if total == nil {
                let pcts = rowsWithBoth.compactMap { number($0, p)?.value }
                let sum = pcts.reduce(0, +)
                if pcts.count >= 2, abs(sum - 100) <= 1.5 {
                    whole = (rowsWithBoth.compactMap { number($0, c)?.value }.reduce(0, +), nil, "whole: the sum of the column")
                }
            }
            guard let (w, wSource, note) = whole, w > 0 else { continue }
            for r in rowsWithBoth where total == nil || r < total! {
                guard let part = number(r, c), let pct = number(r, p) else { continue }
                result.claims.append(Claim(
                    kind: .share, label: rowLabel(r), part: part.value, whole: w, reportedPercent: pct.value,
                    source: [labelColumn[r].flatMap { source(r, $0) }, source(r, c), source(r, p), wSource].compactMap { $0 },
                    fieldSources: ["part": source(r, c), "whole": wSource, "reported_percent": source(r, p)].compactMapValues { $0 },
                    notes: [note]))
            }
        }
        // The same read across: a row of percentages that is, column by column, one row of counts over
        // another ("INDICADOR DE GF/ICLD | 64% | 69% | 59%" under the ICLD and the GF rows).
        let countRows = body.filter { r in
            !percentRows.contains(r) && !yearRows.contains(r)
                && (0..<table.columnCount).filter { c in labelColumn[r] != c && number(r, c).map { !$0.isPercent } ?? false }.count >= 2
        }
        let figureColumns = (0..<table.columnCount).filter { c in !body.contains { labelColumn[$0] == c } }
        for p in percentRows.sorted() where countRows.count >= 2 {
            result.claims += Self.rowRatioShares(percentColumn: p, numericColumns: countRows, rows: figureColumns,
                                                 header: rowLabel, number: { number($1, $0) }, source: { source($1, $0) },
                                                 label: { c in headerRows > 0 ? source(headerRows - 1, c) : nil }, rowLabel: header)
        }
        return result
    }

    /// The most columns one split may have.
    static let maxSplit = 8

    /// Splits of a whole column: a run of adjacent count columns whose figures add up, row by row, to
    /// another column's figure ("CANT | Aprobadas | no aprobadas | en trámite | sin respuesta", "total
    /// | Rta oportuna | no oportuna | en trámite | sin respuesta"). The table declares the split by
    /// keeping it: at least three rows and two thirds of the rows with figures in the run must add up
    /// exactly. Every row with the whole and a figure in the run is then kept as a sum, so that the
    /// rows that do not add up can be told. Runs right of the whole may stand anywhere to its right;
    /// runs left of it must end next to it (its "total" column without the word).
    ///
    /// Columns of periods (years, quarters, months) are left out: whether a plan's years add up to
    /// its four-year target depends on the indicator (a rate is kept, not added), which a column
    /// header does not say.
    static func splits(numericColumns: [Int], sparseColumns: [Int], emptyColumns: Set<Int>, rows: [Int], header: (Int) -> String, single: (Int, Int) -> SpanishNumber?,
                       rowLabel: (Int) -> String, source: (Int, Int) -> Source?, table: Int) -> [ColumnSum] {
        let partColumns = (numericColumns + sparseColumns).sorted().filter { c in
            let h = header(c)
            return !TotalLabel.isTotal(h) && !SpanishNumber.scan(in: h).contains(where: \.isLikelyYear)
                && !SpanishPeriod.containsLabel(h)
        }
        // Runs of columns standing next to each other in the table.
        func adjacent(_ a: Int, _ b: Int) -> Bool { (a + 1..<b).allSatisfy(emptyColumns.contains) }
        func contiguous(_ run: ArraySlice<Int>) -> Bool { zip(run, run.dropFirst()).allSatisfy(adjacent) }
        func fits(_ whole: Double, _ sum: Double, parts: Int) -> Bool {
            abs(whole - sum) <= (abs(whole) >= 100_000 ? 0.5 * Double(parts + 1) : 1e-6 * max(1, abs(whole)))
        }
        struct Candidate { var whole: Int; var run: ArraySlice<Int>; var rows: [(Int, SpanishNumber, [(Int, SpanishNumber)])]; var ratio: Double }
        // Each column's figures by row, read once (NaN where a cell has none): the search below tries
        // every run of columns in every row, so it works on plain numbers and running sums.
        let width = ((numericColumns + partColumns).max() ?? -1) + 1
        var values = [[Double]](repeating: [], count: width)
        for c in Set(numericColumns + partColumns) { values[c] = rows.map { single($0, c)?.value ?? .nan } }
        // Every row with the whole and a figure in the run, kept once the run is accepted.
        func kept(_ w: Int, _ run: ArraySlice<Int>) -> [(Int, SpanishNumber, [(Int, SpanishNumber)])] {
            rows.compactMap { r in
                guard let whole = single(r, w) else { return nil }
                let parts = run.compactMap { c in single(r, c).map { (c, $0) } }
                return parts.isEmpty ? nil : (r, whole, parts)
            }
        }
        var candidates: [Candidate] = []
        for w in numericColumns {
            let whole = values[w]
            // Zeros add up to zero whatever the columns mean: only a figure is evidence. A row with a
            // figure to split and none of the run's figures counts against the run.
            let wholes = whole.filter { $0 > 0 }.count
            guard wholes >= 3 else { continue }
            func accepted(_ fitting: Int) -> Bool { fitting >= 3 && fitting * 3 >= wholes * 2 }
            // The fewest fitting rows a run needs (see `accepted`). The searches below stop once no
            // run can reach it with the rows left: on a sheet of unrelated columns that is after a
            // third of its rows, and the candidates found are the same.
            let needed = max(3, (wholes * 2 + 2) / 3)
            // Runs right of the whole: right[a...b], up to `maxSplit` columns standing next to each
            // other (which keeps the search linear in the table's rows on sheets of many columns).
            let right = partColumns.filter { $0 > w }
            let last: [Int] = right.indices.map { a in
                var b = a
                while b + 1 < right.count, b + 1 - a < Self.maxSplit, adjacent(right[b], right[b + 1]) { b += 1 }
                return b
            }
            var fitting = [[Int]](repeating: [Int](repeating: 0, count: Self.maxSplit), count: right.count)
            var wholesLeft = wholes
            for i in rows.indices where whole[i] > 0 {
                if wholesLeft % 64 == 0, fitting.lazy.map({ $0.max() ?? 0 }).max() ?? 0 < needed - wholesLeft { break }
                wholesLeft -= 1
                for a in right.indices where last[a] > a {
                    var sum = 0.0, parts = 0
                    for b in a...last[a] {
                        let v = values[right[b]][i]
                        if !v.isNaN { sum += v; parts += 1 }
                        if b > a, parts > 0, fits(whole[i], sum, parts: parts) { fitting[a][b - a] += 1 }
                    }
                }
            }
            for a in right.indices where last[a] > a {
                for b in a + 1...last[a] where accepted(fitting[a][b - a]) {
                    candidates.append(Candidate(whole: w, run: right[a...b], rows: kept(w, right[a...b]),
                                                ratio: Double(fitting[a][b - a]) / Double(wholes)))
                }
            }
            // A column headed TOTAL already adds up the columns left of it (above).
            let left = partColumns.filter { $0 < w }
            if let end = left.last, adjacent(end, w), !TotalLabel.isTotal(header(w)), !header(w).folded.hasPrefix("global") {
                for a in left.indices where a + 1 <= left.count - 1 && left.count - a <= Self.maxSplit {
                    let run = left[a...]
                    guard contiguous(run) else { continue }
                    var count = 0, wholesLeft = wholes
                    for i in rows.indices where whole[i] > 0 {
                        if count + wholesLeft < needed { break }
                        wholesLeft -= 1
                        var sum = 0.0, parts = 0
                        for c in run where !values[c][i].isNaN { sum += values[c][i]; parts += 1 }
                        if parts > 0, fits(whole[i], sum, parts: parts) { count += 1 }
                    }
                    if accepted(count) {
                        candidates.append(Candidate(whole: w, run: run, rows: kept(w, run), ratio: Double(count) / Double(wholes)))
                    }
                }
            }
        }
        // The best-kept splits first (then the longer): a run that holds in every row ("SIAU + USUARIO")
        // is not swallowed by a longer one that holds in fewer. A column belongs to one split, and a
        // run splits one whole (the first, leftmost, when two columns hold the same figures).
        var out: [ColumnSum] = []
        var usedColumns = Set<Int>()
        for c in candidates.sorted(by: { $0.ratio != $1.ratio ? $0.ratio > $1.ratio : ($0.run.count != $1.run.count ? $0.run.count > $1.run.count : $0.whole < $1.whole) }) {
            guard usedColumns.isDisjoint(with: c.run) else { continue }
            usedColumns.formUnion(c.run)
            let names = c.run.map(header).filter { !$0.isEmpty }.joined(separator: " + ")
            for (r, whole, parts) in c.rows where parts.count >= 2 || !fits(whole.value, parts[0].1.value, parts: 1) {
                out.append(ColumnSum(label: "\(rowLabel(r)): \(header(c.whole)) = \(names)", total: whole.value,
                                     parts: parts.map(\.1.value),
                                     source: ([source(r, c.whole)] + parts.map { source(r, $0.0) }).compactMap { $0 }, table: table))
            }
        }
        return out
    }

    /// A percentage column that is, row by row, the ratio of two other columns of counts: "AÑO |
    /// POBLACIÓN DANE | NÚMERO DE AFILIADOS | PORCENTAJE DE AFILIACIÓN" over "2017 | 175.407 | 165.317 |
    /// 94 %". The pair is the one that gives the stated percentage in at least two thirds of the rows
    /// (three rows at least), the smaller figure over the larger; then every row is a share claim, so
    /// that a row the pair does not give is told. Columns of targets and results are left to the
    /// activity reader: their ratio is compliance, read with its activity.
    static func rowRatioShares(percentColumn p: Int, numericColumns: [Int], rows: [Int], header: (Int) -> String,
                               number: (Int, Int) -> SpanishNumber?, source: (Int, Int) -> Source?,
                               label: (Int) -> Source?, rowLabel: (Int) -> String) -> [Claim] {
        let counts = numericColumns.filter { c in
            let kind = MeasureLabel.kind(of: header(c))
            return kind != .planned && kind != .executed && kind != .budgetPlanned && kind != .budgetExecuted && kind != .percent
        }
        var best: (part: Int, whole: Int, fits: Int, rows: [Int])?
        for part in counts {
            for whole in counts where whole != part {
                let rs = rows.filter { number($0, part) != nil && number($0, whole) != nil && number($0, p) != nil }
                let fits = rs.filter { r in
                    let a = number(r, part)!.value, b = number(r, whole)!.value, s = number(r, p)!.value
                    return b > 0 && a <= b && abs(a / b * 100 - s) <= 1
                }.count
                if rs.count >= 3, fits * 3 >= rs.count * 2, fits > (best?.fits ?? 0) { best = (part, whole, fits, rs) }
            }
        }
        guard let best else { return [] }
        return best.rows.compactMap { r in
            guard let a = number(r, best.part), let b = number(r, best.whole), let s = number(r, p), b.value > 0 else { return nil }
            return Claim(kind: .share, label: "\(rowLabel(r)): \(header(best.part))", part: a.value, whole: b.value, reportedPercent: s.value,
                         source: [label(r), source(r, best.part), source(r, best.whole), source(r, p)].compactMap { $0 },
                         fieldSources: ["part": source(r, best.part), "whole": source(r, best.whole), "reported_percent": source(r, p)].compactMapValues { $0 },
                         notes: ["the percentages are \(header(best.part)) over \(header(best.whole)) in \(best.fits) of \(best.rows.count) places"])
        }
    }

    /// A figure with the year it stands for written beside it, in one cell: "175.407 año 2016",
    /// "181.493 (2018)", "2.664.538 vigencia 2019". The figure is the cell's value; the year is a
    /// caption (which year a figure carries is `period.label_mismatch`'s to hold).
    static func figureWithItsYear(_ text: String) -> SpanishNumber? {
        // A year alone has four digits: the text cells of a sheet, most with none, are passed over.
        guard text.utf8.lazy.filter({ $0 >= 0x30 && $0 <= 0x39 }).count >= 4 else { return nil }
        let numbers = SpanishNumber.scan(in: text)
        let figures = numbers.filter { !$0.isLikelyYear }
        guard figures.count == 1, numbers.count == 2 else { return nil }
        var rest = text
        for n in numbers.reversed() { rest.removeSubrange(n.range) }
        let words = rest.folded.split { !$0.isLetter }
        return words.allSatisfy { ["ano", "vigencia", "de", "del", "corte", "a", "al"].contains(String($0)) } ? figures[0] : nil
    }

    /// Shares laid out across a row: "SI | % | NO | % | NS/NR | %" over "24 | 66,67 | 9 | 25 | 3 | 8,333".
    /// Each count is followed by its percentage; the whole is the sum of the counts, taken only when
    /// the percentages add up to 100 (the row declares itself a distribution).
    static func rowShares(_ table: Table, grid: [[String]], headerRows: Int) -> [Claim] {
        guard headerRows >= 1 || table.rowCount >= 2 else { return [] }
        var out: [Claim] = []
        let labelsRow = max(0, headerRows - 1)
        let index = TableCellIndex(table)
        for r in (labelsRow + 1)..<table.rowCount {
            let cells = (0..<table.columnCount).map { grid[r][$0].collapsedWhitespace }
            let headers = (0..<table.columnCount).map { grid[labelsRow][$0].collapsedWhitespace }
            var pairs: [(label: String, count: Double, pct: Double, c: Int, p: Int)] = []
            var c = 0
            while c + 1 < table.columnCount {
                if headers[c + 1] == "%", !headers[c].isEmpty, headers[c] != "%",
                   let n = SpanishNumber.parse(cells[c]), !n.isPercent, let s = SpanishNumber.parse(cells[c + 1]) {
                    pairs.append((headers[c], n.value, s.value, c, c + 1)); c += 2
                } else { c += 1 }
            }
            guard pairs.count >= 2, abs(pairs.map(\.pct).reduce(0, +) - 100) <= 1.5 else { continue }
            let whole = pairs.map(\.count).reduce(0, +)
            guard whole > 0 else { continue }
            for p in pairs {
                let src = [index.cell(labelsRow, p.c)?.source, index.cell(r, p.c)?.source,
                           index.cell(r, p.p)?.source].compactMap { $0 }
                out.append(Claim(kind: .share, label: p.label, part: p.count, whole: whole, reportedPercent: p.pct, source: src,
                                 fieldSources: ["part": index.cell(r, p.c)?.source,
                                                "reported_percent": index.cell(r, p.p)?.source].compactMapValues { $0 },
                                 notes: ["whole: the sum of the row's counts"]))
            }
        }
        return out
    }

    /// A first row the reader did not mark as header but that only names years and spans of years
    /// ("2017 | 2018 | 2019 | 2018-2017") over rows of figures: the header of a table of amounts.
    static func yearHeaderRows(_ table: Table, grid: [[String]]) -> Int {
        guard table.headerRowCount == 0, table.rowCount >= 3 else { return 0 }
        let first = grid[0].map(\.collapsedWhitespace).filter { !$0.isEmpty }
        guard first.count >= 2 else { return 0 }
        let yearish = first.filter { cell in
            let numbers = SpanishNumber.scan(in: cell)
            return !numbers.isEmpty && numbers.allSatisfy(\.isLikelyYear) || changeYears(cell) != nil
        }
        let words = first.filter { SpanishNumber.parse($0) == nil && $0.contains(where: \.isLetter) && changeYears($0) == nil }
        guard yearish.count >= 2, yearish.count + words.count == first.count else { return 0 }
        let figures = grid[1].filter { SpanishNumber.parse($0.collapsedWhitespace).map { !$0.isLikelyYear } ?? false }
        return figures.count >= 2 ? 1 : 0
    }

    /// Headers of a column of shares of a whole: "%", "porcentaje", "participación".
    static func isShareHeader(_ s: String) -> Bool {
        let f = s.folded
        return f == "%" || f.hasPrefix("porcentaje") || f.hasPrefix("particip") || f.hasPrefix("% part")
    }

    /// Headers of a percentage that compares two figures of its row (compliance), not a share.
    static func isRowRatioHeader(_ s: String) -> Bool {
        let f = s.folded
        return ["cumplimiento", "avance", "ejecucion", "eficacia", "logro", "variacion", "crecimiento", "incremento"]
            .contains { f.contains($0) }
    }

    /// "2018-2017", "Var. 2019/2018", "2017 a 2018": a rate of change between two years.
    static func changeYears(_ s: String) -> (from: Int, to: Int)? {
        let years = SpanishNumber.scan(in: s).filter { $0.isLikelyYear }.map { Int($0.value) }
        let digits = s.split(whereSeparator: { !$0.isNumber }).compactMap { CalendarYear.of($0) }
        let ys = Array(Set(years + digits)).sorted()
        guard ys.count == 2 else { return nil }
        return (ys[0], ys[1])
    }
}
