import Foundation
import CotejoModel

/// Builds words, lines and blocks from the characters poppler lays out on a page.
///
/// The geometry decides, not the text stream alone: poppler's own lines ("\n" in its text) are
/// used as a first cut, then split where a large horizontal gap or a vertical ruling separates two
/// words (slide decks put each figure in its own text box; spreadsheets put cells side by side),
/// and pieces on one baseline that poppler cut apart are joined again when they nearly touch.
enum PDFLayout {
    // Thresholds, in ems of the larger font size involved. Tuned on the fixtures: Word justified
    // text stretches word gaps to about 1 em; separate text boxes and cells stand 2 ems or more apart.

    /// A gap between two glyphs wider than this starts a new word even without a space character.
    static let wordGap = 0.35
    /// A gap between two words of one poppler line wider than this starts a new line piece.
    static let segmentGap = 1.6
    /// Pieces of different poppler lines on one baseline join when at most this far apart.
    static let rejoinGap = 0.6
    /// Two lines stacked with a gap up to this belong to one block (paragraph spacing is larger).
    static let leading = 0.5
    /// Lines of one block differ in font size by at most this ratio.
    static let sizeRatio = 1.2

    // MARK: - Intermediate values

    /// A word under construction: its glyphs and box.
    struct WordPiece {
        var glyphs: [Glyph]
        var box: BBox

        var text: String {
            // As UTF-8 bytes: appending scalars to a String one by one costs several times more.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(glyphs.count)
            for g in glyphs { UTF8.encode(g.scalar) { bytes.append($0) } }
            return String(decoding: bytes, as: UTF8.self)
        }
        var em: Double { PDFLayout.em(glyphs) }
        /// Written down or up the page: its glyphs follow each other vertically.
        var runsDown: Bool {
            let ink = glyphs.filter { !$0.isSpace }
            guard let first = ink.first, let last = ink.last, ink.count >= 2 else { return false }
            return abs(last.box.midY - first.box.midY) > abs(last.box.midX - first.box.midX)
        }
    }

    /// A run of words on one baseline: becomes one `TextLine`.
    struct LinePiece {
        var words: [WordPiece]
        var box: BBox
        var em: Double { PDFLayout.em(words.flatMap(\.glyphs)) }
    }

    /// The font size to measure gaps with; the box height stands in when poppler gave no size.
    static func em(_ glyphs: [Glyph]) -> Double {
        var size = 0.0, height = 0.0
        for g in glyphs where !g.isSpace {
            size = max(size, g.fontSize)
            height = max(height, g.box.height)
        }
        return max(size > 0 ? size : height * 0.8, 1)
    }

    // MARK: - Entry point

    static func blocks(from glyphs: [Glyph], page: Int, rulings: [Ruling]) -> [Block] {
        let verticals = rulings.filter { !$0.isHorizontal }
        let horizontals = rulings.filter(\.isHorizontal)
        let pieces = linePieces(from: glyphs, verticals: verticals)
        let lines = rejoin(pieces, verticals: verticals).map { textLine($0, page: page) }
        return group(lines, horizontals: horizontals)
    }

    // MARK: - Characters → words → line pieces

    /// True when `next` continues the word that ends with `last`: adjacent along the writing
    /// direction with no real gap. Vertical writing (rotated table headers) is accepted too.
    static func continues(_ last: Glyph, _ next: Glyph) -> Bool {
        let em = max(last.fontSize, next.fontSize, 1)
        let a = last.box, b = next.box
        if a.verticalOverlap(b) >= 0.5 || (a.height == 0 && b.height == 0) {
            let gap = b.x0 - a.x1
            return gap <= wordGap * em && b.x0 >= a.x0 - 0.2 * em
        }
        if a.horizontalOverlap(b) >= 0.5 {
            // Top-down or bottom-up runs of rotated glyphs.
            let down = b.y0 - a.y1, up = a.y0 - b.y1
            return (down >= -0.2 * em && down <= wordGap * em) || (up >= -0.2 * em && up <= wordGap * em)
        }
        return false
    }

    /// Splits the character stream into words, and poppler's lines into pieces at large gaps and
    /// at vertical rulings.
    static func linePieces(from glyphs: [Glyph], verticals: [Ruling]) -> [LinePiece] {
        var pieces: [LinePiece] = []
        var words: [WordPiece] = []      // words of the current poppler line
        var current: [Glyph] = []        // glyphs of the current word

        func flushWord() {
            guard !current.isEmpty else { return }
            let box = BBox.enclosing(current.map(\.box))!
            words.append(WordPiece(glyphs: current, box: box))
            current.removeAll(keepingCapacity: true)
        }
        func flushLine() {
            flushWord()
            guard !words.isEmpty else { return }
            var piece: [WordPiece] = [words[0]]
            for word in words.dropFirst() {
                let last = piece[piece.count - 1]
                if startsNewPiece(after: last, word, verticals: verticals) {
                    pieces.append(makePiece(piece))
                    piece = [word]
                } else {
                    piece.append(word)
                }
            }
            pieces.append(makePiece(piece))
            words.removeAll(keepingCapacity: true)
        }

        for glyph in glyphs {
            if glyph.isLineEnd { flushLine(); continue }
            if glyph.isSpace { flushWord(); continue }
            if let last = current.last, !continues(last, glyph) { flushWord() }
            current.append(glyph)
        }
        flushLine()
        return pieces
    }

    /// The boxes of the page's words, before any line building.
    static func wordBoxes(_ glyphs: [Glyph]) -> [BBox] {
        linePieces(from: glyphs, verticals: []).flatMap { $0.words.map(\.box) }
    }

    static func makePiece(_ words: [WordPiece]) -> LinePiece {
        LinePiece(words: words, box: BBox.enclosing(words.map(\.box))!)
    }

    /// Whether `word`, which follows `last` in poppler's line, belongs to another line piece.
    static func startsNewPiece(after last: WordPiece, _ word: WordPiece, verticals: [Ruling]) -> Bool {
        let em = max(last.em, word.em)
        let a = last.box, b = word.box
        // Words written down the page (a rotated header) stacked in one poppler line: keep them
        // together. Words written across that poppler put in one line though they are stacked
        // (it does on pages turned by /Rotate) stand on different lines.
        if a.verticalOverlap(b) < 0.5 {
            return !(a.horizontalOverlap(b) >= 0.5 && (last.runsDown || word.runsDown))
        }
        let gap = b.x0 - a.x1
        if gap > segmentGap * em || gap < -0.5 * em { return true }
        return rulingBetween(left: a, right: b, verticals: verticals)
    }

    /// A vertical ruling standing in the gap between two boxes on one baseline.
    static func rulingBetween(left a: BBox, right b: BBox, verticals: [Ruling]) -> Bool {
        let lo = min(a.x1, b.x0) - 1, hi = max(a.x1, b.x0) + 1
        let midY = (a.midY + b.midY) / 2
        return verticals.contains { r in
            let x = (r.x0 + r.x1) / 2
            return x > lo && x < hi && x > a.midX && x < b.midX
                && midY >= min(r.y0, r.y1) && midY <= max(r.y0, r.y1)
        }
    }

    /// Joins pieces that share a baseline and nearly touch though poppler put them in different
    /// lines (a change of font size mid-line, a superscript); everything else stays apart.
    static func rejoin(_ pieces: [LinePiece], verticals: [Ruling]) -> [LinePiece] {
        var lines: [LinePiece] = []
        for piece in pieces.sorted(by: { ($0.box.x0, $0.box.y0) < ($1.box.x0, $1.box.y0) }) {
            let index = lines.lastIndex { line in
                guard line.box.verticalOverlap(piece.box) >= 0.6 else { return false }
                let em = max(line.em, piece.em)
                let gap = piece.box.x0 - line.box.x1
                return gap >= -0.3 * em && gap <= rejoinGap * em
                    && !rulingBetween(left: line.box, right: piece.box, verticals: verticals)
            }
            if let index {
                lines[index].words += piece.words
                lines[index].box = lines[index].box.union(piece.box)
            } else {
                lines.append(piece)
            }
        }
        return lines
    }

    // MARK: - Line pieces → TextLine

    /// The size most characters have (rounded to a quarter point) and whether most are bold.
    static func face(_ glyphs: [Glyph]) -> (size: Double, bold: Bool) {
        var counts: [Double: Int] = [:]
        var bold = 0, total = 0
        for g in glyphs where !g.isSpace {
            counts[(g.fontSize * 4).rounded() / 4, default: 0] += 1
            if g.bold { bold += 1 }
            total += 1
        }
        // Ties go to the larger size, so the result does not depend on dictionary order.
        let size = counts.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key ?? 0
        return (size, total > 0 && bold * 2 > total)
    }

    static func textLine(_ piece: LinePiece, page: Int) -> TextLine {
        let words = piece.words.map { w -> Word in
            let f = face(w.glyphs)
            let hidden = w.glyphs.contains { !$0.isSpace } && w.glyphs.allSatisfy { $0.isSpace || $0.hidden }
            return Word(text: w.text, bbox: w.box, fontSize: f.size, bold: f.bold,
                        confidence: w.glyphs.compactMap(\.confidence).min(), hidden: hidden ? true : nil)
        }
        let text = words.map(\.text).joined(separator: " ")
        let f = face(piece.words.flatMap(\.glyphs))
        // An OCR line carries the confidence of its least sure word: one misread digit is enough to doubt a figure.
        let confidence = words.compactMap(\.confidence).min()
        return TextLine(text: text, words: words,
                        source: Source(page: page, bbox: piece.box, text: text,
                                       ocr: confidence == nil ? nil : true, confidence: confidence,
                                       hidden: words.contains { $0.hidden == true } ? true : nil),
                        fontSize: f.size, bold: f.bold)
    }

    // MARK: - Lines → blocks, in reading order

    /// Groups lines into paragraph-like blocks and orders the blocks top to bottom, left to right
    /// within a band of blocks that start at the same height.
    static func group(_ lines: [TextLine], horizontals: [Ruling]) -> [Block] {
        let sorted = lines.sorted { a, b in
            let ba = a.bbox!, bb = b.bbox!
            return (ba.y0, ba.x0) < (bb.y0, bb.x0)
        }
        var blockOf = [Int](repeating: -1, count: sorted.count)   // line index → block index
        var blocks: [[Int]] = []                                   // block → line indices

        for i in sorted.indices {
            let box = sorted[i].bbox!
            // The nearest line above that shares some horizontal extent.
            var best: Int? = nil
            for j in 0..<i {
                let above = sorted[j].bbox!
                guard above.y1 <= box.y0 + 0.3 * min(box.height, above.height),
                      above.midY < box.midY,
                      min(above.x1, box.x1) - max(above.x0, box.x0) > 0 else { continue }
                if let k = best {
                    let current = sorted[k].bbox!
                    if above.y1 > current.y1 + 0.5
                        || (abs(above.y1 - current.y1) <= 0.5 && overlapWidth(above, box) > overlapWidth(current, box)) {
                        best = j
                    }
                } else {
                    best = j
                }
            }
            if let j = best, blocks[blockOf[j]].last == j,
               belongTogether(sorted[j], sorted[i], horizontals: horizontals) {
                blocks[blockOf[j]].append(i)
                blockOf[i] = blockOf[j]
            } else {
                blockOf[i] = blocks.count
                blocks.append([i])
            }
        }

        var result = blocks.map { Block(lines: $0.map { sorted[$0] }) }
        result = readingOrder(result)
        return result
    }

    static func overlapWidth(_ a: BBox, _ b: BBox) -> Double { min(a.x1, b.x1) - max(a.x0, b.x0) }

    /// Two stacked lines continue one paragraph: small leading, similar face, no rule between.
    static func belongTogether(_ upper: TextLine, _ lower: TextLine, horizontals: [Ruling]) -> Bool {
        let a = upper.bbox!, b = lower.bbox!
        let em = max(upper.fontSize, lower.fontSize, min(a.height, b.height) * 0.8, 1)
        guard b.y0 - a.y1 <= leading * em else { return false }
        let small = min(upper.fontSize, lower.fontSize), large = max(upper.fontSize, lower.fontSize)
        if small > 0 && large / small > sizeRatio { return false }
        if upper.bold != lower.bold { return false }
        let left = max(a.x0, b.x0), right = min(a.x1, b.x1)
        // A table row boundary between them: the cells' lines must stay apart.
        return !horizontals.contains { r in
            let y = (r.y0 + r.y1) / 2
            return y > a.midY && y < b.midY
                && min(r.x0, r.x1) < right && max(r.x0, r.x1) > left
        }
    }

    /// Blocks top to bottom; blocks whose tops lie within half a line of each other form a band
    /// read left to right (figures of one slide row, cells of one table row).
    static func readingOrder(_ blocks: [Block]) -> [Block] {
        let byTop = blocks.sorted { a, b in
            let ba = a.source.bbox!, bb = b.source.bbox!
            return (ba.y0, ba.x0) < (bb.y0, bb.x0)
        }
        var result: [Block] = []
        var band: [Block] = []
        var bandTop = 0.0, bandTolerance = 0.0
        for block in byTop {
            let box = block.source.bbox!
            let firstHeight = block.lines.first?.bbox?.height ?? box.height
            if band.isEmpty || box.y0 - bandTop <= bandTolerance {
                if band.isEmpty { bandTop = box.y0; bandTolerance = firstHeight * 0.5 }
                band.append(block)
            } else {
                result += band.sorted { $0.source.bbox!.x0 < $1.source.bbox!.x0 }
                band = [block]
                bandTop = box.y0; bandTolerance = firstHeight * 0.5
            }
        }
        result += band.sorted { $0.source.bbox!.x0 < $1.source.bbox!.x0 }
        return result
    }
}
