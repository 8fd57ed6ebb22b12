import Foundation
import Testing
@testable import CotejoIngest
import CotejoModel
import CotejoTables
import CTesseract

/// A PDF whose only content is one image per page, as a scanner writes it: what OCR is for.
enum ImageOnlyPDF {
    /// `pages`: 8-bit gray pixels, row-major, at `dpi`.
    static func make(pages: [(pixels: [UInt8], width: Int, height: Int)], dpi: Double) -> Data {
        var pdf = MinimalPDF()
        // 1 catalog, 2 pages, then per page: page, image, contents.
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>")
        let kids = pages.indices.map { "\(3 + 3 * $0) 0 R" }.joined(separator: " ")
        pdf.add("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")
        for (i, page) in pages.enumerated() {
            let w = Double(page.width) * 72 / dpi, h = Double(page.height) * 72 / dpi
            let first = 3 + 3 * i
            pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(w) \(h)] /Resources << /XObject << /Im0 \(first + 1) 0 R >> >> /Contents \(first + 2) 0 R >>")
            pdf.addGrayImage(page.pixels, width: page.width, height: page.height)
            pdf.addStream("q \(w) 0 0 \(h) 0 0 cm /Im0 Do Q")
        }
        return pdf.data()
    }

    /// One page with a text layer (a line of Helvetica at the top) and an image below it: a pasted
    /// slide or infographic inside a born-digital page.
    static func mixed(image: (pixels: [UInt8], width: Int, height: Int), dpi: Double, text: String, overlay: String? = nil) -> Data {
        let w = Double(image.width) * 72 / dpi, h = Double(image.height) * 72 / dpi
        let band = 80.0
        var pdf = MinimalPDF()
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>")
        pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(w) \(h + band)] /Resources << /XObject << /Im0 4 0 R >> /Font << /F1 6 0 R >> >> /Contents 5 0 R >>")
        pdf.addGrayImage(image.pixels, width: image.width, height: image.height)
        var draw = "q \(w) 0 0 \(h) 0 0 cm /Im0 Do Q BT /F1 14 Tf 40 \(h + band / 2) Td (\(text)) Tj ET"
        // Text drawn over the image, as a chart's labels are.
        if let overlay { draw += " 0 g BT /F1 20 Tf \(w * 0.6) \(h * 0.1) Td (\(overlay)) Tj ET" }
        pdf.addStream(draw)
        pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        return pdf.data()
    }

    /// Page `number` (1-based) of a PDF rendered at `dpi`.
    static func render(_ data: Data, page number: Int, dpi: Double) throws -> (pixels: [UInt8], width: Int, height: Int) {
        let document = try PopplerDocumentHandle(data: data)
        let page = try #require(document.page(at: number - 1))
        return try #require(page.renderGray(scale: dpi / 72))
    }
}

/// Words as compared: letters and digits only, folded; punctuation is where OCR and text layers differ most.
private func tokens(_ pages: [Page]) -> [String] {
    pages.flatMap { $0.lines.flatMap(\.words) }.map { $0.text.folded.filter { $0.isLetter || $0.isNumber } }.filter { !$0.isEmpty }
}

@Suite struct OCRTests {
    /// A page of prose and a table of activities (seed 004, page 1).
    static let fixture = "004.pdf", pageNumber = 1
    /// The page OCR is measured on: laws and articles with their numbers and dates (seed 004, page 3).
    static let tableFixture = "004.pdf", tablePage = 3
    /// A ruled table of activities, six columns (seed 004, page 8).
    static let ruledFixture = "004.pdf", ruledPage = 8

    @Test func aScannedPageIsReadWithItsWordsFiguresAndPlaces() throws {
        let original = try Fixtures.data(Self.tableFixture)
        let scan = ImageOnlyPDF.make(pages: [try ImageOnlyPDF.render(original, page: Self.tablePage, dpi: 200)], dpi: 200)
        // Without OCR the scan has no text at all.
        let unread = try PDFReader(ocr: OCRSettings(mode: .never)).read(url: URL(fileURLWithPath: "scan.pdf"), data: scan)
        #expect(unread.pages[0].hasText == false)
        #expect(unread.pages[0].lines.isEmpty)

        let truth = try PDFReader().read(url: URL(fileURLWithPath: Self.tableFixture), data: original)
        let truthPage = truth.pages[Self.tablePage - 1]
        let read = try PDFReader(ocr: OCRSettings(mode: .auto, dpi: 300)).read(url: URL(fileURLWithPath: "scan.pdf"), data: scan)
        let page = read.pages[0]
        #expect(page.ocr)
        #expect(page.hasText)

        // ≥ 95 % of the page's words come back.
        var remaining = tokens([page]).reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        let expected = tokens([truthPage])
        var found = 0
        var missed: [String] = []
        for word in expected {
            if (remaining[word] ?? 0) > 0 { remaining[word]! -= 1; found += 1 } else { missed.append(word) }
        }
        let recall = Double(found) / Double(expected.count)
        #expect(recall >= 0.95, "word recall \(recall) (\(found) of \(expected.count)); missed \(missed)")

        // Every figure comes back at its place (within a few points), with a confidence.
        let ocrWords = page.lines.flatMap(\.words)
        // Figures: digits and their separators only (dates, amounts, percentages), not "5o" (quinto).
        let figures = truthPage.lines.flatMap(\.words).filter { w in
            w.text.contains(where: \.isNumber) && w.text.allSatisfy { $0.isNumber || ".,%:/$-()".contains($0) }
        }
        #expect(figures.count >= 15)
        for figure in figures {
            let match = ocrWords.first { w in
                w.text.filter(\.isNumber) == figure.text.filter(\.isNumber)
                    && abs(w.bbox.midX - figure.bbox.midX) < 6 && abs(w.bbox.midY - figure.bbox.midY) < 6
            }
            #expect(match != nil, "figure \(figure.text) at \(figure.bbox.rounded.array) not read; near it: \(ocrWords.filter { abs($0.bbox.midY - figure.bbox.midY) < 6 }.map(\.text))")
            #expect(match?.confidence != nil)
        }
        // Lines say where they stand and that OCR read them.
        #expect(page.lines.allSatisfy { $0.source.page == 1 && $0.source.bbox != nil && $0.source.ocr == true && $0.source.confidence != nil })
    }

    /// The prose fixture page rendered at 150 dpi, as an upright Leptonica image to turn or tilt.
    static func uprightPage() throws -> (image: PixImage, width: Int, height: Int) {
        let render = try ImageOnlyPDF.render(try Fixtures.data(fixture), page: pageNumber, dpi: 150)
        let image = try #require(PixImage(gray: render.pixels, width: render.width, height: render.height, resolution: 150))
        return (image, render.width, render.height)
    }

    @Test func aScannedRuledTableComesOutAsTheSameGrid() throws {
        let original = try Fixtures.data(Self.ruledFixture)
        let born = TableStage().apply(to: try PDFReader().read(url: URL(fileURLWithPath: Self.ruledFixture), data: original), laidOut: true)
        let bornTable = try #require(born.tables.first { $0.pages.contains(Self.ruledPage) })
        let scan = ImageOnlyPDF.make(pages: [try ImageOnlyPDF.render(original, page: Self.ruledPage, dpi: 200)], dpi: 200)
        let read = TableStage().apply(to: try PDFReader().read(url: URL(fileURLWithPath: "scan.pdf"), data: scan), laidOut: true)
        #expect(read.pages[0].rulings.count >= 10)
        let table = try #require(read.tables.first)
        #expect(table.columnCount == bornTable.columnCount)
        // The rows on this page (the born-digital table may run on to the next page).
        let bornRows = Set(bornTable.cells.filter { $0.source.page == Self.ruledPage }.map(\.row)).count
        #expect(abs(table.rowCount - bornRows) <= 1, "\(table.rowCount) rows against \(bornRows)")
        // Most cells read exactly as the text layer has them ("Disefiar" for "Diseñar" is the OCR's).
        let bornCells = bornTable.cells.filter { $0.source.page == Self.ruledPage && !$0.text.isEmpty }.map { $0.text.folded }
        let readCells = Set(table.cells.map { $0.text.folded })
        let same = bornCells.filter(readCells.contains).count
        #expect(Double(same) >= 0.7 * Double(bornCells.count), "\(same) of \(bornCells.count) cells read exactly")
    }

    @Test func aPageScannedSidewaysIsTurnedUpright() throws {
        let upright = try Self.uprightPage()
        // Fed into the scanner sideways: the text runs up the page.
        let sideways = try #require(upright.image.turned(clockwiseQuarters: 3)?.grayPixels())
        let scan = ImageOnlyPDF.make(pages: [(sideways, upright.height, upright.width)], dpi: 150)
        let read = try PDFReader(ocr: OCRSettings(dpi: 200)).read(url: URL(fileURLWithPath: "scan.pdf"), data: scan)
        let page = read.pages[0]
        #expect(page.readingFrame?.quarterTurns == 1)
        #expect(page.width < page.height, "read upright: portrait again")
        let text = page.lines.map(\.text).joined(separator: " ").folded
        #expect(text.contains("participacion ciudadana"))
    }

    @Test func aSkewedScanIsStraightenedAndItsWordsStandWhereTheyStoodOnThePage() throws {
        let upright = try Self.uprightPage()
        // Laid on the scanner 2° askew.
        let skewed = try #require(upright.image.rotated(clockwiseDegrees: 2)?.grayPixels())
        let scan = ImageOnlyPDF.make(pages: [(skewed, upright.width, upright.height)], dpi: 150)
        let page = try PDFReader(ocr: OCRSettings(dpi: 200)).read(url: URL(fileURLWithPath: "scan.pdf"), data: scan).pages[0]
        let frame = try #require(page.readingFrame)
        #expect(abs(frame.skewDegrees + 2) < 0.5, "deskewed by \(frame.skewDegrees)°")
        // Read straight, the words stand where the text layer has them (the page was turned about its centre).
        let truth = try PDFReader().read(url: URL(fileURLWithPath: Self.fixture), data: try Fixtures.data(Self.fixture)).pages[Self.pageNumber - 1]
        let truthWords = truth.lines.flatMap(\.words).filter { $0.text.count >= 6 }
        let readWords = page.lines.flatMap(\.words)
        var placed = 0
        for word in truthWords where readWords.contains(where: {
            $0.text == word.text && abs($0.bbox.midX - word.bbox.midX) < 4 && abs($0.bbox.midY - word.bbox.midY) < 4
        }) { placed += 1 }
        #expect(Double(placed) >= 0.9 * Double(truthWords.count), "\(placed) of \(truthWords.count) long words in place")
    }

    @Test func aPageWithTooLittleTextToTurnIsNoted() throws {
        // A blank page with a frame: an image, but nothing to read.
        var pixels = [UInt8](repeating: 255, count: 600 * 800)
        for x in 50..<550 { pixels[50 * 600 + x] = 0; pixels[750 * 600 + x] = 0 }
        let scan = ImageOnlyPDF.make(pages: [(pixels, 600, 800)], dpi: 100)
        let read = try PDFReader().read(url: URL(fileURLWithPath: "blank.pdf"), data: scan)
        #expect(read.pages[0].ocr)
        #expect(read.notes.contains { $0.contains("could not settle which way") })
    }

    @Test func theTimeLimitLeavesPagesUnreadAndSaysSo() throws {
        let original = try Fixtures.data(Self.fixture)
        let render = try ImageOnlyPDF.render(original, page: Self.pageNumber, dpi: 150)
        let scan = ImageOnlyPDF.make(pages: [render, render], dpi: 150)
        let read = try PDFReader(ocr: OCRSettings(secondsPerDocument: 0.001)).read(url: URL(fileURLWithPath: "scan.pdf"), data: scan)
        #expect(read.pages.allSatisfy { !$0.hasText })
        #expect(read.problems.contains { $0.kind == .pageNotRead && ($0.detail.contains("OCR time limit") || $0.detail.contains("OCR stopped at the time limit")) })
        #expect(read.status == .partial)
    }

    @Test func imagesAreDocuments() throws {
        let image = try Self.uprightPage().image
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cotejo-ocr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // A PNG, and a TIFF of two pages.
        let png = dir.appendingPathComponent("page.png").path, tiff = dir.appendingPathComponent("pages.tif").path
        #expect(pixWrite(png, image.raw, l_int32(IFF_PNG)) == 0)
        let pixa = try #require(pixaCreate(2))
        defer { var p: UnsafeMutablePointer<PIXA>? = pixa; pixaDestroy(&p) }
        pixaAddPix(pixa, image.raw, l_int32(L_COPY)); pixaAddPix(pixa, image.raw, l_int32(L_COPY))
        #expect(pixaWriteMultipageTiff(tiff, pixa) == 0)

        let pngData = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(FormatSniffer.sniff(pngData, fileExtension: "png") == .readable(.image))
        let one = try ImageReader().read(url: URL(fileURLWithPath: png), data: pngData)
        #expect(one.pages.count == 1)
        #expect(one.pages[0].ocr && one.pages[0].hasText)
        // Points at the image's resolution: a letter page.
        #expect(abs(one.pages[0].width - 612) < 2)
        #expect(one.pages[0].lines.map(\.text).joined(separator: " ").folded.contains("participacion ciudadana"))

        let two = try ImageReader().read(url: URL(fileURLWithPath: tiff), data: try Data(contentsOf: URL(fileURLWithPath: tiff)))
        #expect(two.pages.map(\.number) == [1, 2])
        #expect(two.pages.allSatisfy { $0.hasText })
    }

    /// Born-digital pages are never read by OCR; of a born-digital document only the images with no
    /// text over them are (seed 000's statistics are pictures of a chart), and only the words inside
    /// them carry a confidence.
    @Test func bornDigitalPagesAreNeverReadByOCR() throws {
        for name in ["000.pdf", "001.pdf", "003.pdf", "004.pdf"] {
            let content = try PDFReader().read(url: Fixtures.url(name), data: try Fixtures.data(name))
            #expect(content.pages.allSatisfy { !$0.ocr }, "\(name)")
            for page in content.pages {
                let inRegions = page.lines.flatMap(\.words).filter { w in page.ocrRegions.contains { $0.intersection(w.bbox) != nil } }
                let outside = page.lines.flatMap(\.words).filter { w in !page.ocrRegions.contains { $0.intersection(w.bbox) != nil } }
                #expect(outside.allSatisfy { $0.confidence == nil }, "\(name) p\(page.number)")
                #expect(inRegions.allSatisfy { $0.confidence != nil }, "\(name) p\(page.number)")
            }
            if name != "000.pdf" { #expect(content.pages.allSatisfy { $0.ocrRegions.isEmpty }, "\(name)") }
        }
    }

    /// An image of text inside a page that has a text layer is read: its words join the page with
    /// their confidence and place, the text layer's words keep none. With OCR off it stays unread.
    @Test func anImageOfTextInsideATextPageIsRead() throws {
        let render = try ImageOnlyPDF.render(try Fixtures.data(Self.tableFixture), page: Self.tablePage, dpi: 200)
        let top = (pixels: Array(render.pixels[0..<(render.width * render.height / 2)]), width: render.width, height: render.height / 2)
        let pdf = ImageOnlyPDF.mixed(image: top, dpi: 200, text: "Informe de gestion", overlay: "Total 4321")
        let page = try PDFReader().read(url: URL(fileURLWithPath: "mixed.pdf"), data: pdf).pages[0]
        #expect(!page.ocr)
        #expect(page.ocrRegions.count == 1)
        let words = page.lines.flatMap(\.words)
        let layer = words.filter { $0.confidence == nil }
        #expect(layer.map(\.text).sorted() == ["4321", "Informe", "Total", "de", "gestion"])
        // The label drawn over the image is the text layer's; OCR's reading of it is dropped.
        let label = try #require(layer.first { $0.text == "4321" })
        #expect(!words.contains { $0.confidence != nil && $0.bbox.intersection(label.bbox) != nil })
        let read = words.filter { $0.confidence != nil }
        #expect(read.count >= 20)
        #expect(read.contains { $0.text.contains(where: \.isNumber) })
        #expect(read.allSatisfy { w in page.ocrRegions[0].intersection(w.bbox) != nil })
        // Provenance: a source over the image stands on OCR; the title line does not.
        let provenance = TextProvenance(DocumentContent(format: .pdf, pages: [page]))
        let figure = try #require(read.first { $0.text.contains(where: \.isNumber) })
        #expect(provenance.stamp(Source(page: 1, bbox: figure.bbox, text: figure.text)).ocr == true)
        #expect(provenance.stamp(Source(page: 1, bbox: layer[0].bbox, text: "Informe")).ocr == nil)

        let off = try PDFReader(ocr: OCRSettings(mode: .never)).read(url: URL(fileURLWithPath: "mixed.pdf"), data: pdf).pages[0]
        #expect(off.ocrRegions.isEmpty)
        #expect(off.lines.flatMap(\.words).count == 5)
    }
}
