/// The years a Colombian public document can name, declared once so that four digits are a year in
/// a table header exactly when they are one in a date, a title, a period or a column.
public enum CalendarYear {
    /// Four bare digits in this range are read as a year. It starts in 1900: below it, "1899" in a
    /// table is far more often a count or an amount than a year.
    public static let range = 1900...2100

    /// A law's year in a citation ("Ley 57 de 1887", the civil code): the citation's words already
    /// say it is a year, so the range reaches back to the 1886 constitution, whose laws are still cited.
    public static let citedLaw = 1886...range.upperBound

    /// The year four bare digits write ("2024"), or nil for anything else ("2.024", "24", "1899").
    public static func of(_ word: some StringProtocol, in years: ClosedRange<Int> = range) -> Int? {
        guard word.count == 4, word.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(word), years.contains(y) else { return nil }
        return y
    }

    public static func contains(_ year: Int) -> Bool { range.contains(year) }
}
