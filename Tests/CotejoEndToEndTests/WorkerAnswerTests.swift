import Foundation
import Testing
import CotejoModel
@testable import CotejoPipeline

/// What a worker sends the batch must come back as it was sent: the document as `WireCoding` and its
/// tables' cells as `CellWire` bytes, in parts.
@Suite struct WorkerAnswerTests {
    /// Sources with each locator a reader sets, and one with all of them.
    static let sources: [Source] = [
        Source(page: 3, bbox: BBox(x0: 10.5, y0: 20, x1: 30.25, y1: 40), text: "1.234"),
        Source(xpath: "/html/body/table[2]/tr[3]/td[1]", text: "otro texto"),
        Source(sheet: "Seguimiento", cell: "AB1234", text: "45 %", formula: "=B2/C2"),
        Source(table: 2, row: 7, column: 0, text: "Meta"),
        Source(line: 12, text: "ñandú — «cita»"),
        Source(page: 1, bbox: BBox(x0: 0, y0: 0, x1: 1, y1: 1), xpath: "/p", sheet: "H", cell: "A1", line: 4,
               paragraph: 9, table: 1, row: 2, column: 3, text: "todo", formula: "=1", file: "otro.pdf",
               ocr: true, confidence: 0.8125, hidden: true),
    ]

    static func document(cellCount: Int) -> ProcessedDocument {
        var cells: [Cell] = []
        for i in 0..<cellCount {
            var source = sources[i % sources.count]
            if i % 2 == 0 { source.text = "celda \(i)" }
            cells.append(Cell(row: i / 5, column: i % 5, rowSpan: 1 + i % 2, columnSpan: 1, text: "celda \(i)",
                              isHeader: i < 5, source: source))
        }
        let table = Table(index: 1, pages: [1], rowCount: cellCount / 5 + 1, columnCount: 5, headerRowCount: 1, cells: cells)
        let content = DocumentContent(format: .xlsx, pages: [Page(number: 1, hasText: true)], tables: [table, table])
        var doc = ProcessedDocument(path: "/tmp/x.xlsx", sha256: "ab", format: .xlsx, byteCount: 10, status: .ok)
        doc.content = content
        return doc
    }

    @Test("a document with thousands of cells in several tables comes back equal, cells in order")
    func roundTrip() throws {
        let doc = Self.document(cellCount: 10_000)
        let back = try WorkerAnswer.decode(WorkerAnswer.encode(doc))
        #expect(back.content?.tables == doc.content?.tables)
        #expect(back.path == doc.path && back.status == doc.status)
        let failed = ProcessedDocument(path: "/tmp/y.pdf", sha256: nil, format: nil, byteCount: 0, status: .failed, error: "roto")
        #expect(try WorkerAnswer.decode(WorkerAnswer.encode(failed)).error == "roto")
    }

    @Test("a content sent ahead and records sent ahead come back as such, and never pass for a document")
    func partsSentAhead() throws {
        let doc = Self.document(cellCount: 9_000)
        let content = try #require(doc.content)
        guard case .content(let back) = try WorkerAnswer.decodePart(WorkerAnswer.encode(content: content)) else {
            Issue.record("not a content"); return
        }
        #expect(back.tables == content.tables && back.pages == content.pages)
        let records = DocumentRecords(facts: DocumentFacts(entity: "Alcaldía", year: 2024),
                                      activities: [Activity(item: "1", description: "Talleres", planned: 4, executed: 3,
                                                            source: [Self.sources[2]])])
        guard case .records(let made) = try WorkerAnswer.decodePart(WorkerAnswer.encode(records: records)) else {
            Issue.record("not records"); return
        }
        #expect(made.activities == records.activities && made.facts.entity == "Alcaldía")
        #expect(throws: (any Error).self) { try WorkerAnswer.decode(WorkerAnswer.encode(content: content)) }
        #expect(throws: (any Error).self) { try WorkerAnswer.decode(WorkerAnswer.encode(records: records)) }
        // Two answers in one frame are damage, not a choice between them.
        #expect(throws: (any Error).self) { try WorkerAnswer.decodePart(WorkerAnswer.encode(records: records) + WorkerAnswer.encode(doc)) }
    }

    @Test("an answer cut short or with a wrong header is refused, not read as a smaller document")
    func damagedAnswers() throws {
        let bytes = try WorkerAnswer.encode(Self.document(cellCount: 50))
        #expect(throws: (any Error).self) { try WorkerAnswer.decode(bytes.prefix(bytes.count - 3)) }
        #expect(throws: (any Error).self) { try WorkerAnswer.decode(Data("0 12 3\n".utf8) + bytes) }
        #expect(throws: (any Error).self) { try WorkerAnswer.decode(Data("-1 2\n{}".utf8)) }
        #expect(throws: (any Error).self) { try WorkerAnswer.decode(Data("x\n".utf8)) }
        #expect(throws: (any Error).self) { try WorkerAnswer.decode(Data()) }
    }

    @Test("a source reads and codes as the plain fields it holds: rare fields set and cleared, JSON unchanged")
    func compactSource() throws {
        for s in Self.sources {
            let json = try JSONCoding.encoder(sortedKeys: true).encode(s)
            #expect(try JSONCoding.decoder().decode(Source.self, from: json) == s)
        }
        var s = Source(page: 2, text: "a")
        s.ocr = true
        s.confidence = 0.5
        #expect(s.ocr == true && s.confidence == 0.5 && s != Source(page: 2, text: "a"))
        s.ocr = nil
        s.confidence = nil
        #expect(s == Source(page: 2, text: "a"))
        #expect(Set([s, Source(page: 2, text: "a")]).count == 1)
        let all = Self.sources.last!
        #expect(String(decoding: try JSONCoding.encoder(sortedKeys: true).encode(all), as: UTF8.self) == """
            {"bbox":{"x0":0,"x1":1,"y0":0,"y1":1},"cell":"A1","column":3,"confidence":0.8125,"file":"otro.pdf","formula":"=1","hidden":true,"line":4,"ocr":true,"page":1,"paragraph":9,"row":2,"sheet":"H","table":1,"text":"todo","xpath":"/p"}
            """)
    }
}
