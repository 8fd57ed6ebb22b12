import Foundation
import CotejoModel
import CotejoStore

/// The `cotejo.export/1` document (see CONTRACT.md and schema/cotejo.export-1.schema.json):
/// every document in the store with its records, findings and where each came from.
public struct ExportFile: Codable, Sendable {
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

    init(_ s: Source) {
        page = s.page; bbox = s.bbox?.rounded.array; xpath = s.xpath; sheet = s.sheet; cell = s.cell; line = s.line
        paragraph = s.paragraph; table = s.table; row = s.row; column = s.column; text = s.text; formula = s.formula
        file = s.file
        // The contract locates a Word table cell as table/row/cell: the cell is its column number.
        if s.table != nil, s.cell == nil, let c = s.column { cell = String(c); column = nil }
    }
}

public struct ExportActivity: Codable, Sendable {
    public var item: String?
    public var description: String
    public var unit: String?
    public var phase: String?
    public var start: String?
    public var end: String?
    public var responsible: String?
    public var target: String?
    public var target_quantity: Double?
    public var indicator: String?
    public var periodicity: String?
    public var planned: Double?
    public var executed: Double?
    public var reported_percent: Double?
    public var notes: [String]
    public var source: [ExportSource]
    /// Where each field's value was read, by field name.
    public var field_sources: [String: ExportSource]
    public var code: String?
    public var unit_of_measure: String?
    public var baseline: Double?
    public var weight: Double?
    public var accumulated: Double?
    public var measures: [ExportMeasure]
}

public struct ExportMeasure: Codable, Sendable {
    public var period: String
    public var planned: Double?
    public var executed: Double?
    public var reported_percent: Double?
    public var source: [ExportSource]
}

public struct ExportClaim: Codable, Sendable {
    public var kind: String
    public var label: String
    public var part: Double?
    public var whole: Double?
    public var from: Double?
    public var to: Double?
    public var reported_percent: Double?
    public var period: String?
    public var restates: String?
    public var notes: [String]
    public var source: [ExportSource]
}

public struct ExportColumnSum: Codable, Sendable {
    public var label: String
    public var total: Double
    public var parts: [Double]
    public var is_percent: Bool
    public var source: [ExportSource]
}

public struct ExportTotal: Codable, Sendable {
    public var label: String
    public var planned: Double?
    public var executed: Double?
    public var reported_percent: Double?
    public var period: String?
    public var restates: String?
    public var source: [ExportSource]
}

public struct ExportCommitment: Codable, Sendable {
    public var period: String
    public var collected: Double?
    public var in_charge: Double?
    public var not_in_charge: Double?
    public var source: [ExportSource]
}

public struct ExportFinding: Codable, Sendable {
    public var rule: String
    public var severity: String
    public var message: String
    public var values: [String: FindingValue]
    public var source: [ExportSource]
}

public struct ExportDocument: Codable, Sendable {
    public var sha256: String?
    public var file: String
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
    public var activities: [ExportActivity]
    public var totals: [ExportTotal]
    public var commitments: [ExportCommitment]
    public var claims: [ExportClaim]
    public var column_sums: [ExportColumnSum]
    public var findings: [ExportFinding]
}

/// Builds and writes the JSON export from the store.
public enum JSONExporter {
    public static func export(_ docs: [StoredDocument], version: String, pipeline: String?, language: Language = .es) -> ExportFile {
        ExportFile(generator: .init(version: version, pipeline: pipeline, pipeline_version: docs.first?.pipelineVersion),
                   documents: docs.map { document($0, language: language) })
    }

    static func document(_ d: StoredDocument, language: Language) -> ExportDocument {
        let r = d.records
        return ExportDocument(
            sha256: d.sha256, file: d.path, format: d.format?.rawValue, pages: d.pages, status: d.status.rawValue,
            error: d.error, notes: d.notes, pipeline_version: d.pipelineVersion, run: d.runID,
            entity: r.facts.entity, title: r.facts.title, kind: r.facts.kind?.rawValue, year: r.facts.year,
            facts_source: r.facts.sources.mapValues(ExportSource.init),
            activities: r.activities.map { a in
                ExportActivity(item: a.item, description: a.description, unit: a.unit, phase: a.phase?.rawValue,
                               start: a.start?.description, end: a.end?.description, responsible: a.responsible,
                               target: a.target, target_quantity: a.targetQuantity, indicator: a.indicator,
                               periodicity: a.periodicity, planned: a.planned, executed: a.executed,
                               reported_percent: a.reportedPercent, notes: a.notes, source: a.source.map(ExportSource.init),
                               field_sources: a.fieldSources.mapValues(ExportSource.init), code: a.code,
                               unit_of_measure: a.unitOfMeasure, baseline: a.baseline, weight: a.weight, accumulated: a.accumulated,
                               measures: a.measures.map { m in
                                   ExportMeasure(period: m.period, planned: m.planned, executed: m.executed,
                                                 reported_percent: m.reportedPercent, source: m.source.map(ExportSource.init))
                               })
            },
            totals: r.totals.map { ExportTotal(label: $0.label, planned: $0.planned, executed: $0.executed,
                                               reported_percent: $0.reportedPercent, period: $0.period, restates: $0.restates,
                                               source: $0.source.map(ExportSource.init)) },
            commitments: r.commitments.map { ExportCommitment(period: $0.period, collected: $0.collected, in_charge: $0.inCharge,
                                                              not_in_charge: $0.notInCharge, source: $0.source.map(ExportSource.init)) },
            claims: r.claims.map { c in
                ExportClaim(kind: c.kind.rawValue, label: c.label, part: c.part, whole: c.whole, from: c.from, to: c.to,
                            reported_percent: c.reportedPercent, period: c.period, restates: c.restates, notes: c.notes,
                            source: c.source.map(ExportSource.init))
            },
            column_sums: r.columnSums.map { ExportColumnSum(label: $0.label, total: $0.total, parts: $0.parts, is_percent: $0.isPercent,
                                                            source: $0.source.map(ExportSource.init)) },
            findings: d.findings.map { ExportFinding(rule: $0.rule, severity: $0.severity.rawValue, message: $0.message(in: language),
                                                     values: $0.values, source: $0.source.map(ExportSource.init)) })
    }

    /// JSON text with unknown values written as `null` (the contract asks for them), keys sorted.
    public static func encode(_ file: ExportFile) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(file)
        // Swift's encoder leaves nil optionals out; the contract wants them as null. Round-trip
        // through the object model, putting every known key back.
        return try NullFiller.fill(data)
    }
}

/// Puts contract keys that Swift's encoder dropped (nil optionals) back as `null`.
enum NullFiller {
    static let generatorKeys = ["pipeline", "pipeline_version"]
    static let documentKeys = ["sha256", "error", "entity", "title", "kind", "year", "format"]
    static let activityKeys = ["item", "unit", "phase", "start", "end", "responsible", "target", "target_quantity",
                               "indicator", "periodicity", "planned", "executed", "reported_percent", "code",
                               "unit_of_measure", "baseline", "weight", "accumulated"]
    static let totalKeys = ["planned", "executed", "reported_percent", "period", "restates"]
    static let claimKeys = ["part", "whole", "from", "to", "reported_percent", "period", "restates"]
    static let measureKeys = ["planned", "executed", "reported_percent"]
    static let commitmentKeys = ["collected", "in_charge", "not_in_charge"]

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
            func fillList(_ key: String, _ keys: [String]) {
                if let list = doc[key] as? [[String: Any]] {
                    doc[key] = list.map { item in var item = item; for k in keys where item[k] == nil { item[k] = NSNull() }; return item }
                }
            }
            fillList("activities", activityKeys); fillList("totals", totalKeys); fillList("commitments", commitmentKeys)
            fillList("claims", claimKeys)
            if let list = doc["activities"] as? [[String: Any]] {
                doc["activities"] = list.map { a in
                    var a = a
                    if let ms = a["measures"] as? [[String: Any]] {
                        a["measures"] = ms.map { m in var m = m; for k in measureKeys where m[k] == nil { m[k] = NSNull() }; return m }
                    }
                    return a
                }
            }
            return doc
        }
        return try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
