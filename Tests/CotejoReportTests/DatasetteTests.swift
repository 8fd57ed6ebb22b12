import Foundation
import Testing

/// Datasette importable by the machine's python3 (the Makefile's test target installs it from PyPI).
let datasetteAvailable = (try? runProcess("/usr/bin/env", ["python3", "-c", "import datasette"], timeout: 60))?.status == 0

/// The store opened as the README says, in Datasette, answering as its web pages would
/// (`datasette --get` asks without starting a server).
@Suite(.serialized) struct DatasetteTests {
    func get(_ path: String) throws -> Any {
        let store = ReportCorpus.shared.directory.appendingPathComponent("cotejo.sqlite").path
        let result = try runProcess("/usr/bin/env", ["python3", "-m", "datasette", store, "--get", path], timeout: 120)
        #expect(result.status == 0, "\(result.output.suffix(500))")
        // Datasette may log warnings before the body: the JSON starts at the first bracket.
        let body = result.output.drop { $0 != "[" && $0 != "{" }
        return try JSONSerialization.jsonObject(with: Data(body.utf8))
    }

    @Test(.enabled(if: datasetteAvailable, "datasette is not installed"))
    func searchFiltersTheBlocksWithAccentsFolded() throws {
        let all = try #require(try get("/cotejo/blocks.json?_shape=array&_col=text&_size=max") as? [[String: Any]])
        let hits = try #require(try get("/cotejo/blocks.json?_search=participacion&_shape=array&_col=text&_size=max") as? [[String: Any]])
        #expect(!hits.isEmpty)
        #expect(hits.count < all.count, "?_search= returned every row: Datasette did not find the full-text index")
        let folded = hits.compactMap { $0["text"] as? String }.map { $0.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil) }
        #expect(folded.allSatisfy { $0.contains("participacion") })
    }

    @Test(.enabled(if: datasetteAvailable, "datasette is not installed"))
    func everyFormatsFindingsKeepTheirLocatorInTheView() throws {
        let sql = "select path, page, sheet, cell, xpath, paragraph, line, table_number, row from findings_with_sources where source_text is not null"
        let rows = try #require(try get("/cotejo.json?_shape=array&sql=" + sql.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!) as? [[String: Any]])
        #expect(!rows.isEmpty)
        func located(_ r: [String: Any]) -> Bool {
            ["page", "sheet", "cell", "xpath", "paragraph", "line", "table_number"].contains { !(r[$0] is NSNull) && r[$0] != nil }
        }
        let lost = rows.filter { !located($0) }.compactMap { $0["path"] as? String }
        #expect(lost.isEmpty, "findings with no locator in the view: \(Set(lost).sorted())")
        // DOCX findings are placed by paragraph or table cell, which the first view dropped.
        #expect(rows.contains { ($0["path"] as? String)?.hasSuffix(".docx") == true && (!($0["paragraph"] is NSNull) || !($0["table_number"] is NSNull)) })
    }
}
