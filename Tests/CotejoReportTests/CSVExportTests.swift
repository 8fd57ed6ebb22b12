import Foundation
import Testing
import CotejoModel
import CotejoStore
import CotejoReport

@Suite struct CSVExportTests {
    @Test func theFixturesExportParsesBackRecordForRecord() throws {
        let corpus = ReportCorpus.shared
        let dir = try Repo.temporaryDirectory()
        let written = try CSVExporter.write(corpus.documents, to: dir.path)
        #expect(Set(written.map { URL(fileURLWithPath: $0).lastPathComponent }) == Set(CSVExporter.files))

        var tables: [String: [[String]]] = [:]
        for name in CSVExporter.files {
            let data = try Data(contentsOf: dir.appendingPathComponent(name))
            #expect(!data.starts(with: [0xEF, 0xBB, 0xBF]), "\(name) starts with a BOM")
            let rows = parseCSV(String(decoding: data, as: UTF8.self))
            #expect(rows.count >= 1)
            let width = rows[0].count
            for (i, r) in rows.enumerated() { #expect(r.count == width, "\(name) row \(i) has \(r.count) fields, header \(width)") }
            tables[name] = rows
        }
        func records(_ name: String, _ idColumns: [String]) -> Int {
            let rows = tables[name]!, header = rows[0]
            let idx = idColumns.map { header.firstIndex(of: $0)! }
            return Set(rows.dropFirst().map { r in idx.map { r[$0] } }).count
        }
        let docs = corpus.documents
        #expect(records("documents.csv", ["document"]) == docs.count)
        #expect(records("activities.csv", ["document", "activity"]) == docs.reduce(0) { $0 + $1.records.activities.count })
        #expect(records("totals.csv", ["document", "total"]) == docs.reduce(0) { $0 + $1.records.totals.count })
        #expect(records("commitments.csv", ["document", "commitment"]) == docs.reduce(0) { $0 + $1.records.commitments.count })
        #expect(records("findings.csv", ["document", "finding"]) == docs.reduce(0) { $0 + $1.findings.count })

        // Sources of every kind came through: PDF boxes, XPaths, sheet cells, lines.
        let findings = tables["findings.csv"]!, h = findings[0]
        func column(_ name: String) -> [String] { let i = h.firstIndex(of: name)!; return findings.dropFirst().map { $0[i] } }
        #expect(column("x0").contains { Double($0) != nil })
        #expect(column("xpath").contains { $0.hasPrefix("/html") })
        #expect(column("cell").contains { !$0.isEmpty })
        #expect(column("severity").allSatisfy { ["error", "warning", "info"].contains($0) })
        #expect(h.suffix(17) == ["source_field", "source_index", "page", "x0", "y0", "x1", "y1", "xpath", "sheet", "cell",
                                 "line", "paragraph", "table", "row", "column", "source_text", "source_file"])
    }

    @Test func quotesCommasAndLineBreaksRoundTrip() throws {
        let store = try Store()
        try store.save(hostileDocument(), runID: store.beginRun(pipeline: "t", version: "v"), pipelineVersion: "v")
        let docs = try store.documents()
        let tables = CSVExporter.tables(docs)
        let activities = parseCSV(tables["activities.csv"]!)
        let header = activities[0]
        let d = header.firstIndex(of: "description")!, field = header.firstIndex(of: "source_field")!, text = header.firstIndex(of: "source_text")!
        #expect(activities.count == 3) // header, the row's own source, the planned field's source
        #expect(activities[1][d] == docs[0].records.activities[0].description)
        #expect(activities[1][text] == docs[0].records.activities[0].source[0].text)
        #expect(activities[2][field] == "planned" && activities[2][text] == "10")
        let totals = parseCSV(tables["totals.csv"]!)
        #expect(totals[1][totals[0].firstIndex(of: "label")!] == "vigencia, \"total\"")
        let findings = parseCSV(tables["findings.csv"]!)
        let values = findings[1][findings[0].firstIndex(of: "values")!]
        let decoded = try JSONDecoder().decode([String: FindingValue].self, from: Data(values.utf8))
        #expect(decoded == docs[0].findings[0].values)
        let x0 = findings[1][findings[0].firstIndex(of: "x0")!], y1 = findings[1][findings[0].firstIndex(of: "y1")!]
        #expect(x0 == "10" && y1 == "40")
        #expect(tables["documents.csv"]!.hasSuffix("\r\n"))
    }

    @Test func cellsThatASpreadsheetWouldRunAsFormulasAreNeutralised() {
        #expect(CSV.field("=HYPERLINK(\"http://x\",\"clic\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"clic\"\")\"")
        #expect(CSV.field("+57 300") == "'+57 300")
        #expect(CSV.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSV.field("-2+3") == "'-2+3")
        #expect(CSV.field("\tcmd") == "'\tcmd")
        #expect(CSV.field("\r=1+1").hasPrefix("\"'"))
        // Numbers and ordinary text stay as they are.
        #expect(CSV.field("-12.5") == "-12.5")
        #expect(CSV.field("Meta = 100 %") == "Meta = 100 %")
        #expect(CSV.field("") == "")
    }
}
