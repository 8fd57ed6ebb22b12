// Ordinals as period labels write them: words ("tercer", "CUARTO", "segunda"), Roman numerals ("II",
// "iv") and digits with a suffix ("3er", "4to", "1°", "2ª").

/// Spanish ordinals 1…12 in words, Roman numerals and suffixed digits.
public enum SpanishOrdinal {
    /// How an ordinal was written.
    public enum Style: String, Hashable, Sendable {
        case word, roman, digits
    }

    /// The value of an ordinal word, any case or accents: "primer" / "primero" / "primera" → 1,
    /// "tercer" → 3, "décimo" → 10, "undécimo" → 11. Nil for anything else.
    public static func wordValue(_ word: some StringProtocol) -> Int? {
        words[SpanishLexer.foldedKey(word)]
    }

    /// The value of a Roman numeral from I to XII, any case: "II" → 2, "iv" → 4. Nil for anything else,
    /// including ill-formed numerals ("IIII", "VX").
    public static func romanValue(_ text: some StringProtocol) -> Int? {
        romans[SpanishLexer.foldedKey(text)]
    }

    static let words: [String: Int] = [
        "primer": 1, "primero": 1, "primera": 1,
        "segundo": 2, "segunda": 2,
        "tercer": 3, "tercero": 3, "tercera": 3,
        "cuarto": 4, "cuarta": 4,
        "quinto": 5, "quinta": 5,
        "sexto": 6, "sexta": 6,
        "septimo": 7, "septima": 7, "setimo": 7, "setima": 7,
        "octavo": 8, "octava": 8,
        "noveno": 9, "novena": 9,
        "decimo": 10, "decima": 10,
        "undecimo": 11, "undecima": 11, "decimoprimero": 11, "decimoprimer": 11, "decimoprimera": 11,
        "duodecimo": 12, "duodecima": 12, "decimosegundo": 12, "decimosegunda": 12,
    ]

    static let romans: [String: Int] = [
        "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
        "xi": 11, "xii": 12,
    ]

    /// Suffixes after digits that make them ordinal: "1er", "1ro", "2do", "3ra", "4to", "7mo", "9no",
    /// "1o"/"1º" (folded to "o"), "1a"/"1ª".
    static let digitSuffixes: Set<String> = ["er", "ro", "ra", "do", "da", "to", "ta", "mo", "ma", "vo", "va",
                                             "no", "na", "o", "a"]

    /// An ordinal starting at token `i`: its value, style and the index after it.
    /// `plainDigits` allows a bare digit ("trimestre 3"), which only counts after the period word.
    static func match(_ t: [SpanishToken], at i: Int, plainDigits: Bool) -> (value: Int, style: Style, end: Int)? {
        let tok = t[i]
        switch tok.kind {
        case .word:
            if tok.info.ordinal > 0 { return (Int(tok.info.ordinal), .word, i + 1) }
            if tok.info.roman > 0 { return (Int(tok.info.roman), .roman, i + 1) }
            return nil
        case .digits:
            guard tok.key.count <= 2, let v = Int(tok.key) else { return nil }
            if i + 1 < t.count, t[i + 1].gap == .none {
                let next = t[i + 1]
                if next.kind == .word, digitSuffixes.contains(next.key) { return (v, .digits, i + 2) }
                if next.isSymbol("°") { return (v, .digits, i + 2) }
                if next.kind == .word || next.kind == .digits { return nil }
            }
            // Bare digits only as one digit ("trimestre 3"): "trimestre 10 actividades" is a count.
            return plainDigits && tok.key.count == 1 ? (v, .digits, i + 1) : nil
        case .symbol:
            return nil
        }
    }
}
