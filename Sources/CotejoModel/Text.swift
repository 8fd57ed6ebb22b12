import Foundation

extension String {
    /// Lower-cased, accents removed, runs of white space collapsed: for matching words, never for display.
    ///
    /// Runs over every word of every document, so Spanish and ASCII letters take a fast path;
    /// anything else goes through Foundation's diacritic folding.
    public var folded: String {
        // A word already folded (lower-case ASCII, no white space) is its own folding.
        if utf8.allSatisfy({ $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) && $0 != 0x20 && !($0 >= 0x09 && $0 <= 0x0D) }) {
            return self
        }
        // Built as UTF-8 bytes: appending scalars to a String one by one costs several times more,
        // and every line of every page is folded at least once.
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for scalar in unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if v == 0x20 || (v >= 0x09 && v <= 0x0D) { pendingSpace = !out.isEmpty; continue }
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(UInt8(v >= 0x41 && v <= 0x5A ? v + 32 : v))
                continue
            }
            if scalar.properties.isWhitespace { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            if let mapped = Self.spanishFold[v] {
                UTF8.encode(mapped) { out.append($0) }
            } else {
                let slow = String(scalar).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "es"))
                out.append(contentsOf: slow.utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The last place where `other` occurs byte for byte (UTF-8, no Unicode equivalence), as a
    /// range of this string; for texts cut from one another, where the bytes are the same. A
    /// fraction of the cost of Foundation's search, which runs over every line of every document.
    public func lastUTF8Range(of other: String) -> Range<String.Index>? {
        var text = self, other = other
        let found: Int? = text.withUTF8 { hay in
            other.withUTF8 { needle in
                guard !needle.isEmpty, needle.count <= hay.count else { return nil }
                var start = hay.count - needle.count
                while start >= 0 {
                    if hay[start] == needle[0], memcmp(hay.baseAddress! + start, needle.baseAddress!, needle.count) == 0 { return start }
                    start -= 1
                }
                return nil
            }
        }
        guard let found else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: found)
        return lower..<utf8.index(lower, offsetBy: other.utf8.count)
    }

    /// Whether `other` occurs byte for byte (UTF-8, no Unicode equivalence): a quick test for a
    /// folded ASCII word in a folded line.
    public func containsUTF8(_ other: String) -> Bool {
        var text = self, other = other
        return text.withUTF8 { hay in
            other.withUTF8 { needle in
                guard !needle.isEmpty, needle.count <= hay.count else { return needle.isEmpty }
                for start in 0...(hay.count - needle.count)
                where hay[start] == needle[0] && memcmp(hay.baseAddress! + start, needle.baseAddress!, needle.count) == 0 {
                    return true
                }
                return false
            }
        }
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

extension String {
    /// `contains(where: \.isWordLetter)`, with texts of ASCII alone (figures, codes, dates)
    /// decided on their bytes: rules ask it of every cell of a sheet, most of them figures.
    public var hasWordLetter: Bool {
        for u in utf8 {
            if u >= 0x80 { return contains(where: \.isWordLetter) }
            if Character.isASCIILetter(u) { return true }
        }
        return false
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
