import Foundation
import Testing
@testable import CotejoIngest
import CotejoModel

/// A one-page PDF drawn from a content stream in Helvetica.
enum DrawnPDF {
    static func make(_ draw: String, width: Double = 400, height: Double = 200) -> Data {
        var pdf = MinimalPDF()
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>")
        pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
        pdf.addStream(draw)
        pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        return pdf.data()
    }
}

@Suite struct HiddenTextTests {
    /// "Valor Programado 78" in black; "Valor Ejecutado 45" in white on the white page; "TOTAL 99"
    /// in white on a black band, as table headers are printed.
    static let page = DrawnPDF.make("""
        0 g BT /F1 12 Tf 20 160 Td (Valor Programado 78) Tj ET
        1 g BT /F1 12 Tf 20 120 Td (Valor Ejecutado 45) Tj ET
        0 g 10 30 200 30 re f
        1 g BT /F1 12 Tf 20 40 Td (TOTAL 99) Tj ET
        """)

    @Test func whiteTextOnWhitePaperIsHiddenAndWhiteTextOnABandIsNot() throws {
        let content = try PDFReader().read(url: URL(fileURLWithPath: "hidden.pdf"), data: Self.page)
        let words = content.pages[0].lines.flatMap(\.words)
        func word(_ text: String) throws -> Word { try #require(words.first { $0.text == text }, "\(text) in \(words.map(\.text))") }
        #expect(try word("78").hidden == nil)
        #expect(try word("Programado").hidden == nil)
        #expect(try word("45").hidden == true)
        #expect(try word("Ejecutado").hidden == true)
        #expect(try word("99").hidden == nil)
        #expect(try word("TOTAL").hidden == nil)
        // The line quoting hidden words says so; a source over the hidden figure is stamped.
        let line = try #require(content.pages[0].lines.first { $0.text.contains("45") })
        #expect(line.source.hidden == true)
        let stamped = TextProvenance(content).stamp(Source(page: 1, bbox: try word("45").bbox, text: "45"))
        #expect(stamped.hidden == true)
        #expect(TextProvenance(content).stamp(Source(page: 1, bbox: try word("78").bbox, text: "78")).hidden == nil)
    }

    /// What the drawing settles without a render. The box asked about is a glyph's at the page's
    /// (100, 50) from the top-left, that is PDF y = 150 on the 200 pt page.
    func inkUnder(_ draw: String) throws -> Bool {
        let document = try #require(PathDocument(data: DrawnPDF.make(draw)))
        let drawing = try #require(document.drawing(page: 0))
        return HiddenText.Fills(drawing).inkUnder(BBox(x0: 96, y0: 45, x1: 104, y1: 55))
    }

    @Test func aDarkBandSettlesInkAndAnythingElseIsLeftToTheRender() throws {
        #expect(try inkUnder("0.2 g 50 130 200 40 re f"))
        // Pale paint may render as paper: the render decides.
        #expect(try !inkUnder("0.95 g 50 130 200 40 re f"))
        // White painted over the band, under the glyph, leaves paper.
        #expect(try !inkUnder("0.2 g 50 130 200 40 re f 1 g 90 140 20 20 re f"))
        // A band elsewhere says nothing here; nor does an L-shaped fill whose box covers the point.
        #expect(try !inkUnder("0.2 g 50 20 200 40 re f"))
        #expect(try !inkUnder("0 g 50 100 m 250 100 l 250 120 l 70 120 l 70 190 l 50 190 l h f"))
        // A picture under the point: text printed over it is meant to be read.
        #expect(try inkUnder("q 200 0 0 40 50 130 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \u{FF} EI Q"))
        // Half-transparent black over white is grey enough to be ink; 10 % is not sure.
        #expect(try inkUnder("/GS1 gs 0 g 50 130 200 40 re f", alpha: 0.5))
        #expect(try !inkUnder("/GS1 gs 0 g 50 130 200 40 re f", alpha: 0.1))
    }

    func inkUnder(_ draw: String, alpha: Double) throws -> Bool {
        var pdf = MinimalPDF()
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>")
        pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Resources << /ExtGState << /GS1 5 0 R >> >> /Contents 4 0 R >>")
        pdf.addStream(draw)
        pdf.add("<< /Type /ExtGState /ca \(alpha) >>")
        let document = try #require(PathDocument(data: pdf.data()))
        let drawing = try #require(document.drawing(page: 0))
        return HiddenText.Fills(drawing).inkUnder(BBox(x0: 96, y0: 45, x1: 104, y1: 55))
    }

    /// The band under white text is settled by the drawing, the white text on bare paper by the
    /// render, and the two together give the marks the render alone gave.
    @Test func theDrawingAndTheRenderTogetherMarkAsTheRenderAlone() throws {
        let content = try PDFReader().read(url: URL(fileURLWithPath: "hidden.pdf"), data: Self.page)
        var rendered = PDFReader()
        rendered.rulingsFromPaths = false
        let alone = try rendered.read(url: URL(fileURLWithPath: "hidden.pdf"), data: Self.page)
        #expect(content.pages[0].lines.flatMap(\.words).map(\.hidden) == alone.pages[0].lines.flatMap(\.words).map(\.hidden))
    }

    /// White text where nothing is painted is hidden without a render; anything painted near it,
    /// of any shape, leaves the question to the render: a disc drawn with curves only, a shading,
    /// a black word under it. Marks are those the render alone gives.
    @Test func barePaperIsSettledByTheDrawingAndAnythingPaintedIsLeftToTheRender() throws {
        // A disc of four Bézier curves (pale grey: not dark enough to settle ink), a shading
        // clipped to a box, and black text with white text over it.
        let draw = """
            1 g BT /F1 12 Tf 20 175 Td (blanco 11) Tj ET
            0.9 g 260 170 m 260 181 251 190 240 190 c 229 190 220 181 220 170 c 220 159 229 150 240 150 c 251 150 260 159 260 170 c f
            1 g BT /F1 12 Tf 228 166 Td (22) Tj ET
            q 20 100 80 30 re W n /Sh1 sh Q
            1 g BT /F1 12 Tf 30 110 Td (33) Tj ET
            0 g BT /F1 12 Tf 200 110 Td (44) Tj ET
            1 g BT /F1 12 Tf 200 110 Td (44) Tj ET
            """
        var pdf = MinimalPDF()
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>")
        pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Resources << /Font << /F1 5 0 R >> /Shading << /Sh1 6 0 R >> >> /Contents 4 0 R >>")
        pdf.addStream(draw)
        pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        pdf.add("<< /ShadingType 2 /ColorSpace /DeviceGray /Coords [20 0 100 0] /Function << /FunctionType 2 /Domain [0 1] /C0 [0.7] /C1 [0.2] /N 1 >> >>")
        let data = pdf.data()

        let document = try #require(PathDocument(data: data))
        let drawing = try #require(document.drawing(page: 0))
        let content = try PDFReader().read(url: URL(fileURLWithPath: "bare.pdf"), data: data)
        let words = content.pages[0].lines.flatMap(\.words)
        let paper = try #require(HiddenText.BarePaper(drawing, glyphs: [], paleCount: 1))
        func box(_ text: String) throws -> BBox { try #require(words.first { $0.text == text }?.bbox, "\(text) in \(words.map(\.text))") }
        #expect(paper.isBare(around: try box("11")))
        #expect(!paper.isBare(around: try box("22")), "the disc drawn with curves")
        #expect(!paper.isBare(around: try box("33")), "the shading")
        #expect(words.first { $0.text == "11" }?.hidden == true)

        var rendered = PDFReader()
        rendered.rulingsFromPaths = false
        let alone = try rendered.read(url: URL(fileURLWithPath: "bare.pdf"), data: data)
        #expect(words.map(\.hidden) == alone.pages[0].lines.flatMap(\.words).map(\.hidden))
        #expect(words.filter { $0.hidden == true }.map(\.text).sorted() == ["11", "blanco"])
    }

    /// Image boxes come from the drawing's pass, exact (poppler-glib's mapping, a second pass,
    /// rounded their sizes to whole points).
    @Test func imageBoxesComeFromTheDrawingExactly() throws {
        let page = DrawnPDF.make("0 g BT /F1 12 Tf 20 180 Td (Figura 1) Tj ET q 200.5 0 0 40.5 50 130 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \u{FF} EI Q")
        let content = try PDFReader().read(url: URL(fileURLWithPath: "image.pdf"), data: page)
        let box = try #require(content.pages.first?.images.first)
        #expect(content.pages[0].images.count == 1)
        #expect(abs(box.x0 - 50) < 0.01 && abs(box.x1 - 250.5) < 0.01 && abs(box.y0 - 29.5) < 0.01 && abs(box.y1 - 70) < 0.01, "\(box)")
    }

    /// An image with a soft mask (a PNG with transparency, as slides paste them) is one image,
    /// not two: poppler's default for masked images draws them again as plain ones.
    @Test func aSoftMaskedImageIsCountedOnce() throws {
        var pdf = MinimalPDF()
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>")
        pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>")
        pdf.addStream("q 100 0 0 50 50 100 cm /Im1 Do Q")
        pdf.add(Data("<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /SMask 6 0 R /Length 1 >>\nstream\n".utf8) + Data([0x80]) + Data("\nendstream".utf8))
        pdf.add(Data("<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n".utf8) + Data([0xFF]) + Data("\nendstream".utf8))
        let drawing = try #require(PathDocument(data: pdf.data())?.drawing(page: 0))
        #expect(drawing.images.count == 1, "\(drawing.images)")
    }
}
