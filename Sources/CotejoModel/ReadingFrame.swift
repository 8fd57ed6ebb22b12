import Foundation

/// How a page had to be turned so that its text reads left to right, top to bottom: the affine map
/// from the page as displayed (the PDF's own coordinates: points, top-left origin, `/Rotate`
/// applied) to the frame in which its words' boxes are given.
///
/// A page turned with `/Rotate 90`, or a scan fed sideways into the scanner, shows text that runs
/// down the page; Cotejo reads it in the frame where it runs across, and keeps the map so that the
/// report can crop the displayed page at a record's box. Scans may also be a little skewed: the
/// OCR deskews them, and the small rotation is part of the same map.
public struct ReadingFrame: Codable, Hashable, Sendable {
    /// x' = xx·x + xy·y + x0, y' = yx·x + yy·y + y0 (cairo's matrix order).
    public var xx: Double, yx: Double, xy: Double, yy: Double, x0: Double, y0: Double
    /// Quarter turns, clockwise, the text needed (0 to 3).
    public var quarterTurns: Int
    /// The deskew angle in degrees, clockwise, applied after the turn (scans only).
    public var skewDegrees: Double

    public init(xx: Double, yx: Double, xy: Double, yy: Double, x0: Double, y0: Double,
                quarterTurns: Int = 0, skewDegrees: Double = 0) {
        self.xx = xx; self.yx = yx; self.xy = xy; self.yy = yy; self.x0 = x0; self.y0 = y0
        self.quarterTurns = quarterTurns; self.skewDegrees = skewDegrees
    }

    public static let identity = ReadingFrame(xx: 1, yx: 0, xy: 0, yy: 1, x0: 0, y0: 0)

    public var isIdentity: Bool { self == .identity }

    /// The frame that turns a displayed page of `width` × `height` points clockwise by `quarters`
    /// quarter turns: text that ran up the page (written bottom to top) reads across after one.
    /// The turned page is `height` × `width` for odd turns.
    public static func turning(clockwiseQuarters quarters: Int, width: Double, height: Double) -> ReadingFrame {
        switch ((quarters % 4) + 4) % 4 {
        case 1: ReadingFrame(xx: 0, yx: 1, xy: -1, yy: 0, x0: height, y0: 0, quarterTurns: 1)
        case 2: ReadingFrame(xx: -1, yx: 0, xy: 0, yy: -1, x0: width, y0: height, quarterTurns: 2)
        case 3: ReadingFrame(xx: 0, yx: -1, xy: 1, yy: 0, x0: 0, y0: width, quarterTurns: 3)
        default: .identity
        }
    }

    /// This frame followed by a clockwise rotation of `degrees` about `center` (in this frame's
    /// coordinates, y pointing down: clockwise on the page).
    public func rotated(clockwiseDegrees degrees: Double, about center: (x: Double, y: Double)) -> ReadingFrame {
        guard degrees != 0 else { return self }
        let a = degrees * .pi / 180, c = cos(a), s = sin(a)
        // With y down, a clockwise turn on the page is (x, y) → (c·x − s·y, s·x + c·y) about the center.
        let r = ReadingFrame(xx: c, yx: s, xy: -s, yy: c,
                             x0: center.x - c * center.x + s * center.y,
                             y0: center.y - s * center.x - c * center.y)
        var result = r.after(self)
        result.quarterTurns = quarterTurns
        result.skewDegrees = skewDegrees + degrees
        return result
    }

    /// `self` applied after `first`.
    func after(_ first: ReadingFrame) -> ReadingFrame {
        ReadingFrame(xx: xx * first.xx + xy * first.yx, yx: yx * first.xx + yy * first.yx,
                     xy: xx * first.xy + xy * first.yy, yy: yx * first.xy + yy * first.yy,
                     x0: xx * first.x0 + xy * first.y0 + x0, y0: yx * first.x0 + yy * first.y0 + y0,
                     quarterTurns: first.quarterTurns, skewDegrees: first.skewDegrees)
    }

    public func apply(x: Double, y: Double) -> (x: Double, y: Double) {
        (xx * x + xy * y + x0, yx * x + yy * y + y0)
    }

    /// The box enclosing the four mapped corners.
    public func apply(_ box: BBox) -> BBox {
        let corners = [apply(x: box.x0, y: box.y0), apply(x: box.x1, y: box.y0),
                       apply(x: box.x0, y: box.y1), apply(x: box.x1, y: box.y1)]
        return BBox(x0: corners.map(\.x).min()!, y0: corners.map(\.y).min()!,
                    x1: corners.map(\.x).max()!, y1: corners.map(\.y).max()!)
    }

    /// The map back from the reading frame to the displayed page.
    public var inverse: ReadingFrame {
        let det = xx * yy - xy * yx
        guard det != 0 else { return .identity }
        let ixx = yy / det, ixy = -xy / det, iyx = -yx / det, iyy = xx / det
        return ReadingFrame(xx: ixx, yx: iyx, xy: ixy, yy: iyy,
                            x0: -(ixx * x0 + ixy * y0), y0: -(iyx * x0 + iyy * y0),
                            quarterTurns: (4 - quarterTurns) % 4, skewDegrees: -skewDegrees)
    }
}
