import CotejoModel
import CotejoSpanish

/// The arithmetic of a stated share or change, under the precision the document wrote it with.
package struct ClaimArithmetic {
    package var claim: Claim
    /// The percentage the claim's figures give: part/whole, or (to − from)/from.
    package var computed: Double
    /// Other honest readings of a change, each named: the difference in points when both figures are
    /// percentages ("del 69 % … trimestre anterior 67 %" states a rise of 2 points). The rate over the
    /// later figure, (to − from)/to, is no reading: it is the slip these checks exist to catch.
    package var alternatives: [(name: String, value: Double)] = []
    package var stated: Double
    package var decimals: Int
    package var hasPercentSign: Bool

    package init?(_ claim: Claim) {
        guard let stated = claim.reportedPercent else { return nil }
        switch claim.kind {
        case .share:
            guard let part = claim.part, let whole = claim.whole, whole > 0, part >= 0 else { return nil }
            computed = part / whole * 100
        case .change:
            guard let from = claim.from, let to = claim.to, from > 0, to >= 0 else { return nil }
            computed = (to - from) / from * 100
            func isPercent(_ field: String, _ v: Double) -> Bool {
                guard let text = claim.fieldSources[field]?.text else { return false }
                return StatedPrecision.statedNumber(v, in: text)?.isPercent ?? false
            }
            if isPercent("from", from) && isPercent("to", to) { alternatives.append(("to − from, in points", to - from)) }
        }
        let text = claim.fieldSources["reported_percent"]?.text
        let number = text.flatMap { StatedPrecision.statedNumber(stated, in: $0) }
        self.claim = claim
        self.stated = stated
        // A spreadsheet cell shows what its format says; its stored value has all its digits.
        decimals = claim.fieldSources["reported_percent"]?.formula != nil ? 0
            : number?.decimals ?? StatedPrecision.inferredDecimals(stated)
        hasPercentSign = number?.isPercent ?? true
    }

    /// A known slip the stated figure does fit, for a finding to say how it was likely computed: a
    /// change taken over the later figure, (to − from)/to.
    package func slip(slack: Double) -> String? {
        guard claim.kind == .change, let from = claim.from, let to = claim.to, to > 0 else { return nil }
        let overLater = (to - from) / to * 100
        return StatedPrecision.consistent(overLater, stated: stated, decimals: decimals, slack: slack) ? "(to − from) / to" : nil
    }

    /// The readings tried, by name, for a finding to say what was ruled out.
    package var readingNames: [String] {
        [claim.kind == .share ? "part / whole" : "(to − from) / from"] + alternatives.map(\.name)
    }

    /// True when some honest reading of the stated precision makes the figure hold: rounding or
    /// truncation at its decimals, or a share written without "%" as a fraction of one; for a change,
    /// any of its readings.
    package func holds(slack: Double) -> Bool {
        for value in [computed] + alternatives.map(\.value) {
            if StatedPrecision.consistent(value, stated: stated, decimals: decimals, slack: slack) { return true }
            if !hasPercentSign, abs(stated) <= 1.5,
               StatedPrecision.consistent(value / 100, stated: stated, decimals: max(decimals, 2), slack: slack / 100) { return true }
        }
        return false
    }
}

/// The arithmetic of a stated TOTAL against its parts.
package struct SumArithmetic {
    package var sum: Double
    /// How far the parts may honestly add up from the total: each figure rounded at its decimals.
    package var slack: Double

    package init(_ s: ColumnSum, texts: [String?]) {
        sum = s.parts.reduce(0, +)
        func halfUnit(_ v: Double, _ text: String?) -> Double {
            let d = text.flatMap { StatedPrecision.statedNumber(v, in: $0)?.decimals } ?? StatedPrecision.inferredDecimals(v)
            // Whole numbers are exact counts unless the column holds rounded percentages, or amounts
            // (pesos, thousands of pesos) that each cell shows rounded to its unit.
            if d == 0 && !s.isPercent { return abs(s.total) >= 100_000 ? 0.5 : 0 }
            return 0.5 * Self.pow10(-d)
        }
        var slack = halfUnit(s.total, texts.first ?? nil)
        for (i, p) in s.parts.enumerated() { slack += halfUnit(p, i + 1 < texts.count ? texts[i + 1] : nil) }
        // Amounts in pesos shown with centavos may hide further decimals: under one unit of an amount
        // of 100.000 or more is rounding, not a wrong total.
        if abs(s.total) >= 100_000 && !s.isPercent { slack = max(slack, 1) }
        self.slack = slack + 1e-9 * max(1, abs(s.total))
    }

    package static func pow10(_ e: Int) -> Double { var r = 1.0; for _ in 0..<abs(e) { r *= 10 }; return e < 0 ? 1 / r : r }

    /// The parts a total stands for when some parts are subtotals of the parts that follow them
    /// ("TRIBUTARIOS" over "Predial", "Industria y Comercio", …): each such run is counted once.
    package static func topLevelSum(_ parts: [Double], slack: Double) -> Double? {
        var i = 0
        var sum = 0.0
        var nested = false
        while i < parts.count {
            var k = i + 2
            var run = 0.0
            var matched: Int?
            while k <= parts.count {
                run = parts[(i + 1)..<k].reduce(0, +)
                if k - i - 1 >= 2, abs(run - parts[i]) <= slack { matched = k }
                if run > parts[i] + slack { break }
                k += 1
            }
            sum += parts[i]
            if let m = matched { i = m; nested = true } else { i += 1 }
        }
        return nested ? sum : nil
    }
}
