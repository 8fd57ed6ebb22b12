import CotejoSpanish
import Foundation
import Testing
import CotejoModel
@testable import CotejoRecords

/// Generated Spanish text of figures, dates and percentages, hostile ones among them (hundreds of
/// digits, stray separators, signs, months out of range): no parser may crash, no value may be
/// infinite or NaN, and the records extracted from it must encode as strict JSON. Bounded: a fixed
/// seed and a fixed number of cases.
@Suite("Fuzz")
struct FuzzTests {
    static let pieces = [
        "1.234", "66.223,84", "1,234.5", "1'500.000", "-3", "(12)", "$ 4.500.000", "45 %", "0,3108", "100%",
        "2021", "I TRIMESTRE", "cuarto trimestre de 2025", "enero a marzo", "31 de febrero de 2022", "15/13/2021",
        "2022-02-30", "veintitrés", "dos (2)", "De las 43 afiliaciones 33", "un millón", "N.°", "3.1.2", "12.34,5",
        ",", ".", "%", "$", "-", "'", " ", "\u{00A0}", "\n", "año", "meta", "ejecutado", "programado", "TOTAL",
    ]

    static func hostileDigits(_ rng: inout SeededGenerator) -> String {
        let count = [309, 310, 400, 1000][Int.random(in: 0...3, using: &rng)]
        var digits = String(repeating: "9", count: count)
        if Bool.random(using: &rng) { digits.insert(",", at: digits.index(digits.startIndex, offsetBy: count / 2)) }
        return digits
    }

    @Test(arguments: [11, 12] as [UInt64])
    func parsersNeverCrashAndNeverGiveInfiniteValues(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<1500 {
            var parts: [String] = []
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                parts.append(Int.random(in: 0..<10, using: &rng) == 0
                             ? Self.hostileDigits(&rng) : Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &rng)])
            }
            let text = parts.joined(separator: Bool.random(using: &rng) ? " " : "")
            for n in SpanishNumber.scan(in: text) { #expect(n.value.isFinite, "\(text)") }
            if let n = SpanishNumber.parse(text) { #expect(n.value.isFinite, "\(text)") }
            _ = SpanishDate.parse(text)
            _ = SpanishPeriod.scan(in: text)
            _ = MonthRange.scan(in: text)
            _ = NumberWords.parse(text)
        }
    }

    @Test func aDocumentOfHostileFiguresGivesRecordsThatEncodeAsStrictJSON() throws {
        var rng = SeededGenerator(seed: 7)
        var rows: [[String]] = [["Actividad", "Programado", "Ejecutado", "%"]]
        for i in 0..<40 {
            rows.append(["Actividad \(i)", Self.hostileDigits(&rng), Self.pieces[i % Self.pieces.count], "\(i) %"])
        }
        rows.append(["TOTAL", Self.hostileDigits(&rng), "1.000", "100 %"])
        let cells = rows.enumerated().flatMap { r, row in
            row.enumerated().map { c, text in
                Cell(row: r, column: c, text: text, isHeader: r == 0, source: Source(line: r + 1, text: text))
            }
        }
        let table = Table(index: 1, pages: [1], rowCount: rows.count, columnCount: 4, headerRowCount: 1, cells: cells, anchor: 0)
        let prose = "Se programaron \(Self.hostileDigits(&rng)) actividades y se ejecutaron 5, equivalente al 45 %."
        let content = DocumentContent(format: .tsv, pages: [Page(number: 1, blocks: [Block(lines: [
            TextLine(text: prose, source: Source(line: 50, text: prose))])])], tables: [table])
        let records = RecordExtractor().extract(from: content)
        // The default encoder refuses NaN and infinities: this throws if any slipped through.
        _ = try JSONEncoder().encode(records)
    }
}
