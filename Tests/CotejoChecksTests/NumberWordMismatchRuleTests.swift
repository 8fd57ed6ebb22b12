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

    @Test("marked inline: each pair that disagrees is found where it stands, in prose and in a cell")
    func marked() {
        let input = MarkedInput(pages: [[["Se realizaron 1️⃣tres (4) foros y cinco (5) talleres"], ["con 2️⃣dos (7) mesas"]]],
                                tables: [[["INDICADOR"], ["3️⃣Dos (5) espacios de formación"]]])
        assertFindings(rule, in: input, [FindingSpec("1️⃣", ["word_value": .number(3), "digit_value": .number(4)]),
                                         FindingSpec("2️⃣", ["digit_value": .number(7)]), FindingSpec("3️⃣", ["word_value": .number(2)])])
    }

    @Test("the marked helper fails a test whose markers or findings disagree")
    func markedHelperFails() {
        let input = MarkedInput(pages: [[["Se realizaron 1️⃣tres (4) foros y 2️⃣cinco (5) talleres"]]])
        // A finding at no expected marker, and an expected marker with no finding.
        withKnownIssue { assertFindings(rule, in: input, [FindingSpec("2️⃣")]) }
        // A value that differs.
        withKnownIssue { assertFindings(rule, in: input, [FindingSpec("1️⃣", ["word_value": .number(4)])]) }
    }
}
