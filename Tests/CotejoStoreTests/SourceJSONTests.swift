import Foundation
import Testing
import CotejoModel
@testable import CotejoStore

/// The store writes sources' JSON by hand for speed; it must be the bytes JSONEncoder writes.
@Suite struct SourceJSONTests {
    func encoder(_ s: Source) throws -> String { String(decoding: try Store.encoder.encode(s), as: UTF8.self) }

    @Test func everyFieldAndEscapeAsJSONEncoderWritesIt() throws {
        let samples = [
            Source(text: "ITEM"),
            Source(page: 4, bbox: BBox(x0: 720.79, y0: 186.45, x1: 1000, y1: -3.5), text: "2.165.912.629,05"),
            Source(sheet: "Hoja 1", cell: "B7", text: "=SUMA(B2:B6)", formula: "=SUM(B2:B6)"),
            Source(xpath: "/html/body/table[2]/tr[3]/td[1]", text: "a/b \"quoted\" back\\slash"),
            Source(line: 12, paragraph: 3, table: 2, row: 7, column: 1, text: "tab\there\nnew line\r\u{08}\u{0C}\u{01}\u{1F} ñ é €"),
            Source(page: 1, text: "x", file: "otro/archivo.pdf", ocr: true, confidence: 0.93, hidden: false),
            Source(bbox: BBox(x0: 0.1 + 0.2, y0: 1e-7, x1: 1e20, y1: 123456789.125), text: "", ocr: false, confidence: 1, hidden: true),
        ]
        for s in samples { #expect(SourceJSON.encode(s) == (try encoder(s)), "\(s)") }
    }

    @Test func randomSourcesAsJSONEncoderWritesThem() throws {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("aé\"\\/\n\t\u{02}€ 0,.-") + ["😀"]
        func text() -> String { String((0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }) }
        func maybe<T>(_ make: () -> T) -> T? { Bool.random(using: &rng) ? make() : nil }
        func double() -> Double {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: Double(Int.random(in: -5000...5000, using: &rng))
            case 1: Double.random(in: -1000...1000, using: &rng)
            default: Double(Int.random(in: 0...100_000, using: &rng)) / 100
            }
        }
        for _ in 0..<2000 {
            let s = Source(page: maybe { Int.random(in: 1...500) }, bbox: maybe { BBox(x0: double(), y0: double(), x1: double(), y1: double()) },
                           xpath: maybe(text), sheet: maybe(text), cell: maybe(text), line: maybe { Int.random(in: 1...9999) },
                           paragraph: maybe { Int.random(in: 1...99) }, table: maybe { Int.random(in: 1...9) }, row: maybe { Int.random(in: 1...999) },
                           column: maybe { Int.random(in: 1...60) }, text: text(), formula: maybe(text), file: maybe(text),
                           ocr: maybe { Bool.random() }, confidence: maybe { Double.random(in: 0...1) }, hidden: maybe { Bool.random() })
            #expect(SourceJSON.encode(s) == (try encoder(s)), "\(s)")
        }
    }

    @Test func listsAndObjectsOfStringsAreWrittenAsJSONEncoderWritesThem() throws {
        let encoder = JSONCoding.encoder(sortedKeys: true)
        let words = ["", "Meta 2024", "con \"comillas\" y \\ barra", "ruta/a/b", "línea\nnueva\t", "\u{01}\u{1F}", "ñandú 😀"]
        #expect(SourceJSON.array(words) == String(decoding: try encoder.encode(words), as: UTF8.self))
        #expect(SourceJSON.array([]) == String(decoding: try encoder.encode([String]()), as: UTF8.self))
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aAbBzZ019 _-ñÑéÉ/\"")
        for _ in 0..<300 {
            var object: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                let key = String((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
                object[key] = words.randomElement(using: &generator)!
            }
            #expect(SourceJSON.object(object) == String(decoding: try encoder.encode(object), as: UTF8.self), "\(object)")
        }
    }

    @Test func listsOfNumbersAreWrittenAsJSONEncoderWritesThem() throws {
        let encoder = JSONCoding.encoder(sortedKeys: true)
        let figures: [Double] = [0, -0.0, 12, 612.5, 0.1 + 0.2, 86.66666666666667, -3.5, 1e20, 1e15, 999_999_999_999_999, 1.23e-7]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let lists = (0..<Int.random(in: 0...5, using: &rng)).map { _ in
                (0..<Int.random(in: 0...4, using: &rng)).map { _ in
                    Bool.random(using: &rng) ? figures.randomElement(using: &rng)! : (Double.random(in: -1000...1000, using: &rng) * 100).rounded() / 100
                }
            }
            #expect(SourceJSON.numberLists(lists) == String(decoding: try encoder.encode(lists), as: UTF8.self), "\(lists)")
        }
    }

    @Test func measuresAreWrittenAsJSONEncoderWritesThem() throws {
        let encoder = JSONCoding.encoder(sortedKeys: true)
        var rng = SystemRandomNumberGenerator()
        let figures: [Double?] = [nil, 0, -0.0, 12, 1_234_567, 0.1 + 0.2, 86.66666666666667, -3.5, 1e15, 4e15 + 2, 1e16, 1e20, .nan, .infinity, -.infinity]
        let sources = [Source(text: "45"), Source(sheet: "Seguimiento", cell: "H12", text: "1.234,5"),
                       Source(page: 3, bbox: BBox(x0: 10.5, y0: 20, x1: 30, y1: 40.25), text: "a/b \"c\"")]
        let periods = ["2024", "T1 2025", "enero", "línea \"base\"", ""]
        for _ in 0..<500 {
            let measures = (0..<Int.random(in: 0...4, using: &rng)).map { _ in
                var fields: [String: Source] = [:]
                for key in ["planned", "executed", "reported_percent"] where Bool.random(using: &rng) { fields[key] = sources.randomElement(using: &rng)! }
                return Measure(period: periods.randomElement(using: &rng)!, planned: figures.randomElement(using: &rng)!,
                               executed: figures.randomElement(using: &rng)!, reportedPercent: figures.randomElement(using: &rng)!,
                               source: (0..<Int.random(in: 0...2, using: &rng)).map { _ in sources.randomElement(using: &rng)! },
                               fieldSources: fields)
            }
            #expect(SourceJSON.measures(measures) == String(decoding: try encoder.encode(measures), as: UTF8.self), "\(measures)")
        }
    }
}
