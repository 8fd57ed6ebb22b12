import Foundation
import Testing
import CotejoModel
@testable import CotejoIngest

@Suite struct FurnitureDetectorTests {
    func line(_ text: String, y: Double, page: Int) -> TextLine {
        TextLine(text: text, source: Source(page: page, bbox: BBox(x0: 72, y0: y, x1: 300, y1: y + 10), text: text))
    }

    func pages(_ count: Int, header: (Int) -> String, body: (Int) -> String) -> DocumentContent {
        let pages = (1...count).map { n in
            Page(number: n, width: 612, height: 792, blocks: [
                Block(lines: [line(header(n), y: 30, page: n)]),
                Block(lines: [line(body(n), y: 300, page: n)]),
                Block(lines: [line("\(n)", y: 760, page: n)]),
            ])
        }
        return DocumentContent(format: .pdf, pages: pages)
    }

    @Test func runningHeadersAndPageNumbers() {
        let content = FurnitureDetector().apply(to: pages(4, header: { "PÁGINA \($0) de 4" }, body: { "Cuerpo del texto \($0)" }))
        for page in content.pages {
            #expect(page.bodyLines.map(\.text) == ["Cuerpo del texto \(page.number)"])
            #expect(page.blocks.filter { $0.role == .furniture }.count == 2)
        }
    }

    @Test func repeatedHeaderByPosition() {
        let content = FurnitureDetector().apply(to: pages(3, header: { _ in "DIRECCIONAMIENTO ESTRATÉGICO" }, body: { _ in "Texto igual en el cuerpo" }))
        // The header repeats in the top band and goes; the body repeats too but stands mid-page and stays.
        #expect(content.pages.allSatisfy { $0.bodyLines.map(\.text) == ["Texto igual en el cuerpo"] })
    }

    @Test func textThatAppearsOnceStays() {
        let content = FurnitureDetector().apply(to: pages(3, header: { "Título de la sección \($0 == 1 ? "uno" : $0 == 2 ? "dos" : "tres")" }, body: { _ in "x" }))
        #expect(content.pages[0].bodyLines.map(\.text).first == "Título de la sección uno")
    }

    @Test func approvalBlockAndPageNumberPatterns() {
        #expect(FurnitureDetector.opensApprovalBlock("elaboro: sandy milena"))
        #expect(FurnitureDetector.opensApprovalBlock("aprobo:"))
        #expect(!FurnitureDetector.opensApprovalBlock("elaborar el diagnostico"))
        #expect(FurnitureDetector.isPageNumber("pagina 2 de 12"))
        #expect(FurnitureDetector.isPageNumber("3 / 9"))
        #expect(!FurnitureDetector.isPageNumber("3 de 2021"))
        #expect(!FurnitureDetector.isPageNumber("se programaron 69"))
    }

    @Test func unpagedTextRepeats() {
        var lines: [Block] = []
        for i in 0..<3 {
            lines.append(Block(lines: [TextLine(text: "SANDY MILENA RAMIREZ SERNA", source: Source(line: i * 10 + 1, text: ""))]))
            lines.append(Block(lines: [TextLine(text: "100%", source: Source(line: i * 10 + 2, text: ""))]))
            lines.append(Block(lines: [TextLine(text: "Párrafo \(i)", source: Source(line: i * 10 + 3, text: ""))]))
        }
        let content = FurnitureDetector().apply(to: DocumentContent(format: .txt, pages: [Page(number: 1, blocks: lines)]))
        // Names repeated on every page go; a repeated figure is data and stays.
        #expect(content.pages[0].bodyLines.map(\.text) == ["100%", "Párrafo 0", "100%", "Párrafo 1", "100%", "Párrafo 2"])
    }

    /// Table rows with templated text at the same height on several pages repeat with masked digits
    /// like a running header, but their numbers do not keep step with the pages: they stay body.
    @Test func templatedTableRowsAreNotRunningHeaders() {
        let pages = (1...3).map { n in
            Page(number: n, width: 612, height: 792, blocks: [
                Block(lines: [line("PÁGINA \(n) de 3", y: 20, page: n)]),
                Block(lines: [line("Actividad número \(n * 27) del plan", y: 60, page: n)]),
                Block(lines: [line("con su descripción larga", y: 72, page: n)]),
                Block(lines: [line("\(n * 7)", y: 84, page: n)]),
                Block(lines: [line("Cuerpo", y: 400, page: n)]),
            ])
        }
        let content = FurnitureDetector().apply(to: DocumentContent(format: .pdf, pages: pages))
        for page in content.pages {
            #expect(page.bodyLines.map(\.text) == ["Actividad número \(page.number * 27) del plan", "con su descripción larga", "\(page.number * 7)", "Cuerpo"])
        }
    }

    @Test func numbersInStepWithPages() {
        #expect(FurnitureDetector.numbersKeepStepWithPages([(2, "pagina 2 de 9"), (3, "pagina 3 de 9"), (5, "pagina 5 de 9")]))
        #expect(FurnitureDetector.numbersKeepStepWithPages([(2, "vigente desde 04/10/2022"), (3, "vigente desde 04/10/2022")]))
        #expect(!FurnitureDetector.numbersKeepStepWithPages([(2, "actividad numero 24"), (3, "actividad numero 51")]))
    }
}

@Suite("furniture the file declares")
struct DeclaredFurnitureTests {
    @Test("a block a reader found in a declared part becomes furniture here, with the file's reason; other blocks stay as they are")
    func declared() {
        let nav = Block(lines: [TextLine(text: "Inicio", source: Source(xpath: "/html/body/nav", text: "Inicio"))], declaredFurniture: .htmlNav)
        let body = Block(lines: [TextLine(text: "Meta programada 12", source: Source(xpath: "/html/body/p", text: "Meta programada 12"))])
        let content = DocumentContent(format: .html, pages: [Page(number: 1, blocks: [nav, body])])
        let marked = FurnitureDetector().apply(to: content)
        #expect(marked.pages[0].blocks.map(\.role) == [.furniture, .body])
        #expect(marked.pages[0].blocks[0].reason == .htmlNav)
        #expect(marked.pages[0].blocks[1].reason == nil)
    }
}
