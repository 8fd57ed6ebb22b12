import Foundation
import CotejoModel

/// Reads one image of a page (a rendered scan, an image file) with Tesseract: turns it upright,
/// deskews it, recognises it, and hands back the words as glyphs in the page's reading frame, in
/// points, so that they take the same path as a text layer's (lines, blocks, tables, records).
struct PageRecognizer {
    let engine: TesseractEngine

    struct Result {
        var glyphs: [Glyph]
        /// Displayed page → the frame the glyphs' boxes are in.
        var frame: ReadingFrame
        /// The page's size in the reading frame, points.
        var width: Double, height: Double
        var notes: [String]
        /// False when the deadline passed before Tesseract finished.
        var finished: Bool
        /// The upright, deskewed image that was recognised: its pixels are in the reading frame.
        var image: PixImage
    }

    /// `image` shows the displayed page (`pageWidth` × `pageHeight` points) at `dpi` pixels per inch.
    func read(_ image: PixImage, dpi: Int, pageWidth: Double, pageHeight: Double, page: Int,
              deadlineMilliseconds: Int) -> Result? {
        guard let gray = image.grayscale() else { return nil }
        var notes: [String] = []
        // Upright: Tesseract's orientation detection. A page with too little text to tell is read
        // as it stands, and said so.
        var quarters = 0
        if let turn = engine.uprightTurn(gray), turn.confidence >= Self.minimumOrientationConfidence {
            quarters = turn.quarters
        } else {
            notes.append("page \(page): OCR could not settle which way the page is turned; read as it stands")
        }
        guard let upright = gray.turned(clockwiseQuarters: quarters) else { return nil }
        let turnedWidth = quarters % 2 == 1 ? pageHeight : pageWidth
        let turnedHeight = quarters % 2 == 1 ? pageWidth : pageHeight
        var frame = ReadingFrame.turning(clockwiseQuarters: quarters, width: pageWidth, height: pageHeight)

        // Deskew: small angles only; a larger one is more likely a misreading of a drawing.
        var final = upright
        if let angle = upright.deskewAngle(), abs(angle) >= 0.1, abs(angle) <= 10,
           let straight = upright.rotated(clockwiseDegrees: angle) {
            final = straight
            frame = frame.rotated(clockwiseDegrees: angle, about: (turnedWidth / 2, turnedHeight / 2))
        }

        guard let words = engine.recognize(final, resolution: dpi, deadlineMilliseconds: deadlineMilliseconds) else {
            return Result(glyphs: [], frame: frame, width: turnedWidth, height: turnedHeight, notes: notes, finished: false, image: final)
        }
        let points = 72 / Double(dpi)
        return Result(glyphs: Self.glyphs(words, points: points), frame: frame,
                      width: turnedWidth, height: turnedHeight, notes: notes, finished: true, image: final)
    }

    /// An image inside a page that has a text layer (a pasted slide, an infographic), read as it
    /// stands: such images are placed upright on their page, and a page's orientation test on a
    /// few words would be a guess. `image` shows the region at `dpi`; the glyphs come back in page
    /// points, shifted to the region's place. Nil when the deadline passed.
    func readRegion(_ image: PixImage, dpi: Int, origin: (x: Double, y: Double), deadlineMilliseconds: Int) -> [Glyph]? {
        guard let gray = image.grayscale(),
              let words = engine.recognize(gray, resolution: dpi, deadlineMilliseconds: deadlineMilliseconds) else { return nil }
        return Self.glyphs(words, points: 72 / Double(dpi)).map { g in
            var moved = g
            moved.box = BBox(x0: g.box.x0 + origin.x, y0: g.box.y0 + origin.y, x1: g.box.x1 + origin.x, y1: g.box.y1 + origin.y)
            return moved
        }
    }

    /// Tesseract's orientation confidence below which a turn is not trusted (its own scale; a
    /// clear page scores well above 10, a page of a few words near 1).
    static let minimumOrientationConfidence = 2.0

    /// A table's rules read as characters: "|" alone or stuck to a cell's first or last word, and
    /// runs of underscores or dashes. They are ink of the grid (found as rulings), not text; a word
    /// that was nothing else is dropped, and its box with it.
    static func withoutRules(_ word: RecognizedWord) -> RecognizedWord? {
        let bars: Set<Character> = ["|", "¦", "[", "]"]
        var text = Substring(word.text)
        var left = word.left, right = word.right
        let perCharacter = (word.right - word.left) / max(1, word.text.count)
        while let first = text.first, bars.contains(first), text.count > 1 { text = text.dropFirst(); left += perCharacter }
        while let last = text.last, bars.contains(last), text.count > 1 { text = text.dropLast(); right -= perCharacter }
        if text.allSatisfy({ bars.contains($0) }) { return nil }
        if text.count >= 3 && text.allSatisfy({ "_-—–=~".contains($0) }) { return nil }
        var copy = word
        copy.text = String(text); copy.left = left; copy.right = right
        return copy
    }

    /// Words → the glyph stream a text layer gives: each word's box shared evenly among its
    /// characters, a space between words, a line end after each of Tesseract's lines. The font
    /// size is the line's tallest word, which spans ascenders to descenders as a font size does.
    static func glyphs(_ words: [RecognizedWord], points: Double) -> [Glyph] {
        var glyphs: [Glyph] = []
        var lineHeights: [Int: Double] = [:]
        for w in words { lineHeights[w.line] = max(lineHeights[w.line] ?? 0, Double(w.bottom - w.top) * points) }
        let words = words.compactMap(withoutRules)
        for (i, w) in words.enumerated() {
            let box = BBox(x0: Double(w.left) * points, y0: Double(w.top) * points,
                           x1: Double(w.right) * points, y1: Double(w.bottom) * points)
            let size = lineHeights[w.line] ?? box.height
            let scalars = Array(w.text.unicodeScalars)
            let step = box.width / Double(max(1, scalars.count))
            for (k, scalar) in scalars.enumerated() {
                let x0 = box.x0 + Double(k) * step
                glyphs.append(Glyph(scalar: scalar, box: BBox(x0: x0, y0: box.y0, x1: x0 + step, y1: box.y1),
                                    fontSize: size, bold: false, isSpace: false, isLineEnd: false, confidence: w.confidence))
            }
            let next = i + 1 < words.count ? words[i + 1] : nil
            let endsLine = next == nil || next!.line != w.line
            let end = BBox(x0: box.x1, y0: box.y0, x1: box.x1, y1: box.y1)
            glyphs.append(Glyph(scalar: endsLine ? "\n" : " ", box: end, fontSize: size, bold: false,
                                isSpace: true, isLineEnd: endsLine))
        }
        return glyphs
    }
}

extension PageRecognizer.Result {
    /// The page these words make, in the reading frame: lines and blocks as for a text layer,
    /// rulings found on the same upright image the words were read from (`ScanRulings`).
    func page(number: Int, dpi: Int, detectRulings: Bool, images: [BBox]) -> Page {
        var rulings: [Ruling] = []
        if detectRulings {
            rulings = RulingDetector.filter(ScanRulings.find(in: image, dpi: dpi), pageWidth: width, pageHeight: height,
                                            imageBoxes: [], wordBoxes: PDFLayout.wordBoxes(glyphs))
        }
        let blocks = PDFLayout.blocks(from: glyphs, page: number, rulings: rulings)
        return Page(number: number, width: width, height: height, blocks: blocks, images: images,
                    rulings: rulings, hasText: !glyphs.isEmpty,
                    readingFrame: frame.isIdentity ? nil : frame, ocr: true)
    }
}
