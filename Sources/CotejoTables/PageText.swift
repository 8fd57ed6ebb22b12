import CotejoModel

/// The words of a page that a table may hold: body words only. Furniture (running headers and
/// footers, approval blocks, page numbers) must never become a cell, so a word whose centre lies
/// inside a furniture block's box is left out even if the layout put it in a body block.
struct PageText: Sendable {
    var page: Int
    var width: Double
    var height: Double
    var words: [Word]
    /// The body lines (pieces the layout split at large gaps and rulings), words as above.
    var lines: [TextLine]
    var furnitureBoxes: [BBox]

    init(_ page: Page) {
        self.page = page.number
        self.width = page.width
        self.height = page.height
        let furniture = page.blocks.filter { $0.role == .furniture }.compactMap { $0.source.bbox }
        self.furnitureBoxes = furniture
        func inFurniture(_ w: Word) -> Bool {
            furniture.contains { w.bbox.midX >= $0.x0 && w.bbox.midX <= $0.x1 && w.bbox.midY >= $0.y0 && w.bbox.midY <= $0.y1 }
        }
        var lines: [TextLine] = []
        for block in page.blocks where block.role != .furniture {
            for line in block.lines {
                let kept = line.words.filter { !inFurniture($0) && !$0.text.allSatisfy(\.isWhitespace) && !Self.isTypedRule($0.text) }
                guard !kept.isEmpty else { continue }
                var l = line
                if kept.count != line.words.count {
                    l.words = kept
                    l.text = kept.map(\.text).joined(separator: " ")
                    l.source.bbox = BBox.enclosing(kept.map(\.bbox))
                }
                lines.append(l)
            }
        }
        self.lines = lines
        self.words = lines.flatMap(\.words)
    }

    /// A run of underscores, dashes or equals signs ("________") typed to draw a line, as above a
    /// footer: not content, so it neither ends a table nor joins one.
    static func isTypedRule(_ text: String) -> Bool {
        text.count >= 3 && text.allSatisfy { c in
            switch c {
            case "_", "-", "=", "‐", "–", "—": true
            default: false
            }
        }
    }

    /// The same page without the words whose centres lie in any of `boxes` (tables already found).
    func removing(_ boxes: [BBox]) -> PageText {
        guard !boxes.isEmpty else { return self }
        var copy = self
        func taken(_ w: Word) -> Bool {
            boxes.contains { w.bbox.midX >= $0.x0 && w.bbox.midX <= $0.x1 && w.bbox.midY >= $0.y0 && w.bbox.midY <= $0.y1 }
        }
        copy.lines = lines.compactMap { line in
            let kept = line.words.filter { !taken($0) }
            guard !kept.isEmpty else { return nil }
            var l = line
            if kept.count != line.words.count {
                l.words = kept
                l.text = kept.map(\.text).joined(separator: " ")
                l.source.bbox = BBox.enclosing(kept.map(\.bbox))
            }
            return l
        }
        copy.words = copy.lines.flatMap(\.words)
        return copy
    }

    /// Median font size of the page's words (the em that gaps are measured in).
    var em: Double {
        let sizes = words.map { $0.fontSize > 0 ? $0.fontSize : $0.bbox.height * 0.8 }
        return max(1, Clustering.median(sizes))
    }
}
