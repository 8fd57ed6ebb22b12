import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("date.reversed")
struct DateReversedRuleTests {
    let rule = DateReversedRule()

    func row(_ item: String, _ start: DayDate, _ startText: String, _ end: DayDate, _ endText: String) -> Activity {
        var a = Make.row("Difundir y promover los mecanismos de participación", item: item)
        a.start = start; a.end = end
        a.fieldSources["start"] = Source(page: 3, bbox: BBox(x0: 500, y0: 300, x1: 560, y1: 312), text: startText)
        a.fieldSources["end"] = Source(page: 3, bbox: BBox(x0: 570, y0: 300, x1: 630, y1: 312), text: endText)
        return a
    }

    @Test("item 7 starts 1-octubre-2021 and ends 30-septiembre-2021: fires, naming the item and both dates")
    func fires() throws {
        let a = row("7", DayDate(year: 2021, month: 10, day: 1), "1-octubre-2021", DayDate(year: 2021, month: 9, day: 30), "30-septiembre-2021")
        let f = rule.check(Make.input(DocumentRecords(activities: [a])), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1)
        #expect(x.values["item"] == .text("7"))
        #expect(x.message.contains("1-octubre-2021") && x.message.contains("30-septiembre-2021"))
        #expect(x.messageEN.contains("Item 7 starts 1-octubre-2021 and ends 30-septiembre-2021"))
        #expect(x.source.count >= 2)
    }

    @Test("a one-day activity and a forward range are silent")
    func silent() {
        let d = DayDate(year: 2021, month: 8, day: 1)
        let rows = [row("5", d, "1-agosto-2021", d, "1-agosto-2021"),
                    row("6", d, "1-agosto-2021", DayDate(year: 2021, month: 8, day: 31), "31-agosto-2021")]
        #expect(rule.check(Make.input(DocumentRecords(activities: rows)), settings: RuleSettings()).isEmpty)
    }

    @Test("numeric dates that run forward read month first are left alone unless the document writes day first")
    func monthFirst() {
        let a = row("3", DayDate(year: 2021, month: 2, day: 3), "03/02/2021", DayDate(year: 2021, month: 1, day: 4), "04/01/2021")
        #expect(rule.check(Make.input(DocumentRecords(activities: [a])), settings: RuleSettings()).isEmpty)
        let proof = row("4", DayDate(year: 2021, month: 3, day: 15), "15/03/2021", DayDate(year: 2021, month: 3, day: 30), "30/03/2021")
        #expect(rule.check(Make.input(DocumentRecords(activities: [a, proof])), settings: RuleSettings()).count == 1)
    }
}
