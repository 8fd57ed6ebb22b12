import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("date.outside_period")
struct DateOutsidePeriodRuleTests {
    let rule = DateOutsidePeriodRule()

    func row(_ item: String, start: DayDate, end: DayDate) -> Activity {
        var a = Make.row("Actividad \(item)", item: item)
        a.start = start; a.end = end
        return a
    }

    func plan(_ rows: [Activity], kind: DocumentKind = .plan, title: String = "Plan de participación ciudadana 2021") -> DocumentRecords {
        DocumentRecords(facts: DocumentFacts(title: title, kind: kind, year: 2021), activities: rows)
    }

    var ordinary: [Activity] {
        (1...4).map { row("\($0)", start: DayDate(year: 2021, month: $0 * 2, day: 1), end: DayDate(year: 2021, month: $0 * 2 + 1, day: 28)) }
    }

    @Test("a 2012 date in a 2021 plan fires")
    func fires() throws {
        let bad = row("5", start: DayDate(year: 2012, month: 2, day: 1), end: DayDate(year: 2021, month: 3, day: 31))
        let f = rule.check(Make.input(plan(ordinary + [bad])), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1)
        #expect(x.values["item"] == .text("5"))
        #expect(x.values["iso_date"] == .text("2012-02-01"))
        #expect(!x.source.isEmpty)
    }

    @Test("January of the next year, a report's previous-year dates and a multi-year plan are silent")
    func silent() {
        let january = row("5", start: DayDate(year: 2021, month: 12, day: 1), end: DayDate(year: 2022, month: 1, day: 31))
        #expect(rule.check(Make.input(plan(ordinary + [january])), settings: RuleSettings()).isEmpty)
        let old = row("6", start: DayDate(year: 2019, month: 2, day: 1), end: DayDate(year: 2019, month: 3, day: 1))
        #expect(rule.check(Make.input(plan(ordinary + [old], kind: .report)), settings: RuleSettings()).isEmpty)
        let later = row("7", start: DayDate(year: 2023, month: 2, day: 1), end: DayDate(year: 2023, month: 3, day: 1))
        #expect(rule.check(Make.input(plan(ordinary + [later], title: "Plan estratégico 2020-2024")), settings: RuleSettings()).isEmpty)
    }
}

extension DateOutsidePeriodRuleTests {
    func due(_ item: String, _ date: DayDate, written: String, sheet: String = "13,Participación") -> Activity {
        var a = Make.row("Actividad \(item)", item: item)
        a.end = date
        a.fieldSources["end"] = Source(sheet: sheet, cell: "F\(Int(item)! + 6)", text: written)
        return a
    }

    @Test("a plan scheduling ahead (2022 and 2023 dates in a 2021 plan) is silent; a year mistyped far ahead (2031) fires")
    func scheduleAhead() {
        let ahead = [due("1", DayDate(year: 2022, month: 6, day: 1), written: "2022-06-01"),
                     due("2", DayDate(year: 2023, month: 12, day: 1), written: "2023-12-01")]
        #expect(rule.check(Make.input(plan(ordinary + ahead)), settings: RuleSettings()).isEmpty)
        let typo = due("3", DayDate(year: 2031, month: 6, day: 30), written: "2031-06-30")
        #expect(rule.check(Make.input(plan(ordinary + ahead + [typo])), settings: RuleSettings()).count == 1)
    }

    @Test("a due date in December before a plan's year fires, one finding for the rows of a sheet")
    func dueBeforePeriod() throws {
        let rows = ordinary + [due("1", DayDate(year: 2020, month: 12, day: 31), written: "2020-12-31"),
                               due("2", DayDate(year: 2020, month: 12, day: 30), written: "2020-12-30")]
        let f = rule.check(Make.input(plan(rows)), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1 && x.values["rows"] == .number(2))
        #expect(x.source.contains { $0.cell == "F7" } && x.source.contains { $0.cell == "F8" })
    }

    @Test("near misses: a start in December before the year, a due year the plan covers, a due year after it")
    func dueNearMisses() {
        var start = row("5", start: DayDate(year: 2020, month: 12, day: 1), end: DayDate(year: 2021, month: 2, day: 1))
        start.fieldSources["start"] = Source(page: 2, text: "01/12/2020")
        let thisYear = due("6", DayDate(year: 2021, month: 12, day: 31), written: "2021")
        let nextYear = due("7", DayDate(year: 2022, month: 12, day: 31), written: "2022")
        #expect(rule.check(Make.input(plan(ordinary + [start, thisYear, nextYear])), settings: RuleSettings()).isEmpty)
        // A bare year before the plan's does fire.
        let before = due("8", DayDate(year: 2020, month: 12, day: 31), written: "2020")
        #expect(rule.check(Make.input(plan(ordinary + [before])), settings: RuleSettings()).count == 1)
    }
}
