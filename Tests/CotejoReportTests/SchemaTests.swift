import Foundation
import Testing
import CotejoModel
import CotejoStore
import CotejoReport

/// A JSON value as parsed, numbers and booleans kept apart.
indirect enum JSON: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSON].self)) }
    }

    static func parse(_ data: Data) throws -> JSON { try JSONDecoder().decode(JSON.self, from: data) }

    subscript(_ key: String) -> JSON? { if case .object(let o) = self { o[key] } else { nil } }
}

/// A validator for the part of JSON Schema 2020-12 the export schema uses: type (one or a list),
/// const, enum, properties, required, additionalProperties (false or a schema), items, minItems,
/// maxItems, minimum, pattern, and $ref to "#/$defs/…". Annotations are ignored. Any other keyword
/// fails loudly, so that the schema cannot grow past what this checks.
struct MiniValidator {
    let root: JSON
    static let annotations: Set = ["$schema", "$id", "title", "description", "$comment", "$defs"]
    static let known: Set = ["type", "const", "enum", "properties", "required", "additionalProperties", "items", "minItems",
                             "maxItems", "minimum", "pattern", "$ref"]

    func validate(_ value: JSON) -> [String] { var errors: [String] = []; check(value, root, "$", &errors); return errors }

    private func check(_ v: JSON, _ schema: JSON, _ path: String, _ errors: inout [String]) {
        guard case .object(let s) = schema else { errors.append("\(path): schema is not an object"); return }
        for key in s.keys where !Self.annotations.contains(key) && !Self.known.contains(key) {
            errors.append("\(path): the validator does not know keyword \(key)")
        }
        if case .string(let ref)? = s["$ref"] {
            let name = ref.replacingOccurrences(of: "#/$defs/", with: "")
            guard let target = root["$defs"]?[name] else { errors.append("\(path): unresolved \(ref)"); return }
            check(v, target, path, &errors)
        }
        if let t = s["type"] {
            let types: [String]
            switch t { case .string(let x): types = [x]; case .array(let xs): types = xs.compactMap { if case .string(let x) = $0 { x } else { nil } }; default: types = [] }
            if !types.contains(where: { Self.matches(v, $0) }) { errors.append("\(path): \(Self.describe(v)) is not \(types.joined(separator: "|"))") }
        }
        if let c = s["const"], c != v { errors.append("\(path): not the constant \(c)") }
        if case .array(let options)? = s["enum"], !options.contains(v) { errors.append("\(path): \(Self.describe(v)) not in enum") }
        if case .number(let min)? = s["minimum"], case .number(let n) = v, n < min { errors.append("\(path): \(n) < \(min)") }
        if case .string(let pattern)? = s["pattern"], case .string(let text) = v,
           text.range(of: pattern, options: .regularExpression) == nil { errors.append("\(path): «\(text)» does not match \(pattern)") }
        if case .array(let items) = v {
            if case .number(let n)? = s["minItems"], Double(items.count) < n { errors.append("\(path): fewer than \(Int(n)) items") }
            if case .number(let n)? = s["maxItems"], Double(items.count) > n { errors.append("\(path): more than \(Int(n)) items") }
            if let itemSchema = s["items"] { for (i, item) in items.enumerated() { check(item, itemSchema, "\(path)[\(i)]", &errors) } }
        }
        if case .object(let object) = v {
            if case .array(let required)? = s["required"] {
                for case .string(let key) in required where object[key] == nil { errors.append("\(path): missing required \(key)") }
            }
            var properties: [String: JSON] = [:]
            if case .object(let p)? = s["properties"] { properties = p }
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                if let p = properties[key] { check(value, p, "\(path).\(key)", &errors); continue }
                switch s["additionalProperties"] {
                case .bool(false)?: errors.append("\(path): unexpected key \(key)")
                case .object(let extra)?: check(value, .object(extra), "\(path).\(key)", &errors)
                default: break
                }
            }
        }
    }

    static func matches(_ v: JSON, _ type: String) -> Bool {
        switch (type, v) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number): true
        case ("integer", .number(let d)): d == d.rounded()
        default: false
        }
    }

    static func describe(_ v: JSON) -> String {
        switch v {
        case .null: "null"; case .bool(let b): "\(b)"; case .number(let d): "\(d)"; case .string(let s): "\"\(s.prefix(40))\""
        case .array: "array"; case .object: "object"
        }
    }
}

@Suite struct SchemaTests {
    let validator = MiniValidator(root: try! JSON.parse(Data(contentsOf: Repo.schema)))

    func export(_ docs: [StoredDocument], pipeline: String? = nil) throws -> JSON {
        try JSON.parse(JSONExporter.encode(JSONExporter.export(docs, version: "test", pipeline: pipeline)))
    }

    @Test func realExportOfTheFixturesIsValid() throws {
        let corpus = ReportCorpus.shared
        #expect(corpus.documents.count >= 10)
        let errors = validator.validate(try export(corpus.documents, pipeline: "pipelines/default.yaml"))
        #expect(errors.isEmpty, "\(errors.prefix(20).joined(separator: "\n"))")
    }

    /// Every optional set and every record kind present, then every optional nil: both must be valid,
    /// and the schema must name every key the exporter writes.
    @Test func everyKeyTheExporterWritesIsInTheSchema() throws {
        let store = try Store()
        let run = try store.beginRun(pipeline: "test", version: "v")
        var full = hostileDocument()
        full.records.activities[0] = Activity(
            item: "1", description: "d", unit: "u", phase: .H, start: DayDate(year: 2021, month: 1, day: 2), end: DayDate(year: 2021, month: 3, day: 4),
            responsible: "r", target: "t", targetQuantity: 2, indicator: "i", periodicity: "p", planned: 1, executed: 2, reportedPercent: 200,
            source: [Source(page: 1, bbox: BBox(x0: 1, y0: 2, x1: 3, y1: 4), xpath: "/a", sheet: "S", cell: "B7", line: 3, paragraph: 2,
                            table: 1, row: 2, column: 3, text: "x")],
            fieldSources: ["planned": Source(table: 1, row: 2, column: 4, text: "1")], notes: ["n"])
        full.notes = ["a note"]
        try store.save(full, runID: run, pipelineVersion: "v")
        try store.save(ProcessedDocument(path: "/x/unreadable.bin", sha256: nil, format: nil, byteCount: 0, status: .failed, error: "cannot read"),
                       runID: run, pipelineVersion: "v")
        let exported = try export(store.documents())
        let errors = validator.validate(exported)
        #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")

        // Required lists name every key written (nulls included), so nothing goes unchecked.
        func keys(_ j: JSON?) -> Set<String> { if case .object(let o)? = j { Set(o.keys) } else { [] } }
        func required(_ def: String) -> Set<String> {
            guard case .array(let r)? = validator.root["$defs"]?[def]?["required"] else { return [] }
            return Set(r.compactMap { if case .string(let s) = $0 { s } else { nil } })
        }
        guard case .array(let docs)? = exported["documents"] else { Issue.record("no documents"); return }
        for d in docs {
            #expect(keys(d) == required("document"))
            if case .array(let acts)? = d["activities"] { for a in acts { #expect(keys(a) == required("activity")) } }
            if case .array(let ts)? = d["totals"] { for t in ts { #expect(keys(t) == required("total")) } }
            if case .array(let cs)? = d["commitments"] { for c in cs { #expect(keys(c) == required("commitment")) } }
            if case .array(let fs)? = d["findings"] { for f in fs { #expect(keys(f) == required("finding")) } }
        }
        #expect(keys(exported["generator"]) == ["name", "version", "pipeline", "pipeline_version"])
    }

    @Test func theValidatorRejectsWhatTheSchemaForbids() throws {
        let store = try Store()
        try store.save(hostileDocument(), runID: store.beginRun(pipeline: "t", version: "v"), pipelineVersion: "v")
        let good = try JSONExporter.encode(JSONExporter.export(store.documents(), version: "t", pipeline: nil))
        let text = String(decoding: good, as: UTF8.self)
        for (from, to) in [("\"severity\" : \"error\"", "\"severity\" : \"fatal\""),
                           ("\"status\" : \"ok\"", "\"status\" : \"done\""),
                           ("\"kind\" : \"plan\"", "\"kind\" : 7"),
                           ("\"period\" : \"2021-05\"", "\"period\" : \"mayo\""),
                           ("\"label\" :", "\"etiqueta\" :")] {
            #expect(text.contains(from), "fixture text lacks \(from)")
            let bad = try JSON.parse(Data(text.replacingOccurrences(of: from, with: to).utf8))
            #expect(!validator.validate(bad).isEmpty, "accepted \(to)")
        }
    }

    @Test func jsonLinesHoldTheExportsDocumentsOnePerLine() throws {
        let docs = ReportCorpus.shared.documents
        let export = try #require(try JSONSerialization.jsonObject(with: JSONExporter.encode(JSONExporter.export(docs, version: "t", pipeline: nil))) as? [String: Any])
        let expected = try #require(export["documents"] as? [NSDictionary])
        let lines = String(decoding: try JSONExporter.lines(docs), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "the last line ends with a newline")
        let objects = try lines.dropLast().map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary) }
        #expect(objects.count == docs.count)
        #expect(objects == expected)
    }

    /// Cross-check with the reference implementation when the machine has it (not required in CI).
    @Test(.enabled(if: pythonJSONSchemaAvailable())) func pythonJSONSchemaAgrees() throws {
        let dir = try Repo.temporaryDirectory()
        let file = dir.appendingPathComponent("export.json")
        try JSONExporter.encode(JSONExporter.export(ReportCorpus.shared.documents, version: "t", pipeline: nil)).write(to: file)
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
        for e in errors[:10]: print(e.json_path, e.message[:200])
        sys.exit(1 if errors else 0)
        """
        let (status, output) = try runProcess("/usr/bin/env", ["python3", "-c", script, Repo.schema.path, file.path])
        #expect(status == 0, "\(output)")
    }
}

func pythonJSONSchemaAvailable() -> Bool {
    (try? runProcess("/usr/bin/env", ["python3", "-c", "import jsonschema"]))?.status == 0
}

/// Runs a program, returning its exit status and its stdout and stderr together.
@discardableResult
func runProcess(_ executable: String, _ arguments: [String], timeout: TimeInterval = 120) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe; p.standardError = pipe
    try p.run()
    // A hung browser must not hang the test run.
    let watchdog = DispatchWorkItem { if p.isRunning { p.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    // Read while it runs, so that a chatty process cannot fill the pipe and stall.
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    watchdog.cancel()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The export's record objects come from the declared fields (`PlainRecord.fields`): the schema must
/// name exactly those, plus each kind's sources and lists, and require them all.
@Suite("record fields: export schema")
struct RecordFieldsSchemaTests {
    let schema = try! JSON.parse(Data(contentsOf: Repo.schema))

    func agree<R: PlainRecord>(_: R.Type, _ def: String, structural: Set<String>) {
        let declared = Set(R.fields.filter { $0.outputs.contains(.export) }.map(\.name)).union(structural)
        guard case .object(let properties)? = schema["$defs"]?[def]?["properties"],
              case .array(let required)? = schema["$defs"]?[def]?["required"] else {
            Issue.record("no $defs.\(def) in the schema"); return
        }
        #expect(Set(properties.keys) == declared, "\(def): schema \(Set(properties.keys).symmetricDifference(declared))")
        #expect(Set(required.compactMap { if case .string(let s) = $0 { s } else { nil } }) == declared, "\(def) required")
        // A field that may be null is allowed null by the schema, and one that may not, is not.
        for f in R.fields where f.outputs.contains(.export) {
            let p = properties[f.name]
            let nullable: Bool = switch (p?["type"], p?["$ref"]) {
            case (.array(let types)?, _): types.contains(.string("null"))
            case (_, .string(let ref)?): ref == "#/$defs/text" || ref == "#/$defs/number"
            default: false
            }
            #expect(nullable == f.optional, "\(def).\(f.name): nullable \(nullable)")
        }
    }

    @Test func recordDefinitionsMatchTheDeclaredFields() {
        agree(Activity.self, "activity", structural: ["notes", "source", "field_sources", "measures"])
        agree(StatedTotal.self, "total", structural: ["source"])
        agree(Commitment.self, "commitment", structural: ["source"])
        agree(Claim.self, "claim", structural: ["notes", "source"])
        agree(ColumnSum.self, "column_sum", structural: ["parts", "source"])
    }
}
