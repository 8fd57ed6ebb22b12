import CotejoModel

/// Which way a page's text runs, from its glyphs: across (as it should), down or up the page (a
/// page turned a quarter, by `/Rotate` or by the content's own transform), or upside down. A page
/// whose text does not run across is read in the frame where it does (see `ReadingFrame`).
///
/// Only a clear majority turns a page: a table with a few vertical header cells stays as it is.
enum TextDirection {
    /// Pairs of neighbouring glyphs of one word needed before the direction is trusted.
    static let minimumPairs = 12
    /// Share of those pairs that must agree.
    static let majority = 0.75

    /// The clockwise quarter turns that make the glyphs run left to right (0 when they do, or
    /// when no direction is clear).
    static func quartersToRead(_ glyphs: [Glyph]) -> Int {
        var counts = [0, 0, 0, 0]   // across, down, backwards, up
        for (a, b) in zip(glyphs, glyphs.dropFirst()) where !a.isSpace && !b.isSpace {
            let dx = b.box.midX - a.box.midX, dy = b.box.midY - a.box.midY
            guard abs(dx) + abs(dy) > 0.01 else { continue }
            if abs(dx) >= abs(dy) { counts[dx > 0 ? 0 : 2] += 1 } else { counts[dy > 0 ? 1 : 3] += 1 }
        }
        let total = counts.reduce(0, +)
        guard total >= minimumPairs, let best = counts.indices.max(by: { counts[$0] < counts[$1] }),
              Double(counts[best]) >= majority * Double(total) else { return 0 }
        // Text running down reads after three clockwise quarters (one counter-clockwise), text
        // running up after one, upside-down text after two.
        return [0, 3, 2, 1][best]
    }

    /// The glyphs with their boxes in `frame`.
    static func apply(_ frame: ReadingFrame, to glyphs: [Glyph]) -> [Glyph] {
        glyphs.map { g in var copy = g; copy.box = frame.apply(g.box); return copy }
    }
}
