import CotejoModel

/// Every rule Cotejo knows, and the stage that runs the enabled ones over a document.
public struct RuleRegistry: Sendable {
    public static let allRules: [any Rule] = [
        FigureOrderRule(),
        PercentMismatchRule(),
        PercentCappedRule(),
        PercentOver100Rule(),
        SumMismatchRule(),
        TotalMismatchRule(),
        SummaryMismatchRule(),
        TextFigureMismatchRule(),
        FormulaInconsistentRule(),
        ValueOutlierRule(),
        DateReversedRule(),
        DateOutsidePeriodRule(),
        SequenceGapRule(),
        PeriodLabelMismatchRule(),
        ReferenceConflictRule(),
        NumberWordMismatchRule(),
        ValueMissingRule(),
        TextUnreadableRule(),
    ]

    /// Rules that hold one document against another, run over the store after a batch.
    public static let storeRuleIDs = [CrossDocumentMismatch.ruleID]

    /// Every rule id a pipeline may configure.
    public static var allRuleIDs: Set<String> { Set(allRules.map(\.id) + storeRuleIDs) }

    /// Each rule's name for readers, Spanish and English (its `summary`, "español / English"), so
    /// that a report never shows a rule id alone.
    public static var names: [String: (es: String, en: String)] {
        var names: [String: (es: String, en: String)] = [
            CrossDocumentMismatch.ruleID: ("Cifra que otro documento de la entidad da distinta", "figure another document of the entity states differently"),
        ]
        for rule in allRules {
            let halves = rule.summary.components(separatedBy: " / ")
            names[rule.id] = (halves[0], halves.count > 1 ? halves[1] : halves[0])
        }
        return names
    }

    public var rules: [any Rule]
    public var settings: [String: RuleSettings]

    public init(rules: [any Rule] = RuleRegistry.allRules, settings: [String: RuleSettings] = [:]) {
        self.rules = rules; self.settings = settings
    }

    /// The check stage: runs every enabled rule over a document's records, which it only reads.
    /// Returns the findings in rule order, then in document order.
    public func process(_ input: CheckInput) -> [Finding] {
        let findings = rules.flatMap { rule -> [Finding] in
            let s = settings[rule.id] ?? RuleSettings()
            guard s.enabled else { return [] }
            return rule.check(input, settings: s)
        }
        return Self.markingSources(of: findings, in: input.content)
    }

    /// The findings with their sources stamped with how their words were read (`TextProvenance`),
    /// and what follows from it: doubt on OCR figures, a note on hidden ones.
    static func markingSources(of findings: [Finding], in content: DocumentContent) -> [Finding] {
        let provenance = TextProvenance(content)
        guard !provenance.isEmpty else { return findings }
        let stamped = findings.map { f in var f = f; f.source = provenance.stamp(f.source); return f }
        return HiddenTextNote.apply(to: OCRDoubt.apply(to: stamped))
    }
}
