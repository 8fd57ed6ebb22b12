import CotejoModel

/// `figure.order_inferred`: the column order of rows without headers, settled by arithmetic
/// (`FigureOrderResolver`). An `info` note, never a claim. `RuleRegistry.process` runs the resolver
/// before every other rule and reports its note under this id; run alone, the rule reports what the
/// resolver would settle in the records it is given.
public struct FigureOrderRule: Rule {
    public let id = FigureOrderResolver.ruleID
    public let defaultSeverity = Severity.info
    public let summary = "Orden de columnas inferido por aritmética / column order inferred from arithmetic"

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        FigureOrderResolver().resolve(input.records, settings: settings).1
    }
}
