import Foundation

extension String {
    /// Lower-cased, accents removed, runs of white space collapsed: for matching words, never for display.
    ///
    /// Runs over every word of every document, so Spanish and ASCII letters take a fast path;
    /// anything else goes through Foundation's diacritic folding.
    public var folded: String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if v == 0x20 || (v >= 0x09 && v <= 0x0D) { pendingSpace = !out.isEmpty; continue }
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 32)! : scalar)
                continue
            }
            if scalar.properties.isWhitespace { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            if let mapped = Self.spanishFold[v] {
                out.append(mapped)
            } else {
                let slow = String(scalar).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "es"))
                out.append(contentsOf: slow.unicodeScalars)
            }
        }
        return String(out)
    }

    /// Accented letters of Spanish (and the few others common in entity names) to their base letter.
    private static let spanishFold: [UInt32: Unicode.Scalar] = {
        var map: [UInt32: Unicode.Scalar] = [:]
        let pairs: [(String, Unicode.Scalar)] = [
            ("áàâäãåÁÀÂÄÃÅ", "a"), ("éèêëÉÈÊË", "e"), ("íìîïÍÌÎÏ", "i"), ("óòôöõÓÒÔÖÕ", "o"),
            ("úùûüÚÙÛÜ", "u"), ("ñÑ", "n"), ("çÇ", "c"), ("ýÿÝ", "y"),
        ]
        for (letters, base) in pairs { for s in letters.unicodeScalars { map[s.value] = base } }
        return map
    }()

    /// White space runs collapsed to one space, ends trimmed.
    ///
    /// Runs over every cell of every table several times, and most texts are already collapsed:
    /// one pass over the scalars tells, and such a text is returned as it is.
    public var collapsedWhitespace: String {
        var afterSpace = true   // a space at the start would be leading
        var collapsed = true
        for scalar in unicodeScalars {
            if Self.isWhitespace(scalar) {
                if afterSpace || scalar != " " { collapsed = false; break }
                afterSpace = true
            } else {
                afterSpace = false
            }
        }
        if collapsed && !afterSpace { return self }
        return split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The text without white space (newlines included) at either end. Foundation's
    /// `trimmingCharacters(in:)` goes through NSString on Linux, which costs more than most of the
    /// cells it is asked to trim; those rarely have anything to trim.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isWhitespace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !Self.isWhitespace($0) })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }

    /// Unicode white space, as `Character.isWhitespace` has it, with ASCII decided without a table.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x80 ? v == 0x20 || (v >= 0x09 && v <= 0x0D) : scalar.properties.isWhitespace
    }
}

extension Character {
    /// `isLetter`, with ASCII decided without Unicode's property tables: prose is tokenized a
    /// character at a time, and the table look-ups were a twentieth of a PDF's processing.
    @inlinable public var isWordLetter: Bool {
        guard let a = asciiValue else { return isLetter }
        return Self.isASCIILetter(a)
    }

    /// A letter or a digit (`isLetter || isNumber`), ASCII decided the same fast way.
    @inlinable public var isWordCharacter: Bool {
        guard let a = asciiValue else { return isLetter || isNumber }
        return Self.isASCIILetter(a) || (a >= 0x30 && a <= 0x39)
    }

    @usableFromInline static func isASCIILetter(_ a: UInt8) -> Bool { (a >= 0x41 && a <= 0x5A) || (a >= 0x61 && a <= 0x7A) }
}
