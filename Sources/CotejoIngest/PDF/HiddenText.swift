import CotejoModel

/// Text that is in a PDF but not on its page: characters filled in white over white paper. Entities
/// leave figures this way when they blank out a template's columns (last year's results kept, in
/// white, beside this year's targets); anyone who copies, searches or extracts the text gets them,
/// nobody who reads the page sees them.
///
/// White text is common and honest on a dark band (a table header), so colour alone does not say
/// hidden: a white character counts as hidden only when the paper under its box shows no ink at
/// all. The page's drawing answers the sure cases (a dark band under it, nothing painted near it);
/// the page is rendered, in those characters' boxes only, for the rest.
enum HiddenText {
    /// Rendering scale for the test: a character's box is a few pixels, enough to see ink.
    static let scale = 1.5
    /// A pixel at or below this grey level is ink or a coloured band, not bare paper.
    static let paper: UInt8 = 235

    /// Marks `hidden` on the pale glyphs whose boxes show no ink on the rendered page. Those the
    /// page's drawing already settles need no render: white text on a filled header band (see
    /// `Fills`) is shown, white text where nothing at all is painted (see `BarePaper`) is hidden.
    /// The rest are rendered, their boxes only.
    static func mark(_ glyphs: inout [Glyph], on page: PopplerPageHandle, drawing: PageDrawing?) {
        let fills = drawing.map(Fills.init)
        let pale = glyphs.indices.filter { glyphs[$0].pale && !glyphs[$0].isSpace }
        let paper = drawing.flatMap { BarePaper($0, glyphs: glyphs, paleCount: pale.count) }
        var undecided: [Int] = []
        for i in pale {
            if fills?.inkUnder(glyphs[i].box) == true {
                glyphs[i].hidden = false
            } else if paper?.isBare(around: glyphs[i].box) == true {
                glyphs[i].hidden = true
            } else {
                undecided.append(i)
            }
        }
        if !undecided.isEmpty {
            guard let render = page.renderGray(scale: scale, within: undecided.map { glyphs[$0].box }) else { return }
            for i in undecided { glyphs[i].hidden = !hasInk(under: glyphs[i].box, in: render) }
        }
        // Spaces between hidden characters are hidden too, so whole words are.
        for i in glyphs.indices where glyphs[i].isSpace && glyphs[i].pale {
            let before = i > 0 && glyphs[i - 1].hidden
            let after = i + 1 < glyphs.count && glyphs[i + 1].hidden
            glyphs[i].hidden = before && after
        }
    }

    static func hasInk(under box: BBox, in render: (pixels: [UInt8], width: Int, height: Int)) -> Bool {
        // A box off the page or of no size cannot be judged: treat it as shown.
        guard let (xs, ys) = box.pixels(scale: scale, width: render.width, height: render.height) else { return true }
        for y in ys {
            let row = y * render.width
            for x in xs where render.pixels[row + x] <= paper { return true }
        }
        return false
    }

    /// Paper that nothing was painted on: no path of any shape or colour, no shading or pattern,
    /// no image and no visible glyph touches a box (widened by more than the pixel the render
    /// reads around it). A pale glyph there is white on white, as a render would find; rendering
    /// a page of a template's blanked-out columns to see that cost a tenth of a corpus's time.
    /// Nil when the drawing was cut short (it may not hold what was painted) or too large to
    /// search glyph by glyph.
    struct BarePaper {
        static let margin = 1.0
        var boxes: [BBox]

        init?(_ drawing: PageDrawing, glyphs: [Glyph], paleCount: Int) {
            guard !drawing.truncated else { return nil }
            boxes = drawing.painted + drawing.images + glyphs.filter { !$0.pale && !$0.isSpace }.map(\.box)
            guard paleCount * boxes.count <= 20_000_000 else { return nil }
        }

        func isBare(around box: BBox) -> Bool {
            let (x0, y0) = (box.x0 - Self.margin, box.y0 - Self.margin)
            let (x1, y1) = (box.x1 + Self.margin, box.y1 + Self.margin)
            return !boxes.contains { $0.x0 < x1 && x0 < $0.x1 && $0.y0 < y1 && y0 < $0.y1 }
        }
    }

    /// What a page's drawing says about the paper under a point, without a render. Only the sure
    /// cases are answered:
    /// - the last fill painted under the point is an axis-aligned rectangle dark enough to render
    ///   as ink with room to spare (a header band);
    /// - an image lies under the point (a slide's background picture): text printed over a
    ///   picture is meant to be read, and rendering a slide to look costs more than reading it.
    /// A lighter or irregular fill there leaves the question to the render. Clipping is not
    /// followed. Both shortcuts can only miss hidden text (white on a white part of a picture, on
    /// a band clipped away), never call shown text hidden.
    struct Fills {
        struct Fill { var box: BBox; var darkRectangle: Bool }
        /// Effective grey (after opacity over white) at or below which a fill surely renders as
        /// ink: well under `paper`, so colour conversion and edge blending cannot tip it.
        static let surelyInk = 0.85

        /// Fills in paint order (poppler numbers paths as they are painted).
        var fills: [Fill]
        var images: [BBox]

        init(_ drawing: PageDrawing) {
            var byPath: [Int: [PageDrawing.Segment]] = [:]
            for s in drawing.segments where !s.isStroke && s.opacity > 0 { byPath[s.path, default: []].append(s) }
            fills = byPath.keys.sorted().compactMap { path in
                let pieces = byPath[path] ?? []
                guard let box = VectorRulings.pathBoxes(pieces)[path], let first = pieces.first else { return nil }
                let grey = 1 - first.opacity * (1 - first.luminance)
                // A rectangle: every piece level or plumb and lying on the box's border.
                let tolerance = 0.01
                let onBorder = pieces.allSatisfy { s in
                    (abs(s.y0 - s.y1) <= tolerance && (abs(s.y0 - box.y0) <= tolerance || abs(s.y0 - box.y1) <= tolerance))
                        || (abs(s.x0 - s.x1) <= tolerance && (abs(s.x0 - box.x0) <= tolerance || abs(s.x0 - box.x1) <= tolerance))
                }
                // Translucent paint over paper is at its palest; over anything darker it is darker still.
                return Fill(box: box, darkRectangle: onBorder && grey <= Self.surelyInk)
            }
            images = drawing.images
        }

        /// True when the paper under `box`'s centre is surely inked by a fill; false when the
        /// drawing cannot tell.
        func inkUnder(_ box: BBox) -> Bool {
            let (x, y) = (box.midX, box.midY)
            if images.contains(where: { $0.contains(x: x, y: y) }) { return true }
            return fills.last(where: { $0.box.contains(x: x, y: y) })?.darkRectangle ?? false
        }
    }
}
