/// A spreadsheet cell's A1 name, read and written: "AB11" is row 11, column 28 (both 1-based).
public enum CellReference {
    /// "B7" → (row 7, column 2); "$B$7" too. Nil for anything else, or past the sheet's bounds.
    /// Inlinable, so that a reader calling it once per cell gets it specialized for its string type
    /// rather than walking the characters through the generic protocol.
    @inlinable public static func parse<S: StringProtocol>(_ ref: S) -> (row: Int, column: Int)? {
        var col = 0, row = 0, sawDigit = false
        for ch in ref.utf8 {
            switch ch {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !sawDigit: col = col * 26 + Int(ch - 64)
            case UInt8(ascii: "a")...UInt8(ascii: "z") where !sawDigit: col = col * 26 + Int(ch - 96)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true; row = row * 10 + Int(ch - 48)
            default: return nil
            }
            if col > 16384 || row > 1_048_576 { return nil }
        }
        return col > 0 && row > 0 ? (row, col) : nil
    }

    /// Column letters for a 1-based column number: 1 → "A", 28 → "AB".
    public static func columnLetters(_ column: Int) -> String {
        var n = column
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// The A1 name of (row, column).
    public static func name(row: Int, column: Int) -> String { columnLetters(column) + String(row) }
}
