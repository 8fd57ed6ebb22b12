import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("period.label_mismatch")
struct PeriodLabelMismatchRuleTests {
    let rule = PeriodLabelMismatchRule()

    @Test("'125% CUMPLIMIENTO II CUATRIMESTRE' over 'septiembre – diciembre' fires: that is the third")
    func contradicts() throws {
        let page = Make.page(2, blocks: [["125% CUMPLIMIENTO II CUATRIMESTRE"],
                                         ["Para el cuatrimestre de", "septiembre – diciembre se", "tenían 28 actividades"]])
        let records = DocumentRecords(facts: DocumentFacts(title: "Informe de cumplimiento tercer cuatrimestre"))
        let f = rule.check(Make.input(pages: [page], records: records), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1)
        #expect(x.values["label"] == .text("II"))
        #expect(x.values["expected_ordinal"] == .number(3))
        #expect(x.values["title_label"] == .text("tercer cuatrimestre"))
        #expect(x.source.count == 2)
        #expect(x.source[0].page == 2)
    }

    @Test("'CUARTO CUATRIMESTRE' (broken across lines) cannot exist: one finding for all its places")
    func impossible() throws {
        let p3 = Make.page(3, blocks: [["CUMPLIMIENTO Y AVANCE", "CUARTO", "CUATRIMESTRE POR DEPENDENCIA"]])
        let p4 = Make.page(4, blocks: [["Avance cuarto cuatrimestre"]])
        let f = rule.check(Make.input(pages: [p3, p4]), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1)
        #expect(x.values["label"] == .text("CUARTO"))
        #expect(x.values["periods_per_year"] == .number(3))
        #expect(x.source.count == 2)
    }

    @Test("'cuarto semestre' once in a report that speaks of its 'cuarto trimestre' is a slip: an info note, not a warning")
    func slipOfThePen() throws {
        let t = Make.table([["Indicador", "Observaciones"],
                            ["Asesorías", "El total del cuarto semestre de 2025 fue de 219"],
                            ["Visitas", "Meta del cuarto trimestre cumplida"]])
        let f = rule.check(Make.input(tables: [t]), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1)
        #expect(x.severity == .info)
        #expect(x.values["likely_label"] == .text("cuarto trimestre"))
        // The near miss: without the other kind in the document the same label stays a warning.
        let alone = Make.table([["Indicador", "Observaciones"], ["Asesorías", "El total del cuarto semestre de 2025 fue de 219"]])
        #expect(rule.check(Make.input(tables: [alone]), settings: RuleSettings()).first?.severity == .warning)
    }

    @Test("a label that agrees with its months, a cumulative cut and furniture are silent")
    func silent() {
        let page = Make.page(1, blocks: [["Informe del tercer cuatrimestre", "septiembre – diciembre 2021"],
                                         ["II SEMESTRE"], ["Ejecución enero – diciembre"]],
                             furniture: ["IV CUATRIMESTRE"])
        #expect(rule.check(Make.input(pages: [page]), settings: RuleSettings()).isEmpty)
    }

    @Test("an impossible label standing only in a table header fires")
    func tableCell() {
        let t = Make.table([["ACTIVIDAD", "IV CUATRIMESTRE"], ["Foro", "1"]])
        let f = rule.check(Make.input(tables: [t]), settings: RuleSettings())
        #expect(f.count == 1)
        #expect(f.first?.values["label"] == .text("IV"))
    }
}

extension PeriodLabelMismatchRuleTests {
    func titled(_ years: [Int], template: String = "PLAN DE ACCION INTEGRADO") -> [Page] {
        years.enumerated().map { i, y in Make.page(i + 1, blocks: [["\(template) \(y)"], ["ITEM Actividad Responsable"]]) }
    }

    @Test("a title repeated on every sheet with another year on one of them fires there, naming both years")
    func repeatedTitleYear() throws {
        let rule = PeriodLabelMismatchRule()
        var facts = DocumentFacts(); facts.year = 2022
        let f = rule.check(Make.input(pages: titled([2022, 2022, 2022, 2021]), records: DocumentRecords(facts: facts)),
                           settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1 && x.values["stated_year"] == .number(2021) && x.values["expected_year"] == .number(2022))
        #expect(x.source.first?.page == 4)
    }

    @Test("near misses: the odd year is the document's, too few pages, no majority")
    func repeatedTitleNearMisses() {
        let rule = PeriodLabelMismatchRule()
        var facts = DocumentFacts(); facts.year = 2021
        #expect(rule.check(Make.input(pages: titled([2022, 2022, 2022, 2021]), records: DocumentRecords(facts: facts)),
                           settings: RuleSettings()).isEmpty)
        #expect(rule.check(Make.input(pages: titled([2022, 2021])), settings: RuleSettings()).isEmpty)
        #expect(rule.check(Make.input(pages: titled([2020, 2021, 2022, 2023])), settings: RuleSettings()).isEmpty)
    }
}

extension PeriodLabelMismatchRuleTests {
    func report(_ text: String) -> CheckInput {
        var facts = DocumentFacts(); facts.title = "Informe de gestión III trimestre 2022"
        return Make.input(pages: [Make.page(12, blocks: [[text]])], records: DocumentRecords(facts: facts))
    }

    @Test("«este segundo trimestre» in a report on the third quarter fires, quoting its sentence")
    func deicticLabel() throws {
        let f = PeriodLabelMismatchRule().check(report("En este segundo trimestre se realizaron 26 solicitudes de portabilidad."),
                                                settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1 && x.values["ordinal"] == .number(2) && x.values["report_ordinal"] == .number(3))
        #expect(x.source.contains { $0.text.contains("26 solicitudes") })
    }

    @Test("near misses: this quarter named right, an earlier quarter named as such, «este trimestre, (trimestre II …)»")
    func deicticNearMisses() {
        let rule = PeriodLabelMismatchRule()
        for text in ["En este trimestre III se presentaron 30 comunicaciones.",
                     "En el segundo trimestre se presentaron 37 comunicaciones.",
                     "aumentó para este trimestre, (trimestre II 30%) el 10% (3) corresponden"] {
            #expect(rule.check(report(text), settings: RuleSettings()).isEmpty, "\(text)")
        }
    }
}

extension PeriodLabelMismatchRuleTests {
    @Test("rows keyed by year whose figures are labelled with another year fire once for the table; clean rows are silent")
    func rowYears() throws {
        let rule = PeriodLabelMismatchRule()
        let shifted = Make.table([["AÑO", "POBLACIÓN DANE", "AFILIADOS"], ["2017", "175.407 año 2016", "165.317"],
                                  ["2018", "178.450 año 2017", "166.625"], ["2019", "181.493 año 2018", "170.606"]])
        let f = rule.check(Make.input(tables: [shifted]), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1 && x.values["rows"] == .number(3) && x.message.contains("2019 ↔ año 2018"))
        #expect(x.source.contains { $0.text == "año 2018" })
        let clean = Make.table([["AÑO", "POBLACIÓN DANE", "AFILIADOS"], ["2017", "175.407 año 2017", "165.317"],
                                ["2018", "178.450", "166.625"], ["2019", "181.493 (proyección 2018)", "170.606"]])
        #expect(rule.check(Make.input(tables: [clean]), settings: RuleSettings()).isEmpty)
    }

    @Test("a place is named in the message's own language: a sheet, else a page")
    func placeInEachLanguage() {
        #expect(Bilingual.place(of: Source(sheet: "Metas", text: "x")) == Bilingual(es: "hoja «Metas»", en: "sheet “Metas”"))
        #expect(Bilingual.place(of: Source(text: "x"), page: 4) == Bilingual(es: "página 4", en: "page 4"))
        #expect(Bilingual.place(of: nil) == nil)
    }
}
