import Foundation
import Testing
@testable import CotejoIngest
import CotejoModel

/// The text read in the drawing's pass (poppler's core API) must be poppler-glib's text, character for
/// character: the layout, records and every box downstream were built on what poppler-glib gives.
@Suite struct OnePassTextTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")

    /// Every page of `data`: the glyphs of both passes, side by side.
    func bothPasses(_ data: Data) throws -> [(glib: [Glyph], onePass: [Glyph])] {
        let document = try PopplerDocumentHandle(data: data)
        let paths = try #require(PathDocument(data: data))
        return try (0..<document.pageCount).map { index in
            let page = try #require(document.page(at: index))
            let glib = page.glyphs()
            #expect(glib.alignmentProblem == nil)
            let drawing = try #require(paths.drawing(page: index))
            return (glib.glyphs, try #require(drawing.text).glyphs)
        }
    }

    func expectSame(_ glib: [Glyph], _ onePass: [Glyph], _ label: String) {
        #expect(glib.count == onePass.count, "\(label): \(glib.count) glyphs from poppler-glib, \(onePass.count) in one pass")
        for (i, (a, b)) in zip(glib, onePass).enumerated() {
            let same = a.scalar == b.scalar && a.box == b.box && a.fontSize == b.fontSize && a.bold == b.bold
                && a.pale == b.pale && a.isSpace == b.isSpace && a.isLineEnd == b.isLineEnd
            #expect(same, "\(label), glyph \(i): \(a) against \(b)")
            if !same { return }
        }
    }

    @Test func everyFixturePageReadsAsPopplerGlibReadsIt() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".pdf") }
        #expect(names.count >= 4)
        for name in names.sorted() {
            let passes = try bothPasses(try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
            for (number, pass) in passes.enumerated() {
                expectSame(pass.glib, pass.onePass, "\(name) page \(number + 1)")
            }
            #expect(passes.contains { !$0.onePass.isEmpty }, "\(name) has text")
        }
    }

    /// White text (pale), a bold face with a subset tag, accented letters, words spaced apart and
    /// lines, and a page shown a quarter turn (/Rotate 90), whose text poppler lays out turned.
    @Test func whiteBoldAccentedAndTurnedTextReadAsPopplerGlibReadsIt() throws {
        var pdf = MinimalPDF()
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>")
        pdf.add("<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>")
        pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Resources << /Font << /F1 5 0 R /F2 8 0 R >> >> /Contents 4 0 R >>")
        pdf.addStream("""
            0 g BT /F1 12 Tf 20 160 Td (Ejecuci\\363n   del   a\\361o 2023) Tj ET
            1 g BT /F2 10 Tf 20 120 Td (TOTAL 99,5 %) Tj ET
            0 g BT /F2 9 Tf 20 80 Td (Meta) Tj 120 0 Td (Resultado) Tj ET
            """)
        pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Rotate 90 /Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>")
        pdf.addStream("0 g BT /F1 12 Tf 20 100 Td (Informe de gesti\\363n) Tj ET")
        pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Helvetica-Bold >>")
        let passes = try bothPasses(pdf.data())
        #expect(passes.count == 2)
        for (number, pass) in passes.enumerated() { expectSame(pass.glib, pass.onePass, "page \(number + 1)") }
        let first = passes[0].onePass
        var text = ""
        text.unicodeScalars.append(contentsOf: first.map(\.scalar))
        #expect(text.contains("Ejecución del año 2023"), "\(text)")
        #expect(first.contains { $0.pale && $0.bold && $0.scalar == "T" })
        #expect(first.contains { $0.isLineEnd })
    }
}
