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
enum ScanRulings {
    /// Gray level below which a pixel is ink. Scanned grid lines are often light grey (150–200).
    static let inkLevel: Int32 = 200
    /// Shortest rule kept, in points: narrower than any cell, far longer than a glyph stroke.
    static let minimumLength = 18.0
    /// Gaps along a rule closed before measuring it, in points.
    static let gap = 2.0
    /// Thickest rule, in points; a filled band (a shaded header) is not a rule.
    static let maximumThickness = 3.5

    /// Rulings in points of the image's frame (`dpi` pixels per inch).
    static func find(in image: PixImage, dpi: Int) -> [Ruling] {
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
