import CotejoModel

/// Rules a partly ruled table implies but does not draw, added as virtual rulings before its
/// cells are built:
/// - a column rule drawn in the header only: below it, words stand clear on both sides of the
///   line with a gap no word space reaches, so the line goes on through those rows;
/// - a column with no rule at all: a strip inside a ruled column that no word of the table
///   crosses, with text on both sides in several rows;
/// - rows with no rule between them: a cell holding a stack of figures, one per line, lists
///   values of several rows (wrapped sentences never are figures line by line), so the band is
///   cut between its baselines.
enum ImpliedRulings {
    typealias Segment = RuledTableFinder.Segment
    /// A gap between words wider than this many ems separates columns, not words.
    static let columnGap = 1.0

    static func add(horizontals hs: [Segment], verticals vs: [Segment], edges: (xs: [Double], ys: [Double]),
                    words: [Word]) -> (horizontals: [Segment], verticals: [Segment]) {
        guard !words.isEmpty else { return (hs, vs) }
        var vs = vs, hs = hs
        let ys = edges.ys
        let em = max(1, Clustering.median(words.map { $0.fontSize > 0 ? $0.fontSize : $0.bbox.height * 0.8 }))
        let top = ys[0], bottom = ys[ys.count - 1]

        // Whitespace columns inside ruled columns, clear over the whole table.
        var xs = edges.xs
        for c in 0..<(xs.count - 1) {
            let slot = words.filter { $0.bbox.midX > xs[c] && $0.bbox.midX < xs[c + 1] }
            for gap in clearStrips(slot, from: xs[c], to: xs[c + 1], minWidth: columnGap * em) {
                let x = (gap.0 + gap.1) / 2
                let left = Set(slot.filter { $0.bbox.x1 <= gap.0 }.map { band($0.bbox.midY, ys) })
                let right = Set(slot.filter { $0.bbox.x0 >= gap.1 }.map { band($0.bbox.midY, ys) })
                if left.intersection(right).count >= 2 {
                    vs.append(Segment(across: x, lo: top, hi: bottom))
                }
            }
        }
        xs = (xs + vs.map(\.across)).sorted()
        xs = Clustering.centres(xs, tolerance: RuledTableFinder.snap)

        // Column rules that stop: carry them through bands where words stand well apart across them.
        for r in 0..<(ys.count - 1) {
            let bandWords = words.filter { $0.bbox.midY > ys[r] && $0.bbox.midY < ys[r + 1] }
            guard !bandWords.isEmpty else { continue }
            let lines = CellText.lines(bandWords)
            for k in 1..<max(1, xs.count - 1) {
                let x = xs[k]
                let walled = vs.contains { abs($0.across - x) <= RuledTableFinder.snap && $0.lo <= ys[r] + 1 && $0.hi >= ys[r + 1] - 1 }
                guard !walled else { continue }
                if bandWords.contains(where: { $0.bbox.x0 < x - 0.5 && $0.bbox.x1 > x + 0.5 }) { continue }
                var bothSides = false, apart = true
                for line in lines {
                    // Only the two slots beside the line: a word further off says nothing of it.
                    let l = line.filter { $0.bbox.midX < x && $0.bbox.midX > xs[k - 1] }
                    let rt = line.filter { $0.bbox.midX >= x && $0.bbox.midX < xs[k + 1] }
                    guard let a = l.last, let b = rt.first else { continue }
                    bothSides = true
                    if b.bbox.x0 - a.bbox.x1 < columnGap * em { apart = false }
                }
                if bothSides && apart { vs.append(Segment(across: x, lo: ys[r], hi: ys[r + 1])) }
            }
        }

        // Stacks of figures: cut the band between baselines.
        for r in 0..<(ys.count - 1) {
            let bandWords = words.filter { $0.bbox.midY > ys[r] && $0.bbox.midY < ys[r + 1] }
            let baselines = CellText.lines(bandWords)
            guard baselines.count >= 2 else { continue }
            var stacked = false
            for c in 0..<(xs.count - 1) {
                let lines = CellText.lines(bandWords.filter { $0.bbox.midX > xs[c] && $0.bbox.midX < xs[c + 1] })
                if lines.count == baselines.count,
                   lines.allSatisfy({ NumberText.isFigure($0.map(\.text).joined(separator: " ")) }) {
                    stacked = true; break
                }
            }
            guard stacked else { continue }
            let boxes = baselines.map { BBox.enclosing($0.map(\.bbox))! }
            for k in 1..<boxes.count where boxes[k].y0 > boxes[k - 1].y1 {
                hs.append(Segment(across: (boxes[k - 1].y1 + boxes[k].y0) / 2, lo: xs[0], hi: xs[xs.count - 1]))
            }
        }
        return (hs, vs)
    }

    /// The row band holding `y`.
    static func band(_ y: Double, _ ys: [Double]) -> Int {
        var r = 0
        while r < ys.count - 2 && y >= ys[r + 1] { r += 1 }
        return r
    }

    /// x-intervals between `lo` and `hi` that no word covers, at least `minWidth` wide, with words
    /// on both sides (the margins at a column's sides are not strips).
    static func clearStrips(_ words: [Word], from lo: Double, to hi: Double, minWidth: Double) -> [(Double, Double)] {
        let spans = words.map { ($0.bbox.x0, $0.bbox.x1) }.sorted { $0.0 < $1.0 }
        guard var current = spans.first else { return [] }
        var result: [(Double, Double)] = []
        for s in spans.dropFirst() {
            if s.0 > current.1 + minWidth { result.append((current.1, s.0)) }
            if s.0 > current.1 { current = s } else { current.1 = max(current.1, s.1) }
        }
        return result.filter { $0.0 > lo && $0.1 < hi }
    }
}
