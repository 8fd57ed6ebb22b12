// The periods plans divide a year into. A year has 12 months, 6 bimestres, 4 trimestres,
// 3 cuatrimestres and 2 semestres; "cuarto cuatrimestre" names a period that cannot exist.

/// A kind of period within a year.
public enum PeriodKind: String, Hashable, Sendable, CaseIterable {
    case month, bimestre, trimestre, cuatrimestre, semestre, year

    /// Months one period of this kind spans.
    public var monthsPerPeriod: Int {
        switch self {
        case .month: return 1
        case .bimestre: return 2
        case .trimestre: return 3
        case .cuatrimestre: return 4
        case .semestre: return 6
        case .year: return 12
        }
    }

    /// How many periods of this kind a year holds.
    public var periodsPerYear: Int { 12 / monthsPerPeriod }

    /// The months (1…12) period number `ordinal` covers: trimestre 3 → 7...9, cuatrimestre 3 → 9...12,
    /// semestre 1 → 1...6. Nil when the period cannot exist (cuatrimestre 4, trimestre 0).
    public func months(ordinal: Int) -> ClosedRange<Int>? {
        guard ordinal >= 1, ordinal <= periodsPerYear else { return nil }
        let last = ordinal * monthsPerPeriod
        return (last - monthsPerPeriod + 1)...last
    }

    /// The kind and ordinal whose months are exactly `months`: 9...12 → (cuatrimestre, 3). Nil when no
    /// period has those months (5...7).
    public static func period(covering months: ClosedRange<Int>) -> (kind: PeriodKind, ordinal: Int)? {
        guard months.lowerBound >= 1, months.upperBound <= 12 else { return nil }
        let span = months.count
        guard let kind = allCases.first(where: { $0.monthsPerPeriod == span }),
              (months.lowerBound - 1) % span == 0 else { return nil }
        return (kind, (months.lowerBound - 1) / span + 1)
    }

    /// The kind a Spanish word names, singular, any case: "Cuatrimestre" → .cuatrimestre, "mes" → .month,
    /// "año" → .year.
    public static func named(_ word: some StringProtocol) -> PeriodKind? {
        names[SpanishLexer.foldedKey(word)]
    }

    static let names: [String: PeriodKind] = [
        "mes": .month, "bimestre": .bimestre, "trimestre": .trimestre, "cuatrimestre": .cuatrimestre,
        "semestre": .semestre, "ano": .year,
    ]
}
