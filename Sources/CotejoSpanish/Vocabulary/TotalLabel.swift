import CotejoModel

/// The labels of a row or column that adds up the others.
public enum TotalLabel {
    /// "TOTAL", "Total general", "Gran total", "Totales", "Suma total".
    public static func isTotal(_ s: String) -> Bool {
        let f = s.folded
        return f.hasPrefix("total") || f.hasPrefix("gran total") || f == "totales" || f.hasPrefix("suma total")
    }

    /// "Subtotal", "Sub total": a total over part of the rows.
    public static func isSubtotal(_ s: String) -> Bool { s.folded.hasPrefix("subtotal") || s.folded.hasPrefix("sub total") }
}
