import Foundation
import CotejoModel

/// Table cells as the bytes a worker sends them in: a sheet's cells are most of a worker's answer
/// (400,000 in a 10,000-row sheet), and coding them as JSON took as long as reading the sheet.
/// Numbers are varints, strings their length and UTF-8 bytes, a source a bit set of the fields it
/// has followed by those fields. `decode` checks every length against the bytes left and throws on
/// anything out of place; it never trusts a count it has not checked.
enum CellWire {
    static func encode(_ cells: ArraySlice<Cell>) -> Data {
        var w = Writer()
        w.int(cells.count)
        for c in cells {
            w.int(c.row); w.int(c.column); w.int(c.rowSpan); w.int(c.columnSpan)
            w.bool(c.isHeader); w.string(c.text)
            w.source(c.source, cellText: c.text)
        }
        return Data(w.bytes)
    }

    static func decode(_ data: Data) throws -> [Cell] {
        try data.withUnsafeBytes { raw in
            var r = Reader(bytes: raw)
            let count = try r.int()
            // Each cell takes at least seven bytes, so a count past that is a lie.
            guard count >= 0, count <= raw.count / 7 + 1 else { throw Reader.Damaged() }
            var cells: [Cell] = []
            cells.reserveCapacity(count)
            for _ in 0..<count {
                let row = try r.int(), column = try r.int(), rowSpan = try r.int(), columnSpan = try r.int()
                let isHeader = try r.bool()
                let text = try r.string()
                cells.append(Cell(row: row, column: column, rowSpan: rowSpan, columnSpan: columnSpan, text: text,
                                  isHeader: isHeader, source: try r.source(cellText: text)))
            }
            guard r.atEnd else { throw Reader.Damaged() }
            return cells
        }
    }

    /// Which fields a source carries, in the order they follow.
    private enum Field: Int {
        case page, bbox, xpath, sheet, cell, line, paragraph, table, row, column, formula, file, ocr, confidence, hidden
        /// The source's text is the cell's (most cells): not sent twice.
        case textIsCellText
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func int(_ v: Int) {
            var u = UInt64(bitPattern: Int64(v)) << 1 ^ UInt64(bitPattern: Int64(v) >> 63)   // zigzag
            while u >= 0x80 { bytes.append(UInt8(u & 0x7F) | 0x80); u >>= 7 }
            bytes.append(UInt8(u))
        }
        mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
        mutating func double(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { u in int(u.count); bytes.append(contentsOf: u) }
        }

        mutating func source(_ s: Source, cellText: String) {
            var set = 0
            func mark(_ f: Field, _ present: Bool) { if present { set |= 1 << f.rawValue } }
            mark(.page, s.page != nil); mark(.bbox, s.bbox != nil); mark(.xpath, s.xpath != nil)
            mark(.sheet, s.sheet != nil); mark(.cell, s.cell != nil); mark(.line, s.line != nil)
            mark(.paragraph, s.paragraph != nil); mark(.table, s.table != nil); mark(.row, s.row != nil)
            mark(.column, s.column != nil); mark(.formula, s.formula != nil); mark(.file, s.file != nil)
            mark(.ocr, s.ocr != nil); mark(.confidence, s.confidence != nil); mark(.hidden, s.hidden != nil)
            mark(.textIsCellText, s.text == cellText)
            int(set)
            if let v = s.page { int(v) }
            if let b = s.bbox { double(b.x0); double(b.y0); double(b.x1); double(b.y1) }
            if let v = s.xpath { string(v) }
            if let v = s.sheet { string(v) }
            if let v = s.cell { string(v) }
            if let v = s.line { int(v) }
            if let v = s.paragraph { int(v) }
            if let v = s.table { int(v) }
            if let v = s.row { int(v) }
            if let v = s.column { int(v) }
            if let v = s.formula { string(v) }
            if let v = s.file { string(v) }
            if let v = s.ocr { bool(v) }
            if let v = s.confidence { double(v) }
            if let v = s.hidden { bool(v) }
            if s.text != cellText { string(s.text) }
        }
    }

    private struct Reader {
        struct Damaged: Error {}
        let bytes: UnsafeRawBufferPointer
        var at = 0
        var atEnd: Bool { at == bytes.count }

        mutating func byte() throws -> UInt8 {
            guard at < bytes.count else { throw Damaged() }
            defer { at += 1 }
            return bytes[at]
        }
        mutating func int() throws -> Int {
            var u: UInt64 = 0, shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw Damaged() }
                u |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return Int(Int64(bitPattern: u >> 1 ^ (0 &- (u & 1))))
        }
        mutating func bool() throws -> Bool { try byte() != 0 }
        mutating func double() throws -> Double {
            guard bytes.count - at >= 8 else { throw Damaged() }
            var bits: UInt64 = 0
            for k in 0..<8 { bits |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
            at += 8
            return Double(bitPattern: bits)
        }
        mutating func string() throws -> String {
            let n = try int()
            guard n >= 0, n <= bytes.count - at else { throw Damaged() }
            defer { at += n }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<at + n]), as: UTF8.self)
        }

        mutating func source(cellText: String) throws -> Source {
            let set = try int()
            func has(_ f: Field) -> Bool { set & 1 << f.rawValue != 0 }
            var s = Source(text: cellText)
            if has(.page) { s.page = try int() }
            if has(.bbox) { s.bbox = BBox(x0: try double(), y0: try double(), x1: try double(), y1: try double()) }
            if has(.xpath) { s.xpath = try string() }
            if has(.sheet) { s.sheet = try string() }
            if has(.cell) { s.cell = try string() }
            if has(.line) { s.line = try int() }
            if has(.paragraph) { s.paragraph = try int() }
            if has(.table) { s.table = try int() }
            if has(.row) { s.row = try int() }
            if has(.column) { s.column = try int() }
            if has(.formula) { s.formula = try string() }
            if has(.file) { s.file = try string() }
            if has(.ocr) { s.ocr = try bool() }
            if has(.confidence) { s.confidence = try double() }
            if has(.hidden) { s.hidden = try bool() }
            if !has(.textIsCellText) { s.text = try string() }
            return s
        }
    }
}
