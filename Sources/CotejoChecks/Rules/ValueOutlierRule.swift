import CotejoModel

/// `value.outlier`: a result many times its target, past the pipeline's threshold (10 by default:
/// `value.outlier: { threshold: 10 }`). Real plans over-execute by a few times at most; a result of
/// 1.433 against a target of 12, or 95 against a target of 1 written as a share (100 % as "1"), is a
/// unit or scale slip: a percentage typed as a count, thousands against units, a count against a
/// share. The finding names the ratio and the two figures, and leaves which of them is wrong to the
/// reader.
///
/// Rows whose column order the record stage could not settle are left alone, and so are targets of
/// zero (no ratio: `percent.mismatch` notes those).
public struct ValueOutlierRule: Rule {
    public let id = "value.outlier"
    public let defaultSeverity = Severity.warning
    public let summary = "Resultado muchas veces su meta (¿unidad o escala?) / result many times its target (unit or scale slip?)"

    public static let defaultThreshold = 10.0

    /// How many times its target a result must be to be told: above 1, or every over-execution would be.
    public static let threshold = RuleOption(key: "threshold", name: Bilingual(es: "umbral", en: "threshold"),
                                             requirement: Bilingual(es: "debe ser mayor que 1", en: "it must be above 1")) { $0 > 1 }

    public var options: [RuleOption] { [Self.threshold] }

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        let threshold = settings.value(Self.threshold) ?? Self.defaultThreshold
        var findings: [Finding] = []
        for a in input.records.activities where !a.figuresUnlabelled {
            var pairs: [(period: String?, planned: Double, executed: Double, sources: [Source])] = []
            if let p = a.planned, let e = a.executed {
                pairs.append((nil, p, e, a.sources(for: ["planned", "executed"])))
            }
            for m in a.measures {
                guard let p = m.planned, let e = m.executed else { continue }
                // The activity's own pair is usually one of its periods: say it once.
                if p == a.planned, e == a.executed { continue }
                let src = ["planned", "executed"].compactMap { m.fieldSources[$0] }
                pairs.append((m.period, p, e, src.isEmpty ? m.source : src))
            }
            for pair in pairs where pair.planned > 0 && pair.executed >= threshold * pair.planned {
                findings.append(finding(a, period: pair.period, planned: pair.planned, executed: pair.executed,
                                        threshold: threshold, sources: pair.sources.isEmpty ? a.sources(for: []) : pair.sources,
                                        settings: settings))
            }
        }
        return findings
    }

    private func finding(_ a: Activity, period: String?, planned: Double, executed: Double, threshold: Double,
                         sources: [Source], settings: RuleSettings) -> Finding {
        let ratio = executed / planned
        var values: [String: FindingValue] = [
            "planned": .number(planned), "executed": .number(executed),
            "ratio": .number(Figures.round2(ratio)), "threshold": .number(threshold),
        ]
        if let period { values["period"] = .text(period) }
        if let item = a.item { values["item"] = .text(item) }
        return diagnose(.resultFarPastTarget(a, executed: executed, planned: planned, ratio: ratio, period: period, threshold: threshold),
                        values: values, at: sources.uniqued(), settings)
    }
}

extension Bilingual {
    fileprivate static func resultFarPastTarget(_ a: Activity, executed: Double, planned: Double, ratio: Double, period: String?,
                                                threshold: Double) -> Bilingual {
        let inES = period.map { " en \($0)" } ?? "", inEN = period.map { " in \($0)" } ?? ""
        return Bilingual(
            es: "El resultado \(Figures.es(executed)) es \(Figures.es(ratio, decimals: 1)) veces la meta \(Figures.es(planned))\(inES) (\(a.labelES)); pasa del umbral de \(Figures.es(threshold)) veces: ¿una cifra en otra unidad o escala?",
            en: "The result \(Figures.en(executed)) is \(Figures.en(ratio, decimals: 1)) times the target \(Figures.en(planned))\(inEN) (\(a.labelEN)); past the threshold of \(Figures.en(threshold)) times: a figure in another unit or scale?")
    }
}
