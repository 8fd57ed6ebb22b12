import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("reference.conflict")
struct ReferenceConflictRuleTests {
    let rule = ReferenceConflictRule()

    @Test("Decreto 1499 de 2017 and Decreto 1499 de 2018 in one document: one finding with both years and sources")
    func fires() throws {
        let p1 = Make.page(1, blocks: [["El MIPG es un marco de referencia … según dispone el Decreto", "1499 de 2017."]])
        let p5 = Make.page(5, blocks: [["- Decreto 1499 de 2018: por medio del cual se implementa el MIPG"],
                                       ["- Ley 1757 de 2015", "- Ley 1712 del 2014"]])
        let f = rule.check(Make.input(pages: [p1, p5]), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1)
        #expect(x.values["instrument"] == .text("Decreto 1499"))
        #expect(x.values["years"] == .text("2017, 2018"))
        #expect(x.mentions("1499") && x.mentions("2017") && x.mentions("2018"))
        #expect(x.source.map(\.page) == [1, 5])
    }

    @Test("parses the ways citations are written")
    func parses() {
        let text = "Ley 1757 de 2015, Decreto Nacional 1499 de 2017, Resolución No. 3564 de 2015, Ley 1712 del 2014, CONPES 3654 de 2010, Decreto 1499 de 11 de septiembre de 2017"
        let c = LegalCitation.scan(text)
        #expect(c.map(\.name) == ["Ley 1757", "Decreto 1499", "Resolución 3564", "Ley 1712", "CONPES 3654", "Decreto 1499"])
        #expect(c.map(\.year) == [2015, 2017, 2015, 2014, 2010, 2017])
        #expect(c[1].issuer == "nacional")
    }

    @Test("same year repeated, same number under another type, or a small yearly-restarting number: silent")
    func silent() {
        let page = Make.page(1, blocks: [["Decreto 1499 de 2017", "Decreto Nacional 1499 de 2017"],
                                         ["Ley 1499 de 2011"],
                                         ["Resolución 001 de 2020", "Resolución 001 de 2021"],
                                         ["Decreto Distrital 197 de 2014", "Decreto Nacional 197 de 2015"]])
        #expect(rule.check(Make.input(pages: [page]), settings: RuleSettings()).isEmpty)
    }

    @Test("only text naming a type of instrument is tokenized, in any case and with its accents")
    func mayCite() {
        #expect(LegalCitation.mayCite("RESOLUCIÓN 0312 DE 2019"))
        #expect(LegalCitation.mayCite("según la resolución 312"))
        #expect(LegalCitation.mayCite("Decreto 1499"))
        #expect(LegalCitation.mayCite("LEY 1474 DE 2011"))
        #expect(!LegalCitation.mayCite("Meta programada 2023: 45 actividades"))
        #expect(LegalCitation.scan("RESOLUCIÓN 0312 DE 2019").map(\.name) == ["Resolución 312"])
        #expect(LegalCitation.scan("Meta 1499 de 2017").isEmpty)
    }

    @Test("marked inline: one finding for two years of one decree, pointing at both citations")
    func marked() {
        let input = MarkedInput(pages: [[["según dispone el 1️⃣Decreto 1499 de 2017."]],
                                        [["- 2️⃣Decreto 1499 de 2018: por medio del cual se implementa el MIPG"], ["- Ley 1757 de 2015"]]])
        // One finding stands at both markers: each spec finds it.
        assertFindings(rule, in: input, [FindingSpec("1️⃣", ["years": .text("2017, 2018")]), FindingSpec("2️⃣")])
    }
}
