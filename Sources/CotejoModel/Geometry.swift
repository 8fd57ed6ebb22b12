/// A rectangle in PDF points with the origin at the page's top-left corner: `x0 < x1`, `y0 < y1`.
/// Cotejo converts every reader's coordinates to this one convention so that sources compare.
public struct BBox: Codable, Hashable, Sendable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double

    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = min(x0, x1); self.y0 = min(y0, y1)
        self.x1 = max(x0, x1); self.y1 = max(y0, y1)
    }

    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
    public var midX: Double { (x0 + x1) / 2 }
    public var midY: Double { (y0 + y1) / 2 }
    public var area: Double { max(0, width) * max(0, height) }

    public func union(_ other: BBox) -> BBox {
        BBox(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }

    /// True when the point lies inside the box (edges included).
    public func contains(x: Double, y: Double) -> Bool {
        x >= x0 && x <= x1 && y >= y0 && y <= y1
    }

    public func intersection(_ other: BBox) -> BBox? {
        let a = max(x0, other.x0), b = max(y0, other.y0), c = min(x1, other.x1), d = min(y1, other.y1)
        return a < c && b < d ? BBox(x0: a, y0: b, x1: c, y1: d) : nil
    }

    /// Overlap of the vertical extents as a share of the smaller height (0…1).
    public func verticalOverlap(_ other: BBox) -> Double {
        let overlap = min(y1, other.y1) - max(y0, other.y0)
        let base = min(height, other.height)
        return base > 0 ? max(0, overlap) / base : 0
    }

    /// Overlap of the horizontal extents as a share of the smaller width (0…1).
    public func horizontalOverlap(_ other: BBox) -> Double {
        let overlap = min(x1, other.x1) - max(x0, other.x0)
        let base = min(width, other.width)
        return base > 0 ? max(0, overlap) / base : 0
    }

    /// The box rounded to two decimals, as stored and exported.
    public var rounded: BBox {
        func r(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        return BBox(x0: r(x0), y0: r(y0), x1: r(x1), y1: r(y1))
    }

    public var array: [Double] { [x0, y0, x1, y1] }

    public static func enclosing(_ boxes: [BBox]) -> BBox? {
        guard var box = boxes.first else { return nil }
        for other in boxes.dropFirst() { box = box.union(other) }
        return box
    }
}
