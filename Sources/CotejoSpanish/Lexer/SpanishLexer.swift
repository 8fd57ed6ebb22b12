// The one pass every Spanish scanner shares: text → words, digit runs and single symbols, each with its
// place in the input and what separates it from the token before. Scanners then match small patterns
// over tokens instead of re-reading characters, which keeps them simple and linear (no regular
// expressions: these run over every token of thousands of documents).

/// What lies between a token and the one before it. Scanners use it to tell "1.234" (glued) from
/// "29 20" (two cells) and to keep patterns from running across lines where that would be a guess.
package enum SpanishGap: UInt8 {
    case none, space, newline
}

package struct SpanishToken {
    package enum Kind: UInt8 { case word, digits, symbol }

    package let kind: Kind
    package let lower: String.Index
    package let upper: String.Index
    package let gap: SpanishGap
    /// Word: lower-cased with accents removed ("Dieciséis" → "dieciseis"). Digits: the ASCII digits.
    /// Symbol: the scalar itself.
    package let key: String
    /// A symbol's scalar (for words and digits, their first scalar).
    let scalar: Unicode.Scalar
    /// What the lexicon knows of a word (nothing for digits and symbols).
    var info: SpanishWordInfo = .none

    package var range: Range<String.Index> { lower..<upper }

    package func isSymbol(_ s: Unicode.Scalar) -> Bool { kind == .symbol && scalar == s }
    func isWord(_ w: String) -> Bool { kind == .word && key == w }
    var isDash: Bool { kind == .symbol && SpanishLexer.isDash(scalar) }
}

package enum SpanishLexer {
    /// Walks a token list left to right, taking each match `match(i)` finds at token `i` and going
    /// on after its end: what every scanner of dates, periods, month ranges and number-word pairs does.
    static func leftmostMatches<M>(count: Int, _ match: (Int) -> (M, end: Int)?) -> [M] {
        var out: [M] = []
        var i = 0
        while i < count {
            if let (m, end) = match(i), end > i {
                out.append(m)
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    package static func tokens(_ text: Substring) -> [SpanishToken] {
        // Scanning UTF-8 bytes with hand decoding is many times faster than walking the unicode-scalar
        // view, and native strings hand out their bytes without a copy.
        if let tokens = text.utf8.withContiguousStorageIfAvailable({ tokens(bytes: $0, text) }) { return tokens }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { tokens(bytes: $0, text) }
    }

    /// The scalar starting at byte `i` and its length in bytes (the input is valid UTF-8: a String).
    @inline(__always)
    private static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 < 0xE0 {
            return (Unicode.Scalar(((b0 & 0x1F) << 6) | (UInt32(b[i + 1]) & 0x3F)) ?? "\u{FFFD}", 2)
        }
        if b0 < 0xF0 {
            let v = ((b0 & 0x0F) << 12) | ((UInt32(b[i + 1]) & 0x3F) << 6) | (UInt32(b[i + 2]) & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 3)
        }
        let v = ((b0 & 0x07) << 18) | ((UInt32(b[i + 1]) & 0x3F) << 12) | ((UInt32(b[i + 2]) & 0x3F) << 6)
            | (UInt32(b[i + 3]) & 0x3F)
        return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
    }

    private static func tokens(bytes b: UnsafeBufferPointer<UInt8>, _ text: Substring) -> [SpanishToken] {
        let utf8 = text.utf8
        let base = utf8.startIndex
        @inline(__always) func index(_ offset: Int) -> String.Index { utf8.index(base, offsetBy: offset) }
        var out: [SpanishToken] = []
        out.reserveCapacity(b.count / 4)
        var key: [UInt8] = []
        key.reserveCapacity(32)
        let n = b.count
        var i = 0
        // The start of the text counts as a line start (section numbers, list items).
        var gap = SpanishGap.newline
        while i < n {
            let byte = b[i]
            if byte >= 48 && byte <= 57 {
                let start = i
                while i < n, b[i] >= 48, b[i] <= 57 { i += 1 }
                let digits = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                out.append(SpanishToken(kind: .digits, lower: index(start), upper: index(i), gap: gap, key: digits,
                                        scalar: Unicode.Scalar(byte)))
                gap = .none
                continue
            }
            let (s, len) = decode(b, i)
            if isLetter(s) {
                let start = i
                key.removeAll(keepingCapacity: true)
                while i < n {
                    let c = b[i]
                    if c < 0x80 {
                        if c >= 65 && c <= 90 { key.append(c + 32); i += 1; continue }
                        if c >= 97 && c <= 122 { key.append(c); i += 1; continue }
                        break
                    }
                    let (u, ulen) = decode(b, i)
                    if isLetter(u) {
                        foldBytes(u, into: &key)
                    } else if !(isCombiningMark(u) || isInvisible(u)) {
                        break
                    }
                    // Decomposed accents (PDF text often has "e" + U+0301) and soft hyphens stay inside
                    // the word and vanish from its key.
                    i += ulen
                }
                let word = String(decoding: key, as: UTF8.self)
                out.append(SpanishToken(kind: .word, lower: index(start), upper: index(i), gap: gap, key: word,
                                        scalar: s, info: SpanishLexicon.info(word)))
                gap = .none
            } else if isNewline(s) {
                gap = .newline
                i += len
            } else if isSpaceLike(s) {
                if gap == .none { gap = .space }
                i += len
            } else if isInvisible(s) || isCombiningMark(s) {
                i += len
            } else {
                out.append(SpanishToken(kind: .symbol, lower: index(i), upper: index(i + len), gap: gap,
                                        key: String(Character(s)), scalar: s))
                gap = .none
                i += len
            }
        }
        return out
    }

    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 128 { return (v >= 65 && v <= 90) || (v >= 97 && v <= 122) }
        return s.properties.isAlphabetic
    }

    static func isCombiningMark(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x300 && (s.value <= 0x36F || s.properties.generalCategory == .nonspacingMark)
    }

    /// Characters that carry no text: soft hyphen, zero-width space and joiners, word joiner, BOM.
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    static func isNewline(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// White space of every kind (U+00A0, U+202F and U+2009 included: French-style "113 %" comes with
    /// them), plus "*": extracted text keeps markdown-like emphasis ("**70** compromisos") that must not
    /// split or glue figures.
    static func isSpaceLike(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v == 0x20 || v == 0x09 || v == 0x2A { return true }
        if v < 128 { return false }
        return s.properties.isWhitespace
    }

    /// Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus.
    static func isDash(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: return true
        default: return false
        }
    }

    /// Lower-case ASCII folding for the Latin letters Spanish uses; anything else is lower-cased as is.
    static func fold(_ s: Unicode.Scalar, into key: inout String) {
        if let a = foldASCII(s) { key.unicodeScalars.append(Unicode.Scalar(a)); return }
        if isCombiningMark(s) { return }
        key += s.properties.lowercaseMapping
    }

    /// `fold` into UTF-8 bytes, for the lexer's key buffer.
    @inline(__always)
    static func foldBytes(_ s: Unicode.Scalar, into key: inout [UInt8]) {
        if let a = foldASCII(s) { key.append(a); return }
        if isCombiningMark(s) { return }
        key.append(contentsOf: s.properties.lowercaseMapping.utf8)
    }

    /// The ASCII letter a Latin letter folds to, when there is one.
    @inline(__always)
    static func foldASCII(_ s: Unicode.Scalar) -> UInt8? {
        let v = s.value
        if v < 128 {
            let b = UInt8(v)
            return b >= 65 && b <= 90 ? b + 32 : b
        }
        switch v {
        case 0xC0...0xC5, 0xE0...0xE5, 0xAA: return 97      // a
        case 0xC7, 0xE7: return 99                          // c
        case 0xC8...0xCB, 0xE8...0xEB: return 101           // e
        case 0xCC...0xCF, 0xEC...0xEF: return 105           // i
        case 0xD1, 0xF1: return 110                         // n
        case 0xD2...0xD6, 0xF2...0xF6, 0xBA: return 111     // o
        case 0xD9...0xDC, 0xF9...0xFC: return 117           // u
        case 0xDD, 0xFD, 0xFF: return 121                   // y
        default: return nil
        }
    }

    /// Folds a short string the way word keys are folded (for building lookup keys from plain input).
    static func foldedKey(_ text: some StringProtocol) -> String {
        var key = ""
        for s in text.unicodeScalars where isLetter(s) { fold(s, into: &key) }
        return key
    }
}

extension Array where Element == SpanishToken {
    /// The text a run of tokens covers in the input, as it stands there.
    func text(_ first: Int, _ end: Int, in source: Substring) -> String {
        String(source[self[first].lower..<self[end - 1].upper])
    }
}
