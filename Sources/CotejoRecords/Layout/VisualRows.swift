import CotejoModel

/// Lines grouped into the rows a reader sees: lines whose boxes share a band of height belong to one
/// row, read left to right; rows run top to bottom. A reader that found several blocks on one
/// baseline ("Valor Programado" · "951" · "Valor Ejecutado" · "2") is read as one row again here.
/// Lines without boxes (text, DOCX, HTML) are rows of their own, in order.
enum VisualRows {
    static func rows(of lines: [TextLine]) -> [[TextLine]] {
        let boxed = lines.filter { $0.bbox != nil }
        guard boxed.count == lines.count else { return lines.map { [$0] } }
        let sorted = boxed.sorted { ($0.bbox!.midY, $0.bbox!.x0) < ($1.bbox!.midY, $1.bbox!.x0) }
        let rows = sorted.visualRows(box: { $0.bbox! }, anchor: .first)
        return rows.map { $0.sorted { $0.bbox!.x0 < $1.bbox!.x0 } }
    }

    /// The vertical gap between a row and the row below it; nil without boxes.
    static func gap(between upper: [TextLine], and lower: [TextLine]) -> Double? {
        guard let u = upper.compactMap(\.bbox).map(\.y1).max(), let l = lower.compactMap(\.bbox).map(\.y0).min() else { return nil }
        return l - u
    }
}
