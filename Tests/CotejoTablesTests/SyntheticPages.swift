import CotejoModel

/// Builds pages in code: words laid out at given positions, rulings, furniture blocks.
enum Synthetic {
    /// A line of words starting at (x, y): each character 5 pt wide, words 3 pt apart, 10 pt tall.
    static func line(_ text: String, x: Double, y: Double, page: Int = 1, bold: Bool = false) -> TextLine {
        var words: [Word] = []
        var cursor = x
        for w in text.split(separator: " ") {
            let width = Double(w.count) * 5
            words.append(Word(text: String(w), bbox: BBox(x0: cursor, y0: y, x1: cursor + width, y1: y + 10), fontSize: 10, bold: bold))
            cursor += width + 3
        }
        let box = BBox.enclosing(words.map(\.bbox))!
        return TextLine(text: text, words: words, source: Source(page: page, bbox: box, text: text), fontSize: 10, bold: bold)
    }

    static func h(_ y: Double, _ x0: Double, _ x1: Double) -> Ruling { Ruling(x0: x0, y0: y, x1: x1, y1: y) }
    static func v(_ x: Double, _ y0: Double, _ y1: Double) -> Ruling { Ruling(x0: x, y0: y0, x1: x, y1: y1) }

    /// A full grid of rulings over the given edges.
    static func grid(xs: [Double], ys: [Double]) -> [Ruling] {
        ys.map { h($0, xs.first!, xs.last!) } + xs.map { v($0, ys.first!, ys.last!) }
    }

    static func page(_ number: Int = 1, lines: [TextLine], rulings: [Ruling] = [], furniture: [TextLine] = [],
                     width: Double = 600, height: Double = 800) -> Page {
        var blocks = lines.map { Block(lines: [$0]) }
        blocks += furniture.map { Block(lines: [$0], role: .furniture, reason: .approvalBlock) }
        return Page(number: number, width: width, height: height, blocks: blocks, rulings: rulings)
    }
}
