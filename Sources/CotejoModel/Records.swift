/// A date without time zone, as plans state them: "01-febrero-2021" → 2021-02-01.
public struct DayDate: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }
    public static func < (a: DayDate, b: DayDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// "2021-02-01" → 2021-02-01; nil for anything that is not three numbers joined by "-".
    public init?(iso s: String) {
        let parts = s.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = DayDate(iso: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not YYYY-MM-DD: \(s)"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer(); try c.encode(description)
    }
}

/// The document-level facts: who published it, what it is, and for which year.
public struct DocumentFacts: Codable, Hashable, Sendable {
    public var entity: String?
    public var title: String?
    public var kind: DocumentKind?
    public var year: Int?
    /// Where each fact was read: keys "entity", "title", "kind", "year".
    public var sources: [String: Source]

    public init(entity: String? = nil, title: String? = nil, kind: DocumentKind? = nil, year: Int? = nil, sources: [String: Source] = [:]) {
        self.entity = entity; self.title = title; self.kind = kind; self.year = year; self.sources = sources
    }
}

/// PHVA (Deming) phase: Planear, Hacer, Verificar, Actuar.
public enum Phase: String, Codable, Sendable, CaseIterable {
    case P, H, V, A
}

/// One row of a plan or report: an action with its figures.
public struct Activity: Codable, Hashable, Sendable {
    public var item: String?
    public var description: String
    public var unit: String?
    public var phase: Phase?
    public var start: DayDate?
    public var end: DayDate?
    public var responsible: String?
    public var target: String?
    public var targetQuantity: Double?
    public var indicator: String?
    public var periodicity: String?
    public var planned: Double?
    public var executed: Double?
    public var reportedPercent: Double?
    /// The places the row stands (a row may span a page break).
    public var source: [Source]
    /// Per field, where its value was read ("planned", "start", …).
    public var fieldSources: [String: Source]
    /// Notes on how fields were settled ("column order inferred from arithmetic").
    public var notes: [String]
    /// How `planned` and `executed` got their meaning when no column header names them (a slide with
    /// "29 · 20 · 145 %"); nil when headers do. The record stage settles it and the store keeps it.
    public var figureOrder: FigureOrder?
    /// The indicator's code in the plan (código, código BPIN), when a column states it.
    public var code: String?
    /// The unit the indicator is measured in ("Número", "Porcentaje", "Hectáreas").
    public var unitOfMeasure: String?
    public var baseline: Double?
    /// The row's weight (ponderación), as stated: 0,3 or 30 %.
    public var weight: Double?
    /// The accumulated result the row states.
    public var accumulated: Double?
    /// The row's figures per period, in the order of the columns that state them.
    public var measures: [Measure]
    /// Columns no role fits, kept under their header so nothing the row states is dropped.
    public var otherColumns: [String: String]

    public init(item: String? = nil, description: String, unit: String? = nil, phase: Phase? = nil,
                start: DayDate? = nil, end: DayDate? = nil, responsible: String? = nil, target: String? = nil,
                targetQuantity: Double? = nil, indicator: String? = nil, periodicity: String? = nil,
                planned: Double? = nil, executed: Double? = nil, reportedPercent: Double? = nil,
                source: [Source] = [], fieldSources: [String: Source] = [:], notes: [String] = [],
                figureOrder: FigureOrder? = nil) {
        self.item = item; self.description = description; self.unit = unit; self.phase = phase
        self.start = start; self.end = end; self.responsible = responsible; self.target = target
        self.targetQuantity = targetQuantity; self.indicator = indicator; self.periodicity = periodicity
        self.planned = planned; self.executed = executed; self.reportedPercent = reportedPercent
        self.source = source; self.fieldSources = fieldSources; self.notes = notes
        self.figureOrder = figureOrder
        self.measures = []; self.otherColumns = [:]
    }
}

/// A total the document states for the plan or a period ("Se programaron 69 … se ejecutaron 78").
public struct StatedTotal: Codable, Hashable, Sendable {
    public var label: String
    public var planned: Double?
    public var executed: Double?
    public var reportedPercent: Double?
    /// The months the total covers when the text says so (1…12), for period checks.
    public var months: ClosedRange<Int>?
    public var source: [Source]
    /// The period the total is stated for, in the contract's form ("2022-Q1"), when the text says.
    public var period: String?
    /// The item or code of the activity the total restates, when it restates a table row.
    public var restates: String?

    public init(label: String, planned: Double? = nil, executed: Double? = nil, reportedPercent: Double? = nil,
                months: ClosedRange<Int>? = nil, source: [Source] = [], period: String? = nil, restates: String? = nil) {
        self.label = label; self.planned = planned; self.executed = executed
        self.reportedPercent = reportedPercent; self.months = months; self.source = source
        self.period = period; self.restates = restates
    }
}

/// Commitments collected in a period and how many fall to the entity.
public struct Commitment: Codable, Hashable, Sendable {
    /// "YYYY-MM".
    public var period: String
    public var collected: Double?
    public var inCharge: Double?
    public var notInCharge: Double?
    public var source: [Source]

    public init(period: String, collected: Double? = nil, inCharge: Double? = nil, notInCharge: Double? = nil, source: [Source] = []) {
        self.period = period; self.collected = collected; self.inCharge = inCharge
        self.notInCharge = notInCharge; self.source = source
    }
}

/// Everything the record stage extracts from one document.
public struct DocumentRecords: Codable, Hashable, Sendable {
    public var facts: DocumentFacts
    public var activities: [Activity]
    public var totals: [StatedTotal]
    public var commitments: [Commitment]
    /// Shares and changes the document states (see `Claim`).
    public var claims: [Claim]
    /// Table columns and rows whose TOTAL the document states, with their parts.
    public var columnSums: [ColumnSum]

    public init(facts: DocumentFacts = DocumentFacts(), activities: [Activity] = [], totals: [StatedTotal] = [],
                commitments: [Commitment] = [], claims: [Claim] = [], columnSums: [ColumnSum] = []) {
        self.facts = facts; self.activities = activities; self.totals = totals; self.commitments = commitments
        self.claims = claims; self.columnSums = columnSums
    }
}

/// How a row's two figures without column headers were read as planned and executed.
public enum FigureOrder: String, Codable, Hashable, Sendable, CaseIterable {
    /// Nothing settled it: `planned` holds the first figure on the page, `executed` the second, and
    /// no check accuses the row of a wrong percentage it might not be stating.
    case unlabelled
    /// Arithmetic proved the page gives the executed figure first: the two were swapped.
    case executedFirst = "executed_first"
    /// Arithmetic proved the page gives the planned figure first: read as they stand.
    case plannedFirst = "planned_first"
}

extension Activity {
    /// True while the row's figures have no settled meaning (`FigureOrder.unlabelled`).
    public var figuresUnlabelled: Bool { figureOrder == .unlabelled }

    /// Where a field was read, trying the export name and the Swift name ("reported_percent",
    /// "reportedPercent").
    public func fieldSource(_ names: String...) -> Source? {
        for n in names { if let s = fieldSources[n] { return s } }
        return nil
    }

    /// The sources of the named fields, or the row's own sources when none was recorded; never empty.
    public func sources(for names: [String]) -> [Source] {
        var out: [Source] = []
        for n in names { if let s = fieldSources[n], !out.contains(s) { out.append(s) } }
        if out.isEmpty { out = source }
        if out.isEmpty { out = [Source(text: String(description.prefix(200)))] }
        return out
    }
}

extension Activity: PlainRecord {
    public static var blank: Activity { Activity(description: "") }

    public static let fields: [RecordField<Activity>] = [
        .text("item", \.item), .text("description", \.description), .text("unit", \.unit), .raw("phase", \.phase),
        .init("start", column: "start_date", kind: .text, read: { $0.start.map { .text($0.description) } ?? .null },
              write: { $0.start = $1.text.flatMap(DayDate.init(iso:)) }),
        .init("end", column: "end_date", kind: .text, read: { $0.end.map { .text($0.description) } ?? .null },
              write: { $0.end = $1.text.flatMap(DayDate.init(iso:)) }),
        .text("responsible", \.responsible), .text("target", \.target), .real("target_quantity", \.targetQuantity),
        .text("indicator", \.indicator), .text("periodicity", \.periodicity),
        .real("planned", \.planned), .real("executed", \.executed), .real("reported_percent", \.reportedPercent),
        .text("code", \.code), .text("unit_of_measure", \.unitOfMeasure),
        .real("baseline", \.baseline), .real("weight", \.weight), .real("accumulated", \.accumulated),
        .raw("figure_order", \.figureOrder, outputs: []),
    ]
}

extension StatedTotal: PlainRecord {
    public static var blank: StatedTotal { StatedTotal(label: "") }

    public static let fields: [RecordField<StatedTotal>] = [
        .text("label", \.label), .real("planned", \.planned), .real("executed", \.executed),
        .real("reported_percent", \.reportedPercent),
        // Months are the store's and the CSV's; the export states the period instead.
        .init("first_month", kind: .integer, outputs: .csv, read: { $0.months.map { .integer($0.lowerBound) } ?? .null },
              write: { t, v in t.months = v.integer.map { $0...max($0, t.months?.upperBound ?? $0) } }),
        .init("last_month", kind: .integer, outputs: .csv, read: { $0.months.map { .integer($0.upperBound) } ?? .null },
              write: { t, v in if let last = v.integer, let first = t.months?.lowerBound { t.months = first...max(first, last) } }),
        .text("period", \.period), .text("restates", \.restates),
    ]
}

extension Commitment: PlainRecord {
    public static var blank: Commitment { Commitment(period: "") }

    public static let fields: [RecordField<Commitment>] = [
        .text("period", \.period), .real("collected", \.collected), .real("in_charge", \.inCharge),
        .real("not_in_charge", \.notInCharge),
    ]
}
