import CotejoModel

// PHVA (Planear, Hacer, Verificar, Actuar) phase cells: "P:", "H:", "Verificar". Only whole cells are
// read: in running text a lone "A" or "V" is a preposition or an initial, not a phase.

/// Reads PHVA phase cells.
public enum PHVAPhase {
    /// The phase a whole cell names: "P", "P:", "p.", "Planear", "HACER", "V: Verificar", "A - Actuar".
    /// Nil for anything else, including the header that lists all four ("P: Planear H: Hacer …") and a
    /// letter whose word disagrees ("P: Hacer").
    public static func parse(_ text: some StringProtocol) -> Phase? {
        var words: [String] = []
        var current = ""
        for s in text.unicodeScalars {
            if SpanishLexer.isLetter(s) {
                SpanishLexer.fold(s, into: &current)
            } else if SpanishLexer.isSpaceLike(s) || s == ":" || s == "." || SpanishLexer.isDash(s) {
                if !current.isEmpty { words.append(current); current = "" }
            } else if !SpanishLexer.isCombiningMark(s) && !SpanishLexer.isInvisible(s) {
                return nil
            }
        }
        if !current.isEmpty { words.append(current) }
        switch words.count {
        case 1:
            return phase(words[0])
        case 2:
            // "P: Planear": the letter and the word must name the same phase.
            guard words[0].count == 1, words[1].count > 1, let a = phase(words[0]), let b = phase(words[1]),
                  a == b else { return nil }
            return a
        default:
            return nil
        }
    }

    private static func phase(_ key: String) -> Phase? {
        switch key {
        case "p", "planear": return .P
        case "h", "hacer": return .H
        case "v", "verificar": return .V
        case "a", "actuar": return .A
        default: return nil
        }
    }
}
