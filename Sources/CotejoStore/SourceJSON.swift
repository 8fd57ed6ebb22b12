import Foundation
import CotejoModel

/// A source as the JSON the store keeps in `cells.source` and `blocks.source`, written by hand:
/// the bytes `JSONEncoder` writes with sorted keys and unescaped slashes, at a fraction of its
/// cost. A 5,000-row workbook has 200,000 cells, and encoding their sources one `JSONEncoder`
/// call at a time was most of the store's time. A test holds the two byte for byte.
///
/// Everything is written as UTF-8 bytes into one `JSONBytes` buffer that the store reuses from
/// row to row and binds to SQLite as it is: no `String` is built for the hundreds of thousands of
/// sources a workbook stores.
enum SourceJSON {
    static func encode(_ s: Source) -> String { string { encode(s, into: &$0) } }
    static func measures(_ values: [Measure]) -> String { string { measures(values, into: &$0) } }
    static func array(_ values: [String]) -> String { string { array(values, into: &$0) } }
    static func object(_ values: [String: String]) -> String { string { object(values, into: &$0) } }

    private static func string(_ write: (inout JSONBytes) -> Void) -> String {
        var out = JSONBytes()
        write(&out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// `omittingText`: the text is left out (a table cell's source, whose text is the cell's own;
    /// `Source.TextOptional` reads it back).
    static func encode(_ s: Source, into out: inout JSONBytes, omittingText: Bool = false) {
        out.byte(UInt8(ascii: "{"))
        var first = true
        func key(_ name: StaticString) {
            if !first { out.byte(UInt8(ascii: ",")) }
            first = false
            out.byte(UInt8(ascii: "\"")); out.raw(name); out.raw("\":")
        }
        // Keys in sorted order, as `.sortedKeys` writes them.
        if let b = s.bbox {
            key("bbox")
            out.raw("{\"x0\":"); out.number(b.x0); out.raw(",\"x1\":"); out.number(b.x1)
            out.raw(",\"y0\":"); out.number(b.y0); out.raw(",\"y1\":"); out.number(b.y1); out.byte(UInt8(ascii: "}"))
        }
        if let v = s.cell { key("cell"); out.string(v) }
        if let v = s.column { key("column"); out.int(v) }
        if let v = s.confidence { key("confidence"); out.number(v) }
        if let v = s.file { key("file"); out.string(v) }
        if let v = s.formula { key("formula"); out.string(v) }
        if let v = s.hidden { key("hidden"); out.raw(v ? "true" : "false") }
        if let v = s.line { key("line"); out.int(v) }
        if let v = s.ocr { key("ocr"); out.raw(v ? "true" : "false") }
        if let v = s.page { key("page"); out.int(v) }
        if let v = s.paragraph { key("paragraph"); out.int(v) }
        if let v = s.row { key("row"); out.int(v) }
        if let v = s.sheet { key("sheet"); out.string(v) }
        if let v = s.table { key("table"); out.int(v) }
        if !omittingText { key("text"); out.string(s.text) }
        if let v = s.xpath { key("xpath"); out.string(v) }
        out.byte(UInt8(ascii: "}"))
    }

    /// A double as JSONEncoder writes it: whole numbers without a fraction, others in Swift's
    /// shortest form that reads back to the same double; what is not finite as the string
    /// `JSONCoding` names it with.
    static func number(_ d: Double) -> String { string { $0.number(d) } }

    /// An activity's periods, written for every activity of every table: by hand, the bytes
    /// JSONEncoder writes with sorted keys (a test holds them equal).
    static func measures(_ values: [Measure], into out: inout JSONBytes) {
        out.byte(UInt8(ascii: "["))
        for (i, m) in values.enumerated() {
            if i > 0 { out.byte(UInt8(ascii: ",")) }
            out.byte(UInt8(ascii: "{"))
            if let v = m.executed { out.raw("\"executed\":"); out.number(v); out.byte(UInt8(ascii: ",")) }
            out.raw("\"fieldSources\":{")
            for (k, key) in m.fieldSources.keys.sorted(by: sortedKeysOrder).enumerated() {
                if k > 0 { out.byte(UInt8(ascii: ",")) }
                out.string(key)
                out.byte(UInt8(ascii: ":"))
                encode(m.fieldSources[key]!, into: &out)
            }
            out.raw("},\"period\":")
            out.string(m.period)
            if let v = m.planned { out.raw(",\"planned\":"); out.number(v) }
            if let v = m.reportedPercent { out.raw(",\"reportedPercent\":"); out.number(v) }
            out.raw(",\"source\":[")
            for (k, source) in m.source.enumerated() {
                if k > 0 { out.byte(UInt8(ascii: ",")) }
                encode(source, into: &out)
            }
            out.raw("]}")
        }
        out.byte(UInt8(ascii: "]"))
    }

    /// Lists of numbers (a page's image boxes, by the thousand on pages drawn as many small
    /// images), as JSONEncoder writes them.
    static func numberLists(_ values: [[Double]]) -> String {
        string { out in
            out.byte(UInt8(ascii: "["))
            for (i, list) in values.enumerated() {
                if i > 0 { out.byte(UInt8(ascii: ",")) }
                out.byte(UInt8(ascii: "["))
                for (k, v) in list.enumerated() {
                    if k > 0 { out.byte(UInt8(ascii: ",")) }
                    out.number(v)
                }
                out.byte(UInt8(ascii: "]"))
            }
            out.byte(UInt8(ascii: "]"))
        }
    }

    /// An array of strings.
    static func array(_ values: [String], into out: inout JSONBytes) {
        out.byte(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { out.byte(UInt8(ascii: ",")) }
            out.string(v)
        }
        out.byte(UInt8(ascii: "]"))
    }

    /// An object of strings, keys in the order JSONEncoder's `sortedKeys` gives them.
    static func object(_ values: [String: String], into out: inout JSONBytes) {
        out.byte(UInt8(ascii: "{"))
        for (i, key) in values.keys.sorted(by: sortedKeysOrder).enumerated() {
            if i > 0 { out.byte(UInt8(ascii: ",")) }
            out.string(key)
            out.byte(UInt8(ascii: ":"))
            out.string(values[key] ?? "")
        }
        out.byte(UInt8(ascii: "}"))
    }

    /// JSONEncoder's `sortedKeys` order.
    static func sortedKeysOrder(_ a: String, _ b: String) -> Bool { a < b }
}

/// JSON being written, as UTF-8 bytes. `removeAll()` keeps the buffer's capacity, so one writer
/// serves every row of a document.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// Text that is JSON already (another encoder's output).
    mutating func json(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// ASCII known when the program is built: keys, punctuation, literals.
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ v: Int) {
        if v < 0 { byte(UInt8(ascii: "-")) }
        var m = v.magnitude
        guard m >= 10 else { byte(UInt8(ascii: "0") + UInt8(m)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while m > 0 { d[n] = UInt8(ascii: "0") + UInt8(m % 10); m /= 10; n += 1 }
            for i in stride(from: n - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    /// A double as JSONEncoder writes it (see `SourceJSON.number`).
    mutating func number(_ d: Double) {
        if !d.isFinite { raw(d.isNaN ? "\"NaN\"" : d > 0 ? "\"Infinity\"" : "\"-Infinity\""); return }
        if d == 0 && d.sign == .minus { raw("-0"); return }
        if d == d.rounded(), abs(d) < 1e15 { int(Int(d)); return }
        // JSONEncoder writes Swift's description without a trailing ".0" (1e15 is
        // "1000000000000000", as every whole number below 2^53; 1e16 is "1e+16").
        var text = d.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// A string literal with JSON's escapes: the quote, the backslash and control characters.
    mutating func string(_ s: String) {
        byte(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for (i, u) in utf8.enumerated() where u < 0x20 || u == 0x22 || u == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                start = i + 1
                switch u {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                default:
                    raw("\\u00")
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    byte(hex[Int(u >> 4)]); byte(hex[Int(u & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        byte(UInt8(ascii: "\""))
    }
}
