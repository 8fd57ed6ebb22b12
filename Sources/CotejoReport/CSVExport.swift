import Foundation
import CotejoModel
import CotejoStore

/// RFC 4180 CSV text: CRLF line ends, fields quoted when they hold a comma, quote or line break,
/// quotes doubled. No byte-order mark: spreadsheet programs and `csv` readers take UTF-8 as is.
///
/// Text from documents is untrusted: a cell reading `=HYPERLINK(…)` would run as a formula in a
/// spreadsheet. As OWASP recommends, a field that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading apostrophe, so it shows as text; a plain negative number is left
/// as it is.
public enum CSV {
    public static func field(_ s: String) -> String {
        let s = neutralised(s)
        return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func neutralised(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        if first == "-", Double(s) != nil { return s }
        return "'" + s
    }

    public static func render(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A number as machines read it: decimal point, integral values without decimals, empty when unknown.
    static func number(_ d: Double?) -> String {
        guard let d else { return "" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    static func int(_ i: Int?) -> String { i.map(String.init) ?? "" }
}

/// `cotejo export --format csv`: one file per record kind, in long form — one row per record and
/// source, so that no source is lost: a record located in three places has three rows, the record's
/// own columns repeated; a record with no source has one row with empty source columns.
/// `source_field` names the field a source is of ("planned", "entity"), empty for the whole record.
public enum CSVExporter {
    public static let files = ["documents.csv", "activities.csv", "totals.csv", "commitments.csv", "claims.csv", "column_sums.csv",
                               "findings.csv"]

    static let sourceHeaders = ["source_field", "source_index", "page", "x0", "y0", "x1", "y1", "xpath", "sheet", "cell",
                                "line", "paragraph", "table", "row", "column", "source_text", "source_file"]

    /// The files' contents by name.
    public static func tables(_ docs: [StoredDocument], language: Language = .es) -> [String: String] {
        var documents = [["document", "file", "sha256", "format", "pages", "status", "error", "entity", "title", "kind", "year"] + sourceHeaders]
        var findings = [["document", "file", "finding", "rule", "severity", "message", "values"] + sourceHeaders]
        var activities = header(Activity.self, "activity"), totals = header(StatedTotal.self, "total")
        var commitments = header(Commitment.self, "commitment"), claims = header(Claim.self, "claim")
        var sums = header(ColumnSum.self, "column_sum", lists: ["parts"])

        for d in docs {
            let key = d.sha256 ?? "id:\(d.id)"
            let f = d.records.facts
            appendRows(&documents, [key, d.path, d.sha256 ?? "", d.format?.rawValue ?? "", String(d.pages), d.status.rawValue,
                                    d.error ?? "", f.entity ?? "", f.title ?? "", f.kind?.rawValue ?? "", CSV.int(f.year)],
                       whole: [], fields: f.sources)
            let r = d.records
            for (i, a) in r.activities.enumerated() { appendRows(&activities, [key, d.path, String(i + 1)] + row(a), whole: a.source, fields: a.fieldSources) }
            for (i, t) in r.totals.enumerated() { appendRows(&totals, [key, d.path, String(i + 1)] + row(t), whole: t.source, fields: [:]) }
            for (i, c) in r.commitments.enumerated() { appendRows(&commitments, [key, d.path, String(i + 1)] + row(c), whole: c.source, fields: [:]) }
            for (i, c) in r.claims.enumerated() { appendRows(&claims, [key, d.path, String(i + 1)] + row(c), whole: c.source, fields: c.fieldSources) }
            for (i, c) in r.columnSums.enumerated() {
                appendRows(&sums, [key, d.path, String(i + 1)] + row(c) + [c.parts.map { CSV.number($0) }.joined(separator: " ")],
                           whole: c.source, fields: [:])
            }
            for (i, x) in d.findings.enumerated() {
                appendRows(&findings, [key, d.path, String(i + 1), x.rule, x.severity.rawValue, x.message(in: language),
                                       valuesJSON(x.values)], whole: x.source, fields: [:])
            }
        }
        return ["documents.csv": CSV.render(documents), "activities.csv": CSV.render(activities), "totals.csv": CSV.render(totals),
                "commitments.csv": CSV.render(commitments), "claims.csv": CSV.render(claims),
                "column_sums.csv": CSV.render(sums), "findings.csv": CSV.render(findings)]
    }

    /// Writes the files into `folder` (created when missing); returns their paths.
    @discardableResult
    public static func write(_ docs: [StoredDocument], to folder: String, language: Language = .es) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var written: [String] = []
        for (name, text) in tables(docs, language: language).sorted(by: { $0.key < $1.key }) {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            written.append(path)
        }
        return written
    }

    /// A record file's header: the document, the record's number, its declared fields, its lists.
    static func header<R: PlainRecord>(_: R.Type, _ name: String, lists: [String] = []) -> [[String]] {
        [["document", "file", name] + R.fields.filter { $0.outputs.contains(.csv) }.map(\.name) + lists + sourceHeaders]
    }

    /// A record's declared fields as CSV cells.
    static func row<R: PlainRecord>(_ record: R) -> [String] {
        record.values(for: .csv).map { _, v in
            switch v {
            case .null: ""
            case .integer(let i): String(i)
            case .real(let d): CSV.number(d)
            case .text(let t): t
            case .boolean(let b): b ? "1" : "0"
            }
        }
    }

    static func appendRows(_ rows: inout [[String]], _ record: [String], whole: [Source], fields: [String: Source]) {
        let located: [(String, Int, Source)] = whole.enumerated().map { ("", $0.offset + 1, $0.element) }
            + fields.sorted { $0.key < $1.key }.map { ($0.key, 1, $0.value) }
        if located.isEmpty {
            rows.append(record + Array(repeating: "", count: sourceHeaders.count)); return
        }
        for (field, index, s) in located { rows.append(record + sourceColumns(field, index, s)) }
    }

    static func sourceColumns(_ field: String, _ index: Int, _ s: Source) -> [String] {
        let b = s.bbox?.rounded
        return [field, String(index), CSV.int(s.page), CSV.number(b?.x0), CSV.number(b?.y0), CSV.number(b?.x1), CSV.number(b?.y1),
                s.xpath ?? "", s.sheet ?? "", s.cell ?? "", CSV.int(s.line), CSV.int(s.paragraph), CSV.int(s.table), CSV.int(s.row),
                CSV.int(s.column), s.text, s.file ?? ""]
    }

    static func valuesJSON(_ values: [String: FindingValue]) -> String {
        let e = JSONCoding.encoder(sortedKeys: true)
        return (try? String(decoding: e.encode(values), as: UTF8.self)) ?? "{}"
    }
}
