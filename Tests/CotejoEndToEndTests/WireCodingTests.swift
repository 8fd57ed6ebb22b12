import Foundation
import Testing
import CotejoModel
@testable import CotejoPipeline

/// The bytes a worker's document crosses the process boundary in must bring back every value as it
/// was: compared through sorted JSON, so that no field is forgotten by the comparison itself.
@Suite struct WireCodingTests {
    static func sortedJSON<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONCoding.encoder(sortedKeys: true).encode(value), as: UTF8.self)
    }

    @Test("each fixture's processed document, records and findings included, comes back equal", arguments: ["003.xlsx", "001.html", "000.docx", "004.pdf"])
    func fixtures(name: String) throws {
        let url = Repo.fixtures.appendingPathComponent(name)
        let doc = Pipeline(config: PipelineConfig(inputs: [])).process(path: url.path, data: try Data(contentsOf: url), sha256: "x")
        #expect(doc.status == .ok)
        #expect(!doc.records.activities.isEmpty)
        let back = try WireCoding.decode(ProcessedDocument.self, from: try WireCoding.encode(doc))
        #expect(try Self.sortedJSON(back) == Self.sortedJSON(doc))
        // And as a whole answer, cells apart.
        let answer = try WorkerAnswer.decode(try WorkerAnswer.encode(doc))
        #expect(try Self.sortedJSON(answer) == Self.sortedJSON(doc))
    }

    @Test("numbers keep their bits: not-a-number, infinities, negative zero, integer extremes")
    func numbers() throws {
        let doubles: [Double] = [.nan, .infinity, -.infinity, -0.0, 1e300, 5e-324, 0.1]
        let back = try WireCoding.decode([Double].self, from: try WireCoding.encode(doubles))
        #expect(back.map(\.bitPattern) == doubles.map(\.bitPattern))
        let ints = [Int.min, -1, 0, 1, Int.max]
        #expect(try WireCoding.decode([Int].self, from: try WireCoding.encode(ints)) == ints)
        #expect(try WireCoding.decode([UInt64].self, from: try WireCoding.encode([UInt64.max])) == [UInt64.max])
        #expect(throws: (any Error).self) { try WireCoding.decode([Int8].self, from: try WireCoding.encode([300])) }
    }

    /// Written with keys in one order, nested and super containers; read in another order.
    struct Shuffled: Codable, Equatable {
        var a: Int, b: String?, c: [Source], d: [String: Double], inner: Int, tail: Bool
        var interleave = false

        enum Keys: String, CodingKey { case a, b, c, d, nested, base }
        enum Nested: String, CodingKey { case inner, tail }

        init(a: Int, b: String?, c: [Source], d: [String: Double], inner: Int, tail: Bool) {
            self.a = a; self.b = b; self.c = c; self.d = d; self.inner = inner; self.tail = tail
        }

        func encode(to encoder: Encoder) throws {
            var k = encoder.container(keyedBy: Keys.self)
            try k.encode(a, forKey: .a)
            try k.encodeIfPresent(b, forKey: .b)
            var nested = k.nestedContainer(keyedBy: Nested.self, forKey: .nested)
            try nested.encode(inner, forKey: .inner)
            try k.encode(c, forKey: .c)
            if interleave { try nested.encode(false, forKey: .tail) }   // after the parent wrote more
            var base = k.superEncoder(forKey: .base).singleValueContainer()
            try base.encode(tail)
            try k.encode(d, forKey: .d)
        }

        init(from decoder: Decoder) throws {
            let k = try decoder.container(keyedBy: Keys.self)
            d = try k.decode([String: Double].self, forKey: .d)
            tail = try k.superDecoder(forKey: .base).singleValueContainer().decode(Bool.self)
            c = try k.decode([Source].self, forKey: .c)
            inner = try k.nestedContainer(keyedBy: Nested.self, forKey: .nested).decode(Int.self, forKey: .inner)
            b = try k.decodeIfPresent(String.self, forKey: .b)
            a = try k.decode(Int.self, forKey: .a)
            // A key that is there reads as a value: the round trips below would throw if not. Damaged
            // bytes (the fuzzing test) may mark the key present with nothing in it: refused, as they should be.
            if k.contains(.b), b == nil {
                throw DecodingError.dataCorruptedError(forKey: .b, in: k, debugDescription: "b is present but read as nil")
            }
        }
    }

    static let shuffled = Shuffled(a: -7, b: nil, c: WorkerAnswerTests.sources, d: ["x": 1.5, "ñ": -2], inner: 42, tail: true)

    @Test("keys read in another order than written, absent optionals, nested and super containers")
    func outOfOrder() throws {
        #expect(try WireCoding.decode(Shuffled.self, from: try WireCoding.encode(Self.shuffled)) == Self.shuffled)
        var withB = Self.shuffled
        withB.b = "presente"
        #expect(try WireCoding.decode(Shuffled.self, from: try WireCoding.encode(withB)) == withB)
        #expect(throws: (any Error).self) { try WireCoding.decode(Source.self, from: try WireCoding.encode(Self.shuffled)) }
    }

    /// Written by `encodeIfPresent(nil)`, and read back as JSON reads a key it left out.
    struct Sparse: Codable, Equatable {
        var first: Int?
        var second: String?
        var third: Double?
        enum CodingKeys: String, CodingKey { case first, second, third }

        static func keys(_ decoder: Decoder) throws -> (all: [String], second: Bool, decodeThrows: Bool) {
            let k = try decoder.container(keyedBy: CodingKeys.self)
            return (k.allKeys.map(\.stringValue), k.contains(.second), (try? k.decodeNil(forKey: .second)) == nil)
        }
    }

    struct SparseProbe: Decodable {
        var all: [String], second: Bool, decodeThrows: Bool
        init(from decoder: Decoder) throws { (all, second, decodeThrows) = try Sparse.keys(decoder) }
    }

    @Test("an optional left nil reads as a key that is not there, whatever order its neighbours are read in")
    func nilOptionalsReadAsMissingKeys() throws {
        let value = Sparse(first: 3, second: nil, third: 0.5)
        let bytes = try WireCoding.encode(value)
        #expect(try WireCoding.decode(Sparse.self, from: bytes) == value)
        let probe = try WireCoding.decode(SparseProbe.self, from: bytes)
        #expect(probe.all == ["first", "third"])
        #expect(!probe.second && probe.decodeThrows)
        #expect(try WireCoding.decode(Sparse.self, from: WireCoding.encode(Sparse())) == Sparse())
    }

    @Test("a nested container written to after its parent moved on is refused when writing, not sent garbled")
    func interleaved() throws {
        var value = Self.shuffled
        value.interleave = true
        #expect(throws: EncodingError.self) { try WireCoding.encode(value) }
    }

    @Test("every cut-short prefix is refused, and damaged bytes throw or decode, never crash")
    func damaged() throws {
        let bytes = try WireCoding.encode(Self.shuffled)
        for n in 0..<bytes.count {
            #expect(throws: (any Error).self) { try WireCoding.decode(Shuffled.self, from: bytes.prefix(n)) }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var copy = [UInt8](bytes)
            for _ in 0..<3 { copy[Int.random(in: 0..<copy.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            _ = try? WireCoding.decode(Shuffled.self, from: Data(copy))
        }
    }

    /// An activity with every field and list set, each to a value no other field has.
    static let fullActivity: Activity = {
        let at = Source(page: 2, bbox: BBox(x0: 1, y0: 2, x1: 3, y1: 4), text: "fila 7")
        var a = Activity(item: "1.2", description: "Capacitar", unit: "Talento", phase: .H,
                         start: DayDate(year: 2022, month: 2, day: 1), end: DayDate(year: 2022, month: 12, day: 31),
                         responsible: "Jefe", target: "Meta", targetQuantity: 12, indicator: "Personas", periodicity: "Mensual",
                         planned: 10, executed: 9, reportedPercent: 90, source: [at, Source(sheet: "H", cell: "B7", text: "B7")],
                         fieldSources: ["planned": Source(sheet: "H", cell: "C7", text: "10")], notes: ["nota", ""],
                         figureOrder: .executedFirst)
        a.code = "BPIN 7"; a.unitOfMeasure = "Número"; a.baseline = 3; a.weight = 0.25; a.accumulated = -0.0
        a.measures = [Measure(period: "2022-Q1", planned: 2, executed: nil, reportedPercent: .infinity,
                              source: [at], fieldSources: ["executed": at]), Measure(period: "2022")]
        a.otherColumns = ["Observación": "sin", "Otra": ""]
        return a
    }()

    @Test("an activity written field by field comes back with every field, list and source")
    func activity() throws {
        let full = Self.fullActivity
        // A new stored property of Activity must be added to its wire form (ActivityWire.swift): the
        // plain ones through `Activity.fields`, the five lists by hand.
        #expect(Mirror(reflecting: full).children.count == Activity.fields.count + 5)
        #expect(Mirror(reflecting: full.measures[0]).children.count == 6)
        let list = [full, Activity(description: "vacía")]
        let back = try WireCoding.decode([Activity].self, from: try WireCoding.encode(list))
        #expect(back == list)
        #expect(back[0].accumulated?.sign == .minus)
        let records = DocumentRecords(activities: list)
        #expect(try WireCoding.decode(DocumentRecords.self, from: try WireCoding.encode(records)) == records)
    }

    @Test("a cut-short or damaged activity is refused or read, never read out of bounds")
    func damagedActivity() throws {
        let bytes = try WireCoding.encode([Self.fullActivity])
        for n in 0..<bytes.count {
            #expect(throws: (any Error).self) { try WireCoding.decode([Activity].self, from: bytes.prefix(n)) }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var copy = [UInt8](bytes)
            for _ in 0..<3 { copy[Int.random(in: 0..<copy.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            _ = try? WireCoding.decode([Activity].self, from: Data(copy))
        }
    }
}
