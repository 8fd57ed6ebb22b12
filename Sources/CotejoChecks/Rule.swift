import CotejoModel
import CotejoSpanish

/// What a rule sees of one document: what the reader found and the records built from it.
public struct CheckInput: Sendable {
    public var content: DocumentContent
    public var records: DocumentRecords
    /// How the document writes its numbers, read once from its text: it settles "1.267".
    public var numberConvention: NumberConvention

    public init(content: DocumentContent, records: DocumentRecords, numberConvention: NumberConvention? = nil) {
        self.content = content; self.records = records
        self.numberConvention = numberConvention ?? NumberConvention.of(content)
    }
}

/// Per-rule settings from the pipeline file: whether it runs, its severity, and its tolerance
/// (a share, for rules that compare figures; interval arithmetic already allows for rounding).
public struct RuleSettings: Sendable, Codable, Equatable {
    public var enabled: Bool
    public var severity: Severity?
    public var tolerance: Double
    /// A rule's own limit, where it has one: how many times its target a result must be for
    /// `value.outlier`. Nil keeps the rule's default.
    public var threshold: Double?

    public init(enabled: Bool = true, severity: Severity? = nil, tolerance: Double = 0, threshold: Double? = nil) {
        self.enabled = enabled; self.severity = severity; self.tolerance = tolerance; self.threshold = threshold
    }

    enum CodingKeys: String, CodingKey { case enabled, severity, tolerance, threshold }

    /// Every key is optional in a pipeline file: what it leaves out keeps the rule's default.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        severity = try c.decodeIfPresent(Severity.self, forKey: .severity)
        tolerance = try c.decodeIfPresent(Double.self, forKey: .tolerance) ?? 0
        threshold = try c.decodeIfPresent(Double.self, forKey: .threshold)
    }
}

/// One cross-check. A rule is a value with an id (as in the export contract), a default severity,
/// and a function from a document to findings. Rules never throw: what they cannot judge, they
/// leave alone.
public protocol Rule: Sendable {
    /// The contract's rule id, e.g. "percent.mismatch".
    var id: String { get }
    var defaultSeverity: Severity { get }
    /// One line on what the rule checks, for `cotejo rules` and the report.
    var summary: String { get }
    func check(_ input: CheckInput, settings: RuleSettings) -> [Finding]
}

extension Rule {
    /// The severity in force: the pipeline's when it sets one, else the rule's default.
    public func severity(_ settings: RuleSettings) -> Severity { settings.severity ?? defaultSeverity }

    /// A finding of this rule, as swift-format's rules `diagnose`: what it says (a message the rule
    /// declares in its own file, as a `Bilingual` built by a `fileprivate static func`), the values it
    /// rests on and where they stand. Its severity is the one in force, unless the rule gives its own
    /// for this finding (a note that accuses nothing is `info` whatever the pipeline sets).
    public func diagnose(_ message: Bilingual, values: [String: FindingValue], at source: [Source],
                         _ settings: RuleSettings, severity fixed: Severity? = nil) -> Finding {
        Finding(rule: id, severity: fixed ?? severity(settings), message: message.es, messageEN: message.en,
                values: values, source: source)
    }
}
