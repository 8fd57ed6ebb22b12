import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("figure.order_inferred and the resolver")
struct FigureOrderResolverTests {
    /// The slide of the real case: "29 20 145%" among rows "3 3 100%".
    func slide() -> DocumentRecords {
        DocumentRecords(activities: [
            Make.row("Desarrollar la estrategia de difusión", planned: 29, executed: 20, percent: 145, unlabelled: true, y: 100),
            Make.row("Realizar talleres de usabilidad", planned: 3, executed: 3, percent: 100, unlabelled: true, y: 140),
            Make.row("Realizar una consulta ciudadana", planned: 1, executed: 1, percent: 100, unlabelled: true, y: 180),
            Make.row("Sesiones de las mesas", planned: 12, executed: 12, percent: 100, y: 220),
        ])
    }

    @Test("one proving row swaps every unlabelled row and gives one info finding naming it")
    func swaps() throws {
        let (records, findings) = FigureOrderResolver().resolve(slide())
        #expect(records.activities[0].planned == 20)
        #expect(records.activities[0].executed == 29)
        #expect(records.activities[0].fieldSources["planned"]?.text == "20")
        #expect(records.activities[0].figuresUnlabelled == false)
        #expect(records.activities[1].figuresUnlabelled == false)
        #expect(records.activities[3].notes.isEmpty)
        #expect(findings.count == 1)
        let f = try #require(findings.first)
        #expect(f.rule == "figure.order_inferred")
        #expect(f.severity == .info)
        #expect(f.message.contains("29 · 20 · 145 %: solo ejecutado/programado da 145 %"))
        #expect(f.values["planned"] == .number(20))
        #expect(f.values["executed"] == .number(29))
        #expect(!f.source.isEmpty)
    }

    @Test("rows that fit both orders prove nothing: records unchanged, no finding")
    func nothingProved() {
        let records = DocumentRecords(activities: [
            Make.row("a", planned: 3, executed: 3, percent: 100, unlabelled: true),
            Make.row("b", planned: 1, executed: 1, percent: 100, unlabelled: true),
        ])
        let (out, findings) = FigureOrderResolver().resolve(records)
        #expect(out == records)
        #expect(findings.isEmpty)
    }

    @Test("a row proving planned first settles the order without a note; a fit only through the cap proves nothing")
    func plannedFirst() {
        let records = DocumentRecords(activities: [
            Make.row("a", planned: 20, executed: 10, percent: 50, unlabelled: true),
            Make.row("b", planned: 5, executed: 3, percent: 100, unlabelled: true),
        ])
        let (out, findings) = FigureOrderResolver().resolve(records)
        #expect(findings.isEmpty)
        #expect(out.activities[0].planned == 20)
        #expect(out.activities.allSatisfy { !$0.figuresUnlabelled })

        let capOnly = DocumentRecords(activities: [Make.row("b", planned: 5, executed: 3, percent: 100, unlabelled: true)])
        let (same, none) = FigureOrderResolver().resolve(capOnly)
        #expect(same == capOnly && none.isEmpty)
    }

    @Test("the registry settles the order before the rules: no percent.mismatch, totals add up")
    func registry() {
        var records = slide()
        records.totals = [Make.total("vigencia 2021", planned: 36, executed: 45, percent: 125)]
        let (settled, findings) = RuleRegistry().process(Make.input(records))
        #expect(settled.activities[0].planned == 20)
        #expect(findings.filter { $0.rule == "figure.order_inferred" }.count == 1)
        #expect(!findings.contains { $0.rule == "percent.mismatch" || $0.rule == "total.mismatch" })
        #expect(FigureOrderRule().check(Make.input(slide()), settings: RuleSettings()).count == 1)
    }
}
