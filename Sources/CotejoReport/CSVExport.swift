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
    /// How fields are separated and numbers written. `rfc4180` is for programs (comma, decimal
    /// point, no byte-order mark); `excel` is for a spreadsheet set to Colombian Spanish, which
    /// expects a semicolon, a decimal comma and a UTF-8 byte-order mark (without it "Protección"
    /// shows as "ProtecciÃ³n").
    public enum Dialect: String, Sendable, CaseIterable {
        case rfc4180, excel

        var separator: Character { self == .excel ? ";" : "," }
        var byteOrderMark: String { self == .excel ? "\u{FEFF}" : "" }
    }

    public static func field(_ s: String, dialect: Dialect = .rfc4180) -> String {
        let s = neutralised(s)
        return s.contains(where: { $0 == dialect.separator || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func neutralised(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        if first == "-", Double(s) != nil { return s }
        return "'" + s
    }

    public static func render(_ rows: [[String]], dialect: Dialect = .rfc4180) -> String {
        dialect.byteOrderMark
            + rows.map { $0.map { field($0, dialect: dialect) }.joined(separator: String(dialect.separator)) }.joined(separator: "\r\n") + "\r\n"
    }

    /// A number as the dialect's readers take it: integral values without decimals, empty when unknown.
    static func number(_ d: Double?, dialect: Dialect = .rfc4180) -> String {
        guard let d, d.isFinite else { return "" }
        let text = d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        return dialect == .excel ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static func int(_ i: Int?) -> String { i.map(String.init) ?? "" }
}

/// `cotejo export --format csv`: one file per record kind with **one row per record**, so that a
/// column sums in a spreadsheet to what the store holds; each row carries its document's entity and
/// year and the place of the record's first source. Every source of every record, finding and
/// document fact is in `sources.csv` (one row per source, keyed by file, kind and record number),
/// so that no place is lost.
public enum CSVExporter {
    public static let files = ["documents.csv", "activities.csv", "totals.csv", "commitments.csv", "claims.csv", "column_sums.csv",
                               "findings.csv", "sources.csv"]

    /// Where a row's record stands (its first source).
    static let placeHeaders = ["page", "x0", "y0", "x1", "y1", "xpath", "sheet", "cell", "line", "paragraph", "table", "row",
                               "column", "source_text"]
    static let sourceHeaders = ["document", "file", "kind", "record", "source_field", "source_index"] + placeHeaders
        + ["source_file", "ocr", "confidence", "hidden"]

    /// The files' contents by name.
    public static func tables(_ docs: [StoredDocument], language: Language = .es, dialect: CSV.Dialect = .rfc4180) -> [String: String] {
        var documents = [["document", "file", "sha256", "format", "pages", "status", "error", "entity", "title", "kind", "year"]]
        var findings = [["document", "file", "entity", "year", "finding", "rule", "severity", "message", "values"] + placeHeaders]
        var activities = header(Activity.self, "activity"), totals = header(StatedTotal.self, "total")
        var commitments = header(Commitment.self, "commitment"), claims = header(Claim.self, "claim")
        var sums = header(ColumnSum.self, "column_sum", lists: ["parts"])
        var sources = [sourceHeaders]

        for d in docs {
            let key = d.sha256 ?? "id:\(d.id)"
            let f = d.records.facts
            let owner = [key, d.path, f.entity ?? "", CSV.int(f.year)]
            documents.append([key, d.path, d.sha256 ?? "", d.format?.rawValue ?? "", String(d.pages), d.status.rawValue,
                              d.error ?? "", f.entity ?? "", f.title ?? "", f.kind?.rawValue ?? "", CSV.int(f.year)])
            addSources(&sources, key, d.path, "document", 0, whole: [], fields: f.sources, dialect)
            func add<R: PlainRecord>(_ rows: inout [[String]], _ kind: String, _ records: [R], extra: (R) -> [String] = { _ in [] },
                                     located: (R) -> ([Source], [String: Source])) {
                for (i, r) in records.enumerated() {
                    let (whole, fields) = located(r)
                    rows.append(owner + [String(i + 1)] + row(r, dialect) + extra(r) + place(whole.first ?? fields.sorted { $0.key < $1.key }.first?.value, dialect))
                    addSources(&sources, key, d.path, kind, i + 1, whole: whole, fields: fields, dialect)
                }
            }
            let r = d.records
            add(&activities, "activity", r.activities) { ($0.source, $0.fieldSources) }
            add(&totals, "total", r.totals) { ($0.source, [:]) }
            add(&commitments, "commitment", r.commitments) { ($0.source, [:]) }
            add(&claims, "claim", r.claims) { ($0.source, $0.fieldSources) }
            add(&sums, "column_sum", r.columnSums, extra: { [$0.parts.map { CSV.number($0, dialect: dialect) }.joined(separator: " ")] }) { ($0.source, [:]) }
            for (i, x) in d.findings.enumerated() {
                findings.append(owner + [String(i + 1), x.rule, x.severity.rawValue, x.message(in: language), valuesJSON(x.values)]
                                + place(x.source.first, dialect))
                addSources(&sources, key, d.path, "finding", i + 1, whole: x.source, fields: [:], dialect)
            }
        }
        let render = { (rows: [[String]]) in CSV.render(rows, dialect: dialect) }
        return ["documents.csv": render(documents), "activities.csv": render(activities), "totals.csv": render(totals),
                "commitments.csv": render(commitments), "claims.csv": render(claims),
                "column_sums.csv": render(sums), "findings.csv": render(findings), "sources.csv": render(sources)]
    }

    /// Writes the files into `folder` (created when missing); returns their paths.
    @discardableResult
    public static func write(_ docs: [StoredDocument], to folder: String, language: Language = .es,
                             dialect: CSV.Dialect = .rfc4180) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var written: [String] = []
        for (name, text) in tables(docs, language: language, dialect: dialect).sorted(by: { $0.key < $1.key }) {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            written.append(path)
        }
        return written
    }

    /// A record file's header: the document, its entity and year, the record's number, its
    /// declared fields, its lists, and where it stands.
    static func header<R: PlainRecord>(_: R.Type, _ name: String, lists: [String] = []) -> [[String]] {
        [["document", "file", "entity", "year", name] + R.fields.filter { $0.outputs.contains(.csv) }.map(\.name) + lists + placeHeaders]
    }

    /// A record's declared fields as CSV cells.
    static func row<R: PlainRecord>(_ record: R, _ dialect: CSV.Dialect) -> [String] {
        record.values(for: .csv).map { _, v in
            switch v {
            case .null: ""
            case .integer(let i): String(i)
            case .real(let d): CSV.number(d, dialect: dialect)
            case .text(let t): t
            case .boolean(let b): b ? "1" : "0"
            }
        }
    }

    static func addSources(_ rows: inout [[String]], _ key: String, _ path: String, _ kind: String, _ record: Int,
                           whole: [Source], fields: [String: Source], _ dialect: CSV.Dialect) {
        let located: [(String, Int, Source)] = whole.enumerated().map { ("", $0.offset + 1, $0.element) }
            + fields.sorted { $0.key < $1.key }.map { ($0.key, 1, $0.value) }
        for (field, index, s) in located {
            rows.append([key, path, kind, String(record), field, String(index)] + place(s, dialect)
                        + [s.file ?? "", s.ocr == true ? "1" : "", CSV.number(s.confidence, dialect: dialect), s.hidden == true ? "1" : ""])
        }
    }

    /// The place columns of a source; empty cells when there is none.
    static func place(_ s: Source?, _ dialect: CSV.Dialect) -> [String] {
        guard let s else { return Array(repeating: "", count: placeHeaders.count) }
        let b = s.bbox?.rounded
        let n = { (v: Double?) in CSV.number(v, dialect: dialect) }
        return [CSV.int(s.page), n(b?.x0), n(b?.y0), n(b?.x1), n(b?.y1), s.xpath ?? "", s.sheet ?? "", s.cell ?? "",
                CSV.int(s.line), CSV.int(s.paragraph), CSV.int(s.table), CSV.int(s.row), CSV.int(s.column), s.text]
    }

    static func valuesJSON(_ values: [String: FindingValue]) -> String {
        let e = JSONCoding.encoder(sortedKeys: true)
        return (try? String(decoding: e.encode(values), as: UTF8.self)) ?? "{}"
    }
}
