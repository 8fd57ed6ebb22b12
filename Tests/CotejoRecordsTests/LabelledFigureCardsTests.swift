import Testing
import CotejoModel
@testable import CotejoRecords

/// A PDF page with cards: each card a column of lines starting at `x`, 20 points apart.
func cardPage(_ columns: [(x: Double, lines: [String])]) -> DocumentContent {
    var blocks: [Block] = []
    for col in columns {
        for (i, text) in col.lines.enumerated() where !text.isEmpty {
            let box = BBox(x0: col.x, y0: 300 + Double(i) * 20, x1: col.x + 150, y1: 311 + Double(i) * 20)
            blocks.append(Block(lines: [TextLine(text: text, source: Source(page: 14, bbox: box, text: text))]))
        }
    }
    return DocumentContent(format: .pdf, pages: [Page(number: 14, width: 612, height: 792, blocks: blocks)])
}

@Suite("Labelled figure cards: stacked \"label: figure\" lines")
struct LabelledFigureCardsTests {
    let reader = LabelledFigureCards()

    @Test("two cards side by side: each percentage is the share of the part it names, of the card's first count")
    func twoCards() throws {
        let r = reader.read(cardPage([
            (54, ["I TRIMESTRE 2022", "Usuarios Encuestados: 217", "Usuarios satisfechos: 177", "Usuarios no satisfechos: 40",
                  "% de satisfacción: 80%", "total, usuarios no satisfechos: 20%"]),
            (314, ["IV TRIMESTRE 2021:", "Total, usuarios encuestados: 277", "Usuarios satisfechos: 224", "Usuarios no satisfechos: 53",
                   "% satisfaccion:81%"])]))
        let sat = try #require(r.claims.first { $0.whole == 217 && $0.reportedPercent == 80 })
        #expect(sat.part == 177 && sat.label == "I TRIMESTRE 2022: Usuarios satisfechos")
        #expect(sat.fieldSources["whole"]?.text == "217" && sat.fieldSources["part"]?.page == 14)
        #expect(r.claims.contains { $0.whole == 217 && $0.part == 40 && $0.reportedPercent == 20 })
        #expect(r.claims.contains { $0.whole == 277 && $0.part == 224 && $0.reportedPercent == 81 })
        #expect(r.claims.count == 3)
        // "satisfechos" and "no satisfechos" split the whole.
        #expect(Set(r.sums.map(\.total)) == [217, 277])
        #expect(r.sums.first { $0.total == 217 }?.parts == [177, 40])
    }

    @Test("a line left without its figure stays inside its card")
    func missingFigure() {
        let r = reader.read(cardPage([(312, ["Usuarios encuestados: 279", "Usuarios satisfechos: 226", "Usuarios No satisfechos",
                                             "% de satisfacción: 77%"])]))
        #expect(r.claims.map(\.part) == [226])
    }

    @Test("near misses: a first count smaller than another, two parts a percentage could name, a list of figures")
    func nearMisses() {
        // The first count is not the whole when a later one is larger.
        let notWhole = reader.read(cardPage([(54, ["Quejas: 12", "Peticiones: 30", "Felicitaciones: 5", "% quejas: 40%"])]))
        // "% atendidas" names both parts alike: which it is a share of is unsettled.
        let tie = reader.read(cardPage([(54, ["Solicitudes: 50", "Atendidas en enero: 20", "Atendidas en febrero: 25",
                                              "% atendidas: 40%"])]))
        // Lines in different columns are different cards.
        let apart = reader.read(cardPage([(54, ["Usuarios encuestados: 217"]), (300, ["Usuarios satisfechos: 177"]),
                                          (500, ["% de satisfacción: 80%"])]))
        #expect(notWhole.claims.isEmpty && tie.claims.isEmpty && apart.claims.isEmpty && apart.sums.isEmpty)
    }
}
