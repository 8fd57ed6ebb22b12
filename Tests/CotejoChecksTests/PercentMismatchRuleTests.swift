import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("percent.mismatch")
struct PercentMismatchRuleTests {
    let rule = PercentMismatchRule()

    @Test("118 % for 78 of 69 fires, with computed 113,04 and the figures' sources")
    func fires() throws {
        let a = Make.row("Realizar foros", item: "4", planned: 69, executed: 78, percent: 118)
        let f = rule.check(Make.input(DocumentRecords(activities: [a])), settings: RuleSettings())
        #expect(f.count == 1)
        let x = try #require(f.first)
        #expect(x.rule == "percent.mismatch")
        #expect(x.severity == .error)
        #expect(x.values["computed_percent"] == .number(113.04))
        #expect(x.values["reported_percent"] == .number(118))
        #expect(x.message.contains("Se reporta 118 % pero 78 de 69 es 113,0 %"))
        #expect(x.messageEN.contains("118 % is reported but 78 of 69 is 113.0 %"))
        #expect(x.source.count == 3)
        #expect(x.source.allSatisfy { $0.isLocated })
    }

    @Test("near misses stay silent: 113 %, truncated 66 %, capped 100 %, 2,5 %, planned 0")
    func silent() {
        let rows = [
            Make.row("a", planned: 69, executed: 78, percent: 113),
            Make.row("b", planned: 3, executed: 2, percent: 66),
            Make.row("c", planned: 40, executed: 69, percent: 100),
            Make.row("d", planned: 40, executed: 1, percent: 2.5, percentText: "2,5 %"),
            Make.row("e", planned: 0, executed: 5, percent: 100),
        ]
        // Planned 0 gives an info note (no ratio to compute), never an error or a warning.
        #expect(rule.check(Make.input(DocumentRecords(activities: rows)), settings: RuleSettings()).allSatisfy { $0.severity == .info })
    }

    @Test("the stated precision comes from the text: 2,6 % for 1 of 40 fires, 2,5 % does not")
    func precisionFromText() {
        let bad = Make.row("d", planned: 40, executed: 1, percent: 2.6, percentText: "2,6 %")
        #expect(rule.check(Make.input(DocumentRecords(activities: [bad])), settings: RuleSettings()).count == 1)
    }

    @Test("an unlabelled row that fits in the other order is not a mismatch; one that fits neither is")
    func unlabelled() {
        let swapped = Make.row("Desarrollar la estrategia", planned: 29, executed: 20, percent: 145, unlabelled: true)
        #expect(rule.check(Make.input(DocumentRecords(activities: [swapped])), settings: RuleSettings()).isEmpty)
        let neither = Make.row("x", planned: 29, executed: 20, percent: 160, unlabelled: true)
        #expect(rule.check(Make.input(DocumentRecords(activities: [neither])), settings: RuleSettings()).count == 1)
    }

    @Test("totals are checked too: 113 % for 69/78 holds, 118 % fires; severity follows the settings")
    func totals() {
        let good = Make.total("vigencia 2021", planned: 69, executed: 78, percent: 113, text: "113 % CUMPLIMIENTO")
        let bad = Make.total("II cuatrimestre", planned: 28, executed: 35, percent: 130, text: "130% CUMPLIMIENTO")
        let f = rule.check(Make.input(DocumentRecords(totals: [good, bad])), settings: RuleSettings(severity: .warning))
        #expect(f.count == 1)
        #expect(f.first?.severity == .warning)
        #expect(f.first?.values["computed_percent"] == .number(125))
    }

    @Test("when most rows miss, the column means something else: no row is flagged")
    func systematic() {
        let rows = [Make.row("a", planned: 10, executed: 5, percent: 20), Make.row("b", planned: 10, executed: 8, percent: 30),
                    Make.row("c", planned: 10, executed: 10, percent: 40), Make.row("d", planned: 4, executed: 4, percent: 100)]
        #expect(rule.check(Make.input(DocumentRecords(activities: rows)), settings: RuleSettings()).isEmpty)
    }

    @Test("a total stated as the mean of the rows' percentages is not a mismatch")
    func meanTotal() {
        let rows = [Make.row("a", planned: 10, executed: 10, percent: 100), Make.row("b", planned: 2, executed: 1, percent: 50)]
        let t = Make.total("vigencia", planned: 12, executed: 11, percent: 75, text: "75 % de cumplimiento")
        #expect(rule.check(Make.input(DocumentRecords(activities: rows, totals: [t])), settings: RuleSettings()).isEmpty)
    }
}

extension PercentMismatchRuleTests {
    @Test("a figure written with decimals stands for its rounding interval: 0,5 km of 1 may be 51 %, never 60 %")
    func roundedFigures() {
        func row(_ percent: Double) -> Activity {
            var a = Make.row("Construcción de 3 km de vías", planned: 1, executed: 0.5, percent: percent)
            a.fieldSources["executed"]?.text = "0,5"
            return a
        }
        #expect(PercentMismatchRule().check(Make.input(DocumentRecords(activities: [row(51)])), settings: RuleSettings()).isEmpty)
        #expect(PercentMismatchRule().check(Make.input(DocumentRecords(activities: [row(60)])), settings: RuleSettings()).count == 1)
    }
}

extension PercentMismatchRuleTests {
    @Test("a zero target with a result is an info note, never an error; a zero target with no result says nothing")
    func zeroTarget() throws {
        let f = PercentMismatchRule().check(Make.input(DocumentRecords(activities: [Make.row("Planes locales", planned: 0, executed: 0.25, percent: 25)])),
                                            settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1 && x.severity == .info)
        #expect(PercentMismatchRule().check(Make.input(DocumentRecords(activities: [Make.row("Planes", planned: 0, executed: 0)])),
                                            settings: RuleSettings()).isEmpty)
    }
}

extension PercentMismatchRuleTests {
    @Test("a weighted row's percentage is its weight times its compliance: 30 % × 8/10 = 24 % holds; 30 % does not")
    func weightedRows() {
        func row(_ pct: Double) -> Activity {
            var a = Make.row("Mantenimiento de vías", planned: 10, executed: 8, percent: pct)
            a.weight = 30
            return a
        }
        #expect(PercentMismatchRule().check(Make.input(DocumentRecords(activities: [row(24)])), settings: RuleSettings()).isEmpty)
        #expect(PercentMismatchRule().check(Make.input(DocumentRecords(activities: [row(30)])), settings: RuleSettings()).count == 1)
    }
}

extension PercentMismatchRuleTests {
    func check(_ a: Activity) -> [Finding] {
        PercentMismatchRule().check(Make.input(DocumentRecords(activities: [a])), settings: RuleSettings())
    }

    @Test("a cumulative base: the accumulated 53 over the plan's 184 is 29 %; 45 % is no reading, and the finding names those tried")
    func cumulativeBase() throws {
        func row(_ pct: Double) -> Activity {
            var a = Make.row("Áreas protegidas declaradas", planned: 1.5, executed: 2, percent: pct)
            a.accumulated = 53
            a.measures = [Measure(period: "2024/2027", planned: 184)]
            return a
        }
        #expect(check(row(29)).isEmpty)
        let f = try #require(check(row(45)).first)
        #expect(f.values["readings_tried"]?.description.contains("accumulated / planned") == true)
    }

    @Test("a period base: a quarter's 30 of the year's 120 is 25 %; the year so far (20 + 30) is 42 %")
    func periodBase() {
        func row(_ pct: Double) -> Activity {
            var a = Make.row("Visitas de inspección", planned: 40, executed: 30, percent: pct)
            a.measures = [Measure(period: "2025", planned: 120), Measure(period: "2025-Q1", planned: 30, executed: 20),
                          Measure(period: "2025-Q2", planned: 40, executed: 30)]
            return a
        }
        #expect(check(row(25)).isEmpty)
        #expect(check(row(42)).isEmpty)
        #expect(check(row(60)).count == 1)
    }

    @Test("a decreasing indicator: reducing to 5 and reaching 4 is 125 % (or 100 % capped); the same words mid-sentence do not count")
    func decreasingIndicator() {
        #expect(check(Make.row("Reducir a 5 la tasa de mortalidad infantil", planned: 5, executed: 4, percent: 125)).isEmpty)
        #expect(check(Make.row("Reducir a 5 la tasa de mortalidad infantil", planned: 5, executed: 4, percent: 100)).isEmpty)
        var withBaseline = Make.row("Disminuir los hogares sin agua potable", planned: 20, executed: 25, percent: 75)
        withBaseline.baseline = 40
        #expect(check(withBaseline).isEmpty)
        #expect(check(Make.row("Programas para reducir la pobreza", planned: 5, executed: 4, percent: 125)).count == 1)
    }

    @Test("a ceiling overshot scores 100 % less the overshoot (228 → 266 is 83 %), also after a form's field label; the near miss fires")
    func decreasingOvershoot() {
        let labelled = "EL MUNICIPIO Meta producto Indicador DISMINUIR A 225 LOS CASOS"
        #expect(check(Make.row(labelled, planned: 228, executed: 266, percent: 83)).isEmpty)
        #expect(check(Make.row("Disminuir en un 10 % los factores de riesgo", planned: 258, executed: 482, percent: 13)).isEmpty)
        #expect(check(Make.row(labelled, planned: 228, executed: 266, percent: 60)).count == 1)
        // Met or not: a ceiling of 235 overshot to 255 scored 0 %.
        #expect(check(Make.row("Meta producto Indicador DISMINUIR A 225 LOS CASOS", planned: 235, executed: 255, percent: 0)).isEmpty)
        // The result goal above a form's product may be a reduction; the product's own words count up.
        let parent = "DISMINUIR AL 2% LA TASA BRUTA DE REPROBACIÓN Meta producto Indicador BRINDAR APOYO TERAPÉUTICO A 12 IEO"
        #expect(check(Make.row(parent, planned: 11, executed: 6, percent: 100)).count == 1)
        // A two-column form read column by column: the product's goal is a reduction, its indicator counts cases.
        let columns = "Meta producto DISMINUIR EN UN (3%) LOS FACTORES DE RIESGO Indicador CASOS DE MORBILIDAD EN LA PRIMERA INFANCIA"
        #expect(check(Make.row(columns, planned: 3416, executed: 2819, percent: 100)).isEmpty)
        // "el indicador" is a phrase: the text still opens with its verb.
        #expect(check(Make.row("Reducir el indicador de pobreza a 5", planned: 5, executed: 4, percent: 125)).isEmpty)
        // A growth indicator with the same figures is not scored as a ceiling.
        #expect(check(Make.row("Meta producto Indicador AUMENTAR A 225 LOS CUPOS", planned: 228, executed: 266, percent: 83)).count == 1)
    }

    @Test("whole figures that may be rounded for print (16 of 18 as 90 %: 16,2) give an info note; 95 % is off under any rounding")
    func printedRounding() throws {
        let rounded = try #require(check(Make.row("Implementar el sistema", planned: 18, executed: 16, percent: 90)).first)
        #expect(rounded.severity == .info)
        #expect(rounded.values["within_printed_rounding"] != nil)
        let off = try #require(check(Make.row("Implementar el sistema", planned: 18, executed: 16, percent: 95)).first)
        #expect(off.severity == .error)
        // Small counts: rounding would excuse anything (2 of 3 stated as 100 %).
        #expect(check(Make.row("Crear centros", planned: 3, executed: 2, percent: 100)).first?.severity == .error)
        // Printed decimals leave no room for that doubt.
        #expect(check(Make.row("Implementar el sistema", planned: 18.0, executed: 16.2, percent: 85)).first?.severity == .error)
    }
}
