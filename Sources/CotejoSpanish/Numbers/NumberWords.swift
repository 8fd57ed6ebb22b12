// Spanish cardinal numbers in words, 0…999 999: "cero", "un", "una", "dieciséis", "veintiún",
// "treinta y dos", "ciento cinco", "quinientas", "dos mil veintiuno". Plans write quantities this way
// ("Dos (2) espacios de formación"), and a word that disagrees with its digits is a finding.

/// Spanish cardinal words.
public enum NumberWords {
    /// The value of a whole text that is a cardinal in words, any case, with or without accents:
    /// "Veintiún" → 21, "treinta y dos" → 32, "dos mil veintiuno" → 2021. Nil when the text holds
    /// anything else (digits, punctuation, other words) or the words do not form a number ("cien cinco",
    /// "treinta y", "dos tres").
    public static func parse(_ text: some StringProtocol) -> Int? {
        var words: [String] = []
        var current = ""
        for s in text.unicodeScalars {
            if SpanishLexer.isLetter(s) {
                SpanishLexer.fold(s, into: &current)
            } else if SpanishLexer.isCombiningMark(s) || SpanishLexer.isInvisible(s) {
                continue
            } else if s.properties.isWhitespace {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                return nil
            }
        }
        if !current.isEmpty { words.append(current) }
        return value(words[...])
    }

    /// True when a word (any case or accents) is one of the cardinal words: "dos", "Veintiún", "mil".
    /// "y" is not: it only joins tens and units.
    public static func isNumberWord(_ word: some StringProtocol) -> Bool {
        let key = word.unicodeScalars.allSatisfy({ $0.value < 128 && !($0.value >= 65 && $0.value <= 90) })
            ? String(word) : SpanishLexer.foldedKey(word)
        return table[key] != nil
    }

    /// The Spanish words for 0…999 999, as a careful writer would: 21 → "veintiuno", 21 000 →
    /// "veintiún mil", 100 → "cien", 101 → "ciento uno", 16 → "dieciséis". Nil outside that range.
    public static func spell(_ n: Int) -> String? {
        guard n >= 0, n <= 999_999 else { return nil }
        if n == 0 { return "cero" }
        let thousands = n / 1000, rest = n % 1000
        var parts: [String] = []
        if thousands == 1 {
            parts.append("mil")
        } else if thousands > 1 {
            parts.append(spellGroup(thousands, apocopate: true) + " mil")
        }
        if rest > 0 { parts.append(spellGroup(rest, apocopate: false)) }
        return parts.joined(separator: " ")
    }

    // MARK: Words

    enum Class {
        case unit        // 0…9
        case compound    // 10…29: complete on their own, no "y" after them
        case tens        // 30…90: may take "y" + unit
        case cien        // 100 alone
        case hundreds    // ciento, doscientos…: may take a tail below 100
        case mil
    }

    static let table: [String: (value: Int, cls: Class)] = {
        var t: [String: (value: Int, cls: Class)] = [:]
        let units = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
        for (v, w) in units.enumerated() { t[w] = (v, .unit) }
        t["un"] = (1, .unit); t["una"] = (1, .unit)
        let compounds: [(String, Int)] = [
            ("diez", 10), ("once", 11), ("doce", 12), ("trece", 13), ("catorce", 14), ("quince", 15),
            ("dieciseis", 16), ("diecisiete", 17), ("dieciocho", 18), ("diecinueve", 19), ("veinte", 20),
            ("veintiun", 21), ("veintiuno", 21), ("veintiuna", 21), ("veintidos", 22), ("veintitres", 23),
            ("veinticuatro", 24), ("veinticinco", 25), ("veintiseis", 26), ("veintisiete", 27),
            ("veintiocho", 28), ("veintinueve", 29),
        ]
        for (w, v) in compounds { t[w] = (v, .compound) }
        let tens = ["treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"]
        for (k, w) in tens.enumerated() { t[w] = (30 + 10 * k, .tens) }
        t["cien"] = (100, .cien)
        t["ciento"] = (100, .hundreds)
        let hundreds = ["dos", "tres", "cuatro", "quin", "seis", "sete", "ocho", "nove"]
        for (k, stem) in hundreds.enumerated() {
            let base = stem == "quin" ? "quinient" : stem + "cient"
            t[base + "os"] = (200 + 100 * k, .hundreds)
            t[base + "as"] = (200 + 100 * k, .hundreds)
        }
        t["mil"] = (1000, .mil)
        return t
    }()

    /// The value of a list of folded words that together form one cardinal, or nil.
    static func value(_ words: ArraySlice<String>) -> Int? {
        guard !words.isEmpty else { return nil }
        if words.count == 1, words.first == "cero" { return 0 }
        var i = words.startIndex
        let first = group(words, &i)
        if i < words.endIndex, words[i] == "mil" {
            let multiplier = first ?? 1
            guard multiplier >= 1 else { return nil }
            i += 1
            let rest = i < words.endIndex ? group(words, &i) : 0
            guard let rest, i == words.endIndex else { return nil }
            return multiplier * 1000 + rest
        }
        guard let first, i == words.endIndex, first > 0 else { return nil }
        return first
    }

    /// One group below 1000 starting at `i`; advances `i` past it. Nil when no group starts there.
    private static func group(_ w: ArraySlice<String>, _ i: inout Int) -> Int? {
        let start = i
        var total = 0
        func entry(_ k: Int) -> (value: Int, cls: Class)? { k < w.endIndex ? table[w[k]] : nil }
        var needsTail = false
        if let e = entry(i) {
            switch e.cls {
            case .cien:
                i += 1
                return 100
            case .hundreds:
                total = e.value
                needsTail = w[i] == "ciento"   // "ciento" alone is not written; "cien" is
                i += 1
            default: break
            }
        }
        if let e = entry(i) {
            switch e.cls {
            case .tens, .compound:
                total += e.value
                i += 1
                // "treinta y dos"; also the old "diez y seis", "veinte y uno".
                let joins = e.cls == .tens || w[i - 1] == "diez" || w[i - 1] == "veinte"
                if joins, i + 1 < w.endIndex, w[i] == "y", let u = table[w[i + 1]], u.cls == .unit, u.value > 0 {
                    total += u.value
                    i += 2
                }
                needsTail = false
            case .unit where e.value > 0:
                total += e.value
                i += 1
                needsTail = false
            default: break
            }
        }
        if i == start || needsTail { i = start; return nil }
        return total
    }

    private static func spellGroup(_ n: Int, apocopate: Bool) -> String {
        var parts: [String] = []
        let h = n / 100, r = n % 100
        if h > 0 {
            if h == 1 { parts.append(r == 0 ? "cien" : "ciento") }
            else {
                let stems = ["", "", "dos", "tres", "cuatro", "quin", "seis", "sete", "ocho", "nove"]
                parts.append(h == 5 ? "quinientos" : stems[h] + "cientos")
            }
        }
        if r > 0 {
            let units = ["", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
            let teens = ["diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete",
                         "dieciocho", "diecinueve"]
            let twenties = ["veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco",
                            "veintiséis", "veintisiete", "veintiocho", "veintinueve"]
            let tens = ["", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"]
            var words: String
            if r < 10 { words = units[r] }
            else if r < 20 { words = teens[r - 10] }
            else if r < 30 { words = twenties[r - 20] }
            else { words = tens[r / 10] + (r % 10 > 0 ? " y " + units[r % 10] : "") }
            // Before "mil" the unit one shortens: "veintiún mil", "treinta y un mil".
            if apocopate {
                if r == 1 { words = "un" }
                else if r == 21 { words = "veintiún" }
                else if r > 30 && r % 10 == 1 { words = tens[r / 10] + " y un" }
            }
            parts.append(words)
        }
        return parts.joined(separator: " ")
    }
}
