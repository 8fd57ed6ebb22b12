import Foundation
import CotejoModel

/// Table cells as the bytes a worker sends them in: a sheet's cells are most of a worker's answer
/// (400,000 in a 10,000-row sheet), and coding them as JSON took as long as reading the sheet.
/// A count, then per cell its numbers as varints, its text, and its source as `WireCoding` writes
/// one, less the text when it is the cell's. `decode` checks every length against the bytes left
/// and throws on anything out of place; it never trusts a count it has not checked.
enum CellWire {
    static func encode(_ cells: ArraySlice<Cell>) -> Data {
        let w = WireSink()
        w.rawInt(cells.count)
        for c in cells {
            w.rawInt(c.row); w.rawInt(c.column); w.rawInt(c.rowSpan); w.rawInt(c.columnSpan)
            w.bytes.append(c.isHeader ? 1 : 0); w.rawString(c.text)
            w.rawSource(c.source, cellText: c.text)
        }
        return Data(w.bytes)
    }

    static func decode(_ data: Data) throws -> [Cell] {
        try data.withUnsafeBytes { raw in
            let r = WireReader(bytes: raw)
            var p = 0
            let count = try r.rawInt(at: &p)
            // Each cell takes at least seven bytes, so a count past that is a lie.
            guard count >= 0, count <= raw.count / 7 + 1 else { throw r.damaged("\(count) cells in \(raw.count) bytes") }
            var cells: [Cell] = []
            cells.reserveCapacity(count)
            for _ in 0..<count {
                let row = try r.rawInt(at: &p), column = try r.rawInt(at: &p)
                let rowSpan = try r.rawInt(at: &p), columnSpan = try r.rawInt(at: &p)
                let isHeader = try r.rawBool(at: &p)
                let text = try r.rawString(at: &p)
                cells.append(Cell(row: row, column: column, rowSpan: rowSpan, columnSpan: columnSpan, text: text,
                                  isHeader: isHeader, source: try r.rawSource(at: &p, cellText: text)))
            }
            guard p == raw.count else { throw r.damaged("bytes after the cells") }
            return cells
        }
    }
}
