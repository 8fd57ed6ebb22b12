import CotejoModel

/// The period a column header names, in the contract's form: "META 2024" → "2024", "Trimestre I -
/// 2025 Resultado" → "2025-Q1", "META EJECUTADA – TRIMESTRES 1" (a "1" under a merged "TRIMESTRES")
/// → "Q1", "T3" → "Q3", "Meta cuatrienio 2024-2027" → "2024/2027", "Enero 2021" → "2021-01".
///
/// A quarter, semester or month without a year in the header keeps no year ("Q2"): the year a
/// document means is not guessed here.
public enum ColumnPeriod {
    public static func period(of header: String) -> String? {
        let words = header.folded.split(whereSeparator: { !$0.isWordCharacter }).map(String.init)
        let years = words.compactMap { CalendarYear.of($0) }
        let distinctYears = Array(Set(years)).sorted()
        if distinctYears.count == 2 { return "\(distinctYears[0])/\(distinctYears[1])" }
        guard distinctYears.count <= 1 else { return nil }
        let year = distinctYears.first
        func withYear(_ s: String) -> String { year.map { "\($0)-\(s)" } ?? s }

        if let p = SpanishPeriod.scan(in: header).first(where: \.isValid) {
            // With a year, the contract's own form; without one, the period alone ("Q2", "M05").
            if let year { return p.contractForm(year: year) }
            switch p.kind {
            case .trimestre: return "Q\(p.ordinal)"
            case .semestre: return "H\(p.ordinal)"
            case .cuatrimestre: return "C\(p.ordinal)"
            case .month: return String(format: "M%02d", p.ordinal)
            case .year, .bimestre: return nil
            }
        }
        // Short forms and plurals over their numbers: "T1", "TRIM 2", "TRIMESTRES 3", "SEMESTRE 2".
        for (i, w) in words.enumerated() {
            if let m = SpanishMonth.number(w), w.count >= 4 {
                return year.map { String(format: "%04d-%02d", $0, m) } ?? String(format: "M%02d", m)
            }
            if w.count == 2, let k = w.first, let n = Int(String(w.dropFirst())) {
                if k == "t", (1...4).contains(n) { return withYear("Q\(n)") }
                if k == "s", (1...2).contains(n) { return withYear("H\(n)") }
            }
            guard i + 1 < words.count, let n = Int(words[i + 1]) ?? romanValue(words[i + 1]) else { continue }
            if ["trimestre", "trimestres", "trim"].contains(w), (1...4).contains(n) { return withYear("Q\(n)") }
            if ["semestre", "semestres", "sem"].contains(w), (1...2).contains(n) { return withYear("H\(n)") }
            if ["cuatrimestre", "cuatrimestres"].contains(w), (1...3).contains(n) { return withYear("C\(n)") }
        }
        if let y = year { return String(y) }
        return nil
    }

    static func romanValue(_ w: String) -> Int? { ["i": 1, "ii": 2, "iii": 3, "iv": 4][w] }
}
