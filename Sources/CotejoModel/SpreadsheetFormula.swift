/// A spreadsheet formula as written in its cell ("=B7*C7/D7"), and the two readings of its cell
/// references that the pipeline needs: moved to another cell (a shared formula's followers store
/// no text of their own), and written relative to its own cell, so that the formulas of a column
/// can be compared as the same computation (ExceLint's reference vectors, in R1C1 terms).
public struct SpreadsheetFormula: Sendable, Hashable {
    /// The formula with its leading "=".
    public var text: String

    public init(_ text: String) { self.text = text.hasPrefix("=") ? text : "=" + text }

    /// The formula as it reads in a cell `rows` below and `columns` right of its own: relative
    /// references move, `$`-anchored parts stay.
    public func shifted(rows: Int, columns: Int) -> SpreadsheetFormula {
        var out = ""
        Self.scan(text) { piece in
            switch piece {
            case .verbatim(let s): out += s
            case .reference(let r):
                let col = r.columnAbsolute ? r.column : r.column + columns
                let row = r.rowAbsolute ? r.row : r.row + rows
                guard col >= 1, row >= 1 else { out += "#REF!"; return }
                out += (r.columnAbsolute ? "$" : "") + CellReference.columnLetters(col) + (r.rowAbsolute ? "$" : "") + String(row)
            }
        }
        return SpreadsheetFormula(out)
    }

    /// The computation the formula performs, independent of where it stands: references relative to
    /// the cell at (`row`, `column`) in R1C1 form, and typed constants as `#`. `=B7*C7/D7` in E7 and
    /// `=B8*C8/D8` in E8 give the same pattern; `=195/228` and `=155/228` do too, as two constants
    /// divided.
    public func pattern(row: Int, column: Int) -> String {
        var out = ""
        Self.scan(text) { piece in
            switch piece {
            case .verbatim(let s): out += Self.constantsMasked(s)
            case .reference(let r):
                out += r.rowAbsolute ? "R\(r.row)" : "R[\(r.row - row)]"
                out += r.columnAbsolute ? "C\(r.column)" : "C[\(r.column - column)]"
            }
        }
        return out.replacingOccurrences(of: " ", with: "")
    }

    /// Whether the formula reads any cell, rather than only computing typed constants.
    public var readsCells: Bool {
        var found = false
        Self.scan(text) { if case .reference = $0 { found = true } }
        return found
    }

    // MARK: - References

    struct Reference { var column: Int; var row: Int; var columnAbsolute: Bool; var rowAbsolute: Bool }
    enum Piece { case verbatim(String), reference(Reference) }

    /// Splits a formula into references and the text between them. String literals ("…") and quoted
    /// sheet names ('…') are passed through whole; a name followed by "(" is a function (LOG10), not
    /// a cell.
    static func scan(_ formula: String, _ emit: (Piece) -> Void) {
        let chars = Array(formula)
        var i = 0
        var plain = ""
        func flush() { if !plain.isEmpty { emit(.verbatim(plain)); plain = "" } }
        while i < chars.count {
            let ch = chars[i]
            if ch == "\"" || ch == "'" {
                var j = i + 1
                while j < chars.count, chars[j] != ch { j += 1 }
                plain += String(chars[i...min(j, chars.count - 1)])
                i = j + 1
                continue
            }
            let before = i > 0 ? chars[i - 1] : " "
            if (ch == "$" || ch.isASCIILetter), !(before.isASCIILetter || before.isASCIIDigit || before == "_" || before == "." || before == "$"),
               let (ref, end) = reference(chars, at: i) {
                flush()
                emit(.reference(ref))
                i = end
                continue
            }
            plain.append(ch)
            i += 1
        }
        flush()
    }

    /// An A1 reference starting at `i` ($A$1, B7, XFD1048576), and the index just past it.
    private static func reference(_ chars: [Character], at start: Int) -> (Reference, Int)? {
        var i = start
        let colAbs = chars[i] == "$"
        if colAbs { i += 1 }
        var col = 0, n = 0
        while i < chars.count, chars[i].isASCIILetter, n < 3 {
            col = col * 26 + Int(chars[i].uppercased().unicodeScalars.first!.value) - 64
            i += 1; n += 1
        }
        guard n > 0, col <= 16384 else { return nil }
        let rowAbs = i < chars.count && chars[i] == "$"
        if rowAbs { i += 1 }
        var row = 0, d = 0
        while i < chars.count, chars[i].isASCIIDigit, d < 7 { row = row * 10 + Int(String(chars[i]))!; i += 1; d += 1 }
        guard d > 0, row >= 1 else { return nil }
        if i < chars.count, chars[i].isASCIILetter || chars[i].isASCIIDigit || chars[i] == "(" || chars[i] == "_" { return nil }
        return (Reference(column: col, row: row, columnAbsolute: colAbs, rowAbsolute: rowAbs), i)
    }


    /// Numbers typed into the formula become `#`, so that rows dividing their own constants read as
    /// one computation.
    private static func constantsMasked(_ s: String) -> String {
        var out = "", inNumber = false
        for ch in s {
            if ch.isASCIIDigit || (inNumber && ch == ".") {
                if !inNumber { out.append("#"); inNumber = true }
            } else {
                inNumber = false
                out.append(ch)
            }
        }
        return out
    }
}

private extension Character {
    var isASCIILetter: Bool { isASCII && isLetter }
    var isASCIIDigit: Bool { isASCII && isNumber }
}
