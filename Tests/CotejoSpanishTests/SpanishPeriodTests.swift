import CotejoSpanish
import Testing
@testable import CotejoSpanish

@Suite("Months")
struct SpanishMonthTests {
    @Test(arguments: [("enero", 1), ("Febrero", 2), ("MARZO", 3), ("septiembre", 9), ("Setiembre", 9), ("sept", 9),
                      ("set", 9), ("sep.", 9), ("feb", 2), ("dic", 12), ("Dic.", 12), ("ago", 8), ("noviembre", 11)]
          as [(String, Int)])
    func names(_ word: String, _ month: Int) {
        #expect(SpanishMonth.number(word) == month)
    }

    @Test(arguments: ["", "mes", "enerox", "d", "13", "lunes"])
    func notMonths(_ word: String) {
        #expect(SpanishMonth.number(word) == nil)
    }

    @Test func fullNames() {
        #expect(SpanishMonth.name(9) == "septiembre")
        #expect(SpanishMonth.name(0) == nil)
        #expect((1...12).allSatisfy { SpanishMonth.number(SpanishMonth.name($0)!) == $0 })
    }
}

@Suite("PeriodKind")
struct PeriodKindTests {
    @Test func monthsCovered() {
        #expect(PeriodKind.trimestre.months(ordinal: 3) == 7...9)
        #expect(PeriodKind.cuatrimestre.months(ordinal: 3) == 9...12)
        #expect(PeriodKind.cuatrimestre.months(ordinal: 2) == 5...8)
        #expect(PeriodKind.semestre.months(ordinal: 1) == 1...6)
        #expect(PeriodKind.bimestre.months(ordinal: 6) == 11...12)
        #expect(PeriodKind.month.months(ordinal: 5) == 5...5)
        #expect(PeriodKind.year.months(ordinal: 1) == 1...12)
    }

    @Test func periodsThatCannotExist() {
        #expect(PeriodKind.cuatrimestre.months(ordinal: 4) == nil)
        #expect(PeriodKind.trimestre.months(ordinal: 5) == nil)
        #expect(PeriodKind.semestre.months(ordinal: 3) == nil)
        #expect(PeriodKind.bimestre.months(ordinal: 7) == nil)
        #expect(PeriodKind.trimestre.months(ordinal: 0) == nil)
        #expect(PeriodKind.allCases.map(\.periodsPerYear) == [12, 6, 4, 3, 2, 1])
    }

    @Test func periodCoveringMonths() {
        #expect(PeriodKind.period(covering: 9...12)! == (.cuatrimestre, 3))
        #expect(PeriodKind.period(covering: 7...9)! == (.trimestre, 3))
        #expect(PeriodKind.period(covering: 1...12)! == (.year, 1))
        #expect(PeriodKind.period(covering: 5...7) == nil)
        #expect(PeriodKind.period(covering: 8...11) == nil)
    }

    @Test func named() {
        #expect(PeriodKind.named("Cuatrimestre") == .cuatrimestre)
        #expect(PeriodKind.named("año") == .year)
        #expect(PeriodKind.named("trimestres") == nil)
    }
}

@Suite("SpanishOrdinal")
struct SpanishOrdinalTests {
    @Test func wordsAndRomans() {
        #expect(SpanishOrdinal.wordValue("Tercer") == 3)
        #expect(SpanishOrdinal.wordValue("CUARTO") == 4)
        #expect(SpanishOrdinal.wordValue("décimo") == 10)
        #expect(SpanishOrdinal.wordValue("séptima") == 7)
        #expect(SpanishOrdinal.wordValue("tres") == nil)
        #expect(SpanishOrdinal.romanValue("II") == 2)
        #expect(SpanishOrdinal.romanValue("iv") == 4)
        #expect(SpanishOrdinal.romanValue("XII") == 12)
        #expect(SpanishOrdinal.romanValue("IIII") == nil)
        #expect(SpanishOrdinal.romanValue("VX") == nil)
    }
}

@Suite("SpanishPeriod")
struct SpanishPeriodTests {
    @Test(arguments: [
        ("II cuatrimestre", PeriodKind.cuatrimestre, 2, "II", SpanishOrdinal.Style.roman),
        ("tercer trimestre", .trimestre, 3, "tercer", .word),
        ("primer semestre", .semestre, 1, "primer", .word),
        ("3er trimestre", .trimestre, 3, "3er", .digits),
        ("segundo semestre", .semestre, 2, "segundo", .word),
        ("I trimestre", .trimestre, 1, "I", .roman),
        ("cuatrimestre III", .cuatrimestre, 3, "III", .roman),
        ("CUMPLIMIENTO II CUATRIMESTRE", .cuatrimestre, 2, "II", .roman),
        ("META TRIMESTRE 1", .trimestre, 1, "1", .digits),
        ("4to trimestre", .trimestre, 4, "4to", .digits),
        ("1° semestre", .semestre, 1, "1°", .digits),
        ("Tercera Bimestre", .bimestre, 3, "Tercera", .word),
        ("semestre segundo", .semestre, 2, "segundo", .word),
        ("IV TRIMESTRE", .trimestre, 4, "IV", .roman),
    ] as [(String, PeriodKind, Int, String, SpanishOrdinal.Style)])
    func labels(_ text: String, _ kind: PeriodKind, _ ordinal: Int, _ literal: String, _ style: SpanishOrdinal.Style) throws {
        let p = try #require(SpanishPeriod.scan(in: text).first)
        #expect(p.kind == kind)
        #expect(p.ordinal == ordinal)
        #expect(p.ordinalText == literal)
        #expect(p.ordinalStyle == style)
        #expect(p.isValid)
        #expect(String(text[p.range]) == p.text)
    }

    @Test func monthsOfLabels() throws {
        #expect(SpanishPeriod.parse("tercer trimestre")?.months == 7...9)
        #expect(SpanishPeriod.parse("III cuatrimestre")?.months == 9...12)
        #expect(SpanishPeriod.parse("primer semestre")?.months == 1...6)
    }

    @Test func cuartoCuatrimestreCannotExist() throws {
        let text = "CUMPLIMIENTO Y AVANCE\nCUARTO CUATRIMESTRE POR\nDEPENDENCIA"
        let p = try #require(SpanishPeriod.scan(in: text).first)
        #expect(p.kind == .cuatrimestre)
        #expect(p.ordinal == 4)
        #expect(p.ordinalText == "CUARTO")
        #expect(!p.isValid)
        #expect(p.months == nil)
        #expect(p.text == "CUARTO CUATRIMESTRE")
    }

    @Test(arguments: ["quinto trimestre", "III semestre", "semestre 3", "séptimo bimestre"])
    func invalidLabels(_ text: String) throws {
        #expect(SpanishPeriod.parse(text)?.isValid == false)
    }

    @Test func labelAcrossALineBreak() throws {
        let p = try #require(SpanishPeriod.scan(in: "Informe de cumplimiento tercer  \ncuatrimestre del").first)
        #expect(p.ordinal == 3)
        #expect(p.kind == .cuatrimestre)
    }

    @Test(arguments: ["los tres trimestres", "cada trimestre", "trimestre 10 actividades", "trimestre 2021",
                      "semestre 2,5", "el tercer informe", "3 trimestres", "3 trimestre"])
    func notLabels(_ text: String) {
        #expect(SpanishPeriod.scan(in: text).isEmpty)
    }

    @Test func parseAMonthCell() throws {
        let p = try #require(SpanishPeriod.parse("Mayo"))
        #expect(p.kind == .month && p.ordinal == 5 && p.months == 5...5)
        #expect(SpanishPeriod.parse("tercer trimestre de 2021") == nil)
    }

    @Test func scanSeveral() {
        let text = "META TRIMESTRE 1\tMETA TRIMESTRE 2\tMETA TRIMESTRE 3\tMETA TRIMESTRE 4\tRESULTADO; segundo cuatrimestre"
        let p = SpanishPeriod.scan(in: text)
        #expect(p.map(\.ordinal) == [1, 2, 3, 4, 2])
        #expect(p.map(\.kind) == [.trimestre, .trimestre, .trimestre, .trimestre, .cuatrimestre])
    }
}

@Suite("MonthRange")
struct MonthRangeTests {
    @Test(arguments: [
        ("septiembre – diciembre", 9, 12), ("septiembre — diciembre", 9, 12), ("enero - diciembre", 1, 12),
        ("enero-diciembre", 1, 12), ("enero a junio", 1, 6), ("enero al 30 de junio", 0, 0),
        ("desde enero hasta junio", 1, 6), ("ene – dic", 1, 12), ("mayo − agosto", 5, 8),
    ] as [(String, Int, Int)])
    func ranges(_ text: String, _ first: Int, _ last: Int) {
        let r = MonthRange.scan(in: text).first
        if first == 0 {
            #expect(r == nil)
        } else {
            #expect(r?.first == first)
            #expect(r?.last == last)
            #expect(r?.months == first...last)
        }
    }

    @Test func entreYNeedsEntre() throws {
        let text = "en el período comprendido entre **enero y diciembre**."
        let r = try #require(MonthRange.scan(in: text).first)
        #expect(r.months == 1...12)
        #expect(r.text == "enero y diciembre")
        #expect(MonthRange.scan(in: "se hicieron en enero y diciembre").isEmpty)
    }

    @Test func withYear() throws {
        let r = try #require(MonthRange.parse("enero – diciembre de 2021"))
        #expect(r.year == 2021 && r.months == 1...12)
        #expect(MonthRange.parse("entre enero y junio")?.months == 1...6)
    }

    @Test func wrapping() throws {
        let r = try #require(MonthRange.parse("noviembre - febrero"))
        #expect(r.wraps && r.months == nil)
    }

    @Test func abbreviationsNeedADash() {
        #expect(MonthRange.scan(in: "mar a sep").isEmpty)
    }

    @Test func seedText() {
        let text = """
        Ejecución de actividades
        enero – diciembre
        Para el cuatrimestre de
        septiembre – diciembre se
        \\*Corte enero - diciembre
        """
        let ranges = MonthRange.scan(in: text)
        #expect(ranges.map(\.first) == [1, 9, 1])
        #expect(ranges.map(\.last) == [12, 12, 12])
        for r in ranges { #expect(String(text[r.range]) == r.text) }
    }
}

@Suite("PHVAPhase")
struct PHVAPhaseTests {
    @Test(arguments: [("P:", "P"), ("H:", "H"), ("V:", "V"), ("A:", "A"), ("P", "P"), ("p", "P"), ("Planear", "P"),
                      ("HACER", "H"), ("Verificar", "V"), ("actuar", "A"), (" A: ", "A"), ("P: Planear", "P"),
                      ("V - Verificar", "V"), ("H.", "H")] as [(String, String)])
    func phases(_ text: String, _ phase: String) {
        #expect(PHVAPhase.parse(text)?.rawValue == phase)
    }

    @Test(arguments: ["", "B", "Planeación", "P: Hacer", "CICLO DE PROCESO P: Planear H: Hacer V: Verificar A: Actuar",
                      "A partir de los resultados", "a la ciudadanía", "PH", "P1", "(P)", "Verificar y actuar"])
    func nothingElse(_ text: String) {
        #expect(PHVAPhase.parse(text) == nil)
    }
}
