import Foundation
import CotejoModel

/// The bytes of a worker's answer: parts, each a header line "KIND COUNT CELLS" and COUNT bytes.
/// The first part is the answer itself in `WireCoding` bytes, its tables' cells left out: KIND -1
/// for a processed document, -2 for a document's content alone, -3 for its records (`Part`). The
/// others each carry up to a few thousand cells of table KIND, in order, as `CellWire` bytes, CELLS
/// being the table's whole count (room for them is made once).
/// JSON was the first form: `JSONEncoder` builds a tree of a whole value before it writes a byte and
/// `JSONDecoder` scans a whole text before it decodes: for a sheet of 400,000 cells those were most
/// of both processes' memory and as much time as reading the sheet.
public enum WorkerAnswer {
    static let cellsPerPart = 4096
    static let documentKind = -1, contentKind = -2, recordsKind = -3

    /// What one answer carries. A serving worker sends a document's content as soon as the reading
    /// and table stages are done, its records when the record stage is, then the processed
    /// document without either: the batch can store a big sheet's million cells while the worker
    /// works out its records, and the records while it runs the checks. A failed document comes alone.
    public enum Part: Sendable {
        case content(DocumentContent)
        case records(DocumentRecords)
        case document(ProcessedDocument)
    }

    public static func encode(_ document: ProcessedDocument) throws -> Data {
        var doc = document
        var cells: [[Cell]] = []
        if doc.content != nil { cells = takeCells(from: &doc.content!) }
        return withCells(documentKind, try WireCoding.encode(doc), cells)
    }

    public static func encode(content: DocumentContent) throws -> Data {
        var content = content
        let cells = takeCells(from: &content)
        return withCells(contentKind, try WireCoding.encode(content), cells)
    }

    /// The tables' cells, taken out of `content`: they cross as `CellWire` parts of their own.
    private static func takeCells(from content: inout DocumentContent) -> [[Cell]] {
        let cells = content.tables.map(\.cells)
        for i in content.tables.indices { content.tables[i].cells = [] }
        return cells
    }

    public static func encode(records: DocumentRecords) throws -> Data {
        withCells(recordsKind, try WireCoding.encode(records), [])
    }

    private static func withCells(_ kind: Int, _ first: Data, _ cells: [[Cell]]) -> Data {
        var out = Data()
        func part(_ kind: Int, _ bytes: Data, total: Int = 0) {
            out += Data("\(kind) \(bytes.count) \(total)\n".utf8)
            out += bytes
        }
        part(kind, first)
        for (t, table) in cells.enumerated() {
            for start in stride(from: 0, to: table.count, by: cellsPerPart) {
                let end = Swift.min(start + cellsPerPart, table.count)
                part(t, CellWire.encode(table[start..<end]), total: table.count)
            }
        }
        return out
    }

    /// An answer that must be a processed document (the form of a worker that reads one path).
    public static func decode(_ data: Data) throws -> ProcessedDocument {
        guard case .document(let doc) = try decodePart(data) else { throw damaged("a content where a document was expected") }
        return doc
    }

    public static func decodePart(_ data: Data) throws -> Part {
        var doc: ProcessedDocument?
        var content: DocumentContent?
        var records: DocumentRecords?
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
                guard doc == nil, content == nil, records == nil else { throw damaged("two answers in one") }
                switch table {
                case documentKind: doc = try WireCoding.decode(ProcessedDocument.self, from: body)
                case contentKind: content = try WireCoding.decode(DocumentContent.self, from: body)
                case recordsKind: records = try WireCoding.decode(DocumentRecords.self, from: body)
                default: throw damaged("an answer of unknown kind \(table)")
                }
                continue
            }
            guard table < (doc?.content ?? content)?.tables.count ?? 0 else { throw damaged("cells for table \(table), which the answer lacks") }
            if cells[table] == nil {
                // Room for the whole table at once, believed only as far as the answer's bytes could
                // hold that many cells: a grown array is copied at each doubling.
                var list: [Cell] = []
                list.reserveCapacity(Swift.max(0, Swift.min(total, data.count / 7)))
                cells[table] = list
            }
            cells[table]!.append(contentsOf: try CellWire.decode(body))
        }
        // Records have no tables, so no cells part can have come with them.
        if let records { return .records(records) }
        if var content {
            for (table, list) in cells { content.tables[table].cells = list }
            return .content(content)
        }
        guard var doc else { throw damaged("no document") }
        for (table, list) in cells { doc.content?.tables[table].cells = list }
        return .document(doc)
    }

    private static func damaged(_ why: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: "worker answer: \(why)"))
    }
}
