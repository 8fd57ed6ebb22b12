import Foundation
import CotejoModel

/// The bytes of a worker's answer: parts, each a header line "TABLE COUNT CELLS" and COUNT bytes.
/// The first part (TABLE -1, CELLS 0) is the processed document in `WireCoding` bytes, its
/// tables' cells left out; the others each carry up to a few thousand cells of table TABLE, in
/// order, as `CellWire` bytes, CELLS being the table's whole count (room for them is made once).
/// JSON was the first form: `JSONEncoder` builds a tree of a whole value before it writes a byte and
/// `JSONDecoder` scans a whole text before it decodes: for a sheet of 400,000 cells those were most
/// of both processes' memory and as much time as reading the sheet.
public enum WorkerAnswer {
    static let cellsPerPart = 4096

    public static func encode(_ document: ProcessedDocument) throws -> Data {
        var doc = document
        var cells: [[Cell]] = []
        if var content = doc.content {
            cells = content.tables.map(\.cells)
            for i in content.tables.indices { content.tables[i].cells = [] }
            doc.content = content
        }
        var out = Data()
        func part(_ table: Int, _ bytes: Data, total: Int = 0) {
            out += Data("\(table) \(bytes.count) \(total)\n".utf8)
            out += bytes
        }
        part(-1, try WireCoding.encode(doc))
        for (t, table) in cells.enumerated() {
            for start in stride(from: 0, to: table.count, by: cellsPerPart) {
                let end = Swift.min(start + cellsPerPart, table.count)
                part(t, CellWire.encode(table[start..<end]), total: table.count)
            }
        }
        return out
    }

    public static func decode(_ data: Data) throws -> ProcessedDocument {
        var doc: ProcessedDocument?
        var cells: [Int: [Cell]] = [:]
        var at = data.startIndex
        while at < data.endIndex {
            guard let newline = data[at...].firstIndex(of: 10) else { throw damaged("a part has no header") }
            let header = String(decoding: data[at..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let table = Int(header[0]), let count = Int(header[1]), count >= 0, let total = Int(header[2]),
                  data.distance(from: newline, to: data.endIndex) > count else { throw damaged("a part's header is wrong") }
            let body = data[data.index(after: newline)..<data.index(newline, offsetBy: count + 1)]
            at = body.endIndex
            if table < 0 {
                doc = try WireCoding.decode(ProcessedDocument.self, from: body)
                continue
            }
            guard table < doc?.content?.tables.count ?? 0 else { throw damaged("cells for table \(table), which the document lacks") }
            if cells[table] == nil {
                // Room for the whole table at once, believed only as far as the answer's bytes could
                // hold that many cells: a grown array is copied at each doubling.
                var list: [Cell] = []
                list.reserveCapacity(Swift.max(0, Swift.min(total, data.count / 7)))
                cells[table] = list
            }
            cells[table]!.append(contentsOf: try CellWire.decode(body))
        }
        guard var doc else { throw damaged("no document") }
        for (table, list) in cells { doc.content?.tables[table].cells = list }
        return doc
    }

    private static func damaged(_ why: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: "worker answer: \(why)"))
    }
}
