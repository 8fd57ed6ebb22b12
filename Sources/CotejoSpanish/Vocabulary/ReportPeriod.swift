import CotejoModel

/// The period a document reports on, as its title names it ("Informe de gestión III trimestre 2022"):
/// the label, its year (the title's, else the document's) and the contract's form ("2022-Q3").
public struct ReportPeriod: Sendable {
    public var label: SpanishPeriod
    public var year: Int
    public var period: String

    public init?(title: String?, year: Int?) {
        guard let title, let label = SpanishPeriod.scan(in: title).first(where: \.isValid),
              let year = SpanishNumber.scan(in: title).first(where: \.isLikelyYear).map({ Int($0.value) }) ?? year,
              let period = label.contractForm(year: year) else { return nil }
        self.label = label; self.year = year; self.period = period
    }

    /// The period before it, in the contract's form.
    public var previous: String? {
        label.previous(year: year).flatMap { $0.period.contractForm(year: $0.year) }
    }
}
