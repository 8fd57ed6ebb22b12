import Foundation
import CotejoModel

/// Any `Codable` value as compact tagged bytes: the form a worker's document crosses the process
/// boundary in. JSON cost both processes more than reading the sheet did: on a 30,000-row sheet
/// (30,000 activities, 240,000 field sources) `JSONEncoder` built a dictionary per object before
/// writing a byte, and `JSONDecoder` took 4 s to read the 47 MB back.
///
/// A value is one tag byte and its body:
/// - nil, false, true: the tag alone;
/// - a signed integer: a zigzag varint; an unsigned one: a varint;
/// - a double or a float: its IEEE bits, little-endian (every value comes back bit for bit,
///   not-a-number and infinities included);
/// - a string: a varint length and its UTF-8 bytes;
/// - a keyed container: a 4-byte body length, then entries, each a key (as a string) and a value;
/// - an unkeyed container: a 4-byte body length, a 4-byte count, then the values;
/// - a `Source`: a 4-byte body length, then the bit set of the fields it has and those fields.
///   Sources are most of a document's values (eight per activity, one per cell); through
///   `Codable` each asked sixteen keys of a container holding three.
/// - an `Activity`: a 4-byte body length, then its fields in a fixed order (`ActivityWire.swift`),
///   for the same reason: a sheet sends one per row.
///
/// Synthesized `Codable` reads keys in the order it wrote them, so the reader first tries the
/// entry after the last one read, and only on a miss scans the container. Every length and count is
/// checked against the bytes left; damaged input throws, it never reads out of bounds.
/// Coding paths are not kept (they only serve error messages, and cost an array per value).
enum WireCoding {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let sink = WireSink()
        try sink.encodeValue(value)
        return Data(sink.bytes)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { raw in
            let reader = WireReader(bytes: raw)
            let value = try reader.decodeValue(T.self, at: 0)
            guard try reader.end(ofValueAt: 0) == raw.count else { throw reader.damaged("bytes after the value") }
            return value
        }
    }
}

/// The one-byte kind that opens each value.
enum WireTag: UInt8 {
    case null, no, yes, int, uint, double, float, string, keyed, unkeyed, source
    /// A keyed entry for an optional that is nil (`encodeIfPresent`): read as a key that is not
    /// there, as JSON leaves it out, but it keeps the entries in the order they are asked for.
    case absent
    /// An `Activity`: a 4-byte body length, then its fields (see `ActivityWire.swift`).
    case activity
}

/// The fields a `Source` carries on the wire, as bits of the set that precedes them, in the order
/// they follow.
enum WireSourceField: Int {
    case page, bbox, xpath, sheet, cell, line, paragraph, table, row, column, formula, file, ocr, confidence, hidden
    /// The source's text is its cell's (most cells): not sent twice.
    case textIsCellText
}

// MARK: - Writing

/// The bytes being written, shared by every container of one `encode` call.
final class WireSink {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    func tag(_ t: WireTag) { bytes.append(t.rawValue) }

    func varint(_ value: UInt64) {
        var u = value
        while u >= 0x80 { bytes.append(UInt8(truncatingIfNeeded: u) | 0x80); u >>= 7 }
        bytes.append(UInt8(u))
    }

    /// A signed number as a zigzag varint, without a tag.
    func rawInt(_ v: Int) { varint(UInt64(bitPattern: Int64(v)) << 1 ^ UInt64(bitPattern: Int64(v) >> 63)) }
    func rawDouble(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }

    func int(_ v: Int64) { tag(.int); varint(UInt64(bitPattern: v) << 1 ^ UInt64(bitPattern: v >> 63)) }
    func uint(_ v: UInt64) { tag(.uint); varint(v) }
    func bool(_ v: Bool) { tag(v ? .yes : .no) }

    func double(_ v: Double) { tag(.double); rawDouble(v) }

    func float(_ v: Float) {
        tag(.float)
        withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func rawString(_ s: String) {
        var s = s
        s.withUTF8 { u in varint(UInt64(u.count)); bytes.append(contentsOf: u) }
    }

    func string(_ s: String) { tag(.string); rawString(s) }

    /// A source's fields, without a tag; its text left out when it is `cellText`.
    func rawSource(_ s: Source, cellText: String?) {
        var set = 0
        func mark(_ f: WireSourceField, _ present: Bool) { if present { set |= 1 << f.rawValue } }
        mark(.page, s.page != nil); mark(.bbox, s.bbox != nil); mark(.xpath, s.xpath != nil)
        mark(.sheet, s.sheet != nil); mark(.cell, s.cell != nil); mark(.line, s.line != nil)
        mark(.paragraph, s.paragraph != nil); mark(.table, s.table != nil); mark(.row, s.row != nil)
        mark(.column, s.column != nil); mark(.formula, s.formula != nil); mark(.file, s.file != nil)
        mark(.ocr, s.ocr != nil); mark(.confidence, s.confidence != nil); mark(.hidden, s.hidden != nil)
        mark(.textIsCellText, s.text == cellText)
        rawInt(set)
        if let v = s.page { rawInt(v) }
        if let b = s.bbox { rawDouble(b.x0); rawDouble(b.y0); rawDouble(b.x1); rawDouble(b.y1) }
        if let v = s.xpath { rawString(v) }
        if let v = s.sheet { rawString(v) }
        if let v = s.cell { rawString(v) }
        if let v = s.line { rawInt(v) }
        if let v = s.paragraph { rawInt(v) }
        if let v = s.table { rawInt(v) }
        if let v = s.row { rawInt(v) }
        if let v = s.column { rawInt(v) }
        if let v = s.formula { rawString(v) }
        if let v = s.file { rawString(v) }
        if let v = s.ocr { bytes.append(v ? 1 : 0) }
        if let v = s.confidence { rawDouble(v) }
        if let v = s.hidden { bytes.append(v ? 1 : 0) }
        if s.text != cellText { rawString(s.text) }
    }

    /// Opens a container: its tag and room for its header, patched as values are added.
    func open(_ t: WireTag) -> Int {
        tag(t)
        let at = bytes.count
        bytes.append(contentsOf: t == .unkeyed ? [0, 0, 0, 0, 0, 0, 0, 0] : [0, 0, 0, 0])
        return at
    }

    func put32(_ v: Int, at: Int) {
        let u = UInt32(truncatingIfNeeded: v)
        bytes[at] = UInt8(truncatingIfNeeded: u); bytes[at + 1] = UInt8(truncatingIfNeeded: u >> 8)
        bytes[at + 2] = UInt8(truncatingIfNeeded: u >> 16); bytes[at + 3] = UInt8(truncatingIfNeeded: u >> 24)
    }

    /// Sets the body length of the container whose header is at `at` to reach the end of the bytes.
    func patchLength(at: Int) {
        let headerSize = bytes[at - 1] == WireTag.unkeyed.rawValue ? 8 : 4   // keyed, source and activity: 4
        put32(bytes.count - at - headerSize, at: at)
    }

    /// Whether the container whose header is at `at` ends where the bytes end, so that a value
    /// written now falls inside it. A nested container written to after its parent moved on does
    /// not: JSON's tree allows that, bytes in a row cannot, and synthesized `Codable` never does it.
    func endsHere(_ at: Int) -> Bool {
        guard at >= 1 else { return false }   // a container that could not be opened (see `entry`)
        let headerSize = bytes[at - 1] == WireTag.unkeyed.rawValue ? 8 : 4
        let length = Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        return at + headerSize + length == bytes.count
    }

    func interleaved() -> EncodingError {
        .invalidValue(0, .init(codingPath: [], debugDescription: "a container written to after a later value: not supported by the wire form"))
    }

    /// After a write: the container's own length and those of the containers it was opened from
    /// outside their own calls (`nestedContainer`, `superEncoder`), which wrote before it grew.
    func grew(_ header: Int, _ outer: [Int]) {
        patchLength(at: header)
        for o in outer { patchLength(at: o) }
    }

    /// One value, the common leaf types without a trip through `Encoder`. A value that writes
    /// nothing (a type with no stored properties and a hand-written `encode`) is written as an
    /// empty keyed container, as JSON would write `{}`.
    func encodeValue<T: Encodable>(_ value: T) throws {
        // The type tests are on metadata, so the casts after them cannot fail.
        switch T.self {
        case is String.Type: string(unsafeBitCast(value, to: String.self))
        case is Int.Type: int(Int64(unsafeBitCast(value, to: Int.self)))
        case is Double.Type: double(unsafeBitCast(value, to: Double.self))
        case is Bool.Type: bool(unsafeBitCast(value, to: Bool.self))
        case is Source.Type:
            let header = open(.source)
            rawSource(value as! Source, cellText: nil)
            patchLength(at: header)
        case is Activity.Type:
            let header = open(.activity)
            rawActivity(value as! Activity)
            patchLength(at: header)
        default:
            let before = bytes.count
            try value.encode(to: WireEncoder(sink: self, start: before, outer: []))
            if bytes.count == before { _ = open(.keyed) }
        }
    }
}

struct WireEncoder: Encoder {
    let sink: WireSink
    /// Where this encoder's value starts: a second `container(keyedBy:)` call adds to the first.
    let start: Int
    /// Headers of containers to patch as this value grows (see `WireSink.grew`).
    let outer: [Int]
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if start >= 0, sink.bytes.count > start, sink.bytes[start] == WireTag.keyed.rawValue {
            return KeyedEncodingContainer(WireKeyedEncoder<Key>(sink: sink, header: start + 1, outer: outer))
        }
        let header = sink.open(.keyed)
        sink.grew(header, outer)
        return KeyedEncodingContainer(WireKeyedEncoder<Key>(sink: sink, header: header, outer: outer))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        dropPlaceholder()
        let header = sink.open(.unkeyed)
        sink.grew(header, outer)
        return WireUnkeyedEncoder(sink: sink, header: header, outer: outer)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        dropPlaceholder()
        return WireSingleEncoder(sink: sink, outer: outer, start: start)
    }

    /// `superEncoder` leaves an empty keyed container in case nothing is written; a value of
    /// another kind replaces it.
    private func dropPlaceholder() {
        if start >= 0, sink.bytes.count == start + 5, sink.bytes[start] == WireTag.keyed.rawValue { sink.bytes.removeLast(5) }
    }
}

struct WireKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: WireSink
    let header: Int
    let outer: [Int]
    var codingPath: [any CodingKey] { [] }

    private func entry(_ key: Key, _ write: () throws -> Void) throws {
        guard sink.endsHere(header) else { throw sink.interleaved() }
        sink.rawString(key.stringValue)
        try write()
        sink.grew(header, outer)
    }

    mutating func encodeNil(forKey key: Key) throws { try entry(key) { sink.tag(.null) } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try entry(key) { sink.bool(value) } }
    mutating func encode(_ value: String, forKey key: Key) throws { try entry(key) { sink.string(value) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { try entry(key) { sink.double(value) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { try entry(key) { sink.float(value) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { try entry(key) { sink.int(Int64(value)) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try entry(key) { sink.int(Int64(value)) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try entry(key) { sink.int(Int64(value)) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try entry(key) { sink.int(Int64(value)) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try entry(key) { sink.int(value) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try entry(key) { sink.uint(UInt64(value)) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try entry(key) { sink.uint(UInt64(value)) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try entry(key) { sink.uint(UInt64(value)) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try entry(key) { sink.uint(UInt64(value)) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try entry(key) { sink.uint(value) } }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try entry(key) { try sink.encodeValue(value) } }

    // An optional that is nil is written as an `absent` entry, not left out: the reader then finds
    // each key right after the one before, where it looks first, instead of scanning the whole
    // container for a key that is not there (most of a record's optional fields are nil). It reads
    // as a missing key, as in JSON.
    private mutating func absent(_ key: Key) throws { try entry(key) { sink.tag(.absent) } }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try absent(key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try absent(key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try absent(key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try absent(key) }
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try absent(key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        // Non-throwing by protocol: a misuse is caught at the nested container's first write.
        var nested = -1
        try? entry(key) { nested = sink.open(.keyed) }
        return KeyedEncodingContainer(WireKeyedEncoder<NestedKey>(sink: sink, header: nested, outer: [header] + outer))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        var nested = -1
        try? entry(key) { nested = sink.open(.unkeyed) }
        return WireUnkeyedEncoder(sink: sink, header: nested, outer: [header] + outer)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    /// The key and an empty keyed container, which the returned encoder then fills.
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        var start = -1
        try? entry(key) { start = sink.bytes.count; _ = sink.open(.keyed) }
        return WireEncoder(sink: sink, start: start, outer: [header] + outer)
    }
}

struct WireUnkeyedEncoder: UnkeyedEncodingContainer {
    let sink: WireSink
    let header: Int
    let outer: [Int]
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(sink: WireSink, header: Int, outer: [Int]) {
        self.sink = sink; self.header = header; self.outer = outer
    }

    private func ready() throws { guard sink.endsHere(header) else { throw sink.interleaved() } }

    /// After each value written.
    private mutating func added() {
        count += 1
        sink.put32(count, at: header + 4)
        sink.grew(header, outer)
    }

    mutating func encodeNil() throws { try ready(); sink.tag(.null); added() }
    mutating func encode(_ value: Bool) throws { try ready(); sink.bool(value); added() }
    mutating func encode(_ value: String) throws { try ready(); sink.string(value); added() }
    mutating func encode(_ value: Double) throws { try ready(); sink.double(value); added() }
    mutating func encode(_ value: Float) throws { try ready(); sink.float(value); added() }
    mutating func encode(_ value: Int) throws { try ready(); sink.int(Int64(value)); added() }
    mutating func encode(_ value: Int64) throws { try ready(); sink.int(value); added() }
    mutating func encode(_ value: UInt64) throws { try ready(); sink.uint(value); added() }
    mutating func encode<T: Encodable>(_ value: T) throws { try ready(); try sink.encodeValue(value); added() }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        guard (try? ready()) != nil else { return KeyedEncodingContainer(WireKeyedEncoder<NestedKey>(sink: sink, header: -1, outer: [])) }
        let nested = sink.open(.keyed)
        added()
        return KeyedEncodingContainer(WireKeyedEncoder<NestedKey>(sink: sink, header: nested, outer: [header] + outer))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        guard (try? ready()) != nil else { return WireUnkeyedEncoder(sink: sink, header: -1, outer: []) }
        let nested = sink.open(.unkeyed)
        added()
        return WireUnkeyedEncoder(sink: sink, header: nested, outer: [header] + outer)
    }

    mutating func superEncoder() -> any Encoder {
        guard (try? ready()) != nil else { return WireEncoder(sink: sink, start: -1, outer: []) }
        let start = sink.bytes.count
        _ = sink.open(.keyed)
        added()
        return WireEncoder(sink: sink, start: start, outer: [header] + outer)
    }
}

/// A single value is written within its owner's `encode` call, except under `superEncoder`,
/// hence `outer`.
struct WireSingleEncoder: SingleValueEncodingContainer {
    let sink: WireSink
    let outer: [Int]
    /// Where the value must begin: nothing may have been written after it was asked for.
    let start: Int
    var codingPath: [any CodingKey] { [] }

    private func ready() throws { guard start >= 0, sink.bytes.count == start else { throw sink.interleaved() } }
    private func done() { for o in outer { sink.patchLength(at: o) } }

    mutating func encodeNil() throws { try ready(); sink.tag(.null); done() }
    mutating func encode(_ value: Bool) throws { try ready(); sink.bool(value); done() }
    mutating func encode(_ value: String) throws { try ready(); sink.string(value); done() }
    mutating func encode(_ value: Double) throws { try ready(); sink.double(value); done() }
    mutating func encode(_ value: Float) throws { try ready(); sink.float(value); done() }
    mutating func encode(_ value: Int) throws { try ready(); sink.int(Int64(value)); done() }
    mutating func encode(_ value: Int8) throws { try ready(); sink.int(Int64(value)); done() }
    mutating func encode(_ value: Int16) throws { try ready(); sink.int(Int64(value)); done() }
    mutating func encode(_ value: Int32) throws { try ready(); sink.int(Int64(value)); done() }
    mutating func encode(_ value: Int64) throws { try ready(); sink.int(value); done() }
    mutating func encode(_ value: UInt) throws { try ready(); sink.uint(UInt64(value)); done() }
    mutating func encode(_ value: UInt8) throws { try ready(); sink.uint(UInt64(value)); done() }
    mutating func encode(_ value: UInt16) throws { try ready(); sink.uint(UInt64(value)); done() }
    mutating func encode(_ value: UInt32) throws { try ready(); sink.uint(UInt64(value)); done() }
    mutating func encode(_ value: UInt64) throws { try ready(); sink.uint(value); done() }
    mutating func encode<T: Encodable>(_ value: T) throws { try ready(); try sink.encodeValue(value); done() }
}

// MARK: - Reading

/// Reads values out of the bytes of one `decode` call. Positions are offsets of a value's tag.
struct WireReader {
    let bytes: UnsafeRawBufferPointer

    func damaged(_ why: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: "wire bytes: \(why)"))
    }

    func tag(at p: Int) throws -> WireTag {
        guard p >= 0, p < bytes.count, let t = WireTag(rawValue: bytes[p]) else { throw damaged("no value at \(p)") }
        return t
    }

    func varint(at p: inout Int) throws -> UInt64 {
        var u: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard p < bytes.count, shift < 64 else { throw damaged("a number runs past the end") }
            let b = bytes[p]
            p += 1
            u |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return u }
            shift += 7
        }
    }

    func u32(at p: Int) throws -> Int {
        guard p >= 0, bytes.count - p >= 4 else { throw damaged("a header runs past the end") }
        return Int(bytes[p]) | Int(bytes[p + 1]) << 8 | Int(bytes[p + 2]) << 16 | Int(bytes[p + 3]) << 24
    }

    func bits(at p: Int, _ n: Int) throws -> UInt64 {
        guard bytes.count - p >= n else { throw damaged("a number runs past the end") }
        var v: UInt64 = 0
        for k in 0..<n { v |= UInt64(bytes[p + k]) << (8 * UInt64(k)) }
        return v
    }

    /// A string's bytes (after its length) as a range.
    func stringRange(at p: inout Int) throws -> Range<Int> {
        let n = try varint(at: &p)
        guard n <= UInt64(bytes.count - p) else { throw damaged("a string runs past the end") }
        defer { p += Int(n) }
        return p..<p + Int(n)
    }

    func rawInt(at p: inout Int) throws -> Int {
        let u = try varint(at: &p)
        return Int(Int64(bitPattern: u >> 1 ^ (0 &- (u & 1))))
    }

    func rawDouble(at p: inout Int) throws -> Double {
        defer { p += 8 }
        return Double(bitPattern: try bits(at: p, 8))
    }

    func rawBool(at p: inout Int) throws -> Bool {
        guard p < bytes.count else { throw damaged("a flag runs past the end") }
        defer { p += 1 }
        return bytes[p] != 0
    }

    func rawString(at p: inout Int) throws -> String { string(try stringRange(at: &p)) }

    /// A source's fields (see `WireSink.rawSource`); `cellText` stands in for a text left out.
    func rawSource(at p: inout Int, cellText: String?) throws -> Source {
        let set = try rawInt(at: &p)
        func has(_ f: WireSourceField) -> Bool { set & 1 << f.rawValue != 0 }
        var s = Source(text: cellText ?? "")
        if has(.page) { s.page = try rawInt(at: &p) }
        if has(.bbox) { s.bbox = BBox(x0: try rawDouble(at: &p), y0: try rawDouble(at: &p), x1: try rawDouble(at: &p), y1: try rawDouble(at: &p)) }
        if has(.xpath) { s.xpath = try rawString(at: &p) }
        if has(.sheet) { s.sheet = try rawString(at: &p) }
        if has(.cell) { s.cell = try rawString(at: &p) }
        if has(.line) { s.line = try rawInt(at: &p) }
        if has(.paragraph) { s.paragraph = try rawInt(at: &p) }
        if has(.table) { s.table = try rawInt(at: &p) }
        if has(.row) { s.row = try rawInt(at: &p) }
        if has(.column) { s.column = try rawInt(at: &p) }
        if has(.formula) { s.formula = try rawString(at: &p) }
        if has(.file) { s.file = try rawString(at: &p) }
        if has(.ocr) { s.ocr = try rawBool(at: &p) }
        if has(.confidence) { s.confidence = try rawDouble(at: &p) }
        if has(.hidden) { s.hidden = try rawBool(at: &p) }
        if has(.textIsCellText) {
            guard cellText != nil else { throw damaged("a source without its text") }
        } else {
            s.text = try rawString(at: &p)
        }
        return s
    }

    func source(at p: Int) throws -> Source {
        let body = try body(at: p, .source)
        var q = body.lowerBound
        let s = try rawSource(at: &q, cellText: nil)
        guard q == body.upperBound else { throw damaged("a source's fields do not fill its length") }
        return s
    }

    func string(_ r: Range<Int>) -> String { String(decoding: UnsafeRawBufferPointer(rebasing: bytes[r]), as: UTF8.self) }

    /// Where a container's body lies: after its header, to the length the header gives.
    func body(at p: Int, _ kind: WireTag) throws -> Range<Int> {
        guard try tag(at: p) == kind else { throw damaged("expected a \(kind) container at \(p)") }
        let headerSize = kind == .unkeyed ? 8 : 4
        let length = try u32(at: p + 1)
        let start = p + 1 + headerSize
        guard start <= bytes.count, length <= bytes.count - start else { throw damaged("a container runs past the end") }
        return start..<start + length
    }

    /// The position just past the value at `p`.
    func end(ofValueAt p: Int) throws -> Int {
        switch try tag(at: p) {
        case .null, .no, .yes, .absent: return p + 1
        case .int, .uint: var q = p + 1; _ = try varint(at: &q); return q
        case .double: guard bytes.count - p > 8 else { throw damaged("a number runs past the end") }; return p + 9
        case .float: guard bytes.count - p > 4 else { throw damaged("a number runs past the end") }; return p + 5
        case .string: var q = p + 1; return try stringRange(at: &q).upperBound
        case .keyed, .unkeyed, .source, .activity: return try body(at: p, try tag(at: p)).upperBound
        }
    }

    func isNil(at p: Int) throws -> Bool { try tag(at: p) == .null }

    func bool(at p: Int) throws -> Bool {
        switch try tag(at: p) {
        case .yes: return true
        case .no: return false
        default: throw damaged("expected a boolean at \(p)")
        }
    }

    func int64(at p: Int) throws -> Int64 {
        var q = p + 1
        switch try tag(at: p) {
        case .int:
            let u = try varint(at: &q)
            return Int64(bitPattern: u >> 1 ^ (0 &- (u & 1)))
        case .uint:
            let u = try varint(at: &q)
            guard u <= UInt64(Int64.max) else { throw damaged("\(u) does not fit") }
            return Int64(u)
        default: throw damaged("expected an integer at \(p)")
        }
    }

    func uint64(at p: Int) throws -> UInt64 {
        var q = p + 1
        switch try tag(at: p) {
        case .uint: return try varint(at: &q)
        case .int:
            let v = try int64(at: p)
            guard v >= 0 else { throw damaged("\(v) is negative") }
            return UInt64(v)
        default: throw damaged("expected an integer at \(p)")
        }
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type, at p: Int) throws -> T {
        if T.isSigned {
            guard let v = T(exactly: try int64(at: p)) else { throw damaged("an integer out of range at \(p)") }
            return v
        }
        guard let v = T(exactly: try uint64(at: p)) else { throw damaged("an integer out of range at \(p)") }
        return v
    }

    func double(at p: Int) throws -> Double {
        switch try tag(at: p) {
        case .double: return Double(bitPattern: try bits(at: p + 1, 8))
        case .float: return Double(Float(bitPattern: UInt32(try bits(at: p + 1, 4))))
        case .int: return Double(try int64(at: p))
        case .uint: return Double(try uint64(at: p))
        default: throw damaged("expected a number at \(p)")
        }
    }

    func float(at p: Int) throws -> Float {
        if try tag(at: p) == .float { return Float(bitPattern: UInt32(try bits(at: p + 1, 4))) }
        return Float(try double(at: p))
    }

    func string(at p: Int) throws -> String {
        guard try tag(at: p) == .string else { throw damaged("expected a string at \(p)") }
        var q = p + 1
        return string(try stringRange(at: &q))
    }

    func decodeValue<T: Decodable>(_ type: T.Type, at p: Int) throws -> T {
        // The type tests are on metadata, so the casts after them cannot fail.
        if T.self == String.self { return unsafeBitCast(try string(at: p), to: T.self) }
        if T.self == Int.self { return unsafeBitCast(try integer(Int.self, at: p), to: T.self) }
        if T.self == Double.self { return unsafeBitCast(try double(at: p), to: T.self) }
        if T.self == Bool.self { return unsafeBitCast(try bool(at: p), to: T.self) }
        if T.self == Source.self { return try source(at: p) as! T }
        if T.self == Activity.self { return try activity(at: p) as! T }
        return try T(from: WireDecoder(reader: self, at: p))
    }
}

struct WireDecoder: Decoder {
    let reader: WireReader
    let at: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(WireKeyedDecoder<Key>(reader: reader, body: try reader.body(at: at, .keyed)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try WireUnkeyedDecoder(reader: reader, at: at) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { WireSingleDecoder(reader: reader, at: at) }
}

struct WireKeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: WireReader
    let body: Range<Int>
    /// Where the entry after the last one found starts: the next key asked is most often there.
    private let cursor: Cursor
    var codingPath: [any CodingKey] { [] }

    private final class Cursor {
        var next: Int
        /// Set when `allKeys`, which cannot throw, met a damaged entry: every later read throws.
        var damaged = false
        init(_ next: Int) { self.next = next }
    }

    init(reader: WireReader, body: Range<Int>) {
        self.reader = reader; self.body = body; cursor = Cursor(body.lowerBound)
    }

    /// The entry's key range, its value's position and the position past it.
    private func entry(at p: Int) throws -> (key: Range<Int>, value: Int, end: Int) {
        var q = p
        let key = try reader.stringRange(at: &q)
        let end = try reader.end(ofValueAt: q)
        guard end <= body.upperBound else { throw reader.damaged("an entry runs past its container") }
        return (key, q, end)
    }

    private func matches(_ range: Range<Int>, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        name.count == range.count && (name.isEmpty || memcmp(name.baseAddress!, reader.bytes.baseAddress! + range.lowerBound, name.count) == 0)
    }

    /// The position of the value for `key`, or nil when the container has none.
    private func find(_ key: Key) throws -> Int? {
        guard !cursor.damaged else { throw reader.damaged("a damaged entry in a container") }
        var name = key.stringValue
        return try name.withUTF8 { name in
            if cursor.next < body.upperBound {
                let e = try entry(at: cursor.next)
                if matches(e.key, name) { cursor.next = e.end; return try unlessAbsent(e.value) }
            }
            var p = body.lowerBound
            while p < body.upperBound {
                let e = try entry(at: p)
                if matches(e.key, name) { cursor.next = e.end; return try unlessAbsent(e.value) }
                p = e.end
            }
            return nil
        }
    }

    /// A value's position, or nil for an `absent` entry.
    private func unlessAbsent(_ value: Int) throws -> Int? { try reader.tag(at: value) == .absent ? nil : value }

    private func require(_ key: Key) throws -> Int {
        guard let p = try find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no value for \(key.stringValue)"))
        }
        return p
    }

    var allKeys: [Key] {
        var keys: [Key] = []
        var p = body.lowerBound
        while p < body.upperBound {
            guard let e = try? entry(at: p), let tag = try? reader.tag(at: e.value) else { cursor.damaged = true; break }
            if tag != .absent, let key = Key(stringValue: reader.string(e.key)) { keys.append(key) }
            p = e.end
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { (try? find(key)) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try reader.isNil(at: try require(key)) }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try reader.bool(at: try require(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try reader.string(at: try require(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try reader.double(at: try require(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try reader.float(at: try require(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try reader.integer(Int.self, at: try require(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try reader.integer(Int8.self, at: try require(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try reader.integer(Int16.self, at: try require(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try reader.integer(Int32.self, at: try require(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try reader.integer(Int64.self, at: try require(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try reader.integer(UInt.self, at: try require(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try reader.integer(UInt8.self, at: try require(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try reader.integer(UInt16.self, at: try require(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try reader.integer(UInt32.self, at: try require(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try reader.integer(UInt64.self, at: try require(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try reader.decodeValue(T.self, at: try require(key)) }

    /// One search for an optional value instead of the default's three (contains, decodeNil, decode).
    private func present(_ key: Key) throws -> Int? {
        guard let p = try find(key), try !reader.isNil(at: p) else { return nil }
        return p
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key).map { try reader.bool(at: $0) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key).map { try reader.string(at: $0) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key).map { try reader.double(at: $0) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key).map { try reader.integer(Int.self, at: $0) } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { try reader.decodeValue(T.self, at: $0) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(WireKeyedDecoder<NestedKey>(reader: reader, body: try reader.body(at: try require(key), .keyed)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try WireUnkeyedDecoder(reader: reader, at: try require(key))
    }

    func superDecoder() throws -> any Decoder { try superDecoder(forKey: Key(stringValue: "super")!) }
    func superDecoder(forKey key: Key) throws -> any Decoder { WireDecoder(reader: reader, at: try require(key)) }
}

struct WireUnkeyedDecoder: UnkeyedDecodingContainer {
    let reader: WireReader
    let body: Range<Int>
    let count: Int?
    private(set) var currentIndex = 0
    private var next: Int
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= count ?? 0 }

    init(reader: WireReader, at p: Int) throws {
        self.reader = reader
        body = try reader.body(at: p, .unkeyed)
        let n = try reader.u32(at: p + 5)
        // Each value takes at least a byte: a count past the body's length is a lie.
        guard n <= body.count else { throw reader.damaged("an array claims \(n) values in \(body.count) bytes") }
        count = n
        next = body.lowerBound
    }

    /// The next value's position, moving past it.
    private mutating func advance() throws -> Int {
        guard !isAtEnd, next < body.upperBound else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: [], debugDescription: "the array has no more values"))
        }
        let p = next
        let end = try reader.end(ofValueAt: p)
        guard end <= body.upperBound else { throw reader.damaged("a value runs past its array") }
        next = end
        currentIndex += 1
        return p
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, next < body.upperBound else { return false }
        if try reader.isNil(at: next) { _ = try advance(); return true }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(at: try advance()) }
    mutating func decode(_ type: String.Type) throws -> String { try reader.string(at: try advance()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try reader.double(at: try advance()) }
    mutating func decode(_ type: Float.Type) throws -> Float { try reader.float(at: try advance()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try reader.integer(Int.self, at: try advance()) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(Int64.self, at: try advance()) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(UInt64.self, at: try advance()) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decodeValue(T.self, at: try advance()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(WireKeyedDecoder<NestedKey>(reader: reader, body: try reader.body(at: try advance(), .keyed)))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try WireUnkeyedDecoder(reader: reader, at: try advance()) }

    mutating func superDecoder() throws -> any Decoder { WireDecoder(reader: reader, at: try advance()) }
}

struct WireSingleDecoder: SingleValueDecodingContainer {
    let reader: WireReader
    let at: Int
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { (try? reader.isNil(at: at)) ?? false }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(at: at) }
    func decode(_ type: String.Type) throws -> String { try reader.string(at: at) }
    func decode(_ type: Double.Type) throws -> Double { try reader.double(at: at) }
    func decode(_ type: Float.Type) throws -> Float { try reader.float(at: at) }
    func decode(_ type: Int.Type) throws -> Int { try reader.integer(Int.self, at: at) }
    func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(Int8.self, at: at) }
    func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(Int16.self, at: at) }
    func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(Int32.self, at: at) }
    func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(Int64.self, at: at) }
    func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(UInt.self, at: at) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(UInt8.self, at: at) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(UInt16.self, at: at) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(UInt32.self, at: at) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(UInt64.self, at: at) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decodeValue(T.self, at: at) }
}
