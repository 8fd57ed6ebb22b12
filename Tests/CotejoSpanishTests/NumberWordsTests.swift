import CotejoSpanish
import Testing
@testable import CotejoSpanish

@Suite("NumberWords.parse")
struct NumberWordsParseTests {
    @Test(arguments: [
        ("cero", 0), ("un", 1), ("uno", 1), ("una", 1), ("Un", 1), ("UNA", 1), ("dos", 2), ("nueve", 9),
        ("diez", 10), ("quince", 15), ("dieciséis", 16), ("dieciseis", 16), ("DIECISÉIS", 16), ("diecinueve", 19),
        ("veinte", 20), ("veintiuno", 21), ("veintiún", 21), ("veintiun", 21), ("veintiuna", 21),
        ("veintidós", 22), ("veinticuatro", 24), ("treinta", 30), ("treinta y dos", 32), ("Noventa y nueve", 99),
        ("cien", 100), ("ciento cinco", 105), ("ciento uno", 101), ("doscientos", 200), ("quinientas", 500),
        ("setecientos setenta y siete", 777), ("novecientos noventa y nueve", 999), ("mil", 1000),
        ("un mil", 1000), ("mil uno", 1001), ("dos mil veintiuno", 2021), ("veintiún mil", 21000),
        ("cien mil", 100_000), ("ciento un mil", 101_000),
        ("novecientos noventa y nueve mil novecientos noventa y nueve", 999_999), ("diez y seis", 16),
        ("  tres\u{00A0} ", 3), ("die\u{0301}z", 10),
    ] as [(String, Int)])
    func parses(_ text: String, _ value: Int) {
        #expect(NumberWords.parse(text) == value)
    }

    @Test(arguments: ["", "y", "treinta y", "cien cinco", "dos tres", "ciento", "mil mil", "cero cero", "cero mil",
                      "tres (3)", "3", "tres.", "treinta y diez", "veinte y diez", "un dos", "dos y", "hola",
                      "veintiuno y dos", "millón"])
    func rejects(_ text: String) {
        #expect(NumberWords.parse(text) == nil)
    }

    @Test func isNumberWord() {
        #expect(NumberWords.isNumberWord("Veintiún"))
        #expect(NumberWords.isNumberWord("mil"))
        #expect(!NumberWords.isNumberWord("y"))
        #expect(!NumberWords.isNumberWord("herramienta"))
    }

    @Test(arguments: [(0, "cero"), (1, "uno"), (16, "dieciséis"), (21, "veintiuno"), (100, "cien"), (101, "ciento uno"),
                      (1000, "mil"), (2021, "dos mil veintiuno"), (21000, "veintiún mil"), (31_000, "treinta y un mil"),
                      (500_500, "quinientos mil quinientos")] as [(Int, String)])
    func spells(_ n: Int, _ words: String) {
        #expect(NumberWords.spell(n) == words)
    }

    @Test func spellOutOfRange() {
        #expect(NumberWords.spell(-1) == nil)
        #expect(NumberWords.spell(1_000_000) == nil)
    }
}

@Suite("NumberWords.pairs")
struct NumberWordPairTests {
    @Test(arguments: [
        ("Un (1) Documento de autodiagnostico", 1, 1, "Un (1)"),
        ("Una (1) estrategia", 1, 1, "Una (1)"),
        ("(1)Una herramienta de caracterización", 1, 1, "(1)Una"),
        ("(1) Una herramienta", 1, 1, "(1) Una"),
        ("Dos (2) espacios de formación", 2, 2, "Dos (2)"),
        ("realizó tres (3) foros virtuales", 3, 3, "tres (3)"),
        ("un grupo de diez (10) o más sordos", 10, 10, "diez (10)"),
        ("tres (4) talleres", 3, 4, "tres (4)"),
        ("treinta y dos (32) mesas", 32, 32, "treinta y dos (32)"),
        ("veintiún (21) días", 21, 21, "veintiún (21)"),
        ("mil (1.000) personas", 1000, 1000, "mil (1.000)"),
        ("cuatro(4)", 4, 4, "cuatro(4)"),
    ] as [(String, Int, Int, String)])
    func findsPair(_ text: String, _ word: Int, _ digits: Int, _ pairText: String) throws {
        let pairs = NumberWords.pairs(in: text)
        let p = try #require(pairs.first)
        #expect(pairs.count == 1)
        #expect(p.wordValue == word)
        #expect(p.digitValue == digits)
        #expect(p.text == pairText)
        #expect(String(text[p.range]) == pairText)
        #expect(p.agrees == (word == digits))
    }

    @Test func agreementIsReported() throws {
        let good = try #require(NumberWords.pairs(in: "tres (3)").first)
        #expect(good.agrees)
        let bad = try #require(NumberWords.pairs(in: "tres (4)").first)
        #expect(!bad.agrees)
        #expect(bad.wordText == "tres")
        #expect(bad.digitText == "4")
        #expect(bad.order == .wordsFirst)
    }

    @Test func digitsFirstOrderAndRanges() throws {
        let text = "(1)Una herramienta"
        let p = try #require(NumberWords.pairs(in: text).first)
        #expect(p.order == .digitsFirst)
        #expect(String(text[p.wordRange]) == "Una")
        #expect(String(text[p.digitRange]) == "1")
    }

    @Test(arguments: ["(24 instancias)", "Ley 982 de 2005 (art 19 y 20)", "modelo (1)", "tres (3,5)", "(3)", "tres 3",
                      "y (3)", "foros (3) y"])
    func noPair(_ text: String) {
        #expect(NumberWords.pairs(in: text).isEmpty)
    }

    @Test func severalPairsInAText() {
        let text = "Un (1) boton; Dos (2) espacios; tres (4) talleres y (5) cinco"
        let pairs = NumberWords.pairs(in: text)
        #expect(pairs.map(\.wordValue) == [1, 2, 3, 5])
        #expect(pairs.map(\.digitValue) == [1, 2, 4, 5])
        #expect(pairs.map(\.agrees) == [true, true, false, true])
    }

    @Test func wordsBeforeWinOverWordsAfter() throws {
        let p = try #require(NumberWords.pairs(in: "tres (3) cuatro").first)
        #expect(p.wordValue == 3)
        #expect(p.order == .wordsFirst)
    }
}

@Suite("NumberWords.leadingQuantity")
struct LeadingQuantityTests {
    @Test(arguments: [
        ("Un (1) Documento de autodiagnostico sobre participación", 1, LeadingQuantity.Form.pair),
        ("Una (1) estrategia de participación ciudadana", 1, .pair),
        ("(1)Una herramienta de caracterización", 1, .pair),
        ("Dos (2) espacios de formación con veedurías ciudadanas", 2, .pair),
        ("tres (4) talleres", 4, .pair),
        ("24 instancias", 24, .digits),
        ("(24 instancias)", 24, .digits),
        ("- 3 talleres", 3, .digits),
        ("1.000 personas", 1000, .digits),
        ("Una herramienta de caracterización", 1, .words),
        ("Dos talleres", 2, .words),
        ("treinta y dos mesas", 32, .words),
        ("  Veintiún días", 21, .words),
    ] as [(String, Int, LeadingQuantity.Form)])
    func reads(_ phrase: String, _ value: Int, _ form: LeadingQuantity.Form) throws {
        let q = try #require(NumberWords.leadingQuantity(in: phrase))
        #expect(q.value == value)
        #expect(q.form == form)
        #expect(String(phrase[q.range]) == q.text)
    }

    @Test(arguments: ["Realizar dos Facebook Live", "Estrategia de comunicación adaptada", "2021 plan de acción",
                      "100% de los grupos", "3.1 EQUIPO GOBIERNO ABIERTO", "Una vez aprobado el plan", "uno de los ejes",
                      "2,5 talleres", "$ 500 pesos", "Dos", "24", "", "dos o tres talleres"])
    func conservative(_ phrase: String) {
        #expect(NumberWords.leadingQuantity(in: phrase) == nil)
    }

    @Test func disagreeingPairKeepsBothValues() throws {
        let q = try #require(NumberWords.leadingQuantity(in: "tres (4) talleres"))
        #expect(q.value == 4)
        #expect(q.pair?.wordValue == 3)
        #expect(q.pair?.agrees == false)
    }
}
