import Foundation
import CotejoModel
import CTesseract

/// Finds the rulings of a table on a scanned page by morphology, as document-image tools do:
/// the page is made black and white, gaps a scanner leaves in a thin grey rule are closed, and an
/// opening with a long thin bar keeps only runs at least a table cell's width long. Glyph strokes
/// are far shorter and vanish; what stays are the rules (and underlines, which the text filter in
/// `RulingDetector.filter` drops).
///
/// The render-and-compare detector of born-digital pages expects crisp lines of one width; a
/// scan's rules are grey, ragged and broken by JPEG, which breaks them into pieces it drops.
///
/// A printed screen (a web form printed and scanned) draws its grid in dotted rules a few levels
/// darker than the paper, which no ink level separates from the paper's own grey. Those are
/// found as `RulingDetector` finds rules on a rendered page, by contrast with what lies on both
/// sides, at a low contrast (`faintSearch`). At that contrast the tops and feet of text lines pass
/// too, so a faint line counts only as part of a grid (`grid`).
///
/// Closing gaps also joins the letters of tightly set small print into bars: stems across lines
/// stand up, a line's letters lie down, and together they make a mesh inside a tall cell. OCR
/// often misses the words of such print, so the text filter cannot be relied on to drop them.
/// Inside a grid, a short rule runs from one of the grid's rules to another; a line there whose
/// ends do not both meet the grid is dropped.
enum ScanRulings {
    /// Gray level below which a pixel is ink. Scanned grid lines are often light grey (150–200).
    static let inkLevel: Int32 = 200
    /// Shortest rule kept, in points: narrower than any cell, far longer than a glyph stroke.
    static let minimumLength = 18.0
    /// Gaps along a rule closed before measuring it, in points.
    static let gap = 2.0
    /// Thickest rule, in points; a filled band (a shaded header) is not a rule.
    static let maximumThickness = 3.5

    /// The faint-rule search: a few levels of contrast, dark lines only.
    static let faintSearch = RulingDetector.LineSearch(contrast: 12, lightLines: false, minimumRun: 48)
    /// Shortest line that can make a grid, in points: longer than a line of text in a cell.
    static let gridLength = 72.0
    /// Lines the other way a grid line crosses (within `reach` points): a table's two borders
    /// and one rule inside.
    static let gridCrossings = 3
    static let reach = 3.0

    /// Rulings in points of the image's frame (`dpi` pixels per inch).
    static func find(in image: PixImage, dpi: Int) -> [Ruling] {
        combine(dark: darkRules(in: image, dpi: dpi), faint: faintRules(in: image, dpi: dpi))
    }

    /// The grid that dark and faint lines make, and the dark lines that are not text inside it.
    static func combine(dark: [Ruling], faint: [Ruling]) -> [Ruling] {
        let grid = grid(RulingDetector.mergeCollinear(dark + faint))
        guard let area = BBox.enclosing(grid.map { BBox(x0: $0.x0, y0: $0.y0, x1: $0.x1, y1: $0.y1) }) else { return dark }
        let inside = BBox(x0: area.x0 - reach, y0: area.y0 - reach, x1: area.x1 + reach, y1: area.y1 + reach)
        let others = dark.filter { line in
            guard inside.contains(x: line.x0, y: line.y0) && inside.contains(x: line.x1, y: line.y1) else { return true }
            return grid.contains { meets(line.x0, line.y0, $0, across: line) } && grid.contains { meets(line.x1, line.y1, $0, across: line) }
        }
        return RulingDetector.mergeCollinear(grid + others)
    }

    /// The long lines that cross at least `gridCrossings` long lines the other way.
    static func grid(_ lines: [Ruling]) -> [Ruling] {
        let long = lines.filter { $0.length >= gridLength }
        return long.filter { line in long.filter { crosses(line, $0) }.count >= gridCrossings }
    }

    /// Whether two lines, one each way, meet (a reach's slack at their ends).
    static func crosses(_ a: Ruling, _ b: Ruling) -> Bool {
        guard a.isHorizontal != b.isHorizontal else { return false }
        let (h, v) = a.isHorizontal ? (a, b) : (b, a)
        return v.x0 >= min(h.x0, h.x1) - reach && v.x0 <= max(h.x0, h.x1) + reach
            && h.y0 >= min(v.y0, v.y1) - reach && h.y0 <= max(v.y0, v.y1) + reach
    }

    /// Whether the end (x, y) of `line` meets `other`, a line the other way.
    static func meets(_ x: Double, _ y: Double, _ other: Ruling, across line: Ruling) -> Bool {
        guard other.isHorizontal != line.isHorizontal else { return false }
        return other.isHorizontal
            ? abs(y - other.y0) <= reach && x >= min(other.x0, other.x1) - reach && x <= max(other.x0, other.x1) + reach
            : abs(x - other.x0) <= reach && y >= min(other.y0, other.y1) - reach && y <= max(other.y0, other.y1) + reach
    }

    /// Long faint lines, before the grid test.
    static func faintRules(in image: PixImage, dpi: Int) -> [Ruling] {
        guard let pixels = image.grayPixels() else { return [] }
        let found = pixels.withUnsafeBufferPointer {
            RulingDetector.detect(gray: $0, width: image.width, height: image.height, scale: Double(dpi) / 72, search: faintSearch)
        }
        return found.filter { $0.length >= gridLength }
    }

    /// Rules that binarising at `inkLevel` keeps whole.
    static func darkRules(in image: PixImage, dpi: Int) -> [Ruling] {
        guard let binary = pixConvertTo1(image.raw, inkLevel) else { return [] }
        defer { var p: UnsafeMutablePointer<PIX>? = binary; pixDestroy(&p) }
        let perPoint = Double(dpi) / 72
        let length = Int32(max(8, (minimumLength * perPoint).rounded()))
        let bridge = Int32(max(2, (gap * perPoint).rounded()))
        let thickest = maximumThickness * perPoint
        var rulings: [Ruling] = []
        for horizontal in [true, false] {
            guard let closed = horizontal ? pixCloseBrick(nil, binary, bridge, 1) : pixCloseBrick(nil, binary, 1, bridge) else { continue }
            defer { var p: UnsafeMutablePointer<PIX>? = closed; pixDestroy(&p) }
            guard let lines = horizontal ? pixOpenBrick(nil, closed, length, 1) : pixOpenBrick(nil, closed, 1, length) else { continue }
            defer { var p: UnsafeMutablePointer<PIX>? = lines; pixDestroy(&p) }
            guard let boxes = pixConnComp(lines, nil, 8) else { continue }
            defer { var b: UnsafeMutablePointer<BOXA>? = boxes; boxaDestroy(&b) }
            for i in 0..<boxaGetCount(boxes) {
                var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
                guard boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h) == 0 else { continue }
                let thickness = Double(horizontal ? h : w)
                guard thickness <= thickest else { continue }
                let x0 = Double(x) / perPoint, y0 = Double(y) / perPoint
                let x1 = Double(x + w) / perPoint, y1 = Double(y + h) / perPoint
                rulings.append(horizontal
                    ? Ruling(x0: x0, y0: (y0 + y1) / 2, x1: x1, y1: (y0 + y1) / 2)
                    : Ruling(x0: (x0 + x1) / 2, y0: y0, x1: (x0 + x1) / 2, y1: y1))
            }
        }
        return RulingDetector.mergeCollinear(rulings)
    }
}
