import CotejoModel

/// Finds a page's table rulings in what it draws (`PageDrawing`), not in a picture of it: the
/// vector-side reading pdfplumber and PyMuPDF use, at the cost of one pass that rasterises nothing.
///
/// A ruling is anything that shows as a thin straight line, whichever way the producer drew it:
/// - a thin stroke (a rule, a cell's edge, a stroked frame);
/// - a thin fill: two parallel edges of one filled path close together (a rule drawn as a filled
///   rectangle, the straight sides of a rounded frame drawn as a filled outline);
/// - the gap between two coloured boxes, as slide tables draw their grid (cells filled in colour
///   with paper showing between them);
/// - a run of underscores typed as text (a form's blank to fill in).
/// What the eye would not see is left out: transparent paint, and white paint on paper.
///
/// The rulings then go through the same filter as the rendered ones (`RulingDetector.filter`):
/// long enough, not inside a picture, not along the words of the text.
enum VectorRulings {
    /// The thickest stroke, fill or gap that still reads as a line, in points (the render's limit
    /// was about 2.5 pt at its usual scale).
    static let maxThickness = 3.0
    /// How far from level (or plumb) a piece may lean, in points over its length.
    static let slant = 0.5
    /// Paint lighter than this is white; on paper it does not show.
    static let whiteLuminance = 0.9
    /// Paint more transparent than this does not show.
    static let minimumOpacity = 0.1

    /// Rulings in points, top-left origin, in the frame of `drawing` (the displayed page).
    static func rulings(in drawing: PageDrawing) -> [Ruling] {
        let visible = drawing.segments.filter { $0.opacity >= minimumOpacity }
        let backgrounds = colouredBoxes(visible)
        func shows(_ luminance: Double, at x: Double, _ y: Double) -> Bool {
            luminance < whiteLuminance || backgrounds.contains { $0.contains(x: x, y: y) }
        }

        var found: [Ruling] = []
        // Thin strokes.
        for s in visible where s.isStroke && s.width <= maxThickness {
            guard let line = Line(s), shows(s.luminance, at: (s.x0 + s.x1) / 2, (s.y0 + s.y1) / 2) else { continue }
            found.append(line.ruling)
        }
        // Thin fills and the gaps between coloured fills, each orientation on its own.
        let fills = visible.filter { !$0.isStroke }
        let interiors = pathBoxes(fills)
        for horizontal in [true, false] {
            let edges = fills.compactMap { s -> Edge? in
                guard let line = Line(s), line.horizontal == horizontal, line.length >= RulingDetector.minLength / 2
                else { return nil }
                return Edge(line: line, segment: s, pathBox: interiors[s.path])
            }.sorted { $0.line.across < $1.line.across }
            for (i, a) in edges.enumerated() {
                var j = i + 1
                while j < edges.count, edges[j].line.across - a.line.across <= maxThickness {
                    defer { j += 1 }
                    let b = edges[j]
                    let start = max(a.line.start, b.line.start), end = min(a.line.end, b.line.end)
                    guard end - start >= RulingDetector.minLength / 2 else { continue }
                    let across = (a.line.across + b.line.across) / 2
                    let (x, y) = horizontal ? ((start + end) / 2, across) : (across, (start + end) / 2)
                    if a.segment.path == b.segment.path {
                        // A thin bar of one path: it shows in its own colour.
                        guard b.line.across - a.line.across > 0.01, shows(a.segment.luminance, at: x, y) else { continue }
                    } else {
                        // Two paths' facing edges with paper between them: both coloured, the gap
                        // real, and each path lying on its own side of it (not one drawn over the other).
                        guard b.line.across - a.line.across > 0.1,
                              a.segment.luminance < whiteLuminance, b.segment.luminance < whiteLuminance,
                              a.liesBefore(horizontal: horizontal), b.liesAfter(horizontal: horizontal)
                        else { continue }
                    }
                    found.append(Line(horizontal: horizontal, across: across, start: start, end: end).ruling)
                }
            }
        }
        return RulingDetector.mergeCollinear(found)
    }

    /// Runs of underscores in the text, as the lines they print: one per run, along the bottom of
    /// the glyphs' boxes (where the underscore's stroke sits, below the baseline).
    static func underscoreRulings(_ glyphs: [Glyph]) -> [Ruling] {
        var result: [Ruling] = []
        var run: [BBox] = []
        func flush() {
            defer { run.removeAll() }
            guard let box = BBox.enclosing(run), box.width >= RulingDetector.minLength else { return }
            let y = box.y0 + 0.9 * box.height
            result.append(Ruling(x0: box.x0, y0: y, x1: box.x1, y1: y))
        }
        for glyph in glyphs {
            if glyph.scalar == "_", let last = run.last, glyph.box.x0 - last.x1 > last.height || last.verticalOverlap(glyph.box) < 0.5 {
                flush()
            }
            if glyph.scalar == "_" { run.append(glyph.box) } else { flush() }
        }
        flush()
        return result
    }

    /// A piece of path that runs level or plumb.
    struct Line {
        var horizontal: Bool
        /// y of a level line, x of a plumb one.
        var across: Double
        var start: Double, end: Double
        var length: Double { end - start }

        init(horizontal: Bool, across: Double, start: Double, end: Double) {
            self.horizontal = horizontal; self.across = across; self.start = start; self.end = end
        }

        init?(_ s: PageDrawing.Segment) {
            let dx = abs(s.x1 - s.x0), dy = abs(s.y1 - s.y0)
            if dy <= VectorRulings.slant && dx > dy {
                self.init(horizontal: true, across: (s.y0 + s.y1) / 2, start: min(s.x0, s.x1), end: max(s.x0, s.x1))
            } else if dx <= VectorRulings.slant && dy > dx {
                self.init(horizontal: false, across: (s.x0 + s.x1) / 2, start: min(s.y0, s.y1), end: max(s.y0, s.y1))
            } else {
                return nil
            }
        }

        var ruling: Ruling {
            horizontal ? Ruling(x0: start, y0: across, x1: end, y1: across)
                : Ruling(x0: across, y0: start, x1: across, y1: end)
        }
    }

    /// A fill's level or plumb edge, with the box of the path it bounds.
    struct Edge {
        var line: Line
        var segment: PageDrawing.Segment
        var pathBox: BBox?

        /// The path lies before the edge (above a level edge, left of a plumb one): the edge is its
        /// bottom or right side.
        func liesBefore(horizontal: Bool) -> Bool {
            guard let box = pathBox else { return false }
            return horizontal ? box.midY < line.across : box.midX < line.across
        }

        func liesAfter(horizontal: Bool) -> Bool {
            guard let box = pathBox else { return false }
            return horizontal ? box.midY > line.across : box.midX > line.across
        }
    }

    /// The box of each filled path, by path number.
    static func pathBoxes(_ fills: [PageDrawing.Segment]) -> [Int: BBox] {
        var boxes: [Int: BBox] = [:]
        for s in fills {
            let box = BBox(x0: min(s.x0, s.x1), y0: min(s.y0, s.y1), x1: max(s.x0, s.x1), y1: max(s.y0, s.y1))
            boxes[s.path] = boxes[s.path].map { $0.union(box) } ?? box
        }
        return boxes
    }

    /// Boxes filled in a colour other than white, larger than a line: white paint drawn on them
    /// shows (a light rule across a coloured header row).
    static func colouredBoxes(_ segments: [PageDrawing.Segment]) -> [BBox] {
        let coloured = segments.filter { !$0.isStroke && $0.luminance < whiteLuminance }
        return pathBoxes(coloured).values.filter { $0.width > maxThickness && $0.height > maxThickness }
    }
}

extension ReadingFrame {
    /// A ruling mapped into this frame (a quarter turn keeps it level or plumb).
    func apply(_ ruling: Ruling) -> Ruling {
        let box = apply(BBox(x0: min(ruling.x0, ruling.x1), y0: min(ruling.y0, ruling.y1),
                             x1: max(ruling.x0, ruling.x1), y1: max(ruling.y0, ruling.y1)))
        return box.width >= box.height ? Ruling(x0: box.x0, y0: box.midY, x1: box.x1, y1: box.midY)
            : Ruling(x0: box.midX, y0: box.y0, x1: box.midX, y1: box.y1)
    }
}
