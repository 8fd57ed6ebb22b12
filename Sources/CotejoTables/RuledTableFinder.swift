import CotejoModel

/// Tables drawn with rulings: each connected set of horizontal and vertical rulings is one grid
/// (two tables on one page stay two), grid lines come from clustering the rulings' positions, and
/// a cell is a rectangle of grid slots with no ruling between them (a missing segment is a merged
/// cell, whose spans say so). Words go to the cell holding their centre, however the text stream
/// ordered them.
enum RuledTableFinder {
    /// Rulings closer than this (points) are one grid line; a ruling reaches a crossing line when
    /// it ends within this distance of it.
    static let snap = 3.0
    /// Share of a slot's side a ruling must cover to separate two slots.
    static let wallCover = 0.6

    struct Segment { var across: Double; var lo: Double; var hi: Double }

    static func find(in text: PageText, rulings: [Ruling]) -> [TableCandidate] {
        let hs = rulings.filter(\.isHorizontal).map {
            Segment(across: ($0.y0 + $0.y1) / 2, lo: min($0.x0, $0.x1), hi: max($0.x0, $0.x1))
        }
        let vs = rulings.filter { !$0.isHorizontal }.map {
            Segment(across: ($0.x0 + $0.x1) / 2, lo: min($0.y0, $0.y1), hi: max($0.y0, $0.y1))
        }
        guard hs.count >= 2, vs.count >= 2 else { return [] }
        var tables: [TableCandidate] = []
        for (h, v) in components(hs, vs) where h.count >= 2 && v.count >= 2 {
            if let t = grid(horizontals: h, verticals: v, text: text) { tables.append(t) }
        }
        return tables
    }

    /// Groups rulings that touch or cross into connected sets (union-find).
    static func components(_ hs: [Segment], _ vs: [Segment]) -> [([Segment], [Segment])] {
        var parent = Array(0..<(hs.count + vs.count))
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for (i, h) in hs.enumerated() {
            for (j, v) in vs.enumerated()
            where v.across >= h.lo - snap && v.across <= h.hi + snap && h.across >= v.lo - snap && h.across <= v.hi + snap {
                let a = root(i), b = root(hs.count + j)
                if a != b { parent[a] = b }
            }
        }
        var groups: [Int: ([Segment], [Segment])] = [:]
        for (i, h) in hs.enumerated() { groups[root(i), default: ([], [])].0.append(h) }
        for (j, v) in vs.enumerated() { groups[root(hs.count + j), default: ([], [])].1.append(v) }
        return groups.values.sorted { ($0.0.first?.across ?? 0) < ($1.0.first?.across ?? 0) }
    }

    /// The grid of one component, or nil when it is not a table (a frame, a box around one paragraph).
    /// Grid lines from the rulings' positions; open sides (no outer vertical, or no closing
    /// horizontal) are bounded by the other rulings' ends.
    static func edges(_ hs: [Segment], _ vs: [Segment]) -> (xs: [Double], ys: [Double]) {
        var xs = Clustering.centres(vs.map(\.across), tolerance: snap)
        var ys = Clustering.centres(hs.map(\.across), tolerance: snap)
        if let left = hs.map(\.lo).min(), left < xs[0] - snap * 2 { xs.insert(left, at: 0) }
        if let right = hs.map(\.hi).max(), right > xs[xs.count - 1] + snap * 2 { xs.append(right) }
        if let top = vs.map(\.lo).min(), top < ys[0] - snap * 2 { ys.insert(top, at: 0) }
        if let bottom = vs.map(\.hi).max(), bottom > ys[ys.count - 1] + snap * 2 { ys.append(bottom) }
        return (xs, ys)
    }

    static func grid(horizontals drawnH: [Segment], verticals drawnV: [Segment], text: PageText) -> TableCandidate? {
        // Partly ruled grids (rules under the header only, columns drawn in the header only):
        // the rules the whitespace implies are added before cells are built.
        let first = edges(drawnH, drawnV)
        let frame = BBox(x0: first.xs[0], y0: first.ys[0], x1: first.xs[first.xs.count - 1], y1: first.ys[first.ys.count - 1])
        let inside = text.words.filter { $0.bbox.midX > frame.x0 && $0.bbox.midX < frame.x1 && $0.bbox.midY > frame.y0 && $0.bbox.midY < frame.y1 }
        let implied = ImpliedRulings.add(horizontals: drawnH, verticals: drawnV, edges: first, words: inside)
        let hs = implied.horizontals, vs = implied.verticals
        let (xs, ys) = edges(hs, vs)
        let nr = ys.count - 1, nc = xs.count - 1
        guard nr >= 1, nc >= 1 else { return nil }

        func covered(_ segments: [Segment], at position: Double, from lo: Double, to hi: Double) -> Bool {
            var length = 0.0
            for s in segments where abs(s.across - position) <= snap {
                length += max(0, min(s.hi, hi) - max(s.lo, lo))
            }
            return length >= wallCover * (hi - lo)
        }
        // Wall to the left of slot (r, c), c ≥ 1; wall above slot (r, c), r ≥ 1.
        var vWall = Array(repeating: Array(repeating: true, count: nc + 1), count: nr)
        var hWall = Array(repeating: Array(repeating: true, count: nc), count: nr + 1)
        for r in 0..<nr {
            for c in 1..<max(1, nc) { vWall[r][c] = covered(vs, at: xs[c], from: ys[r], to: ys[r + 1]) }
        }
        for r in 1..<max(1, nr) {
            for c in 0..<nc { hWall[r][c] = covered(hs, at: ys[r], from: xs[c], to: xs[c + 1]) }
        }

        // Cells: grow each free slot right while no wall, then down while the whole width is open.
        var taken = Array(repeating: Array(repeating: false, count: nc), count: nr)
        var rects: [(r: Int, c: Int, h: Int, w: Int)] = []
        for r in 0..<nr {
            for c in 0..<nc where !taken[r][c] {
                var w = 1
                while c + w < nc && !vWall[r][c + w] && !taken[r][c + w] { w += 1 }
                var h = 1
                grow: while r + h < nr {
                    for k in c..<(c + w) where hWall[r + h][k] || taken[r + h][k] { break grow }
                    // Keep the rectangle's sides closed where the slots below have walls inside it.
                    for k in (c + 1)..<(c + w) where vWall[r + h][k] { break grow }
                    h += 1
                }
                for i in r..<(r + h) { for k in c..<(c + w) { taken[i][k] = true } }
                rects.append((r, c, h, w))
            }
        }

        let tableBox = BBox(x0: xs[0], y0: ys[0], x1: xs[nc], y1: ys[nr])
        var wordsIn = Array(repeating: [Word](), count: rects.count)
        var slotOwner = Array(repeating: Array(repeating: -1, count: nc), count: nr)
        for (i, rect) in rects.enumerated() {
            for r in rect.r..<(rect.r + rect.h) { for c in rect.c..<(rect.c + rect.w) { slotOwner[r][c] = i } }
        }
        for w in text.words {
            var x = w.bbox.midX
            let y = w.bbox.midY
            guard x > tableBox.x0, x < tableBox.x1, y > tableBox.y0, y < tableBox.y1 else { continue }
            x = settledX(of: w, edges: xs, words: text.words)
            guard let c = slot(x, xs), let r = slot(y, ys) else { continue }
            wordsIn[slotOwner[r][c]].append(w)
        }
        var cells: [GridCell] = []
        for (i, rect) in rects.enumerated() {
            let box = BBox(x0: xs[rect.c], y0: ys[rect.r], x1: xs[rect.c + rect.w], y1: ys[rect.r + rect.h])
            cells.append(GridCell(row: rect.r, column: rect.c, rowSpan: rect.h, columnSpan: rect.w,
                                  page: text.page, box: box, words: wordsIn[i], drawn: true))
        }
        var table = TableCandidate(pages: [text.page], box: tableBox, lastBox: tableBox, columnEdges: xs,
                                   rowCount: nr, cells: cells, ruled: true)
        table = GridCompaction.compact(table)
        // A frame around a paragraph, a single row of boxes (a logo beside a title) or a single
        // column of boxes is layout, not a table of figures.
        guard table.rowCount >= 2, table.columnCount >= 2 else { return nil }
        guard table.cells.filter({ !$0.isEmpty }).count >= 3 else { return nil }
        return table
    }

    /// A short word (a bullet dash) whose centre falls on a grid line, as happens where the detected
    /// ruling is a point off the drawn one: it belongs with the word it stands next to on its line.
    static func settledX(of w: Word, edges: [Double], words: [Word]) -> Double {
        let x = w.bbox.midX
        guard let edge = edges.first(where: { abs($0 - x) <= 1.5 }) else { return x }
        let em = max(w.fontSize, w.bbox.height * 0.8, 1)
        let neighbours = words.filter { $0 != w && $0.bbox.verticalOverlap(w.bbox) >= 0.5 }
        if neighbours.contains(where: { $0.bbox.x0 >= w.bbox.x1 - 0.5 && $0.bbox.x0 - w.bbox.x1 <= em && $0.bbox.midX > edge }) {
            return edge + 0.01
        }
        if neighbours.contains(where: { $0.bbox.x1 <= w.bbox.x0 + 0.5 && w.bbox.x0 - $0.bbox.x1 <= em && $0.bbox.midX < edge }) {
            return edge - 0.01
        }
        return x
    }

    /// The slot of a position between sorted edges.
    static func slot(_ v: Double, _ edges: [Double]) -> Int? {
        guard v >= edges[0], v <= edges[edges.count - 1] else { return nil }
        var lo = 0, hi = edges.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if v < edges[mid] { hi = mid } else { lo = mid }
        }
        return lo
    }
}
