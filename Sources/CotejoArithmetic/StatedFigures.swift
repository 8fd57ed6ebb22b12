import CotejoModel
import CotejoSpanish

/// The figures of a record a percentage check needs, with the precision each was stated at.
package struct PercentClaim {
    package var planned: [Double]
    package var executed: [Double]
    package var percent: Double
    package var decimals: Int
    package var hasPercentSign: Bool
    /// The text the percentage was read from, when known.
    package var percentText: String?
    /// The decimals the planned and executed figures were written with: "0,5 km" may be 0,45 to 0,55,
    /// so its ratio to 1 may be anything from 45 % to 55 %. Whole numbers are counts, exact.
    package var plannedDecimals = 0
    package var executedDecimals = 0

    /// How far the figures' own rounding may move their ratio, in percentage points.
    package func roundingSlack(planned p: Double, executed e: Double) -> Double {
        guard p > 0, plannedDecimals > 0 || executedDecimals > 0 else { return 0 }
        let halfE = executedDecimals > 0 ? 0.5 * SumArithmetic.pow10(-executedDecimals) : 0
        let halfP = plannedDecimals > 0 ? 0.5 * SumArithmetic.pow10(-plannedDecimals) : 0
        guard p - halfP > 0 else { return 0 }
        return 100 * ((e + halfE) / (p - halfP) - e / p)
    }

    /// The first reading of each figure (as recorded).
    package var plannedValue: Double { planned[0] }
    package var executedValue: Double { executed[0] }

    /// How the stated percentage fits, trying every reading of the figures; with `swapped`, the
    /// figures are read the other way round (executed first). Two figures that are both ambiguous
    /// ("5.000" and "4.200") are read the same way, since one document writes its separators one way:
    /// 5 against 4.200 is no reading of a row.
    package func fit(swapped: Bool = false, slack: Double = 0) -> StatedPrecision.PercentFit {
        var best = StatedPrecision.PercentFit.none
        let (ps, es) = swapped ? (executed, planned) : (planned, executed)
        for (i, p) in ps.enumerated() {
            for (j, e) in es.enumerated() where i == j || ps.count == 1 || es.count == 1 {
                let f = StatedPrecision.percentFit(planned: p, executed: e, stated: percent, decimals: decimals,
                                                   slack: slack + roundingSlack(planned: p, executed: e), hasPercentSign: hasPercentSign)
                if f == .exact { return .exact }
                if f.fits { best = f }
            }
        }
        return best
    }
}

extension Activity {
    /// The row's percentage claim, when it states planned, executed and a percentage and planned is
    /// not 0 (a target of 0 makes the ratio undefined: never a mismatch).
    package var percentClaim: PercentClaim? { percentClaim(.unknown) }

    /// The claim with each ambiguous figure ("1.267") read as the document's convention says, or both
    /// ways when it does not say.
    package func percentClaim(_ convention: NumberConvention) -> PercentClaim? {
        guard let p = planned, let e = executed, let r = reportedPercent, p > 0, e >= 0, r >= 0 else { return nil }
        let ps = fieldSource("planned")?.text, es = fieldSource("executed")?.text
        let rs = fieldSource("reported_percent", "reportedPercent", "percent")?.text
        let planned = StatedPrecision.readings(p, text: ps, convention: convention).filter { $0 > 0 }
        guard !planned.isEmpty else { return nil }
        let number = rs.flatMap { StatedPrecision.statedNumber(r, in: $0) }
        var claim = PercentClaim(planned: planned, executed: StatedPrecision.readings(e, text: es, convention: convention), percent: r,
                                 decimals: number?.decimals ?? StatedPrecision.inferredDecimals(r),
                                 hasPercentSign: number?.isPercent ?? (rs == nil || rs!.contains("%")),
                                 percentText: number?.text)
        // Spreadsheet cells carry every digit they hold; text shows what it was rounded to.
        if fieldSource("planned")?.formula == nil, let ps, let n = StatedPrecision.statedNumber(p, in: ps) { claim.plannedDecimals = n.decimals }
        if fieldSource("executed")?.formula == nil, let es, let n = StatedPrecision.statedNumber(e, in: es) { claim.executedDecimals = n.decimals }
        return claim
    }
}

extension StatedTotal {
    /// The total's percentage claim; its precision is read from the source texts that state it.
    package var percentClaim: PercentClaim? {
        guard let p = planned, let e = executed, let r = reportedPercent, p > 0, e >= 0, r >= 0 else { return nil }
        let number = source.lazy.compactMap { StatedPrecision.statedNumber(r, in: $0.text) }.first
        return PercentClaim(planned: [p], executed: [e], percent: r,
                            decimals: number?.decimals ?? StatedPrecision.inferredDecimals(r),
                            hasPercentSign: number?.isPercent ?? true, percentText: number?.text)
    }
}
