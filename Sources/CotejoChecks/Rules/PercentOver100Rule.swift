import CotejoModel
import CotejoArithmetic

/// `percent.over_100`: a row or total reporting more than 100 % compliance. Not a wrong figure — plans
/// are exceeded — but worth an auditor's eye (was the target set too low?), so it is `info`, and one
/// per record.
public struct PercentOver100Rule: Rule {
    public let id = "percent.over_100"
    public let defaultSeverity = Severity.info
    public let summary = "Cumplimiento reportado por encima de 100 % / compliance reported above 100 %"

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        var findings: [Finding] = []
        for a in input.records.activities {
            guard let r = a.reportedPercent, r > 100 else { continue }
            let d = a.percentClaim?.decimals ?? StatedPrecision.inferredDecimals(r)
            findings.append(finding(r, decimals: d, planned: a.planned, executed: a.executed,
                                    whatES: a.labelES, whatEN: a.labelEN, item: a.item,
                                    sources: a.sources(for: ["reported_percent", "reportedPercent", "planned", "executed"]),
                                    settings: settings))
        }
        for t in input.records.totals {
            guard let r = t.reportedPercent, r > 100 else { continue }
            let d = t.percentClaim?.decimals ?? StatedPrecision.inferredDecimals(r)
            findings.append(finding(r, decimals: d, planned: t.planned, executed: t.executed,
                                    whatES: "el total «\(t.label)»", whatEN: "total “\(t.label)”", item: nil,
                                    sources: t.sourcesOrQuote, settings: settings))
        }
        return findings
    }

    private func finding(_ r: Double, decimals: Int, planned: Double?, executed: Double?, whatES: String,
                         whatEN: String, item: String?, sources: [Source], settings: RuleSettings) -> Finding {
        var values: [String: FindingValue] = ["reported_percent": .number(r)]
        if let p = planned, let e = executed { values["planned"] = .number(p); values["executed"] = .number(e) }
        if let item { values["item"] = .text(item) }
        return diagnose(.complianceOver100(r, decimals: decimals, in: Bilingual(es: whatES, en: whatEN), planned: planned, executed: executed),
                        values: values, at: sources.uniqued(), settings)
    }
}

extension Bilingual {
    fileprivate static func complianceOver100(_ r: Double, decimals: Int, in what: Bilingual, planned: Double?, executed: Double?) -> Bilingual {
        var es = "Se reporta un cumplimiento de \(Figures.es(r, decimals: decimals)) % en \(what.es)"
        var en = "\(Figures.en(r, decimals: decimals)) % compliance is reported for \(what.en)"
        if let p = planned, let e = executed {
            es += ": se ejecutaron \(Figures.es(e)) de \(Figures.es(p)) programadas"
            en += ": \(Figures.en(e)) executed of \(Figures.en(p)) planned"
        }
        return Bilingual(es: es, en: en)
    }
}
