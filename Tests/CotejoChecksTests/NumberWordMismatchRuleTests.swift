import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("numberword.mismatch")
struct NumberWordMismatchRuleTests {
    let rule = NumberWordMismatchRule()

    @Test("'tres (4) foros' fires, in body text and in a table cell")
    func fires() throws {
        let page = Make.page(1, blocks: [["realizó tres (4) foros virtuales de participación"]])
        let table = Make.table([["INDICADOR"], ["Dos (5) espacios de formación"]])
        let f = rule.check(Make.input(pages: [page], tables: [table]), settings: RuleSettings())
        #expect(f.count == 2)
        let x = try #require(f.first)
        #expect(x.values["word_value"] == .number(3))
        #expect(x.values["digit_value"] == .number(4))
        #expect(x.source.first?.page == 1)
        #expect(x.source.first?.text == "tres (4)")
    }

    @Test("agreeing pairs, furniture and list markers before a quantity are silent")
    func silent() {
        let page = Make.page(1, blocks: [["realizó tres (3) foros", "Un (1) Documento"],
                                         ["(1)Una herramienta de caracterización"],
                                         ["(1) un diagnóstico, (2) una estrategia y (3) dos talleres"]],
                             furniture: ["cinco (6)"])
        #expect(rule.check(Make.input(pages: [page]), settings: RuleSettings()).isEmpty)
    }
}
