import CotejoModel

/// Unruled tables whose records wrap over several lines: a description on three lines beside an
/// item number, dates and figures set once, often centred on the record's height. Read baseline by
/// baseline, such a record falls apart into rows that each hold a piece of every cell, and narrow
/// columns set a space apart ("No." beside "Acción", two dates) merge.
///
/// Here columns come from the whitespace that every body line leaves clear, however narrow, and
/// rows from records: a key column whose cells are one line each (the item number, a figure)
/// anchors one record per cell, and every other line goes to the record whose band it lies in. The
/// band edges are the widest horizontal whitespace between two anchors, since the space between
/// records (cell padding) is wider than the leading between a cell's lines.
///
/// The reading is refused (nil) when the page does not fit this shape: no key column, a line that
/// sits across a record boundary, or a cell whose lines do not stand together.
enum MultiLineRecords {
    /// Narrowest column gutter, in ems: about a space, as Chromium sets cell padding.
    static let minGutter = 0.2
    /// Rows at the top of a region that may cross a gutter (a header label wider than its column).
    static let maxHeaderRows = 3
    /// Lines outside the region (above or below) that may continue its cells.
    static let maxExtension = 3

    /// One visual line of one column.
    struct CellLine {
        var column: Int
        var box: BBox
        var words: [Word]
    }

    static func table(region: UnruledTableFinder.Region, rows all: [TextRow], text: PageText) -> TableCandidate? {
        let rows = region.rows
        guard rows.count >= 5 else { return nil }
        let em = text.em
        let headerRows = min(maxHeaderRows, rows.count / 3)
        let gutters = gutters(body: Array(rows[headerRows...]), em: em)
        guard !gutters.isEmpty else { return nil }
        let words = rows.flatMap(\.words)
        var x0 = words.map(\.bbox.x0).min()!, x1 = words.map(\.bbox.x1).max()!
        let edges = { (x0: Double, x1: Double) in [x0] + gutters.map { ($0.0 + $0.1) / 2 } + [x1] }
        func column(_ w: Word) -> Int {
            let e = edges(x0, x1)
            var c = 0
            while c < e.count - 2 && w.bbox.midX >= e[c + 1] { c += 1 }
            return c
        }
        var lines = cellLines(rows.flatMap(\.pieces), column: column)
        let lineHeight = max(1, Clustering.median(words.map(\.bbox.height)))

        // Leading within a cell: the common gap between a column's consecutive lines. Records
        // stand further apart than that by their cells' padding.
        var gaps: [Double] = []
        for c in 0...gutters.count {
            let col = lines.filter { $0.column == c }.sorted { $0.box.y0 < $1.box.y0 }
            for k in col.indices.dropFirst() { gaps.append(col[k].box.y0 - col[k - 1].box.y1) }
        }
        guard gaps.count >= 4 else { return nil }
        let sortedGaps = gaps.sorted()
        let leading = sortedGaps[sortedGaps.count / 4] + max(1.0, 0.1 * lineHeight)

        // Lines just outside the region that go on with a cell of it (the last lines of a record
        // whose key sits higher up, the first of a record whose key sits lower down).
        func continues(_ row: TextRow, below: Bool) -> [CellLine]? {
            guard row.box.x0 >= x0 - 2, row.box.x1 <= x1 + 2 else { return nil }
            for w in row.words where gutters.contains(where: { w.bbox.x0 < $0.1 - 0.5 && w.bbox.x1 > $0.0 + 0.5 }) { return nil }
            let new = cellLines(row.pieces, column: column)
            for l in new {
                let near = lines.contains { o in
                    o.column == l.column
                        && (below ? l.box.y0 - o.box.y1 : o.box.y0 - l.box.y1) <= leading
                        && (below ? l.box.y0 - o.box.y1 : o.box.y0 - l.box.y1) >= -0.5 * lineHeight
                }
                guard near else { return nil }
            }
            return new
        }
        let end = region.start + rows.count
        for r in all.indices.dropFirst(end).prefix(maxExtension) {
            guard let new = continues(all[r], below: true) else { break }
            lines += new
        }
        for r in all.indices.prefix(region.start).reversed().prefix(maxExtension) {
            guard let new = continues(all[r], below: false) else { break }
            lines += new
        }
        x0 = min(x0, lines.map(\.box.x0).min()!)
        x1 = max(x1, lines.map(\.box.x1).max()!)

        // The key column: cells of one line each (after a header that may wrap), the most of them,
        // the leftmost on a tie.
        var key: (column: Int, blocks: [BBox])? = nil
        for c in 0...gutters.count {
            let col = lines.filter { $0.column == c }.sorted { $0.box.y0 < $1.box.y0 }
            guard !col.isEmpty else { continue }
            var blocks: [(box: BBox, count: Int)] = [(col[0].box, 1)]
            for l in col.dropFirst() {
                if l.box.y0 - blocks[blocks.count - 1].box.y1 <= leading {
                    blocks[blocks.count - 1].box = blocks[blocks.count - 1].box.union(l.box)
                    blocks[blocks.count - 1].count += 1
                } else {
                    blocks.append((l.box, 1))
                }
            }
            guard blocks.count >= 3, blocks.dropFirst().allSatisfy({ $0.count == 1 }) else { continue }
            if key == nil || blocks.count > key!.blocks.count { key = (c, blocks.map(\.box)) }
        }
        guard let key else { return nil }

        // Record boundaries: between two anchors, the widest band no line crosses.
        let spans = lines.map { ($0.box.y0, $0.box.y1) }
        var boundaries: [Double] = []
        for k in key.blocks.indices.dropFirst() {
            let lo = key.blocks[k - 1].y1, hi = key.blocks[k].y0
            guard let band = widestFreeBand(spans, from: lo, to: hi) else { return nil }
            boundaries.append(band)
        }
        // A header over an empty key cell: lines above the first anchor, apart from it by more
        // than the leading, are a record of their own.
        let top = lines.map(\.box.y0).min()!
        if top < key.blocks[0].y0 - 0.5 * lineHeight,
           let band = widestFreeBand(spans, from: top, to: key.blocks[0].y0, minWidth: leading) {
            boundaries.insert(band, at: 0)
        }
        func record(_ l: CellLine) -> Int { boundaries.filter { l.box.midY > $0 }.count }

        // Every cell's lines stand together: no gap wider than the leading inside one record.
        let recordCount = boundaries.count + 1
        var cellWords: [[Int: [Word]]] = Array(repeating: [:], count: recordCount)
        var cellLinesBy: [[Int: [CellLine]]] = Array(repeating: [:], count: recordCount)
        for l in lines {
            let r = record(l)
            cellWords[r][l.column, default: []] += l.words
            cellLinesBy[r][l.column, default: []].append(l)
        }
        for r in 0..<recordCount {
            for (_, ls) in cellLinesBy[r] {
                let s = ls.sorted { $0.box.y0 < $1.box.y0 }
                for k in s.indices.dropFirst() where s[k].box.y0 - s[k - 1].box.y1 > leading { return nil }
            }
        }

        var cells: [GridCell] = []
        for r in 0..<recordCount {
            for (c, ws) in cellWords[r] {
                cells.append(GridCell(row: r, column: c, page: text.page, box: BBox.enclosing(ws.map(\.bbox))!, words: ws))
            }
        }
        let box = BBox(x0: x0, y0: top, x1: x1, y1: lines.map(\.box.y1).max()!)
        let table = TableCandidate(pages: [text.page], box: box, lastBox: box, columnEdges: edges(x0, x1),
                                   rowCount: recordCount, cells: cells, ruled: false)
        let compact = GridCompaction.compact(table)
        guard compact.columnCount >= 2, compact.rowCount >= 2 else { return nil }
        return compact
    }

    /// Column gutters: x-ranges, at least `minGutter` ems wide, that no word of the body rows
    /// covers, between the body's first and last word. Header rows are left out, so a label wider
    /// than its column ("programada" over "12") does not close the gap beside it.
    static func gutters(body: [TextRow], em: Double) -> [(Double, Double)] {
        let spans = body.flatMap { $0.words.map { ($0.bbox.x0, $0.bbox.x1) } }.sorted { $0.0 < $1.0 }
        guard var reach = spans.first?.1 else { return [] }
        var result: [(Double, Double)] = []
        for s in spans.dropFirst() {
            if s.0 - reach >= minGutter * em { result.append((reach, s.0)) }
            reach = max(reach, s.1)
        }
        return result
    }

    /// The pieces' words by column, one cell line per column and visual line.
    /// A word joins the first line of its column whose band it overlaps, however far back.
    static func cellLines(_ pieces: [TextLine], column: (Word) -> Int) -> [CellLine] {
        pieces.flatMap(\.words).map { (word: $0, column: column($0)) }
            .visualRows(box: \.word.bbox, anchor: .band, lookBack: .max, choosing: .earliest, admits: { line, w in line[0].column == w.column })
            .map { line in
                CellLine(column: line[0].column, box: line.dropFirst().reduce(line[0].word.bbox) { $0.union($1.word.bbox) },
                         words: line.map(\.word))
            }
    }

    /// The middle of the widest y-range within (lo, hi) that no span crosses; among bands about as
    /// wide, the one nearest the middle of (lo, hi). Nil when there is none at least `minWidth` wide.
    static func widestFreeBand(_ spans: [(Double, Double)], from lo: Double, to hi: Double, minWidth: Double = 0) -> Double? {
        guard hi > lo else { return nil }
        let inside = spans.filter { $0.1 > lo && $0.0 < hi }.sorted { $0.0 < $1.0 }
        var bands: [(Double, Double)] = []
        var reach = lo
        for s in inside {
            if s.0 > reach { bands.append((reach, s.0)) }
            reach = max(reach, s.1)
        }
        if hi > reach { bands.append((reach, hi)) }
        let width = bands.map { $0.1 - $0.0 }.max() ?? 0
        guard width > minWidth, width > 0 else { return nil }
        let mid = (lo + hi) / 2
        let best = bands.filter { $0.1 - $0.0 >= width - 0.5 }.min { abs(($0.0 + $0.1) / 2 - mid) < abs(($1.0 + $1.1) / 2 - mid) }!
        return (best.0 + best.1) / 2
    }
}
