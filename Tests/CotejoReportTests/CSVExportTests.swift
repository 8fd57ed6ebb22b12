import Foundation
import Testing
import CotejoModel
import CotejoStore
@testable import CotejoReport

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

        // One row per record: a column sums in a spreadsheet to what the store holds.
        let activities = tables["activities.csv"]!
        #expect(activities.count - 1 == docs.reduce(0) { $0 + $1.records.activities.count })
        let planned = activities[0].firstIndex(of: "planned")!
        let csvSum = activities.dropFirst().compactMap { Double($0[planned]) }.reduce(0, +)
        let storeSum = docs.flatMap(\.records.activities).compactMap(\.planned).reduce(0, +)
        #expect(abs(csvSum - storeSum) < 1e-6, "planned sums to \(csvSum) in the CSV, \(storeSum) in the store")
        #expect(Array(activities[0].prefix(5)) == ["document", "file", "entity", "year", "activity"])
        #expect(activities.dropFirst().contains { !$0[2].isEmpty && !$0[3].isEmpty })

        // Every source came through, of every kind: PDF boxes, XPaths, sheet cells.
        let sources = tables["sources.csv"]!, h = sources[0]
        func column(_ name: String) -> [String] { let i = h.firstIndex(of: name)!; return sources.dropFirst().map { $0[i] } }
        let sourceCount = docs.reduce(0) { n, d in
            n + d.records.facts.sources.count + d.findings.reduce(0) { $0 + $1.source.count }
                + d.records.activities.reduce(0) { $0 + $1.source.count + $1.fieldSources.count }
                + d.records.totals.reduce(0) { $0 + $1.source.count } + d.records.commitments.reduce(0) { $0 + $1.source.count }
                + d.records.claims.reduce(0) { $0 + $1.source.count + $1.fieldSources.count }
                + d.records.columnSums.reduce(0) { $0 + $1.source.count }
        }
        #expect(sources.count - 1 == sourceCount)
        #expect(column("x0").contains { Double($0) != nil })
        #expect(column("xpath").contains { $0.hasPrefix("/html") })
        #expect(column("cell").contains { !$0.isEmpty })
        #expect(Set(column("kind")).isSuperset(of: ["document", "activity", "finding"]))
        let findings = tables["findings.csv"]!
        #expect(findings.dropFirst().map { $0[findings[0].firstIndex(of: "severity")!] }.allSatisfy { ["error", "warning", "info"].contains($0) })
    }

    @Test func quotesCommasAndLineBreaksRoundTrip() throws {
        let store = try Store()
        try store.save(hostileDocument(), runID: store.beginRun(pipeline: "t", version: "v"), pipelineVersion: "v")
        let docs = try store.documents()
        let tables = CSVExporter.tables(docs)
        let activities = parseCSV(tables["activities.csv"]!)
        let header = activities[0]
        let d = header.firstIndex(of: "description")!, text = header.firstIndex(of: "source_text")!
        #expect(activities.count == 2) // header and the one record, placed at its own source
        #expect(activities[1][d] == docs[0].records.activities[0].description)
        #expect(activities[1][text] == docs[0].records.activities[0].source[0].text)
        let sources = parseCSV(tables["sources.csv"]!)
        let field = sources[0].firstIndex(of: "source_field")!, sourceText = sources[0].firstIndex(of: "source_text")!
        #expect(sources.contains { $0[field] == "planned" && $0[sourceText] == "10" })
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

    @Test func theExcelDialectIsWhatASpreadsheetInSpanishExpects() throws {
        let store = try Store()
        try store.save(hostileDocument(), runID: store.beginRun(pipeline: "t", version: "v"), pipelineVersion: "v")
        let excel = CSVExporter.tables(try store.documents(), dialect: .excel)["findings.csv"]!
        #expect(excel.hasPrefix("\u{FEFF}document;file;entity;year;finding"))
        #expect(CSV.number(12.5, dialect: .excel) == "12,5")
        #expect(CSV.number(12.5) == "12.5")
        #expect(CSV.field("a;b", dialect: .excel) == "\"a;b\"")
        #expect(CSV.field("a;b") == "a;b")
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
