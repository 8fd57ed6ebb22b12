import Testing
import CotejoModel
@testable import CotejoRecords

/// A paragraph of a PDF page: one line per string, stacked.
func paragraph(_ lines: [String], page: Int = 4) -> TextRegion {
    TextRegion(page: page, lines: lines.enumerated().map { i, text in
        TextLine(text: text, source: Source(page: page, bbox: BBox(x0: 50, y0: 100 + Double(i) * 14, x1: 550, y1: 112 + Double(i) * 14), text: text))
    })
}

@Suite("Prose changes: a rate with the two figures it compares")
struct ProseChangesTests {
    let reader = ProseChanges()

    @Test("a count, a decrease and the previous quarter's count give a signed change claim")
    func countsAcrossLines() throws {
        let r = paragraph(["En este trimestre IV, se presentaron diecinueve (19) comunicaciones, comparado con el trimestre",
                           "anterior, se presentó una disminución del (90%) pues, en el III trimestre se presentaron 36",
                           "comunicaciones"])
        let c = try #require(reader.claims(in: [r]).first)
        #expect(c.kind == .change && c.from == 36 && c.to == 19 && c.reportedPercent == -90)
        #expect(c.fieldSources["from"]?.text == "36" && c.fieldSources["from"]?.page == 4)
        #expect(c.fieldSources["to"]?.text.contains("19") == true, "\(String(describing: c.fieldSources["to"]?.text))")
    }

    @Test("the earlier figure in parentheses after the rate, the counted noun before the current figure")
    func parenthesisedEarlier() throws {
        let r = paragraph(["El 27% de las comunicaciones (8) corresponden al área administrativa, disminuyendo esta área las",
                           "comunicaciones en un 30% (trimestre II: 25 comunicaciones)."])
        let c = try #require(reader.claims(in: [r]).first)
        #expect(c.from == 25 && c.to == 8 && c.reportedPercent == -30)
    }

    @Test("two percentages compare as they stand; the earlier one may come before the change word")
    func percentages() throws {
        let r = paragraph(["El indicador en este trimestre es del 93%, comparado con el trimestre anterior, (Trimestre anterior 92%),",
                           "el indicador aumentó un 1%."])
        let c = try #require(reader.claims(in: [r]).first)
        #expect(c.from == 92 && c.to == 93 && c.reportedPercent == 1)
    }

    @Test("near misses: other nouns, an unsettled subject, an aim, figures in another sentence")
    func nearMisses() {
        // 43 afiliaciones against 45 comunicaciones count different things.
        let nouns = paragraph(["Se realizaron 43 afiliaciones, una disminución del 2% (trimestre anterior 45 comunicaciones)."])
        // Which of 80 % and 20 % "este indicador" is cannot be settled.
        let subject = paragraph(["La satisfacción es del 80%, equivalente a 314 usuarios, y 20% no satisfechos; este indicador",
                                 "disminuyó un 1% (trimestre anterior 81%)."])
        // An infinitive is an aim.
        let aim = paragraph(["Se atendieron 40 usuarios; se busca disminuir en un 10% (trimestre anterior 50 usuarios) la espera."])
        // The current figure stands in the sentence before.
        let apart = paragraph(["Se presentaron 30 comunicaciones.", "Hubo una disminución del 10% (trimestre anterior 37 comunicaciones)."])
        // A count against a percentage: which the author meant is unknown.
        let mixed = paragraph(["Se presentaron 88 comunicaciones, un aumento del 80% pues en el trimestre anterior se presentaron solo 19%."])
        for r in [nouns, subject, aim, apart, mixed] { #expect(reader.claims(in: [r]).isEmpty, "\(r.text)") }
    }
}
