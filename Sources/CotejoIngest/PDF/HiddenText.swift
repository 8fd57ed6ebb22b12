import CotejoModel

/// Text that is in a PDF but not on its page: characters filled in white over white paper. Entities
/// leave figures this way when they blank out a template's columns (last year's results kept, in
/// white, beside this year's targets); anyone who copies, searches or extracts the text gets them,
/// nobody who reads the page sees them.
///
/// White text is common and honest on a dark band (a table header), so colour alone does not say
/// hidden: the page is rendered and a white character counts as hidden only when the paper under
/// its box shows no ink at all.
enum HiddenText {
    /// Rendering scale for the test: a character's box is a few pixels, enough to see ink.
    static let scale = 1.5
    /// A pixel at or below this grey level is ink or a coloured band, not bare paper.
    static let paper: UInt8 = 235

    /// Marks `hidden` on the pale glyphs whose boxes show no ink on the rendered page.
    static func mark(_ glyphs: inout [Glyph], on page: PopplerPageHandle) {
        guard let render = page.renderGray(scale: scale) else { return }
        for i in glyphs.indices where glyphs[i].pale && !glyphs[i].isSpace {
            glyphs[i].hidden = !hasInk(under: glyphs[i].box, in: render)
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
}
