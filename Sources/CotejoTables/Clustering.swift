/// One-dimensional clustering of positions (ruling x's and y's, word edges).
///
/// Rulings drawn for one grid line come out of the renderer a fraction of a point apart (a double
/// rule, anti-aliasing, a cell border drawn per cell), so positions closer than a tolerance are one line.
enum Clustering {
    /// Groups sorted values whose neighbours lie within `tolerance`; returns each group's mean.
    static func centres(_ values: [Double], tolerance: Double) -> [Double] {
        groups(values, tolerance: tolerance).map { $0.reduce(0, +) / Double($0.count) }
    }

    /// The groups themselves, in ascending order.
    static func groups(_ values: [Double], tolerance: Double) -> [[Double]] {
        var result: [[Double]] = []
        for v in values.sorted() {
            if let last = result.last?.last, v - last <= tolerance {
                result[result.count - 1].append(v)
            } else {
                result.append([v])
            }
        }
        return result
    }

    /// The index of the centre nearest to `value` when within `tolerance`.
    static func index(of value: Double, in centres: [Double], tolerance: Double) -> Int? {
        var best: Int? = nil
        var distance = tolerance
        for (i, c) in centres.enumerated() where abs(c - value) <= distance {
            best = i; distance = abs(c - value)
        }
        return best
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
