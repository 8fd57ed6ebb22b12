import Foundation
import CotejoModel
import CotejoStore

/// The `cotejo.export/1` document (see CONTRACT.md and schema/cotejo.export-1.schema.json):
/// every document in the store with its records, findings and where each came from.
public struct ExportFile: Encodable, Sendable {
    public var format = "cotejo.export/1"
    public var generator: Generator
    public var documents: [ExportDocument]

    public struct Generator: Codable, Sendable {
        public var name = "cotejo"
        public var version: String
        public var pipeline: String?
        public var pipeline_version: String?
    }
}

public struct ExportSource: Codable, Sendable {
    public var page: Int?
    public var bbox: [Double]?
    public var xpath: String?
    public var sheet: String?
    public var cell: String?
    public var line: Int?
    public var paragraph: Int?
    public var table: Int?
    public var row: Int?
    public var column: Int?
    public var text: String
    public var formula: String?
    public var file: String?
    public var ocr: Bool?
    public var confidence: Double?
    public var hidden: Bool?

    public init(_ s: Source) {
        page = s.page; bbox = s.bbox?.rounded.array; xpath = s.xpath; sheet = s.sheet; cell = s.cell; line = s.line
        paragraph = s.paragraph; table = s.table; row = s.row; column = s.column; text = s.text; formula = s.formula
        file = s.file; ocr = s.ocr; confidence = s.confidence.map { ($0 * 1000).rounded() / 1000 }; hidden = s.hidden
        // The contract locates a Word table cell as table/row/cell: the cell is its column number.
        if s.table != nil, s.cell == nil, let c = s.column { cell = String(c); column = nil }
    }
}

/// A record in the export: its plain fields as declared (`PlainRecord.fields`, nulls written out as
/// the contract asks), then its sources and lists.
public struct ExportRecord: Encodable, Sendable {
    public enum Value: Encodable, Sendable {
        case field(FieldValue)
        case texts([String])
        case numbers([Double])
        case sources([ExportSource])
        case fieldSources([String: ExportSource])
        case records([ExportRecord])

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .field(.null): try c.encodeNil()
            case .field(.integer(let i)): try c.encode(i)
            case .field(.real(let d)): try c.encode(d)
            case .field(.text(let t)): try c.encode(t)
            case .field(.boolean(let b)): try c.encode(b)
            case .texts(let xs): try c.encode(xs)
            case .numbers(let xs): try c.encode(xs)
            case .sources(let xs): try c.encode(xs)
            case .fieldSources(let xs): try c.encode(xs)
            case .records(let xs): try c.encode(xs)
            }
        }
    }

    public var values: [String: Value]

    init(values: [String: Value]) { self.values = values }

    init<R: PlainRecord>(_ record: R, _ more: [String: Value]) {
        values = more
        for (f, v) in record.values(for: .export) { values[f.name] = .field(v) }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (k, v) in values { try c.encode(v, forKey: Key(stringValue: k)) }
    }
}

public struct ExportFinding: Codable, Sendable {
    public var rule: String
    public var severity: String
    public var message: String
    public var values: [String: FindingValue]
    public var source: [ExportSource]

    /// A finding as the export writes it, its message in `language`.
    public init(_ f: Finding, language: Language) {
        rule = f.rule; severity = f.severity.rawValue; message = f.message(in: language)
        values = f.values; source = f.source.map(ExportSource.init)
    }
}

public struct ExportDocument: Encodable, Sendable {
    public var sha256: String?
    public var file: String
    /// Every path the same bytes were found at (one for most documents).
    public var files: [String]
    public var format: String?
    public var pages: Int
    public var status: String
    public var error: String?
    public var notes: [String]
    public var pipeline_version: String
    public var run: Int64
    public var entity: String?
    public var title: String?
    public var kind: String?
    public var year: Int?
    public var facts_source: [String: ExportSource]
    public var activities: [ExportRecord]
    public var totals: [ExportRecord]
    public var commitments: [ExportRecord]
    public var claims: [ExportRecord]
    public var column_sums: [ExportRecord]
    public var findings: [ExportFinding]
}

/// Builds and writes the JSON export from the store.
public enum JSONExporter {
    public static func export(_ docs: [StoredDocument], version: String, pipeline: String?, language: Language = .es) -> ExportFile {
        ExportFile(generator: .init(version: version, pipeline: pipeline, pipeline_version: docs.first?.pipelineVersion),
                   documents: docs.map { document($0, language: language) })
    }

    public static func document(_ d: StoredDocument, language: Language) -> ExportDocument {
        let r = d.records
        return ExportDocument(
            sha256: d.sha256, file: d.path, files: d.files.isEmpty ? [d.path] : d.files, format: d.format?.rawValue, pages: d.pages, status: d.status.rawValue,
            error: d.error, notes: d.notes, pipeline_version: d.pipelineVersion, run: d.runID,
            entity: r.facts.entity, title: r.facts.title, kind: r.facts.kind?.rawValue, year: r.facts.year,
            facts_source: r.facts.sources.mapValues(ExportSource.init),
            activities: r.activities.map { a in
                ExportRecord(a, ["notes": .texts(a.notes), "source": .sources(a.source.map(ExportSource.init)),
                                 "field_sources": .fieldSources(a.fieldSources.mapValues(ExportSource.init)),
                                 "measures": .records(a.measures.map(measure))])
            },
            totals: r.totals.map { ExportRecord($0, ["source": .sources($0.source.map(ExportSource.init))]) },
            commitments: r.commitments.map { ExportRecord($0, ["source": .sources($0.source.map(ExportSource.init))]) },
            claims: r.claims.map { ExportRecord($0, ["notes": .texts($0.notes), "source": .sources($0.source.map(ExportSource.init))]) },
            column_sums: r.columnSums.map { ExportRecord($0, ["parts": .numbers($0.parts), "source": .sources($0.source.map(ExportSource.init))]) },
            findings: d.findings.map { ExportFinding($0, language: language) })
    }

    /// A period's figures: the period, its three figures (null when unstated) and where they stand.
    static func measure(_ m: Measure) -> ExportRecord {
        var values: [String: ExportRecord.Value] = ["period": .field(.text(m.period)), "source": .sources(m.source.map(ExportSource.init))]
        for (k, v) in [("planned", m.planned), ("executed", m.executed), ("reported_percent", m.reportedPercent)] {
            values[k] = .field(v.map(FieldValue.real) ?? .null)
        }
        return ExportRecord(values: values)
    }

    /// JSON text with unknown values written as `null` (the contract asks for them), keys sorted.
    public static func encode(_ file: ExportFile) throws -> Data {
        let encoder = JSONCoding.encoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(file)
        // Swift's encoder leaves nil optionals out; the contract wants them as null. Round-trip
        // through the object model, putting every known key back.
        return try NullFiller.fill(data)
    }
}

extension JSONExporter {
    /// JSON Lines: one line per document, each the object the export's `documents` array holds
    /// (nulls written, keys sorted), for tools that stream records (jq, DuckDB, pandas).
    public static func lines(_ docs: [StoredDocument], language: Language = .es) throws -> Data {
        let encoder = JSONCoding.encoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        for d in docs {
            let data = try encoder.encode(document(d, language: language))
            guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            for k in NullFiller.documentKeys where object[k] == nil { object[k] = NSNull() }
            out += try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            out += Data("\n".utf8)
        }
        return out
    }
}

/// Puts the document's and generator's contract keys that Swift's encoder dropped (nil optionals)
/// back as `null`; records write their nulls themselves (`ExportRecord`).
enum NullFiller {
    static let generatorKeys = ["pipeline", "pipeline_version"]
    static let documentKeys = ["sha256", "error", "entity", "title", "kind", "year", "format"]

    static func fill(_ data: Data) throws -> Data {
        guard var root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let docs = root["documents"] as? [[String: Any]] else { return data }
        if var generator = root["generator"] as? [String: Any] {
            for k in generatorKeys where generator[k] == nil { generator[k] = NSNull() }
            root["generator"] = generator
        }
        root["documents"] = docs.map { doc -> [String: Any] in
            var doc = doc
            for k in documentKeys where doc[k] == nil { doc[k] = NSNull() }
            return doc
        }
        return try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
