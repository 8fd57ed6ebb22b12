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
}
