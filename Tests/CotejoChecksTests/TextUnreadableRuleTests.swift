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
