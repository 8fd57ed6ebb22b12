import Testing
import CotejoModel
@testable import CotejoChecks

/// A figure OCR was unsure of never makes an accusation.
@Suite("OCR doubt")
struct OCRDoubtTests {
    /// A scanned page whose one line holds "19" read at `confidence`.
    func content(confidence: Double) -> DocumentContent {
        let box = BBox(x0: 100, y0: 100, x1: 120, y1: 110)
        let word = Word(text: "19", bbox: box, fontSize: 10, confidence: confidence)
        let line = TextLine(text: "19", words: [word], source: Source(page: 2, bbox: box, text: "19", ocr: true, confidence: confidence))
        return DocumentContent(format: .pdf, pages: [Page(number: 1, blocks: [Block(lines: [Make.line("Informe", page: 1)])]),
                                                     Page(number: 2, blocks: [Block(lines: [line])], ocr: true)])
    }

    func finding(page: Int) -> Finding {
        Finding(rule: "sum.mismatch", severity: .error, message: "4 + 13 + 2 = 19, no 51", messageEN: "4 + 13 + 2 = 19, not 51",
                source: [Source(page: page, bbox: BBox(x0: 99, y0: 99, x1: 121, y1: 111), text: "19")])
    }

    @Test("an error on a figure read below the threshold becomes a warning showing the confidence")
    func unsure() {
        let out = RuleRegistry.markingSources(of: [finding(page: 2)], in: content(confidence: 0.62))
        #expect(out[0].severity == .warning)
        #expect(out[0].message.contains("OCR") && out[0].message.contains("62 %"))
        #expect(out[0].values["ocr_confidence"] == .number(0.62))
        #expect(out[0].source[0].ocr == true && out[0].source[0].confidence == 0.62)
    }

    @Test("a sure reading keeps its severity, marked as OCR; a finding on a text layer is untouched")
    func sure() {
        let sure = content(confidence: 0.96)
        let kept = RuleRegistry.markingSources(of: [finding(page: 2)], in: sure)
        #expect(kept[0].severity == .error)
        #expect(kept[0].values["ocr_confidence"] == .number(0.96))
        let layer = RuleRegistry.markingSources(of: [finding(page: 1)], in: sure)
        #expect(layer[0] == finding(page: 1))
    }

    @Test("a finding on figures hidden in the file (white on white) says so and keeps its severity; one on visible figures does not")
    func hidden() throws {
        let box = BBox(x0: 100, y0: 100, x1: 120, y1: 110)
        let word = Word(text: "19", bbox: box, fontSize: 10, hidden: true)
        let line = TextLine(text: "19", words: [word], source: Source(page: 2, bbox: box, text: "19", hidden: true))
        let content = DocumentContent(format: .pdf, pages: [Page(number: 1, blocks: [Block(lines: [Make.line("Informe", page: 1)])]),
                                                            Page(number: 2, blocks: [Block(lines: [line])])])
        let out = try #require(RuleRegistry.markingSources(of: [finding(page: 2)], in: content).first)
        #expect(out.severity == .error)
        #expect(out.source[0].hidden == true && out.source[0].ocr == nil)
        #expect(out.message.contains("texto invisible"))
        #expect(out.values["hidden_text"] != nil)
        let visible = try #require(RuleRegistry.markingSources(of: [finding(page: 1)], in: content).first)
        #expect(visible == finding(page: 1))
    }
}
