import CotejoModel
import CotejoArithmetic

/// `percent.capped`: a percentage shown as 100 % while the row's executed figure exceeds its planned
/// one ("35 de 30, 100 %"). The cap is an honest reporting convention, which is why `percent.mismatch`
/// accepts it, but it hides the over-execution from whoever reads only the percentage: 35 of 30 is
/// 116,7 %, and a target set below what the entity already does is worth a look.
///
/// Only rows whose percentage no reading fits except the cap: the stated 100 must not be the ratio
/// itself under its rounding (100,4 % shown as 100 %), and rows whose column order could not be settled
/// are left alone.
public struct PercentCappedRule: Rule {
    public let id = "percent.capped"
    public let defaultSeverity = Severity.warning
    public let summary = "Porcentaje topado en 100 % con lo ejecutado por encima de lo programado / percentage capped at 100 % while executed exceeds planned"

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        var findings: [Finding] = []
        for a in input.records.activities where !a.figuresUnlabelled {
            guard let claim = a.percentClaim(input.numberConvention), isCapped(claim, settings) else { continue }
            findings.append(finding(claim, whatES: a.labelES, whatEN: a.labelEN, item: a.item,
                                    sources: a.sources(for: ["planned", "executed", "reported_percent", "reportedPercent"]), settings: settings))
        }
        for t in input.records.totals {
            guard let claim = t.percentClaim, isCapped(claim, settings) else { continue }
            findings.append(finding(claim, whatES: "el total «\(t.label)»", whatEN: "total “\(t.label)”", item: nil,
                                    sources: t.sourcesOrQuote, settings: settings))
        }
        return findings
    }

    /// The cap is the only reading that fits, and the figures as recorded (not the other reading of an
    /// ambiguous separator) exceed the target.
    func isCapped(_ c: PercentClaim, _ settings: RuleSettings) -> Bool {
        c.executedValue > c.plannedValue && c.fit(slack: settings.tolerance) == .capped
    }

    private func finding(_ c: PercentClaim, whatES: String, whatEN: String, item: String?, sources: [Source],
                         settings: RuleSettings) -> Finding {
        let p = c.plannedValue, e = c.executedValue
        let computed = e / p * 100
        var values: [String: FindingValue] = [
            "planned": .number(p), "executed": .number(e), "reported_percent": .number(c.percent),
            "computed_percent": .number(Figures.round2(computed)),
        ]
        if let item { values["item"] = .text(item) }
        return diagnose(.capHidesOverExecution(c, computed: computed, what: Bilingual(es: whatES, en: whatEN)),
                        values: values, at: sources.uniqued(), settings)
    }
}

extension Bilingual {
    fileprivate static func capHidesOverExecution(_ c: PercentClaim, computed: Double, what: Bilingual) -> Bilingual {
        let p = c.plannedValue, e = c.executedValue
        return Bilingual(
            es: "Se reporta \(Figures.es(c.percent, decimals: c.decimals)) % pero se ejecutó \(Figures.es(e)) de \(Figures.es(p)) programado: \(Figures.es(computed, decimals: 1)) %; el tope en 100 % oculta la sobreejecución (\(what.es))",
            en: "\(Figures.en(c.percent, decimals: c.decimals)) % is reported but \(Figures.en(e)) of \(Figures.en(p)) planned was executed: \(Figures.en(computed, decimals: 1)) %; the cap at 100 % hides the over-execution (\(what.en))")
    }
}
