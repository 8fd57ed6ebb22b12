import CotejoSpanish
import Testing
import CotejoModel
import CotejoArithmetic
import CotejoRecords
@testable import CotejoChecks

@Suite("Number convention of a document")
struct NumberConventionTests {
    func content(_ lines: [String]) -> DocumentContent { Make.content([Make.page(1, blocks: lines.map { [$0] })]) }

    @Test("decimal commas and point grouping settle «1.267» as 1267; point decimals and comma grouping as 1,267")
    func settles() {
        let spanish = content(["Presupuesto 123.468.000", "Avance 0,85", "Cobertura 45,5 %", "Meta 1.267"])
        let english = content(["Total 227,873,593", "Growth 8.38%", "Share 12.75", "Meta 1.267"])
        #expect(NumberConvention.of(spanish) == .decimalComma)
        #expect(NumberConvention.of(english) == .decimalPoint)
        #expect(StatedPrecision.readings(1267, text: "1.267", convention: .decimalComma) == [1267])
        #expect(StatedPrecision.readings(1267, text: "1.267", convention: .decimalPoint) == [1.267])
        #expect(StatedPrecision.readings(1267, text: "1.267").count == 2)
    }

    @Test("near misses: both conventions in one document, or too few figures, leave it unknown")
    func unknown() {
        #expect(NumberConvention.of(content(["227,873,593", "8.38%", "42.531.645", "0,79%", "1.234.567", "19.5"])) == .unknown)
        #expect(NumberConvention.of(content(["Avance 0,85"])) == .unknown)
    }

    @Test("a Spanish document's 634 of «1.267» shown as 100 % is a mismatch, not a cap over 1,267")
    func rowSettled() {
        var row = Make.row("Personas vinculadas al SGSSS", planned: 1267, executed: 634, percent: 100)
        row.fieldSources["planned"]?.text = "1.267"
        let records = DocumentRecords(activities: [row])
        let spanish = CheckInput(content: content(["123.468.000", "0,85", "45,5"]), records: records)
        #expect(PercentMismatchRule().check(spanish, settings: RuleSettings()).count == 1)
        #expect(PercentMismatchRule().check(Make.input(records), settings: RuleSettings()).isEmpty)
    }
}
