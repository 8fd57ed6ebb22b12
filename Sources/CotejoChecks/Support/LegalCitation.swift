import CotejoSpanish
import CotejoModel

/// A legal instrument cited with its number and year: "Ley 1757 de 2015", "Decreto Nacional 1499 de
/// 2017", "Resolución No. 3564 del 2015", "CONPES 3654 de 2010", "Decreto 1499 de 11 de septiembre de
/// 2017".
struct LegalCitation: Hashable {
    /// Folded type: "ley", "decreto", "resolucion", "acuerdo", "circular", "directiva", "conpes", "ordenanza".
    var type: String
    /// Who issued it when the citation says so ("nacional", "distrital"); two different issuers make
    /// two different instruments.
    var issuer: String?
    var number: String
    var year: Int
    /// The citation as written.
    var text: String
    var range: Range<String.Index>

    /// "Decreto 1499", as messages name the instrument.
    var name: String { (Self.displayNames[type] ?? type.capitalized) + " " + number }

    static let displayNames = [
        "ley": "Ley", "decreto": "Decreto", "resolucion": "Resolución", "acuerdo": "Acuerdo", "circular": "Circular",
        "directiva": "Directiva", "conpes": "CONPES", "ordenanza": "Ordenanza",
    ]
    static let issuers: Set<String> = ["nacional", "distrital", "departamental", "municipal", "local"]
    /// Words that may stand between the type and the number.
    static let fillers: Set<String> = ["no", "nro", "numero", "num", "n", "o", "unico", "reglamentario",
                                       "estatutaria", "organica", "ordinaria", "externa", "interna", "conjunta",
                                       "ministerial", "documento"]

    private struct Token {
        var key: String
        var isNumber: Bool
        var range: Range<String.Index>
    }

    /// Words and numbers of a text, from the lexer every Spanish scanner shares: digit runs glued by
    /// single dots are one number ("1.499"); punctuation only separates tokens.
    private static func tokens(_ text: String) -> [Token] {
        let lexed = SpanishLexer.tokens(text[...])
        var out: [Token] = []
        var i = 0
        while i < lexed.count {
            let t = lexed[i]
            switch t.kind {
            case .word:
                out.append(Token(key: t.key, isNumber: false, range: t.range))
                i += 1
            case .digits:
                var digits = t.key, upper = t.upper, j = i + 1
                while j + 1 < lexed.count, lexed[j].isSymbol("."), lexed[j].gap == .none, lexed[j + 1].kind == .digits, lexed[j + 1].gap == .none {
                    digits += lexed[j + 1].key
                    upper = lexed[j + 1].upper
                    j += 2
                }
                out.append(Token(key: digits, isNumber: true, range: t.lower..<upper))
                i = j
            case .symbol:
                i += 1
            }
        }
        return out
    }

    /// Every citation with a number and a year in `text`.
    static func scan(_ text: String) -> [LegalCitation] {
        guard mayCite(text) else { return [] }
        let t = tokens(text)
        var out: [LegalCitation] = []
        var i = 0
        while i < t.count {
            defer { i += 1 }
            guard !t[i].isNumber, displayNames[t[i].key] != nil || t[i].key == "resoluciones" else { continue }
            let type = t[i].key == "resoluciones" ? "resolucion" : t[i].key
            var k = i + 1
            var issuer: String?
            var hops = 0
            while k < t.count, !t[k].isNumber, hops < 3, issuers.contains(t[k].key) || fillers.contains(t[k].key) {
                if issuers.contains(t[k].key) { issuer = t[k].key }
                k += 1; hops += 1
            }
            guard k < t.count, t[k].isNumber, t[k].key.count <= 5 else { continue }
            let number = String(t[k].key.drop { $0 == "0" })
            guard !number.isEmpty else { continue }
            var y = k + 1
            // "de 2017", "del 2017", "del año 2017", "de 11 de septiembre de 2017".
            guard y < t.count, ["de", "del"].contains(t[y].key) else { continue }
            y += 1
            if y < t.count, t[y].key == "ano" { y += 1 }
            if y + 3 < t.count, t[y].isNumber, t[y].key.count <= 2, t[y + 1].key == "de", SpanishMonth.fullNameNumber(t[y + 2].key) != nil,
               ["de", "del"].contains(t[y + 3].key) {
                y += 4
            }
            guard y < t.count, t[y].isNumber, let year = CalendarYear.of(t[y].key, in: CalendarYear.citedLaw)
            else { continue }
            let range = t[i].range.lowerBound..<t[y].range.upperBound
            out.append(LegalCitation(type: type, issuer: issuer, number: number, year: year,
                                     text: String(text[range]).collapsedWhitespace, range: range))
            i = y
        }
        return out
    }

    /// The types' names as far as they are written in ASCII letters ("resoluci" of "resolución").
    private static let stems: [[UInt8]] = ["ley", "decreto", "resoluci", "acuerdo", "circular", "directiva", "conpes",
                                           "ordenanza"].map { Array($0.utf8) }

    /// Whether `text` names a type of instrument anywhere, in any case: most lines and cells name
    /// none and are passed over without being tokenized (every body line and cell is scanned).
    static func mayCite(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= 3 else { return false }
            for start in 0...(bytes.count - 3) {
                stems: for stem in stems where start + stem.count <= bytes.count {
                    for (k, letter) in stem.enumerated() where bytes[start + k] | 0x20 != letter { continue stems }
                    return true
                }
            }
            return false
        }
    }

    /// True when a citation's number identifies one instrument whatever the year: laws and CONPES
    /// documents are numbered without restarting. Decrees, resolutions and agreements restart their
    /// numbering each year, so "Resolución 001 de 2020" and "de 2021" are two instruments; with a number
    /// of three digits or more a second year is far likelier a slip, and that is when it is flagged.
    var identifiesInstrument: Bool {
        type == "ley" || type == "conpes" || number.count >= 3
    }
}
