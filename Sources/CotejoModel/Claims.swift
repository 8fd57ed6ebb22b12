/// One period's figures of an indicator: a target, a result and a percentage for a year, a quarter,
/// a cuatrimestre, a semester, a month or the whole plan period, each with where it was read.
///
/// `period` is written as the contract says: `YYYY`, `YYYY-Qn`, `YYYY-Cn`, `YYYY-Hn`, `YYYY-MM`, or
/// `YYYY/YYYY` for a plan period. When the document names a quarter but no year can be settled, the
/// year part is left out (`Q2`), never guessed.
public struct Measure: Codable, Hashable, Sendable {
    public var period: String
    public var planned: Double?
    public var executed: Double?
    public var reportedPercent: Double?
    public var source: [Source]
    /// Per field ("planned", "executed", "reported_percent"), where its value was read.
    public var fieldSources: [String: Source]

    public init(period: String, planned: Double? = nil, executed: Double? = nil, reportedPercent: Double? = nil,
                source: [Source] = [], fieldSources: [String: Source] = [:]) {
        self.period = period; self.planned = planned; self.executed = executed
        self.reportedPercent = reportedPercent; self.source = source; self.fieldSources = fieldSources
    }

    /// True when the period states no figure at all.
    public var isEmpty: Bool { planned == nil && executed == nil && reportedPercent == nil }
}

/// What kind of stated ratio a claim is.
public enum ClaimKind: String, Codable, Sendable, CaseIterable {
    /// A part of a whole with its share: "asistenciales 13 | 35 %" under a TOTAL of 19.
    case share
    /// A change between two figures: "una disminución del 90 %" from 36 to 19.
    case change
}

/// A ratio the document states outside an activity's planned/executed pair: a share of a whole or a
/// change between two figures, with the percentage it gives for it. Checks hold a claim to the same
/// interval arithmetic as an activity.
public struct Claim: Codable, Hashable, Sendable {
    public var kind: ClaimKind
    public var label: String
    public var part: Double?
    public var whole: Double?
    public var from: Double?
    public var to: Double?
    /// As stated: a decrease is negative ("una disminución del 90 %" is -90).
    public var reportedPercent: Double?
    public var period: String?
    /// The item or code of the activity the claim restates, when it restates a table row.
    public var restates: String?
    public var source: [Source]
    /// Per field ("part", "whole", "from", "to", "reported_percent"), where its value was read.
    public var fieldSources: [String: Source]
    /// How the figures were read ("whole: the TOTAL row", "whole: the sum of the column"), so a
    /// reader of a finding knows what the check assumed.
    public var notes: [String]

    public init(kind: ClaimKind, label: String, part: Double? = nil, whole: Double? = nil, from: Double? = nil,
                to: Double? = nil, reportedPercent: Double? = nil, period: String? = nil, restates: String? = nil,
                source: [Source] = [], fieldSources: [String: Source] = [:], notes: [String] = []) {
        self.kind = kind; self.label = label; self.part = part; self.whole = whole; self.from = from; self.to = to
        self.reportedPercent = reportedPercent; self.period = period; self.restates = restates
        self.source = source; self.fieldSources = fieldSources; self.notes = notes
    }
}

/// A stated total of figures laid out in a table column or row ("TOTAL 19" under 1 + 16 + 0 + 2 + 0),
/// kept with its parts so that the checks can add them up.
public struct ColumnSum: Codable, Hashable, Sendable {
    /// What the column or row holds, in the document's words ("Quejas", "%", "2017").
    public var label: String
    public var total: Double
    public var parts: [Double]
    /// True when the figures are percentages (a column of shares should add up to its TOTAL's 100 %).
    public var isPercent: Bool
    /// The TOTAL cell first, then the parts' cells.
    public var source: [Source]
    /// The table the sums were read from (its index in the document), so that a check can ask
    /// whether the table's other sums hold: a table none of whose totals add up was misread.
    public var table: Int?

    public init(label: String, total: Double, parts: [Double], isPercent: Bool = false, source: [Source] = [], table: Int? = nil) {
        self.label = label; self.total = total; self.parts = parts; self.isPercent = isPercent; self.source = source
        self.table = table
    }
}

extension Claim: PlainRecord {
    public static var blank: Claim { Claim(kind: .share, label: "") }

    public static let fields: [RecordField<Claim>] = [
        .init("kind", kind: .text, optional: false, read: { .text($0.kind.rawValue) },
              write: { $0.kind = $1.text.flatMap(ClaimKind.init(rawValue:)) ?? .share }),
        .text("label", \.label), .real("part", \.part), .real("whole", \.whole),
        .real("from", \.from, column: "from_value"), .real("to", \.to, column: "to_value"),
        .real("reported_percent", \.reportedPercent), .text("period", \.period), .text("restates", \.restates),
    ]
}

extension ColumnSum: PlainRecord {
    public static var blank: ColumnSum { ColumnSum(label: "", total: 0, parts: []) }

    public static let fields: [RecordField<ColumnSum>] = [
        .text("label", \.label), .real("total", \.total), .boolean("is_percent", \.isPercent),
        // The table's number is the pipeline's own: kept for the checks, not for readers.
        .integer("table_index", \.table, outputs: []),
    ]
}
