import CotejoModel

/// Joins a table that runs over a page break into one table.
///
/// The part on the next page continues the previous part when the previous part is the last body
/// content of its page, the next part is the first body content of its page (furniture such as a
/// running header or an approval block in the footer does not count: its words never reach the
/// tables), and both have the same columns at the same x-positions. A header repeated on the next
/// page is dropped; a row cut by the page break (its first, key column empty, or continuing a
/// sentence in lower case) is merged into the row it continues, the cells keeping the text of both
/// parts and the source of the first.
enum TableStitcher {
    /// How far column edges may move between pages, in points: a drawn grid prints at the same x on
    /// every page; columns found by alignment wander with the words.
    static let ruledTolerance = 6.0
    static let unruledTolerance = 14.0

    static func stitch(_ perPage: [[TableCandidate]], pages: [Page]) -> [TableCandidate] {
        var result: [TableCandidate] = []
        var open: Int? = nil            // the table that ended the previous page
        var previousText: PageText? = nil
        for (p, tables) in perPage.enumerated() {
            let text = PageText(pages[p])
            if let o = open, let prev = previousText, pages[p].number == prev.page + 1 {
                result[o] = attachSpilledRows(to: result[o], from: text, above: tables.first?.box.y0 ?? .infinity)
            }
            for (k, t) in tables.enumerated() {
                if k == 0, let o = open, let prev = previousText, pages[p].number == prev.page + 1,
                   startsPage(t, text), let joined = join(result[o], t) {
                    result[o] = joined
                } else {
                    result.append(t)
                }
            }
            open = nil
            if let last = tables.last, endsPage(last, text) {
                open = result.count - 1
            }
            previousText = text
        }
        return result
    }

    /// No body word below the table on its page.
    static func endsPage(_ t: TableCandidate, _ text: PageText) -> Bool {
        !text.words.contains { $0.bbox.y0 > t.lastBox.y1 + 1 }
    }

    /// No body word above the table on its page.
    static func startsPage(_ t: TableCandidate, _ text: PageText) -> Bool {
        !text.words.contains { $0.bbox.y1 < t.box.y0 - 1 }
    }

    /// Same number of columns, edges within tolerance.
    static func sameColumns(_ a: TableCandidate, _ b: TableCandidate) -> Bool {
        guard a.columnCount == b.columnCount else { return false }
        let tolerance = a.ruled && b.ruled ? ruledTolerance : unruledTolerance
        return zip(a.columnEdges, b.columnEdges).allSatisfy { abs($0 - $1) <= tolerance }
    }

    /// Row `row` of `b` repeats header row `headerRow` of `a`: every text it has is the text `a`
    /// has in that column (a header cell lost on one page, like a year taken for a page number,
    /// does not make it a different header).
    static func repeatsHeader(_ b: TableCandidate, row: Int, _ a: TableCandidate, headerRow: Int) -> Bool {
        let cells = b.cells(inRow: row).filter { !$0.isEmpty }
        guard !cells.isEmpty else { return false }
        return cells.allSatisfy { c in
            (c.column..<(c.column + c.columnSpan)).contains { col in
                a.cell(row: headerRow, column: col).map { $0.text.folded == c.text.folded } ?? false
            }
        }
    }

    /// The two parts as one table, or nil when `b` does not continue `a`.
    static func join(_ a: TableCandidate, _ b: TableCandidate) -> TableCandidate? {
        guard sameColumns(a, b) else { return nil }
        // Drop the repeated header; a different header starts a different table.
        var skip = 0
        while skip < a.headerRowCount, skip < b.rowCount, repeatsHeader(b, row: skip, a, headerRow: skip) { skip += 1 }
        if skip == 0 && b.headerRowCount > 0 { return nil }
        // A header row of `b` that is not `a`'s.
        if skip > 0 && skip < b.headerRowCount { return nil }
        var rest = b.cells.filter { $0.row >= skip }
        guard !rest.isEmpty else { return a }
        for i in rest.indices { rest[i].row -= skip }
        let bRows = b.rowCount - skip

        var joined = a
        var offset = a.rowCount
        if a.rowCount > a.headerRowCount, isCutRow(first: rest.filter { $0.row == 0 }, lastOf: a) {
            let last = a.rowCount - 1
            for c in rest where c.row == 0 {
                if let i = joined.cells.firstIndex(where: { $0.covers(row: last, column: c.column) }) {
                    var m = joined.cells[i]
                    if !c.text.isEmpty {
                        m.text = m.text.isEmpty ? c.text : m.text + " " + c.text
                        m.words += c.words
                    }
                    if m.row + m.rowSpan - 1 == last { m.rowSpan += c.rowSpan - 1 }
                    if m.text == c.text { m.page = c.page; m.box = c.box }
                    joined.cells[i] = m
                } else {
                    var moved = c
                    moved.row = last
                    joined.cells.append(moved)
                }
            }
            rest.removeAll { $0.row == 0 }
            offset = a.rowCount - 1
        }
        for var c in rest {
            c.row += offset
            joined.cells.append(c)
        }
        joined.rowCount = offset + bRows
        joined.pages.append(contentsOf: b.pages.filter { !joined.pages.contains($0) })
        joined.lastBox = b.lastBox
        return joined
    }

    /// A table's last rows pushed alone onto the next page ("Total 55 44 10 39 16" at the top of it)
    /// are too few to be found as a table there. They are its rows when they are the first body lines
    /// of the page, above any table of that page, and read as rows of this table: every word within
    /// its columns, each figure alone in its cell, and at least two figures. At most `maxSpilledRows`
    /// are taken, and only below a table with two body rows or more: a longer remainder is a table of
    /// its own, which `join` handles.
    static let maxSpilledRows = 3

    static func attachSpilledRows(to a: TableCandidate, from text: PageText, above limit: Double) -> TableCandidate {
        guard a.rowCount - a.headerRowCount >= 2, let left = a.columnEdges.first, let right = a.columnEdges.last else { return a }
        let words = text.words.filter { $0.bbox.y1 < limit }.sorted { $0.bbox.y0 < $1.bbox.y0 }
        var bands: [[Word]] = []
        for w in words {
            if let last = bands.last?.last, w.bbox.y0 < last.bbox.midY { bands[bands.count - 1].append(w) } else { bands.append([w]) }
            if bands.count > maxSpilledRows + 1 { break }
        }
        var joined = a
        let tolerance = a.ruled ? ruledTolerance : unruledTolerance
        for band in bands.prefix(maxSpilledRows) {
            guard band.allSatisfy({ $0.bbox.x0 >= left - tolerance && $0.bbox.x1 <= right + tolerance }) else { break }
            var byColumn: [Int: [Word]] = [:]
            for w in band.sorted(by: { $0.bbox.x0 < $1.bbox.x0 }) {
                let column = a.columnEdges.dropLast().lastIndex { $0 <= w.bbox.midX } ?? 0
                byColumn[column, default: []].append(w)
            }
            let cells = byColumn.sorted { $0.key < $1.key }.compactMap { column, ws in
                BBox.enclosing(ws.map(\.bbox)).map { GridCell(row: joined.rowCount, column: column, page: text.page, box: $0, words: ws) }
            }
            // A figure sharing its column with other words ("realizaron 55": a sentence), or fewer than
            // two figures: not a row of this table.
            let figures = cells.map { $0.words.filter { NumberText.isFigure($0.text) }.count }
            guard zip(cells, figures).allSatisfy({ $1 == 0 || $0.words.count == 1 }), figures.reduce(0, +) >= 2,
                  let box = BBox.enclosing(cells.map(\.box)) else { break }
            joined.cells += cells
            joined.rowCount += 1
            if !joined.pages.contains(text.page) { joined.pages.append(text.page) }
            joined.lastBox = box
        }
        return joined
    }

    /// The first row on the next page continues the last row of the previous page: its key column
    /// is empty, or its key text goes on with a lower-case word where the previous one did not end
    /// a sentence. A row with a key of its own ("8", "Definir…") is a new row.
    static func isCutRow(first: [GridCell], lastOf a: TableCandidate) -> Bool {
        let texts = first.filter { !$0.isEmpty }
        guard !texts.isEmpty else { return false }
        guard let key = first.first(where: { $0.column == 0 }), !key.isEmpty else { return true }
        guard let previousKey = a.cell(row: a.rowCount - 1, column: 0), !previousKey.isEmpty else { return false }
        let startsLower = key.text.first?.isLowercase == true
        let previousEnds = previousKey.text.last.map { ".:;".contains($0) } ?? true
        return startsLower && !previousEnds
    }
}
