import CotejoModel

/// Every rule Cotejo knows, and the stage that runs the enabled ones over a document.
public struct RuleRegistry: Sendable {
    public static let allRules: [any Rule] = [
        TextUnreadableRule(),
    ]

    public var rules: [any Rule]
    public var settings: [String: RuleSettings]

    public init(rules: [any Rule] = RuleRegistry.allRules, settings: [String: RuleSettings] = [:]) {
        self.rules = rules; self.settings = settings
    }

    /// Runs every enabled rule; findings come in rule order, then in document order.
    public func check(_ input: CheckInput) -> [Finding] {
        rules.flatMap { rule -> [Finding] in
            let s = settings[rule.id] ?? RuleSettings()
            guard s.enabled else { return [] }
            return rule.check(input, settings: s)
        }
    }
}
