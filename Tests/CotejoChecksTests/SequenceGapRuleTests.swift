import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("sequence.gap")
struct SequenceGapRuleTests {
    let rule = SequenceGapRule()

    func rows(_ items: [String]) -> DocumentRecords {
        DocumentRecords(activities: items.enumerated().map { Make.row("Actividad", item: $1, y: Double($0) * 20) })
    }

    @Test("1 2 3 5 … 12 14 gives two gaps: 4 and 13")
    func fires() {
        let items = ["1", "2", "3", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15"]
        let f = rule.check(Make.input(rows(items)), settings: RuleSettings())
        #expect(f.count == 2)
        #expect(f[0].values["missing"] == .text("4"))
        #expect(f[0].values["before"] == .text("3") && f[0].values["after"] == .text("5"))
        #expect(f[1].values["missing"] == .text("13"))
        #expect(f.allSatisfy { $0.source.count == 2 })
    }

    @Test("each sheet numbers its own list: 1 2 on one sheet and 4 … 9 12 on the next gives only the gap inside the second")
    func listsOfTwoSheets() {
        func onSheet(_ sheet: String, _ items: [String]) -> [Activity] {
            items.enumerated().map { i, item in
                Activity(item: item, description: "Actividad \(item)",
                         source: [Source(sheet: sheet, cell: "B\(7 + i)", text: "Actividad \(item)")],
                         fieldSources: ["item": Source(sheet: sheet, cell: "A\(7 + i)", text: item)])
            }
        }
        let records = DocumentRecords(activities: onSheet("4,Fortalecimiento", ["1", "2"])
                                      + onSheet("5,Evaluacion", ["4", "5", "6", "7", "8", "9", "12"]))
        let f = rule.check(Make.input(records), settings: RuleSettings())
        #expect(f.count == 1)
        #expect(f.first?.values["missing"] == .text("10, 11"))
        #expect(f.first?.source.allSatisfy { $0.sheet == "5,Evaluacion" } == true)
    }

    @Test("unbroken, restarting, too short or mixed with sub-items: silent")
    func silent() {
        for items in [["1", "2", "3", "4"], ["1", "2", "3", "1", "2", "3"], ["1", "3"], ["1", "1.1", "1.2", "2", "3"],
                      ["1", "2", "3", "40"]] {
            #expect(rule.check(Make.input(rows(items)), settings: RuleSettings()).isEmpty, "\(items)")
        }
    }

    @Test("dotted items are judged among themselves when all are dotted")
    func dotted() {
        let f = rule.check(Make.input(rows(["3.1", "3.2", "3.4", "4.1"])), settings: RuleSettings())
        #expect(f.count == 1)
        #expect(f.first?.values["missing"] == .text("3.3"))
    }

    @Test("a missing number that stands in the items' table column is a passed-over row, not a gap")
    func inTable() {
        let table = Make.table([["ITEM", "ACTIVIDAD"], ["1", "a"], ["2", "b"], ["3", "c"], ["4", ""], ["5", "e"]])
        let items = ["1", "2", "3", "5"]
        let rows = items.map { i -> Activity in
            var a = Make.row("Actividad", item: i)
            a.fieldSources["item"] = table.cells.first { $0.column == 0 && $0.text == i }!.source
            return a
        }
        #expect(rule.check(Make.input(tables: [table], records: DocumentRecords(activities: rows)), settings: RuleSettings()).isEmpty)
        #expect(rule.check(Make.input(DocumentRecords(activities: rows)), settings: RuleSettings()).count == 1)
    }
}
