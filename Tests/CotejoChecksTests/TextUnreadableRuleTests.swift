import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("text.unreadable")
struct TextUnreadableRuleTests {
    let rule = TextUnreadableRule()

    @Test("a large image with no text over it fires; a logo does not")
    func images() {
        var page = Make.page(6, blocks: [["6. ESTADÍSTICAS DE INTERACCIÓN"]])
        page.images = [BBox(x0: 50, y0: 200, x1: 560, y1: 600)]
        let f = rule.check(Make.input(pages: [page]), settings: RuleSettings())
        #expect(f.count == 1)
        #expect(f.first?.source.first?.page == 6)
        page.images = [BBox(x0: 20, y0: 20, x1: 80, y1: 60)]
        #expect(rule.check(Make.input(pages: [page]), settings: RuleSettings()).isEmpty)
    }

    /// A line of words at height `y`, read by OCR when `confidence` is given.
    func words(_ text: String, y: Double, confidence: Double? = nil) -> TextLine {
        let ws = text.split(separator: " ").enumerated().map { i, t in
            Word(text: String(t), bbox: BBox(x0: 100 + Double(i) * 60, y0: y, x1: 150 + Double(i) * 60, y1: y + 12), confidence: confidence)
        }
        return TextLine(text: text, words: ws, source: Source(page: 6, bbox: BBox(x0: 100, y0: y, x1: 150 + Double(ws.count - 1) * 60, y1: y + 12), text: text))
    }

    @Test("an image OCR read inside a text page: fires with what OCR read when it holds figures; a picture or a chart labelled in the text layer does not")
    func imagesReadInsideTextPages() throws {
        let image = BBox(x0: 50, y0: 200, x1: 560, y1: 600)
        var page = Make.page(6, blocks: [["6. ESTADÍSTICAS DE INTERACCIÓN"]])
        page.images = [image]
        page.ocrRegions = [image]
        page.blocks.append(Block(lines: [words("Se actualizaron 61 documentos", y: 220, confidence: 0.93),
                                         words("Manuales: 2", y: 240, confidence: 0.9), words("Formatos: 34", y: 260, confidence: 0.95)]))
        let f = rule.check(Make.input(pages: [page]), settings: RuleSettings())
        let x = try #require(f.first)
        #expect(f.count == 1)
        #expect(x.values["ocr_lines"] == .number(3))
        #expect(x.message.contains("OCR leyó 3 líneas"))
        // A cover picture whose lettering OCR read has no figure to check.
        page.blocks[1] = Block(lines: [words("Plan de Desarrollo", y: 220, confidence: 0.6), words("AB", y: 240, confidence: 0.3),
                                       words("Alcaldía", y: 260, confidence: 0.8)])
        #expect(rule.check(Make.input(pages: [page]), settings: RuleSettings()).isEmpty)
        // A chart whose figures are written in the text layer over its bars.
        page.ocrRegions = []
        page.blocks[1] = Block(lines: [words("90% 1051", y: 300), words("147 12%", y: 400)])
        #expect(rule.check(Make.input(pages: [page]), settings: RuleSettings()).isEmpty)
    }

    @Test("a page read by OCR fires only when OCR found next to nothing on it")
    func ocrPages() {
        var page = Make.page(1, blocks: [["Informe de gestión", "Se programaron 10 actividades", "y se ejecutaron 8"]])
        page.ocr = true
        page.images = [BBox(x0: 0, y0: 0, x1: 612, y1: 792)]
        #expect(rule.check(Make.input(pages: [page]), settings: RuleSettings()).isEmpty)
        page.blocks = [Block(lines: [Make.line("•", page: 1, y: 40)])]
        let f = rule.check(Make.input(pages: [page]), settings: RuleSettings())
        #expect(f.count == 1)
        #expect(f.first?.message.contains("OCR") == true)
    }
}
