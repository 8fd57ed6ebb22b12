import CotejoModel
import CotejoArithmetic

/// `percent.mismatch`: a stated percentage that no honest rounding of its stated precision makes equal
/// to executed / planned. "113 %" for 78 of 69 (113,04 %) holds; "118 %" does not.
///
/// Accepted before calling a figure wrong (see `StatedPrecision`): rounding or truncation at the stated
/// decimals; compliance capped at 100 % where executed exceeds planned (no finding: a reporting
/// convention, and `percent.over_100` covers what is worth noting); a share written without "%"
/// (1,13 for 113 %); the other reading of an ambiguous separator ("1.234"); for rows whose figures
/// had no headers and whose order arithmetic could not settle, either order; for a total, the mean of
/// the rows' percentages. A target of 0 makes the ratio undefined: never a mismatch. When most rows of
/// a document miss (three or more rows, over half), the column is read as meaning something else and
/// no row is flagged. `tolerance` adds slack in percentage points.
public struct PercentMismatchRule: Rule {
    public let id = "percent.mismatch"
    public let defaultSeverity = Severity.error
    public let summary = "Porcentaje que no es ejecutado/programado con ningún redondeo / percentage that is not executed/planned under any rounding"

    /// What every row is tried under before the readings its own figures allow.
    static let baseReadings = ["executed / planned", "capped at 100", "share written without %"]

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        var findings: [Finding] = []
        let claims = input.records.activities.compactMap { a in a.percentClaim(input.numberConvention).map { (a, $0) } }
        let off = claims.compactMap { a, claim -> (Activity, PercentClaim, PercentReadings)? in
            guard !claim.fit(slack: settings.tolerance).fits,
                  !(a.figuresUnlabelled && claim.fit(swapped: true, slack: settings.tolerance).fits) else { return nil }
            let readings = PercentReadings(a, claim)
            return readings.fitting(claim, slack: settings.tolerance) == nil ? (a, claim, readings) : nil
        }
        // When most rows miss, the percentage column means something else (a weight, a cumulative
        // advance, another period) or was misread: that is not a set of wrong figures.
        let systematic = claims.count >= 3 && off.count * 2 > claims.count
        for (a, claim, readings) in off where !systematic {
            var f = finding(claim, whatES: a.labelES, whatEN: a.labelEN, item: a.item,
                            sources: a.sources(for: ["planned", "executed", "reported_percent", "reportedPercent"]),
                            settings: settings)
            f.values["readings_tried"] = .text((Self.baseReadings + readings.names).joined(separator: "; "))
            if Self.withinPrintedRounding(claim) {
                // Whole figures may be rounded for print (16 standing for 16,2): a percentage computed
                // from the unrounded ones fits, so the mismatch may not be in the document at all.
                f.severity = .info
                f.message += "; cabe si las cifras impresas están redondeadas (decimales no impresos)"
                f.messageEN += "; it fits if the printed figures are rounded (decimals not printed)"
                f.values["within_printed_rounding"] = .text("sí")
            }
            findings.append(f)
        }
        // A total's percentage may also be the mean of the rows' percentages, or of their ratios capped
        // at 100 %: reports compute it either way, so both readings clear it.
        let rowPercents: [Double] = input.records.activities.compactMap(\.reportedPercent)
        let cappedRatios: [Double] = input.records.activities.compactMap { (a: Activity) -> Double? in
            guard let r = StatedPrecision.ratioPercent(planned: a.planned, executed: a.executed) else { return nil }
            return min(100, r)
        }
        var means: [Double] = []
        for xs in [rowPercents, cappedRatios] where xs.count >= 2 {
            means.append(xs.reduce(0, +) / Double(xs.count))
        }
        for t in input.records.totals {
            guard let claim = t.percentClaim, !claim.fit(slack: settings.tolerance).fits else { continue }
            if means.contains(where: {
                StatedPrecision.consistent($0, stated: claim.percent, decimals: claim.decimals, slack: settings.tolerance)
            }) { continue }
            findings.append(finding(claim, whatES: "el total «\(t.label)»", whatEN: "total “\(t.label)”", item: nil,
                                    sources: t.sourcesOrQuote, settings: settings))
        }
        findings += input.records.claims.compactMap { claimFinding($0, settings: settings) }
        findings += input.records.activities.compactMap { zeroTarget($0, settings: settings) }
        return findings
    }

    /// True when both figures are printed as whole numbers and some pair of values that rounds to
    /// them gives the stated percentage (at the stated precision): 16 of 18 stated as 90 % (16,2).
    /// Only for a near miss (`printedRoundingPoints` or less) between figures of 10 or more, whose
    /// rounding moves the ratio by 5 % at most: with small counts (2 of 3 stated as 100 %) the band
    /// would excuse real errors.
    static func withinPrintedRounding(_ c: PercentClaim) -> Bool {
        guard c.plannedDecimals == 0, c.executedDecimals == 0 else { return false }
        let p = c.plannedValue, e = c.executedValue
        guard p >= 10, e >= 10, abs(e / p * 100 - c.percent) <= printedRoundingPoints else { return false }
        let low = max(0, e - 0.5) / (p + 0.5) * 100, high = (e + 0.5) / (p - 0.5) * 100
        let half = 0.5 * SumArithmetic.pow10(-c.decimals)
        return c.percent + half >= low && c.percent - half <= high
    }

    /// How far (percentage points) a stated percentage may be from the printed figures' ratio for
    /// their rounding to be its explanation.
    static let printedRoundingPoints = 2.0

    /// A target of 0 with a result: no percentage can be computed. Not a wrong figure, so an `info`
    /// note, never an error; it tells the reader why no compliance is given for the row.
    func zeroTarget(_ a: Activity, settings: RuleSettings) -> Finding? {
        guard a.planned == 0, let e = a.executed, e > 0 else { return nil }
        var values: [String: FindingValue] = ["planned": .number(0), "executed": .number(e)]
        if let r = a.reportedPercent { values["reported_percent"] = .number(r) }
        return diagnose(.zeroTarget(a, executed: e), values: values,
                        at: a.sources(for: ["planned", "executed", "reported_percent"]).uniqued(), settings, severity: .info)
    }

    /// A share ("13 de 19, 35 %") or a change ("de 36 a 19, −90 %") whose stated percentage its own
    /// figures do not give under any rounding of its precision.
    func claimFinding(_ claim: Claim, settings: RuleSettings) -> Finding? {
        guard let a = ClaimArithmetic(claim), !a.holds(slack: settings.tolerance) else { return nil }
        let shown = max(1, a.decimals + 1)
        var values: [String: FindingValue] = ["reported_percent": .number(a.stated), "computed_percent": .number(Figures.round2(a.computed)),
                                              "decimals": .number(Double(a.decimals)), "label": .text(claim.label)]
        switch claim.kind {
        case .share: values["part"] = .number(claim.part!); values["whole"] = .number(claim.whole!)
        case .change: values["from"] = .number(claim.from!); values["to"] = .number(claim.to!)
        }
        if !claim.notes.isEmpty { values["reading"] = .text(claim.notes.joined(separator: "; ")) }
        values["readings_tried"] = .text(a.readingNames.joined(separator: "; "))
        let slip = a.slip(slack: settings.tolerance)
        if let slip { values["matches_slip"] = .text(slip) }
        let sources = claim.source.isEmpty ? [Source(text: claim.label)] : claim.source
        return diagnose(.claimOff(claim, a, shown: shown, slip: slip != nil), values: values, at: sources.uniqued(), settings)
    }

    private func finding(_ c: PercentClaim, whatES: String, whatEN: String, item: String?, sources: [Source],
                         settings: RuleSettings) -> Finding {
        let computed = c.executedValue / c.plannedValue * 100
        // One decimal more than the stated figure shows how far off it is ("113,0").
        let shown = max(1, c.decimals + 1)
        let p = c.plannedValue, e = c.executedValue
        var values: [String: FindingValue] = [
            "planned": .number(p), "executed": .number(e), "reported_percent": .number(c.percent),
            "computed_percent": .number(Figures.round2(computed)), "decimals": .number(Double(c.decimals)),
        ]
        if let item { values["item"] = .text(item) }
        return diagnose(.percentOff(c, computed: computed, shown: shown, what: Bilingual(es: whatES, en: whatEN)),
                        values: values, at: sources.uniqued(), settings)
    }
}

extension Bilingual {
    fileprivate static func zeroTarget(_ a: Activity, executed e: Double) -> Bilingual {
        Bilingual(es: "Meta 0 con una ejecución de \(Figures.es(e)): no hay porcentaje de cumplimiento que calcular (\(a.labelES))",
                  en: "Target 0 with a result of \(Figures.en(e)): no compliance percentage can be computed (\(a.labelEN))")
    }

    fileprivate static func claimOff(_ claim: Claim, _ a: ClaimArithmetic, shown: Int, slip: Bool) -> Bilingual {
        let what = "«\(claim.label.prefix(60))»"
        var message: Bilingual
        switch claim.kind {
        case .share:
            let part = claim.part!, whole = claim.whole!
            message = Bilingual(
                es: "Se reporta \(Figures.es(a.stated, decimals: a.decimals)) % pero \(Figures.es(part)) de \(Figures.es(whole)) es \(Figures.es(a.computed, decimals: shown)) % (\(what))",
                en: "\(Figures.en(a.stated, decimals: a.decimals)) % is reported but \(Figures.en(part)) of \(Figures.en(whole)) is \(Figures.en(a.computed, decimals: shown)) % (\(what))")
        case .change:
            let from = claim.from!, to = claim.to!
            message = Bilingual(
                es: "Se reporta una variación de \(Figures.es(a.stated, decimals: a.decimals)) % pero de \(Figures.es(from)) a \(Figures.es(to)) es \(Figures.es(a.computed, decimals: shown)) % (\(what))",
                en: "A change of \(Figures.en(a.stated, decimals: a.decimals)) % is reported but from \(Figures.en(from)) to \(Figures.en(to)) it is \(Figures.en(a.computed, decimals: shown)) % (\(what))")
        }
        if slip {
            message.es += "; la cifra publicada es la variación sobre el valor final, (b − a)/b"
            message.en += "; the published figure is the change over the later value, (b − a)/b"
        }
        return message
    }

    fileprivate static func percentOff(_ c: PercentClaim, computed: Double, shown: Int, what: Bilingual) -> Bilingual {
        let p = c.plannedValue, e = c.executedValue
        return Bilingual(
            es: "Se reporta \(Figures.es(c.percent, decimals: c.decimals)) % pero \(Figures.es(e)) de \(Figures.es(p)) es \(Figures.es(computed, decimals: shown)) % (\(what.es))",
            en: "\(Figures.en(c.percent, decimals: c.decimals)) % is reported but \(Figures.en(e)) of \(Figures.en(p)) is \(Figures.en(computed, decimals: shown)) % (\(what.en))")
    }
}
