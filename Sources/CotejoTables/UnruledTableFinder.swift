import CotejoModel

/// Tables without a drawn grid: columns are the whitespace gaps that stay clear over many rows,
/// rows are baselines, and a row that only continues some cells of the row above (its key column
/// empty) is that row's wrapped text, not a row of its own.
///
/// Conservative, since a page of prose must not become a table: a region needs several rows with
/// two or more pieces (the layout splits a line only at gaps far wider than a justified word
/// space), the columns must be clear in all of its fullest rows, and two wide columns of running
/// text (a two-column page) are rejected.
enum UnruledTableFinder {
    /// Rows of a region lie at most this many row heights apart.
    static let rowGap = 1.6
    /// Rows with one piece allowed in a row inside a region (wrapped cells, section labels).
    static let maxSingleRun = 3
    /// Fewest rows with several pieces that make a region.
    static let minMultiRows = 3
    /// Narrowest gap between columns, in ems.
    static let minColumnGap = 0.5

    static func find(in text: PageText, rulings: [Ruling]) -> [TableCandidate] {
        let rows = TextRow.rows(of: text.lines)
        guard rows.count >= minMultiRows else { return [] }
        var tables: [TableCandidate] = []
        for region in regions(rows) {
            guard var t = table(rows: region.rows, above: Array(rows[..<region.start]), text: text, rulings: rulings) else { continue }
            // Records whose cells wrap over several lines come out of the row-by-row reading cut
            // into pieces; when the records can be read whole, and that gives fewer rows and no
            // fewer columns, they are the better reading.
            if let records = MultiLineRecords.table(region: region, rows: rows, text: text),
               records.rowCount < t.rowCount, records.columnCount >= t.columnCount,
               !isProse(records), !isDisplay(records) {
                t = records
            }
            tables.append(t)
        }
        return tables
    }

    // MARK: - Regions

    struct Region { var start: Int; var rows: [TextRow] }

    /// Runs of rows with several pieces, close together, allowing a few one-piece rows between.
    static func regions(_ rows: [TextRow]) -> [Region] {
        let heights = rows.map(\.height)
        let lineHeight = max(1, Clustering.median(heights))
        var result: [Region] = []
        var start: Int? = nil
        var lastMulti = -1
        var multiCount = 0
        func close() {
            if let s = start, multiCount >= minMultiRows, lastMulti >= s {
                result.append(Region(start: s, rows: Array(rows[s...lastMulti])))
            }
            start = nil; multiCount = 0
        }
        for (i, row) in rows.enumerated() {
            let multi = row.pieces.count >= 2
            if let _ = start {
                let gap = row.box.y0 - rows[i - 1].box.y1
                if gap > rowGap * max(lineHeight, min(row.height, rows[i - 1].height)) || (!multi && i - lastMulti > maxSingleRun) {
                    close()
                }
            }
            if multi {
                if start == nil { start = i }
                lastMulti = i
                multiCount += 1
            }
        }
        close()
        return result
    }

    // MARK: - Columns

    /// Column gaps: x-intervals that no word of the fullest rows covers.
    static func gaps(_ rows: [TextRow], em: Double) -> [(Double, Double)] {
        let multi = rows.filter { $0.pieces.count >= 2 }
        guard !multi.isEmpty else { return [] }
        let counts = multi.map(\.pieces.count)
        let median = Clustering.median(counts.map(Double.init))
        let dense = multi.filter { Double($0.pieces.count) >= median }
        var spans = dense.flatMap { $0.words.map { ($0.bbox.x0, $0.bbox.x1) } }.sorted { $0.0 < $1.0 }
        guard !spans.isEmpty else { return [] }
        var merged: [(Double, Double)] = [spans.removeFirst()]
        for s in spans {
            if s.0 <= merged[merged.count - 1].1 { merged[merged.count - 1].1 = max(merged[merged.count - 1].1, s.1) }
            else { merged.append(s) }
        }
        var result: [(Double, Double)] = []
        for k in 1..<merged.count {
            let g = (merged[k - 1].1, merged[k].0)
            if g.1 - g.0 >= minColumnGap * em { result.append(g) }
        }
        return result
    }

    // MARK: - Grid

    /// One row's cells: each piece split at the column gaps it does not cross; a piece that runs
    /// over a gap is one cell spanning the columns it covers.
    static func cells(of row: TextRow, gaps: [(Double, Double)], edges: [Double]) -> [(column: Int, span: Int, words: [Word])] {
        func column(_ x: Double) -> Int {
            var c = 0
            while c < edges.count - 2 && x >= edges[c + 1] { c += 1 }
            return c
        }
        var result: [(column: Int, span: Int, words: [Word])] = []
        for piece in row.pieces {
            let crosses = gaps.contains { g in piece.words.contains { $0.bbox.x0 < g.1 - 0.5 && $0.bbox.x1 > g.0 + 0.5 } }
            if crosses {
                let c0 = column(piece.words.first!.bbox.midX), c1 = column(piece.words.last!.bbox.midX)
                result.append((c0, max(1, c1 - c0 + 1), piece.words))
            } else {
                var byColumn: [Int: [Word]] = [:]
                for w in piece.words { byColumn[column(w.bbox.midX), default: []].append(w) }
                for (c, ws) in byColumn { result.append((c, 1, ws)) }
            }
        }
        // Two pieces in one column (a wide word gap inside a cell) are one cell.
        var byStart: [Int: (column: Int, span: Int, words: [Word])] = [:]
        for cell in result {
            if var existing = byStart[cell.column] {
                existing.words += cell.words
                existing.span = max(existing.span, cell.span)
                byStart[cell.column] = existing
            } else {
                byStart[cell.column] = cell
            }
        }
        return byStart.values.sorted { $0.column < $1.column }
    }

    static func table(rows regionRows: [TextRow], above: [TextRow], text: PageText, rulings: [Ruling]) -> TableCandidate? {
        let em = text.em
        let gaps = gaps(regionRows, em: em)
        guard !gaps.isEmpty else { return nil }
        var rows = regionRows
        let x0 = rows.flatMap(\.words).map(\.bbox.x0).min()!, x1 = rows.flatMap(\.words).map(\.bbox.x1).max()!
        var edges = [x0] + gaps.map { ($0.0 + $0.1) / 2 } + [x1]

        // Header lines above the body that stand over its columns (a label spanning some columns)
        // belong to it; a caption starting at the table's left edge does not.
        for row in above.reversed() {
            let gap = rows[0].box.y0 - row.box.y1
            guard gap <= rowGap * max(row.height, rows[0].height) else { break }
            guard row.box.x0 >= x0 - 2, row.box.x1 <= x1 + 2, row.pieces.count == 1,
                  row.box.x0 > edges[1] - 1 else { break }
            rows.insert(row, at: 0)
        }
        edges[0] = min(edges[0], rows.flatMap(\.words).map(\.bbox.x0).min()!)
        edges[edges.count - 1] = max(edges[edges.count - 1], rows.flatMap(\.words).map(\.bbox.x1).max()!)

        // Text rows → table rows, merging rows that continue the one above.
        var tableRows: [[(column: Int, span: Int, words: [Word])]] = []
        var rowBoxes: [BBox] = []
        for row in rows {
            let cs = cells(of: row, gaps: gaps, edges: edges)
            // A line within the height of the row above (figures centred on a two-line label)
            // belongs to it, as does a line that only continues some of its cells.
            if let last = tableRows.last, let above = rowBoxes.last,
               (row.box.y0 >= above.y0 - 0.5 && row.box.y1 <= above.y1 + 0.5)
                || continues(cs, previous: last, gap: row.box.y0 - above.y1, height: row.height) {
                var merged = last
                for c in cs {
                    if let k = merged.firstIndex(where: { c.column >= $0.column && c.column < $0.column + $0.span }) {
                        merged[k].words += c.words
                    } else {
                        merged.append(c)
                    }
                }
                tableRows[tableRows.count - 1] = merged.sorted { $0.column < $1.column }
                rowBoxes[rowBoxes.count - 1] = rowBoxes.last!.union(row.box)
            } else {
                tableRows.append(cs)
                rowBoxes.append(row.box)
            }
        }
        guard tableRows.count >= 2 else { return nil }
        var cells: [GridCell] = []
        for (r, row) in tableRows.enumerated() {
            for c in row {
                let box = BBox.enclosing(c.words.map(\.bbox))!
                cells.append(GridCell(row: r, column: c.column, columnSpan: c.span, page: text.page, box: box, words: c.words))
            }
        }
        let box = BBox(x0: edges[0], y0: rowBoxes.first!.y0, x1: edges[edges.count - 1], y1: rowBoxes.last!.y1)
        var table = TableCandidate(pages: [text.page], box: box, lastBox: box, columnEdges: edges,
                                   rowCount: tableRows.count, cells: cells, ruled: false)
        table = GridCompaction.compact(table)
        guard table.columnCount >= 2, table.rowCount >= 2, !isProse(table), !isDisplay(table) else { return nil }
        return table
    }

    /// A slide of figure boxes: big display figures among small captions ("113 %" over "Se
    /// programaron"), boxes side by side that line up by chance. Tables set their cells in one size.
    static func isDisplay(_ t: TableCandidate) -> Bool {
        let sizes = t.cells.filter { !$0.isEmpty }.map { cell in
            cell.words.map { $0.fontSize > 0 ? $0.fontSize : $0.bbox.height * 0.8 }.max() ?? 0
        }
        let median = Clustering.median(sizes)
        guard median > 0 else { return false }
        let large = sizes.filter { $0 > 1.6 * median }.count
        if large * 10 > sizes.count { return true }
        // Figure boxes beside a description box: in most rows the figures are set far larger than
        // the text beside them, where a table's row keeps one size.
        var mixed = 0, rows = 0
        for r in 0..<t.rowCount {
            let sizes = t.cells(inRow: r).filter { !$0.isEmpty }.map { cell in
                cell.words.map { $0.fontSize > 0 ? $0.fontSize : $0.bbox.height * 0.8 }.max() ?? 0
            }
            guard sizes.count >= 2, let lo = sizes.min(), lo > 0 else { continue }
            rows += 1
            if sizes.max()! >= 1.5 * lo { mixed += 1 }
        }
        return rows > 0 && mixed * 2 > rows
    }

    /// A row that only goes on with the row above: its key column empty and its other cells under
    /// cells of the row above (a wrapped description, "since 1980" under "change"), no two figures
    /// stacked (those are two rows of data), not far below. Or a key that goes on in lower case.
    static func continues(_ row: [(column: Int, span: Int, words: [Word])], previous: [(column: Int, span: Int, words: [Word])],
                          gap: Double, height: Double) -> Bool {
        guard gap <= 0.8 * height, !row.isEmpty else { return false }
        let text = row.map { CellText.text($0.words) }
        let previousColumns = Set(previous.map(\.column))
        if row[0].column == 0 {
            // A key that continues in lower case or in parentheses: alone on its line, or below a
            // key that stood alone (figures centred on a two-line label sit on its second line).
            guard row.count == 1 || (previous.count == 1 && previous[0].span == 1),
                  previous.first?.column == 0, let first = text[0].first else { return false }
            return first.isLowercase || first == "("
        }
        guard previousColumns.contains(0) || previous.first?.column ?? 1 > 0 else { return false }
        for (i, c) in row.enumerated() {
            guard let p = previous.first(where: { c.column >= $0.column && c.column < $0.column + $0.span }) else { return false }
            if NumberText.isFigure(text[i]) && NumberText.isFigure(CellText.text(p.words)) { return false }
        }
        return true
    }

    /// Two columns of running text side by side (a two-column page, a text beside a sidebar).
    static func isProse(_ t: TableCandidate) -> Bool {
        let body = t.cells.filter { !$0.isEmpty }
        guard !body.isEmpty else { return true }
        let words = body.map { $0.words.count }
        let long = words.filter { $0 >= 8 }.count
        if t.columnCount <= 2 && long * 2 >= body.count { return true }
        // Most cells long sentences: paragraphs that happen to line up.
        return long * 10 >= body.count * 7
    }
}
