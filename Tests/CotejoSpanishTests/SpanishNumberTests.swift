import CotejoSpanish
import Testing
@testable import CotejoSpanish

@Suite("SpanishNumber.parse")
struct SpanishNumberParseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let value: Double
        let decimals: Int
        let percent: Bool
        var testDescription: String { text }
    }

    static let cells: [Case] = [
        Case(text: "69", value: 69, decimals: 0, percent: false),
        Case(text: "1.234,5", value: 1234.5, decimals: 1, percent: false),
        Case(text: "1.234", value: 1234, decimals: 0, percent: false),
        Case(text: "2,5", value: 2.5, decimals: 1, percent: false),
        Case(text: "66.223,84", value: 66223.84, decimals: 2, percent: false),
        Case(text: "419,84", value: 419.84, decimals: 2, percent: false),
        Case(text: "7.704", value: 7704, decimals: 0, percent: false),
        Case(text: "(35,8)", value: -35.8, decimals: 1, percent: false),
        Case(text: "-3", value: -3, decimals: 0, percent: false),
        Case(text: "−3", value: -3, decimals: 0, percent: false),
        Case(text: "29,99 %", value: 29.99, decimals: 2, percent: true),
        Case(text: "113 %", value: 113, decimals: 0, percent: true),
        Case(text: "113%", value: 113, decimals: 0, percent: true),
        Case(text: "2,5 %", value: 2.5, decimals: 1, percent: true),
        Case(text: "113\u{00A0}%", value: 113, decimals: 0, percent: true),
        Case(text: "113\u{202F}%", value: 113, decimals: 0, percent: true),
        Case(text: "29,99\u{00A0}%", value: 29.99, decimals: 2, percent: true),
        Case(text: "100 por ciento", value: 100, decimals: 0, percent: true),
        Case(text: "$ 1.500.000", value: 1_500_000, decimals: 0, percent: false),
        Case(text: "$1.500.000,50", value: 1_500_000.5, decimals: 2, percent: false),
        Case(text: "-$ 2.000", value: -2000, decimals: 0, percent: false),
        Case(text: "$ -2.000", value: -2000, decimals: 0, percent: false),
        Case(text: "1'500.000", value: 1_500_000, decimals: 0, percent: false),
        Case(text: "12.5", value: 12.5, decimals: 1, percent: false),
        Case(text: "0.75", value: 0.75, decimals: 2, percent: false),
        Case(text: "0.750", value: 0.75, decimals: 3, percent: false),
        Case(text: "1234.567", value: 1234.567, decimals: 3, percent: false),
        Case(text: "1,234.5", value: 1234.5, decimals: 1, percent: false),
        Case(text: "1,500,000", value: 1_500_000, decimals: 0, percent: false),
        Case(text: "1,234", value: 1.234, decimals: 3, percent: false),
        Case(text: "0,5", value: 0.5, decimals: 1, percent: false),
        Case(text: "  145% ", value: 145, decimals: 0, percent: true),
        Case(text: "**70**", value: 70, decimals: 0, percent: false),
        Case(text: "2021", value: 2021, decimals: 0, percent: false),
        Case(text: "3.1", value: 3.1, decimals: 1, percent: false),
        Case(text: "(3)", value: -3, decimals: 0, percent: false),
        Case(text: "(12,5 %)", value: -12.5, decimals: 1, percent: true),
    ]

    @Test(arguments: cells)
    func parsesCell(_ c: Case) throws {
        let n = try #require(SpanishNumber.parse(c.text))
        #expect(abs(n.value - c.value) < 1e-9)
        #expect(n.decimals == c.decimals)
        #expect(n.isPercent == c.percent)
    }

    @Test("mayStatePercent passes every percentage parse reads, and passes over plain figures",
          arguments: cells.map(\.text) + ["30\u{FF05}", "12,5 POR CIENTO", "7 Por Ciento"])
    func percentPrefilter(_ text: String) {
        let percent = SpanishNumber.parse(text)?.isPercent == true
        if percent { #expect(SpanishNumber.mayStatePercent(text)) }
        if !percent && !text.contains("%") { #expect(!SpanishNumber.mayStatePercent(text)) }
    }

    @Test func percentPrefilterReadsBytes() {
        #expect(SpanishNumber.parse("30\u{FF05}")?.isPercent == true)
        #expect(SpanishNumber.parse("12,5 POR CIENTO")?.isPercent == true)
        #expect(!SpanishNumber.mayStatePercent("Cient"))
        #expect(!SpanishNumber.mayStatePercent("c"))
        #expect(SpanishNumber.mayStatePercent("cientO"))
    }

    @Test(arguments: ["", "   ", "abc", "E-DES-FT-014", "3.1.2", "29 20", "12.34,5", "1.2.3", "FT014", "3er",
                      "- 3", "1.234.5", "%", "$", "()", "2,5,", "01-febrero-2021"])
    func rejectsNonFigures(_ text: String) {
        #expect(SpanishNumber.parse(text) == nil)
    }

    @Test func reportsTextAndRange() throws {
        let s = "  $ 1.500.000 "
        let n = try #require(SpanishNumber.parse(s))
        #expect(n.text == "$ 1.500.000")
        #expect(String(s[n.range]) == "$ 1.500.000")
        #expect(n.isCurrency)
        #expect(n.traits.contains(.grouped))
    }

    @Test func dotBeforeThreeDigitsIsThousandsButFlagged() throws {
        let n = try #require(SpanishNumber.parse("1.234"))
        #expect(n.value == 1234)
        #expect(n.traits.contains(.grouped))
        #expect(n.traits.contains(.ambiguousSeparator))
        let m = try #require(SpanishNumber.parse("1,234"))
        #expect(m.traits.contains(.ambiguousSeparator))
        #expect(SpanishNumber.parse("66.223,84")?.traits.contains(.ambiguousSeparator) == false)
        #expect(SpanishNumber.parse("1.500.000")?.traits.contains(.ambiguousSeparator) == false)
    }

    @Test func pointDecimalIsMarked() throws {
        #expect(SpanishNumber.parse("12.5")?.traits.contains(.pointDecimal) == true)
        #expect(SpanishNumber.parse("12,5")?.traits.contains(.pointDecimal) == false)
    }

    @Test func accountingParenthesesAreNegative() throws {
        let n = try #require(SpanishNumber.parse("(35,8)"))
        #expect(n.isNegative)
        #expect(n.traits.contains(.accountingNegative))
        #expect(n.text == "(35,8)")
    }
}

@Suite("Years and section numbers")
struct YearAndSectionTests {
    @Test(arguments: ["2021", "1900", "2100", "1999"])
    func yearsAreYears(_ text: String) throws {
        let n = try #require(SpanishNumber.parse(text))
        #expect(n.isLikelyYear)
        #expect(SpanishNumber.isLikelyYear(n.value, text: text))
    }

    @Test(arguments: ["2.021", "2021,0", "1899", "2101", "$ 2021", "2021 %", "69", "20210", "(2021)"])
    func amountsAreNotYears(_ text: String) throws {
        let n = try #require(SpanishNumber.parse(text))
        #expect(!n.isLikelyYear)
    }

    @Test func yearHelperNeedsFourBareDigits() {
        #expect(SpanishNumber.isLikelyYear(2021, text: "2021"))
        #expect(!SpanishNumber.isLikelyYear(2021, text: "2.021"))
        #expect(!SpanishNumber.isLikelyYear(2021.5, text: "2021"))
        #expect(!SpanishNumber.isLikelyYear(1234, text: "1234"))
    }

    @Test(arguments: ["3.1", "3.1.2", "1.", "10.2", "3.1.", "2.3.4"])
    func sectionShapes(_ token: String) {
        #expect(SpanishNumber.looksLikeSectionNumber(token))
    }

    @Test(arguments: ["3", "1.234", "0.75", "3,1", "123.1", "a.1", "", ".", "1..2", "3.1 %"])
    func notSectionShapes(_ token: String) {
        #expect(!SpanishNumber.looksLikeSectionNumber(token))
    }

    @Test func sectionNumberInContext() throws {
        let text = "**3.1**\n\n**EQUIPO GOBIERNO ABIERTO**\nSe ejecutaron 3.1 productos\n1. INTRODUCCIÓN\n12\n12\nCumplimiento"
        let numbers = SpanishNumber.scan(in: text)
        #expect(numbers.map(\.value) == [3.1, 3.1, 1, 12, 12])
        #expect(numbers.map(\.looksLikeSectionNumber) == [true, false, true, false, false])
        // Still numbers: the caller decides.
        #expect(numbers[0].value == 3.1)
    }
}

@Suite("SpanishNumber.scan")
struct SpanishNumberScanTests {
    @Test func tableRowSeparatesCells() {
        let n = SpanishNumber.scan(in: "Desarrollar la estrategia de difusión. 29 20 145%")
        #expect(n.map(\.value) == [29, 20, 145])
        #expect(n.map(\.isPercent) == [false, false, true])
        #expect(n.last?.text == "145%")
    }

    @Test func datesAreNotNumbers() {
        let text = "VIGENTE DESDE 04/10/2022 del 01-febrero-2021 al 31-diciembre-2021; corte 2021-02-01 y 23 de julio de 2021"
        #expect(SpanishNumber.scan(in: text).isEmpty)
    }

    @Test func monthYearIsNotANumberButPageNumbersAre() {
        let n = SpanishNumber.scan(in: "Fecha: Noviembre de 2019. PÁGINA 2 de 12")
        #expect(n.map(\.value) == [2, 12])
    }

    @Test func codesAreSkipped() {
        let n = SpanishNumber.scan(in: "CÓDIGO E-DES-FT-014 VERSIÓN 11, COVID-19, MIPG2, 3er lugar, numeral 6º, 014-A")
        #expect(n.map(\.value) == [11])
    }

    @Test func legalReferencesAreMarked() {
        let n = SpanishNumber.scan(in: "según dispone el Decreto 1499 de 2017 y la Ley 982 de 2005 (art 19 y 20), Decreto No. 612")
        #expect(n.map(\.value) == [1499, 2017, 982, 2005, 19, 20, 612])
        #expect(n.map { $0.traits.contains(.legalReference) } == [true, false, true, false, true, false, true])
        #expect(n.map(\.isLikelyYear) == [false, true, false, true, false, false, false])
    }

    @Test func instancesInParenthesesArePositive() {
        let text = "protocolo de participación efectiva de víctimas del conflicto armado en Bogotá (24 instancias)."
        let n = SpanishNumber.scan(in: text)
        #expect(n.count == 1)
        #expect(n.first?.value == 24)
        #expect(n.first?.text == "24")
        #expect(SpanishNumber.scan(in: "24 instancias").map(\.value) == [24])
    }

    @Test func bareParenthesisedIntegersStayPositiveInProse() {
        let n = SpanishNumber.scan(in: "realizó tres (3) foros; Plan (2021); (1)Una herramienta; variación (35,8) y (1.200)")
        #expect(n.map(\.value) == [3, 2021, 1, -35.8, -1200])
        #expect(n[0].traits.contains(.wordPaired))
        #expect(n[2].traits.contains(.wordPaired))
        #expect(n[3].traits.contains(.accountingNegative))
    }

    @Test func signsVersusRanges() {
        #expect(SpanishNumber.scan(in: "variación -3 puntos").map(\.value) == [-3])
        #expect(SpanishNumber.scan(in: "plan 2020-2024").map(\.value) == [2020, 2024])
        #expect(SpanishNumber.scan(in: "entre 10 - 20").map(\.value) == [10, 20])
        #expect(SpanishNumber.scan(in: "(-5)").map(\.value) == [-5])
    }

    @Test func percentagesWithEverySpace() {
        for space in [" ", "\u{00A0}", "\u{202F}", "\u{2009}", ""] {
            let n = SpanishNumber.scan(in: "Cumplimiento 29,99\(space)% y 113\(space)%")
            #expect(n.map(\.value) == [29.99, 113], "space U+\(String(space.unicodeScalars.first?.value ?? 0, radix: 16))")
            let allPercent = n.allSatisfy(\.isPercent)
            #expect(allPercent)
        }
    }

    @Test func percentDoesNotCrossLines() {
        let n = SpanishNumber.scan(in: "113\n% del plan")
        #expect(n.count == 1)
        #expect(n.first?.isPercent == false)
    }

    @Test func sentenceFinalSeparatorIsNotDecimal() {
        #expect(SpanishNumber.scan(in: "Se programaron 69. Se ejecutaron 78, es decir").map(\.value) == [69, 78])
        #expect(SpanishNumber.scan(in: "Se programaron 69. Se ejecutaron 78, es decir").map(\.decimals) == [0, 0])
    }

    @Test func listOfCommaNumbers() {
        #expect(SpanishNumber.scan(in: "artículos 1,2,3").map(\.value) == [1, 2, 3])
    }

    @Test func timesAreSkipped() {
        #expect(SpanishNumber.scan(in: "a las 10:30 con 40 asistentes").map(\.value) == [40])
    }

    @Test func periodOrdinalsAreSkipped() {
        #expect(SpanishNumber.scan(in: "META TRIMESTRE 1 META TRIMESTRE 2 con 5 metas").map(\.value) == [5])
    }

    @Test func rangesPointAtTheText() {
        let text = "Se recogieron **70** compromisos: **50** y **20**, con $\u{00A0}1.500.000 y 29,99 %"
        for n in SpanishNumber.scan(in: text) {
            #expect(String(text[n.range]) == n.text)
        }
        #expect(SpanishNumber.scan(in: text).map(\.value) == [70, 50, 20, 1_500_000, 29.99])
    }

    @Test func substringRangesAreBaseIndices() {
        let text = "xx 12,5 % yy 7"
        let sub = text[text.index(text.startIndex, offsetBy: 3)...]
        let n = SpanishNumber.scan(in: sub)
        #expect(n.map(\.value) == [12.5, 7])
        #expect(String(text[n[0].range]) == "12,5 %")
    }

    @Test func seedPage() {
        let text = """
        ## 113 % CUMPLIMIENTO

        Ejecución de actividades
        enero – diciembre

        ## 125% CUMPLIMIENTO II CUATRIMESTRE

        Para el cuatrimestre de
        septiembre – diciembre se
        tenían 28 actividades
        programadas y se ejecutaron
        35 lo cual
        """
        let n = SpanishNumber.scan(in: text)
        #expect(n.map(\.value) == [113, 125, 28, 35])
        #expect(n.map(\.isPercent) == [true, true, false, false])
    }
}

@Suite("Stated intervals")
struct StatedIntervalTests {
    @Test func percentWithoutDecimals() throws {
        let n = try #require(SpanishNumber.parse("113 %"))
        let r = n.roundingInterval
        #expect(r.lower == 112.5 && r.upper == 113.5 && r.includesLower && !r.includesUpper)
        #expect(r.contains(112.5) && r.contains(113.04) && !r.contains(113.5))
        let t = n.truncationInterval
        #expect(t.lower == 113 && t.upper == 114)
        #expect(t.contains(113.9) && !t.contains(112.9))
        #expect(n.statedInterval == r)
        let c = n.consistentInterval
        #expect(c.lower == 112.5 && c.upper == 114)
        // 78 / 69 = 113,04 %: consistent with "113 %", not with "118 %".
        #expect(r.contains(78.0 / 69.0 * 100))
        #expect(SpanishNumber.parse("118 %")?.consistentInterval.contains(78.0 / 69.0 * 100) == false)
    }

    @Test func decimalsNarrowTheInterval() throws {
        let n = try #require(SpanishNumber.parse("29,99 %"))
        #expect(abs(n.roundingInterval.lower - 29.985) < 1e-12)
        #expect(abs(n.roundingInterval.upper - 29.995) < 1e-12)
        #expect(abs(n.roundingInterval.width - 0.01) < 1e-12)
    }

    @Test func negativeMirrors() throws {
        let n = try #require(SpanishNumber.parse("(35,8)"))
        let r = n.roundingInterval
        #expect(r.contains(-35.75) && !r.contains(-35.85) && r.contains(-35.8))
        let t = n.truncationInterval
        #expect(t.contains(-35.8) && t.contains(-35.89) && !t.contains(-35.9) && !t.contains(-35.79))
    }

    @Test func zero() {
        let r = StatedInterval.rounding(0, decimals: 0)
        #expect(r.contains(0.49) && r.contains(-0.49) && !r.contains(0.5))
    }

    @Test func overlapAndHull() {
        let a = StatedInterval(lower: 0, upper: 1)
        let b = StatedInterval(lower: 1, upper: 2)
        #expect(!a.overlaps(b))
        #expect(a.overlaps(StatedInterval(lower: 0.5, upper: 3)))
        #expect(StatedInterval(lower: 0, upper: 1, includesUpper: true).overlaps(b))
        #expect(a.hull(b) == StatedInterval(lower: 0, upper: 2))
    }
}

@Suite("SpanishNumber.format")
struct SpanishNumberFormatTests {
    @Test(arguments: [
        (1234.5, 2, "1.234,50"), (113, 0, "113"), (-35.8, 1, "-35,8"), (1_500_000, 0, "1.500.000"),
        (0.75, 2, "0,75"), (999, 0, "999"), (1000, 0, "1.000"), (113.04347, 1, "113,0"), (2.5, 0, "3"),
        (-0.04, 1, "0,0"), (66223.84, 2, "66.223,84"),
    ] as [(Double, Int, String)])
    func formats(_ value: Double, _ decimals: Int, _ expected: String) {
        #expect(SpanishNumber.format(value, decimals: decimals) == expected)
    }

    @Test func withoutGroupingAndPercent() {
        #expect(SpanishNumber.format(1234.5, decimals: 1, grouping: false) == "1234,5")
        #expect(SpanishNumber.formatPercent(113.0434, decimals: 1) == "113,0 %")
    }
}

extension SpanishNumberParseTests {
    @Test("a figure glued to a lower-case noun lost its space in extraction; ordinals, units and codes stay out")
    func figureGluedToANoun() {
        #expect(SpanishNumber.scan(in: "y 45afiliaciones a personas adultas").map(\.value) == [45])
        #expect(SpanishNumber.scan(in: "el 3er trimestre, 5kg, código 014Abcde").isEmpty)
    }

    /// A reading remembered for one text is handed back with its range in the index space of the
    /// text asked about, wherever that text stands in its string.
    @Test func aRememberedReadingPointsIntoTheTextAskedAbout() throws {
        let first = try #require(SpanishNumber.parse(" 1.234,5 "))
        let line = "Meta: 1.234,5 | Avance: 1.234,5 "
        let cut = line.index(line.startIndex, offsetBy: 23)
        let second = try #require(SpanishNumber.parse(line[cut...]))
        #expect(first.value == 1234.5 && second.value == 1234.5)
        #expect(line[second.range] == "1.234,5")
        #expect(line.distance(from: line.startIndex, to: second.range.lowerBound) == 24)
        #expect(SpanishNumber.parse("E-DES-FT-014") == nil && SpanishNumber.parse("E-DES-FT-014") == nil)
    }
}
