import CotejoModel
import CotejoSpanish

/// `date.reversed`: an activity that ends before it starts ("item 7 starts 1-octubre-2021 and ends
/// 30-septiembre-2021"). Both dates must be known; equal dates (a one-day activity) are fine. Numeric
/// dates that run forward when read month first ("03/02/2021" to "04/01/2021") are left alone unless
/// the document proves it writes the day first.
public struct DateReversedRule: Rule {
    public let id = "date.reversed"
    public let defaultSeverity = Severity.error
    public let summary = "Actividad que termina antes de empezar / activity that ends before it starts"

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        input.records.activities.compactMap { a -> Finding? in
            guard let s = a.start, let e = a.end, e < s, !monthFirstFits(a, in: input.records.activities) else { return nil }
            // The dates as written when the cell was kept; ISO otherwise.
            let sText = a.fieldSource("start")?.text.collapsedWhitespace ?? s.description
            let eText = a.fieldSource("end")?.text.collapsedWhitespace ?? e.description
            var values: [String: FindingValue] = [
                "start": .text(sText), "end": .text(eText),
                "start_date": .text(s.description), "end_date": .text(e.description),
                "description": .text(a.shortDescription),
            ]
            if let item = a.item { values["item"] = .text(item) }
            return diagnose(.endsBeforeItStarts(a, start: sText, end: eText), values: values,
                            at: a.sources(for: ["item", "start", "end"]), settings)
        }
    }

    /// True when both dates are numeric ("03/02/2021") and read month first they run forward, and no
    /// date of the document proves day first (a first field above 12): a spreadsheet with US dates is
    /// not a reversed activity.
    func monthFirstFits(_ a: Activity, in rows: [Activity]) -> Bool {
        func numeric(_ field: String, of r: Activity) -> SpanishDate? {
            guard let t = r.fieldSource(field)?.text, let d = SpanishDate.parse(t.collapsedWhitespace), d.style == .numeric else { return nil }
            return d
        }
        guard let s = numeric("start", of: a), let e = numeric("end", of: a),
              let sm = s.month, let sd = s.day, let em = e.month, let ed = e.day, sd <= 12, ed <= 12 else { return false }
        let swappedStart = DayDate(year: s.year, month: sd, day: sm), swappedEnd = DayDate(year: e.year, month: ed, day: em)
        guard swappedStart <= swappedEnd else { return false }
        let dayFirstProven = rows.contains { r in
            ["start", "end"].contains { f in (numeric(f, of: r)?.day ?? 0) > 12 }
        }
        return !dayFirstProven
    }
}

extension Bilingual {
    fileprivate static func endsBeforeItStarts(_ a: Activity, start: String, end: String) -> Bilingual {
        Bilingual(es: "\(a.labelES.prefix(1).uppercased() + a.labelES.dropFirst()) empieza el \(start) y termina el \(end), antes de empezar",
                  en: "\(a.labelEN.prefix(1).uppercased() + a.labelEN.dropFirst()) starts \(start) and ends \(end), before it starts")
    }
}
