import CotejoModel
import CotejoSpanish

/// `date.outside_period`: in a plan for one year, an activity date before that year.
///
/// Deliberately conservative, because dates outside the year are often right: follow-up reports by
/// quarter or cuatrimestre carry the previous year's dates, and a plan's formulation falls in the
/// months before it. So it fires only when the document is a plan with a year, the date lies before
/// every year the title names ("Plan 2020-2024" covers 2020 to 2024) and before a grace window of
/// three months (October of the year before). "01-febrero-2012" in a 2021 plan fires; "15-noviembre-2020"
/// does not. A due date has no grace: "31-12-2021" as the date an action of a 2022 plan is due fires.
///
/// Dates after the period are a plan looking ahead, not a slip: a "Plan de acción 2020" drawn up in
/// September schedules its actions for 2021 and 2022. Only a date `yearsAheadForATypo` years or more
/// past the last covered year (2031 for 2021: a mistyped digit) still fires. Dates before the period
/// are what a plan carried over from an earlier year keeps.
public struct DateOutsidePeriodRule: Rule {
    public let id = "date.outside_period"
    public let defaultSeverity = Severity.warning
    public let summary = "Fecha de actividad fuera de la vigencia del plan / activity date outside the plan's year"
    /// Months of grace before the first covered year.
    public var graceMonths = 3
    /// How far past the period a date must be to read as a mistyped year rather than a schedule.
    public var yearsAheadForATypo = 5

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        let facts = input.records.facts
        guard facts.kind == .plan, let year = facts.year else { return [] }
        // Years the title names widen the period ("2020 – 2024", "2021-2022").
        var years = [year]
        if let title = facts.title {
            years += SpanishNumber.scan(in: title).filter(\.isLikelyYear).map { Int($0.value) }
            years += title.split(whereSeparator: { !$0.isNumber }).compactMap { CalendarYear.of($0) }
        }
        // A year span stated early in the body ("vigencia 2020 – 2024") widens it too.
        for line in input.content.pages.prefix(3).flatMap(\.bodyLines) { years += yearSpan(line.text) }
        let first = years.min()!, last = years.max()!
        let from = DayDate(year: first - 1, month: 12 - graceMonths + 1, day: 1)
        let opens = DayDate(year: first, month: 1, day: 1)
        let period = first == last ? "\(first)" : "\(first)–\(last)"
        // A date is outside when it falls outside the grace window; a due date (an end) also when it
        // falls before the period opens: an action of the plan cannot be due before the plan starts.
        // A due date written as a bare year ("2021") counts as outside only when that whole year is.
        func outside(_ a: Activity, _ field: String, _ d: DayDate) -> Bool {
            let bareYear = a.fieldSource(field).map { SpanishNumber.parse($0.text.collapsedWhitespace)?.isLikelyYear ?? false } ?? false
            if d.year >= last + yearsAheadForATypo { return true }
            if bareYear { return d.year < first }
            if d < from { return true }
            return field == "end" && d < opens
        }
        // When most dated rows fall outside, the document's year was misread, not the rows.
        let dated = input.records.activities.flatMap { a in [("start", a.start), ("end", a.end)].compactMap { f, d in d.map { (a, f, $0) } } }
        let off = dated.filter { outside($0.0, $0.1, $0.2) }
        guard off.count * 2 <= dated.count else { return [] }
        // Rows of one sheet or page outside the period are one finding (dates copied down a column, a
        // sheet carried over from last year's plan), with every row among its sources.
        var groups: [String: [(Activity, String, DayDate)]] = [:]
        var order: [String] = []
        for (a, field, d) in off {
            let place = a.fieldSource(field).map { $0.sheet ?? $0.page.map(String.init) ?? "" } ?? ""
            let key = "\(field)|\(place)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append((a, field, d))
        }
        var findings: [Finding] = []
        for key in order {
            let group = groups[key]!
            let (a, field, d) = group[0]
            let written = a.fieldSource(field)?.text.collapsedWhitespace ?? d.description
            let message: Bilingual = group.count == 1
                ? .outsidePeriod(a, starts: field == "start", written, period: period)
                : .outsidePeriod(group.count, starts: field == "start", where: a.fieldSource(field), dates: group.map(\.2), period: period)
            var values: [String: FindingValue] = [
                "field": .text(field), "date": .text(written), "iso_date": .text(d.description),
                "year": .number(Double(year)), "period": .text(period), "rows": .number(Double(group.count)),
            ]
            if let item = a.item { values["item"] = .text(item) }
            var sources = group.flatMap { $0.0.sources(for: [field]) }
            if let ys = facts.sources["year"] { sources.append(ys) }
            findings.append(diagnose(message, values: values, at: sources.uniqued(), settings))
        }
        return findings
    }

    /// The ends of a span of years written "2020-2024", "2020 – 2024" or "2020 a 2024".
    func yearSpan(_ text: String) -> [Int] {
        let tokens = text.split(whereSeparator: { $0.isWhitespace })
        var out: [Int] = []
        func year(_ s: Substring) -> Int? {
            CalendarYear.of(s.filter(\.isNumber))
        }
        for (k, t) in tokens.enumerated() {
            let dashed = t.split(whereSeparator: { "-–—".contains($0) })
            if dashed.count == 2, let a = year(dashed[0]), let b = year(dashed[1]), a < b { out += [a, b]; continue }
            if k + 2 < tokens.count, let a = year(t), ["-", "–", "—", "a", "al"].contains(String(tokens[k + 1])),
               let b = year(tokens[k + 2]), a < b { out += [a, b] }
        }
        return out
    }
}

extension Bilingual {
    fileprivate static func outsidePeriod(_ a: Activity, starts: Bool, _ written: String, period: String) -> Bilingual {
        Bilingual(es: "\(a.labelES.prefix(1).uppercased() + a.labelES.dropFirst()) \(starts ? "empieza" : "termina") el \(written), fuera de la vigencia \(period) del plan",
                  en: "\(a.labelEN.prefix(1).uppercased() + a.labelEN.dropFirst()) \(starts ? "starts" : "ends") \(written), outside the plan's period \(period)")
    }

    fileprivate static func outsidePeriod(_ count: Int, starts: Bool, where source: Source?, dates: [DayDate], period: String) -> Bilingual {
        let place = Bilingual.place(of: source, page: 0)!
        let itemsES = " de la \(place.es)", itemsEN = " of \(place.en)"
        let (lo, hi) = (dates.min()!, dates.max()!)
        let span = lo == hi ? "el \(lo)" : "entre el \(lo) y el \(hi)"
        let spanEN = lo == hi ? "on \(lo)" : "between \(lo) and \(hi)"
        return Bilingual(es: "\(count) actividades\(itemsES) \(starts ? "empiezan" : "terminan") \(span), fuera de la vigencia \(period) del plan",
                         en: "\(count) activities\(itemsEN) \(starts ? "start" : "end") \(spanEN), outside the plan's period \(period)")
    }
}
