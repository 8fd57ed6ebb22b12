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

/// Per-rule settings from the pipeline file: whether it runs, its severity, its tolerance (a share,
/// for rules that compare figures; interval arithmetic already allows for rounding), and the values of
/// the options the rule itself declares (`Rule.options`), by key.
public struct RuleSettings: Sendable, Codable, Equatable {
    public var enabled: Bool
    public var severity: Severity?
    public var tolerance: Double
    /// The rule's own options as the file gives them; a key the file leaves out keeps the rule's
    /// default. Which keys a rule takes, and which values, the rule says (`RuleOption`).
    public var options: [String: Double]

    public init(enabled: Bool = true, severity: Severity? = nil, tolerance: Double = 0, options: [String: Double] = [:]) {
        self.enabled = enabled; self.severity = severity; self.tolerance = tolerance; self.options = options
    }

    /// The value the file gives `option`, if it gives one.
    public func value(_ option: RuleOption) -> Double? { options[option.key] }

    /// The three keys every rule takes; any other is one of the rule's own options.
    public static let commonKeys: Set<String> = ["enabled", "severity", "tolerance"]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Every key is optional in a pipeline file: what it leaves out keeps the rule's default. Keys
    /// besides the common three are read as the rule's options; whether the rule has them is the
    /// pipeline file's check (`PipelineConfig`), which knows the rules.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: Key("enabled")) ?? true
        severity = try c.decodeIfPresent(Severity.self, forKey: Key("severity"))
        tolerance = try c.decodeIfPresent(Double.self, forKey: Key("tolerance")) ?? 0
        options = [:]
        for key in c.allKeys where !Self.commonKeys.contains(key.stringValue) {
            options[key.stringValue] = try c.decode(Double.self, forKey: key)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(enabled, forKey: Key("enabled"))
        try c.encodeIfPresent(severity, forKey: Key("severity"))
        try c.encode(tolerance, forKey: Key("tolerance"))
        for (key, value) in options.sorted(by: { $0.key < $1.key }) { try c.encode(value, forKey: Key(key)) }
    }
}

/// A setting of one rule beyond the common ones, declared by the rule in its own file (as
/// swift-format's rules declare their configuration): its key in the pipeline file, the values it
/// accepts, and the sentence that says so when a file gives another.
public struct RuleOption: Sendable {
    public let key: String
    /// What the option is, for people ("umbral" / "threshold").
    public let name: Bilingual
    public let accepts: @Sendable (Double) -> Bool
    /// What `accepts` requires, said to a user whose file breaks it ("debe ser mayor que 1").
    public let requirement: Bilingual

    public init(key: String, name: Bilingual, requirement: Bilingual, accepts: @escaping @Sendable (Double) -> Bool) {
        self.key = key; self.name = name; self.requirement = requirement; self.accepts = accepts
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
    /// The rule's own options, beyond the common ones (none for most rules).
    var options: [RuleOption] { get }
}

extension Rule {
    /// The severity in force: the pipeline's when it sets one, else the rule's default.
    public func severity(_ settings: RuleSettings) -> Severity { settings.severity ?? defaultSeverity }

    public var options: [RuleOption] { [] }

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
