import Foundation
import CotejoModel

/// Finds the straight lines drawn on a page (table rulings) by rendering it and looking for long,
/// thin runs of pixels that differ from what lies on both sides of them.
///
/// poppler-glib exposes no drawing operations, so the picture is the only way in. A pixel belongs
/// to a thin horizontal line when, within a few pixels above *and* below it, the page is clearly
/// lighter (a dark rule on paper) or clearly darker (a white gap between coloured cells, as slide
/// tables draw them). Comparing with the neighbours rather than with pure white keeps rules that
/// cross a shaded header row. Runs of such pixels long enough become rulings; glyph strokes are
/// too short, or lie inside one glyph's box and are dropped.
enum RulingDetector {
    /// Pixels per point; lowered for large pages so a render stays under `maxSide` pixels.
    static let preferredScale = 2.0
    static let maxSide = 2000.0
    /// Shortest ruling kept, in points.
    static let minLength = 10.0

    /// How a line is told from what lies beside it.
    struct LineSearch {
        /// Levels (0–255) a line must differ from both sides to count.
        var contrast: Int
        /// Whether white lines between coloured cells count (slide tables draw grids that way).
        var lightLines: Bool
        /// Shortest run of line pixels on one row or column, in points.
        var minimumRun: Double
    }

    /// A rendered page: crisp rules, dark on paper or white between coloured cells.
    static let renderedPage = LineSearch(contrast: 32, lightLines: true, minimumRun: minLength * 0.5)

    /// A thin run of pixels: `across` is the row (horizontal) or column (vertical),
    /// `start..<end` the extent along it.
    struct Run { var across: Int; var start: Int; var end: Int }

    /// Renders `page` and returns its rulings in points, top-left origin. With a `frame`, the page
    /// is rendered turned into it, and `width`, `height` and the boxes are in it too.
    static func detect(page: PopplerPageHandle, width: Double, height: Double, frame: ReadingFrame? = nil,
                       imageBoxes: [BBox], wordBoxes: [BBox]) -> [Ruling] {
        let longest = max(width, height)
        guard longest > 0 else { return [] }
        let scale = min(preferredScale, maxSide / longest)
        guard let render = page.renderGray(scale: scale, frame: frame) else { return [] }
        let found = render.pixels.withUnsafeBufferPointer {
            detect(gray: $0, width: render.width, height: render.height, scale: scale, search: renderedPage)
        }
        return filter(found, pageWidth: width, pageHeight: height, imageBoxes: imageBoxes, wordBoxes: wordBoxes)
    }

    /// Rulings in a gray image (row-major, 0 black … 255 white) rendered at `scale` pixels per point.
    static func detect(gray: UnsafeBufferPointer<UInt8>, width: Int, height: Int, scale: Double,
                       search: LineSearch) -> [Ruling] {
        // Half-width of the neighbourhood looked at across a line: lines up to about 2·window−1
        // pixels thick pass (2.5 pt at 2×, 3 pt at 1×); filled bars and bold glyph stems do not.
        let window = max(2, Int((1.25 * scale).rounded(.up)))
        let gap = window + 2   // a crossing line or a touching glyph interrupts a run this much
        let minRun = max(4, Int(search.minimumRun * scale))

        let horizontalRuns = runs(gray, alongCount: width, acrossCount: height, alongStride: 1,
                                  acrossStride: width, window: window, gap: gap, minRun: minRun, search: search)
        // Columns are scanned on a transposed copy: walking down a column of the row-major image
        // touches a new cache line at every pixel, which made the vertical pass most of the cost.
        var transposed = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            let row = y * width
            for x in 0..<width { transposed[x * height + y] = gray[row + x] }
        }
        let verticalRuns = transposed.withUnsafeBufferPointer {
            runs($0, alongCount: height, acrossCount: width, alongStride: 1,
                 acrossStride: height, window: window, gap: gap, minRun: minRun, search: search)
        }

        var rulings: [Ruling] = []
        for g in stack(horizontalRuns, maxThickness: 2 * window + 1) {
            let y = Double(g.c0 + g.c1 + 1) / 2 / scale
            rulings.append(Ruling(x0: Double(g.a0) / scale, y0: y, x1: Double(g.a1) / scale, y1: y))
        }
        for g in stack(verticalRuns, maxThickness: 2 * window + 1) {
            let x = Double(g.c0 + g.c1 + 1) / 2 / scale
            rulings.append(Ruling(x0: x, y0: Double(g.a0) / scale, x1: x, y1: Double(g.a1) / scale))
        }
        return mergeCollinear(rulings)
    }

    /// Scans every row (or column) for runs of thin-line pixels. Strides make one routine serve
    /// both directions without copying the image.
    static func runs(_ px: UnsafeBufferPointer<UInt8>, alongCount: Int, acrossCount: Int,
                     alongStride: Int, acrossStride: Int, window: Int, gap: Int, minRun: Int,
                     search: LineSearch) -> [Run] {
        let contrast = search.contrast
        // Pixels above this are paper for the skip test below.
        let lightFloor = UInt8(255 - contrast)
        var result: [Run] = []
        for c in 0..<acrossCount {
            var start = -1, last = -1
            // How far the window reaches on each side without leaving the page.
            let before = min(window, c), after = min(window, acrossCount - 1 - c)
            // A light line also looks two pixels past the window, to see a fill rather than a stroke.
            let fillBefore = c >= window + 2, fillAfter = c + window + 2 < acrossCount
            var a = 0
            while a < alongCount {
                // Skip light stretches 16 pixels at a time (most of a page is paper): a pixel that is
                // light cannot be a dark line, and a light line needs ink `window + 1` away across it,
                // so where those neighbours are light as well nothing can start here.
                if alongStride == 1, a + 16 <= alongCount, fillBefore, fillAfter {
                    let i0 = c * acrossStride + a
                    let d = (window + 1) * acrossStride
                    let base = UnsafeRawPointer(px.baseAddress!)
                    let here = base.loadUnaligned(fromByteOffset: i0, as: SIMD16<UInt8>.self)
                    let above = base.loadUnaligned(fromByteOffset: i0 - d, as: SIMD16<UInt8>.self)
                    let below = base.loadUnaligned(fromByteOffset: i0 + d, as: SIMD16<UInt8>.self)
                    if here.min() > lightFloor && above.min() > lightFloor && below.min() > lightFloor {
                        a += 16
                        continue
                    }
                }
                defer { a += 1 }
                let i = a * alongStride + c * acrossStride
                let p = Int(px[i])
                var isLine = false
                if p <= 255 - contrast {
                    // Dark line: paper (a pixel lighter by `contrast`) within the window on both
                    // sides. Off the page counts as paper.
                    let paper = p + contrast
                    var above = before < window, below = after < window
                    var k = 1
                    while !above && k <= before { above = Int(px[i - k * acrossStride]) >= paper; k += 1 }
                    k = 1
                    while above && !below && k <= after { below = Int(px[i + k * acrossStride]) >= paper; k += 1 }
                    isLine = above && below
                }
                if !isLine && search.lightLines && p >= contrast && fillBefore && fillAfter {
                    // Light line (white between coloured cells): a darker pixel within the window on
                    // both sides, and the two pixels just past it darker too. The white between
                    // words of text fails the second test (strokes are thin, with paper behind them),
                    // which keeps the rivers of justified text from becoming lines.
                    let ink = p - contrast
                    let d = window + 1
                    if Int(px[i - d * acrossStride]) <= ink && Int(px[i - (d + 1) * acrossStride]) <= ink
                        && Int(px[i + d * acrossStride]) <= ink && Int(px[i + (d + 1) * acrossStride]) <= ink {
                        var above = false, below = false
                        var k = 1
                        while !above && k <= before { above = Int(px[i - k * acrossStride]) <= ink; k += 1 }
                        k = 1
                        while above && !below && k <= after { below = Int(px[i + k * acrossStride]) <= ink; k += 1 }
                        isLine = above && below
                    }
                }
                guard isLine else { continue }
                if start < 0 || a - last > gap {
                    if start >= 0 && last + 1 - start >= minRun { result.append(Run(across: c, start: start, end: last + 1)) }
                    start = a
                }
                last = a
            }
            if start >= 0 && last + 1 - start >= minRun { result.append(Run(across: c, start: start, end: last + 1)) }
        }
        return result
    }

    /// Runs on neighbouring rows that overlap are one line a few pixels thick.
    struct Group { var c0: Int; var c1: Int; var a0: Int; var a1: Int }

    static func stack(_ runs: [Run], maxThickness: Int) -> [Group] {
        var finished: [Group] = []
        var active: [Group] = []
        var row = -1
        for run in runs {   // ordered by `across`, as `runs` produces them
            if run.across != row {
                // Groups that did not continue on the previous row are complete.
                finished += active.filter { $0.c1 < run.across - 1 }
                active.removeAll { $0.c1 < run.across - 1 }
                row = run.across
            }
            let length = run.end - run.start
            if let index = active.firstIndex(where: { g in
                g.c1 == run.across - 1
                    && min(g.a1, run.end) - max(g.a0, run.start) >= min(g.a1 - g.a0, length) / 2
            }) {
                active[index].c1 = run.across
                active[index].a0 = min(active[index].a0, run.start)
                active[index].a1 = max(active[index].a1, run.end)
            } else {
                active.append(Group(c0: run.across, c1: run.across, a0: run.start, a1: run.end))
            }
        }
        finished += active
        return finished.filter { $0.c1 - $0.c0 + 1 <= maxThickness }
    }

    /// Joins pieces on one line (within 1 pt across) that touch or nearly touch (2 pt), as a rule
    /// broken by a crossing or drawn cell by cell comes out.
    static func mergeCollinear(_ rulings: [Ruling]) -> [Ruling] {
        func merge(_ items: [(across: Double, a0: Double, a1: Double)]) -> [(across: Double, a0: Double, a1: Double)] {
            var result: [(across: Double, a0: Double, a1: Double)] = []
            // Cluster by position across, then join along.
            let sorted = items.sorted { $0.across < $1.across }
            var cluster: [(across: Double, a0: Double, a1: Double)] = []
            func flush() {
                guard !cluster.isEmpty else { return }
                let across = cluster.map(\.across).reduce(0, +) / Double(cluster.count)
                var current: (across: Double, a0: Double, a1: Double)? = nil
                for item in cluster.sorted(by: { $0.a0 < $1.a0 }) {
                    if var c = current, item.a0 <= c.a1 + 2 {
                        c.a1 = max(c.a1, item.a1); current = c
                    } else {
                        if let c = current { result.append(c) }
                        current = (across, item.a0, item.a1)
                    }
                }
                if let c = current { result.append(c) }
                cluster.removeAll()
            }
            for item in sorted {
                if let first = cluster.first, item.across - first.across > 1 { flush() }
                cluster.append(item)
            }
            flush()
            return result
        }
        let horizontal = merge(rulings.filter(\.isHorizontal).map { ($0.y0, min($0.x0, $0.x1), max($0.x0, $0.x1)) })
        let vertical = merge(rulings.filter { !$0.isHorizontal }.map { ($0.x0, min($0.y0, $0.y1), max($0.y0, $0.y1)) })
        return horizontal.map { Ruling(x0: $0.a0, y0: $0.across, x1: $0.a1, y1: $0.across) }
            + vertical.map { Ruling(x0: $0.across, y0: $0.a0, x1: $0.across, y1: $0.a1) }
    }

    /// Drops what is not a ruling: short pieces, strokes of the text itself, and lines inside a
    /// picture that does not cover the page (a screenshot's own grid has no text to organise; a
    /// full-page background may carry a real table drawn over it).
    ///
    /// Text makes false runs: the tops of capitals and the baselines of a word line up, and the
    /// small gaps between letters are bridged like the crossings of a table. Such a run lies in the
    /// core of the words' boxes, while a table's rules run along the cells' edges, outside or at the
    /// very rim of the text boxes. So a ruling mostly covered by word cores is dropped.
    static func filter(_ rulings: [Ruling], pageWidth: Double, pageHeight: Double,
                       imageBoxes: [BBox], wordBoxes: [BBox]) -> [Ruling] {
        let pageArea = pageWidth * pageHeight
        let pictures = imageBoxes.filter { $0.area < 0.8 * pageArea }
        return rulings.filter { r in
            let box = BBox(x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1)
            let length = max(box.width, box.height)
            guard length >= minLength else { return false }
            if pictures.contains(where: {
                box.x0 >= $0.x0 - 1 && box.x1 <= $0.x1 + 1 && box.y0 >= $0.y0 - 1 && box.y1 <= $0.y1 + 1
            }) { return false }
            return textCoverage(r, wordBoxes: wordBoxes) < 0.5
        }
    }

    /// The share of a ruling's length that runs through the core of word boxes. Across a horizontal
    /// ruling the core is the box less a twentieth of its height at the top and a tenth at the bottom
    /// (where a cell's rule may graze the descenders); across a vertical ruling it is the whole box:
    /// the first and last stems of words lie at its very edges, and cells keep their text clear of
    /// their side rules.
    static func textCoverage(_ r: Ruling, wordBoxes: [BBox]) -> Double {
        let horizontal = r.isHorizontal
        let across = horizontal ? r.y0 : r.x0
        let a0 = horizontal ? min(r.x0, r.x1) : min(r.y0, r.y1)
        let a1 = horizontal ? max(r.x0, r.x1) : max(r.y0, r.y1)
        guard a1 > a0 else { return 0 }
        var spans: [(Double, Double)] = []
        for w in wordBoxes {
            let (lo, hi, s0, s1) = horizontal ? (w.y0, w.y1, w.x0, w.x1) : (w.x0, w.x1, w.y0, w.y1)
            let size = hi - lo
            let (before, after) = horizontal ? (0.05 * size, 0.1 * size) : (0, 0)
            guard across > lo + before, across < hi - after else { continue }
            let start = max(s0, a0), end = min(s1, a1)
            if end > start { spans.append((start, end)) }
        }
        guard !spans.isEmpty else { return 0 }
        spans.sort { $0.0 < $1.0 }
        var covered = 0.0
        var current = spans[0]
        for span in spans.dropFirst() {
            if span.0 <= current.1 { current.1 = max(current.1, span.1) } else {
                covered += current.1 - current.0; current = span
            }
        }
        covered += current.1 - current.0
        return covered / (a1 - a0)
    }
}
