// Month names as plans write them: full ("septiembre", "Setiembre", "DICIEMBRE") or abbreviated
// ("feb", "sept", "set.", "dic").

/// Spanish month names → 1…12.
public enum SpanishMonth {
    /// The month a word names, full or abbreviated, in any case, with or without accents or a final
    /// period: "Noviembre" → 11, "sept." → 9, "set" → 9. Nil for anything else.
    public static func number(_ word: some StringProtocol) -> Int? {
        var w = Substring(word)
        if w.hasSuffix(".") { w = w.dropLast() }
        return lookup(SpanishLexer.foldedKey(w)).map { $0.month }
    }

    /// The month a word names in full ("Septiembre", "setiembre", "DICIEMBRE"); nil for an
    /// abbreviation ("sept") or anything else, where a reader wants only the unmistakable form.
    public static func fullNameNumber(_ word: some StringProtocol) -> Int? {
        lookup(SpanishLexer.foldedKey(Substring(word))).flatMap { $0.abbreviated ? nil : $0.month }
    }

    /// The full name of a month, lower-case: 9 → "septiembre".
    public static func name(_ month: Int) -> String? {
        (1...12).contains(month) ? fullNames[month - 1] : nil
    }

    static let fullNames = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                            "septiembre", "octubre", "noviembre", "diciembre"]

    static let table: [String: (month: Int, abbreviated: Bool)] = {
        var t: [String: (month: Int, abbreviated: Bool)] = [:]
        for (i, name) in fullNames.enumerated() { t[name] = (i + 1, false) }
        t["setiembre"] = (9, false)
        let abbreviations: [(String, Int)] = [
            ("ene", 1), ("feb", 2), ("mar", 3), ("abr", 4), ("may", 5), ("jun", 6), ("jul", 7), ("ago", 8),
            ("sep", 9), ("sept", 9), ("set", 9), ("oct", 10), ("nov", 11), ("dic", 12),
        ]
        for (a, m) in abbreviations { t[a] = (m, true) }
        return t
    }()

    /// Lookup by folded key (see `SpanishLexer.fold`).
    static func lookup(_ key: String) -> (month: Int, abbreviated: Bool)? { table[key] }

    /// The month a word token names; `abbreviated` so callers can be stricter with "mar" or "set".
    static func month(_ token: SpanishToken) -> (month: Int, abbreviated: Bool)? {
        token.info.month > 0 ? (Int(token.info.month), token.info.monthAbbreviated) : nil
    }
}
