import CotejoSpanish
import Testing
@testable import CotejoRecords

/// SplitMix64: a small seeded generator, so property tests are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Properties")
struct PropertyTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func formatThenParseGivesTheValue(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<2000 {
            let decimals = Int.random(in: 0...4, using: &rng)
            let magnitude = [10, 1_000, 1_000_000, 1_000_000_000][Int.random(in: 0...3, using: &rng)]
            let units = Int.random(in: -magnitude...magnitude, using: &rng)
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            let value = Double(units) / scale
            let text = SpanishNumber.format(value, decimals: decimals)
            let n = try #require(SpanishNumber.parse(text), "\(text)")
            #expect(abs(n.value - value) <= 1e-9 * max(1, abs(value)), "\(text) → \(n.value), wanted \(value)")
            #expect(n.decimals == decimals, "\(text)")
            #expect(n.text == text)
            // The stated interval always holds the value that was formatted.
            #expect(n.roundingInterval.contains(value) || value == 0, "\(text)")
            // In running text, a formatted percentage comes back too.
            let percent = SpanishNumber.formatPercent(value, decimals: decimals)
            let found = SpanishNumber.scan(in: "Cumplimiento del \(percent) en la vigencia")
            #expect(found.count == 1 && found.first?.isPercent == true, "\(percent)")
            #expect(abs((found.first?.value ?? .nan) - value) <= 1e-9 * max(1, abs(value)), "\(percent)")
        }
    }

    @Test func spellThenParseGivesTheNumber() {
        var rng = SeededGenerator(seed: 42)
        var samples = Array(0...1100) + [999_999, 100_000, 101_000, 21_000, 31_001]
        for _ in 0..<3000 { samples.append(Int.random(in: 0...999_999, using: &rng)) }
        for n in samples {
            let words = NumberWords.spell(n)!
            #expect(NumberWords.parse(words) == n, "\(n) → \(words)")
            #expect(NumberWords.parse(words.uppercased()) == n, "\(n) → \(words)")
            if n > 0 {
                let text = "Se harán \(words) (\(n)) talleres"
                let pair = NumberWords.pairs(in: text).first
                #expect(pair?.wordValue == n && pair?.agrees == true, "\(text)")
            }
        }
    }

    @Test func datesRoundTrip() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<1500 {
            let y = Int.random(in: 1990...2040, using: &rng), m = Int.random(in: 1...12, using: &rng)
            let d = Int.random(in: 1...SpanishDate.daysIn(month: m, year: y), using: &rng)
            let name = SpanishMonth.name(m)!
            let forms = ["\(d)-\(name)-\(y)", "\(d) de \(name) de \(y)", "\(d)/\(m)/\(y)",
                         "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)", "\(name) \(d) de \(y)"]
            for form in forms {
                let date = try #require(SpanishDate.parse(form), "\(form)")
                #expect(date.isValid && date.date?.year == y && date.date?.month == m && date.date?.day == d, "\(form)")
                #expect(SpanishNumber.scan(in: "Fecha: \(form).").isEmpty, "\(form)")
            }
        }
    }

    @Test func periodsAgreeWithKindArithmetic() {
        for kind in [PeriodKind.bimestre, .trimestre, .cuatrimestre, .semestre] {
            for ordinal in 1...kind.periodsPerYear {
                let months = kind.months(ordinal: ordinal)!
                #expect(months.count == kind.monthsPerPeriod)
                let back = PeriodKind.period(covering: months)
                #expect(back?.kind == kind && back?.ordinal == ordinal)
                let roman = ["I", "II", "III", "IV", "V", "VI"][ordinal - 1]
                let p = SpanishPeriod.parse("\(roman) \(kind.rawValue)")
                #expect(p?.months == months)
            }
        }
    }

    /// Pieces junk is made of: the characters that matter to the scanners and some that should not.
    static let alphabet: [String] = [
        "0", "1", "2", "9", "12", "2021", ".", ",", "'", "’", "-", "–", "—", "−", "/", ":", "%", "$", "(", ")",
        " ", "\u{00A0}", "\u{202F}", "\u{2009}", "\n", "\t", "*", "#", "°", "º", "ª", "de", "del", "y", "a",
        "enero", "feb", "sept", "dic", "II", "IV", "tercer", "cuarto", "trimestre", "cuatrimestre", "semestre",
        "tres", "veintiún", "mil", "un", "por", "ciento", "Ley", "Decreto", "E", "FT", "é", "\u{0301}", "\u{00AD}",
        "\u{200B}", "🙂", "👩‍💻", "\u{FEFF}", "\r\n", "ñ", "Ω", "中", "\u{0000}", "er", "ro",
    ]

    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func junkNeverCrashesAndRangesHold(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<1500 {
            let length = Int.random(in: 0...40, using: &rng)
            var text = ""
            for _ in 0..<length { text += Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &rng)] }
            for n in SpanishNumber.scan(in: text) {
                #expect(String(text[n.range]) == n.text)
                #expect(!n.value.isNaN)
            }
            _ = SpanishNumber.parse(text)
            for d in SpanishDate.scan(in: text) {
                #expect(String(text[d.range]) == d.text)
                #expect(d.isValid == (d.date != nil))
            }
            _ = SpanishDate.parse(text)
            for p in SpanishPeriod.scan(in: text) { #expect(String(text[p.range]) == p.text) }
            _ = SpanishPeriod.parse(text)
            for r in MonthRange.scan(in: text) { #expect(String(text[r.range]) == r.text) }
            for p in NumberWords.pairs(in: text) { #expect(String(text[p.range]) == p.text) }
            _ = NumberWords.parse(text)
            if let q = NumberWords.leadingQuantity(in: text) { #expect(String(text[q.range]) == q.text) }
            _ = PHVAPhase.parse(text)
        }
    }

    @Test func randomAsciiNeverCrashes() {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<1000 {
            let length = Int.random(in: 0...60, using: &rng)
            let scalars = (0..<length).map { _ in Unicode.Scalar(UInt8.random(in: 0...127, using: &rng)) }
            let text = String(String.UnicodeScalarView(scalars))
            _ = SpanishNumber.scan(in: text)
            _ = SpanishDate.scan(in: text)
            _ = SpanishPeriod.scan(in: text)
            _ = MonthRange.scan(in: text)
            _ = NumberWords.pairs(in: text)
            _ = NumberWords.leadingQuantity(in: text)
        }
    }
}

@Suite("SpanishScanner")
struct SpanishScannerTests {
    @Test func sameResultsAsEachScanner() {
        var rng = SeededGenerator(seed: 5)
        let seedLike = """
        ## 113 % CUMPLIMIENTO II CUATRIMESTRE
        Para el cuatrimestre de septiembre – diciembre se tenían 28 actividades y se ejecutaron 35.
        Un (1) Documento, tres (4) talleres; 01-febrero-2021 31-febrero-2021 Noviembre de 2019
        """
        var texts = [seedLike]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 0...30, using: &rng) {
                text += PropertyTests.alphabet[Int.random(in: 0..<PropertyTests.alphabet.count, using: &rng)]
            }
            texts.append(text)
        }
        for text in texts {
            let s = SpanishScanner(text)
            #expect(s.numbers() == SpanishNumber.scan(in: text))
            #expect(s.dates() == SpanishDate.scan(in: text))
            #expect(s.periods() == SpanishPeriod.scan(in: text))
            #expect(s.monthRanges() == MonthRange.scan(in: text))
            #expect(s.numberWordPairs() == NumberWords.pairs(in: text))
        }
        let s = SpanishScanner(seedLike)
        #expect(s.numbers().map(\.value) == [113, 28, 35, 1, 4])
        #expect(s.numbers().suffix(2).allSatisfy { $0.traits.contains(.wordPaired) })
        #expect(s.dates().count == 3)
        #expect(s.periods().first?.months == 5...8)
        #expect(s.monthRanges().first?.months == 9...12)
        #expect(s.numberWordPairs().map(\.agrees) == [true, false])
    }
}
