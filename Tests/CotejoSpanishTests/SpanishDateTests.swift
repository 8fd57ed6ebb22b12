import CotejoSpanish
import Testing
import CotejoModel
@testable import CotejoSpanish

@Suite("SpanishDate")
struct SpanishDateTests {
    @Test(arguments: [
        ("01-febrero-2021", 2021, 2, 1),
        ("1-julio-2021", 2021, 7, 1),
        ("31-diciembre-2021", 2021, 12, 31),
        ("30-septiembre-2021", 2021, 9, 30),
        ("1 de agosto de 2021", 2021, 8, 1),
        ("1° de agosto de 2021", 2021, 8, 1),
        ("1º de agosto de 2021", 2021, 8, 1),
        ("23 de julio del 2021", 2021, 7, 23),
        ("23 de Julio del año 2021", 2021, 7, 23),
        ("04/10/2022", 2022, 10, 4),
        ("4/10/22", 2022, 10, 4),
        ("04.10.2022", 2022, 10, 4),
        ("04-10-2022", 2022, 10, 4),
        ("2021-02-01", 2021, 2, 1),
        ("2021/2/1", 2021, 2, 1),
        ("julio 23 de 2021", 2021, 7, 23),
        ("Julio 23, 2021", 2021, 7, 23),
        ("1 feb 2021", 2021, 2, 1),
        ("15-sept-2021", 2021, 9, 15),
        ("15 set. 2021", 2021, 9, 15),
        ("20-dic-2021", 2021, 12, 20),
        ("01/feb/2021", 2021, 2, 1),
        ("1 de setiembre de 2021", 2021, 9, 1),
        ("29 de febrero de 2024", 2024, 2, 29),
        ("31 DE DICIEMBRE DE 2021", 2021, 12, 31),
    ] as [(String, Int, Int, Int)])
    func dayPrecision(_ text: String, _ y: Int, _ m: Int, _ d: Int) throws {
        let date = try #require(SpanishDate.parse(text))
        #expect(date.isValid)
        #expect(date.precision == .day)
        #expect(date.date == DayDate(year: y, month: m, day: d))
        #expect(date.text == text)
    }

    @Test(arguments: [("Noviembre de 2019", 2019, 11), ("noviembre 2019", 2019, 11), ("mayo de 2021", 2021, 5),
                      ("febrero-2021", 2021, 2), ("dic. 2021", 2021, 12), ("Diciembre del 2021", 2021, 12)]
          as [(String, Int, Int)])
    func monthPrecision(_ text: String, _ y: Int, _ m: Int) throws {
        let date = try #require(SpanishDate.parse(text))
        #expect(date.precision == .month)
        #expect(date.style == .monthYear)
        #expect(date.firstDay == DayDate(year: y, month: m, day: 1))
        #expect(date.date == date.firstDay)
        #expect(date.lastDay == DayDate(year: y, month: m, day: SpanishDate.daysIn(month: m, year: y)))
    }

    @Test func yearPrecisionOnlyForAWholeCell() throws {
        let d = try #require(SpanishDate.parse("2021"))
        #expect(d.precision == .year)
        #expect(d.lastDay == DayDate(year: 2021, month: 12, day: 31))
        #expect(SpanishDate.scan(in: "vigencia 2021").isEmpty)
        #expect(SpanishDate.parse("1850") == nil)
    }

    @Test(arguments: ["31-febrero-2021", "29 de febrero de 2021", "31/04/2022", "0-enero-2021", "13/13/2021",
                      "2021-02-30", "32 de mayo de 2021"])
    func invalidDatesAreReportedNotFixed(_ text: String) throws {
        let d = try #require(SpanishDate.parse(text))
        #expect(!d.isValid)
        #expect(d.date == nil)
        #expect(d.lastDay == nil)
    }

    @Test func invalidKeepsWhatWasWritten() throws {
        let d = try #require(SpanishDate.parse("31-febrero-2021"))
        #expect(d.day == 31 && d.month == 2 && d.year == 2021)
    }

    @Test(arguments: ["", "Corte: 23 de julio de 2021", "23 de julio", "1 de agosto de 21", "PÁGINA 2 de 12",
                      "Ley 134 de 1994", "3.1.2", "1.2.3.4.5", "E-01-02-2021x", "04/10", "hola", "mar"])
    func notAWholeDate(_ text: String) {
        #expect(SpanishDate.parse(text) == nil)
    }

    @Test func scanFindsDatesInText() {
        let text = """
        VIGENTE DESDE 04/10/2022
        \\* Corte: 23 de julio de 2021
        Durante el mes de **mayo de 2021**, …
        1-agosto-2021	31-agosto-2021	Secretaría
        Fecha: Noviembre de 2019
        PÁGINA 7 de 12, Ley 134 de 1994
        """
        let dates = SpanishDate.scan(in: text)
        #expect(dates.map { $0.date?.description ?? "invalid" } == ["2022-10-04", "2021-07-23", "2021-05-01", "2021-08-01", "2021-08-31", "2019-11-01"])
        #expect(dates.map(\.precision) == [.day, .day, .month, .day, .day, .month])
        for d in dates { #expect(String(text[d.range]) == d.text) }
        #expect(SpanishDate.first(in: text)?.text == "04/10/2022")
    }

    @Test func scanReportsInvalidToo() {
        let dates = SpanishDate.scan(in: "del 31-febrero-2021 al 1-marzo-2021")
        #expect(dates.count == 2)
        #expect(dates.map(\.isValid) == [false, true])
    }

    @Test func reversedRangeInSeedIsTwoValidDates() throws {
        // Plan row 7 of the Cartagena seed ends before it starts; the dates themselves are fine.
        let dates = SpanishDate.scan(in: "1-octubre-2021\t30-septiembre-2021")
        #expect(dates.count == 2)
        let start = try #require(dates[0].date), end = try #require(dates[1].date)
        #expect(end < start)
    }

    @Test func calendar() {
        #expect(SpanishDate.isLeap(2024) && !SpanishDate.isLeap(2021) && !SpanishDate.isLeap(1900) && SpanishDate.isLeap(2000))
        #expect(SpanishDate.daysIn(month: 2, year: 2024) == 29)
        #expect(SpanishDate.daysIn(month: 13, year: 2024) == 0)
        #expect(SpanishDate.isValid(year: 2021, month: 12, day: 31))
        #expect(!SpanishDate.isValid(year: 2021, month: 2, day: 29))
    }

    @Test func twoDigitYearIsFlagged() throws {
        #expect(SpanishDate.parse("4/10/22")?.hasTwoDigitYear == true)
        #expect(SpanishDate.parse("04/10/2022")?.hasTwoDigitYear == false)
    }
}

