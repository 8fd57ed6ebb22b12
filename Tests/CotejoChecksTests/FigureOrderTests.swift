import Testing
import CotejoModel
@testable import CotejoRecords
@testable import CotejoChecks

@Suite("figure order: settled by the record stage, reported by figure.order_inferred")
struct FigureOrderTests {
    /// The slide of the real case: "29 20 145%" among rows "3 3 100%".
    func slide() -> DocumentRecords {
        DocumentRecords(activities: [
            Make.row("Desarrollar la estrategia de difusión", planned: 29, executed: 20, percent: 145, unlabelled: true, y: 100),
            Make.row("Realizar talleres de usabilidad", planned: 3, executed: 3, percent: 100, unlabelled: true, y: 140),
            Make.row("Realizar una consulta ciudadana", planned: 1, executed: 1, percent: 100, unlabelled: true, y: 180),
            Make.row("Sesiones de las mesas", planned: 12, executed: 12, percent: 100, y: 220),
        ])
    }

    func settled(_ records: DocumentRecords) -> DocumentRecords {
        var r = records
        r.activities = FigureOrderSettler().settle(records.activities)
        return r
    }

    @Test("one proving row swaps every unlabelled row; the rule names it in one info finding")
    func swaps() throws {
        let records = settled(slide())
        #expect(records.activities[0].planned == 20)
        #expect(records.activities[0].executed == 29)
        #expect(records.activities[0].fieldSources["planned"]?.text == "20")
        #expect(records.activities[0].figureOrder == .executedFirst)
        #expect(records.activities[1].figureOrder == .executedFirst)
        #expect(records.activities[3].figureOrder == nil)
        #expect(records.activities[3].notes.isEmpty)
        let findings = FigureOrderRule().check(Make.input(records), settings: RuleSettings())
        #expect(findings.count == 1)
        let f = try #require(findings.first)
        #expect(f.rule == "figure.order_inferred")
        #expect(f.severity == .info)
        #expect(f.message.contains("29 · 20 · 145 %: solo ejecutado/programado da 145 %"))
        #expect(f.message.contains("en las 3 filas sin encabezados"))
        #expect(f.values["planned"] == .number(20))
        #expect(f.values["executed"] == .number(29))
        #expect(f.source.first?.text == "29")
    }

    @Test("rows that fit both orders prove nothing: records unchanged, no finding")
    func nothingProved() {
        let records = DocumentRecords(activities: [
            Make.row("a", planned: 3, executed: 3, percent: 100, unlabelled: true),
            Make.row("b", planned: 1, executed: 1, percent: 100, unlabelled: true),
        ])
        #expect(settled(records) == records)
        #expect(FigureOrderRule().check(Make.input(settled(records)), settings: RuleSettings()).isEmpty)
    }

    @Test("a row proving planned first settles the order without a note; a fit only through the cap proves nothing")
    func plannedFirst() {
        let records = settled(DocumentRecords(activities: [
            Make.row("a", planned: 20, executed: 10, percent: 50, unlabelled: true),
            Make.row("b", planned: 5, executed: 3, percent: 100, unlabelled: true),
        ]))
        #expect(FigureOrderRule().check(Make.input(records), settings: RuleSettings()).isEmpty)
        #expect(records.activities[0].planned == 20)
        #expect(records.activities.allSatisfy { $0.figureOrder == .plannedFirst })

        let capOnly = DocumentRecords(activities: [Make.row("b", planned: 5, executed: 3, percent: 100, unlabelled: true)])
        #expect(settled(capOnly) == capOnly)
    }

    @Test("checks read the settled rows: no percent.mismatch, totals add up, the records are not touched")
    func registry() {
        var records = settled(slide())
        records.totals = [Make.total("vigencia 2021", planned: 36, executed: 45, percent: 125)]
        let findings = RuleRegistry().process(Make.input(records))
        #expect(findings.filter { $0.rule == "figure.order_inferred" }.count == 1)
        #expect(!findings.contains { $0.rule == "percent.mismatch" || $0.rule == "total.mismatch" })
        // Unsettled rows (the record stage skipped) are not settled by the checks.
        #expect(FigureOrderRule().check(Make.input(slide()), settings: RuleSettings()).isEmpty)
    }
}
