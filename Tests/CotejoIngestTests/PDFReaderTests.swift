import Foundation
import Testing
import CotejoIngest
import CotejoModel

/// Tests of `PDFReader` against the committed fixtures. Expected boxes come from
/// `pdftotext -bbox-layout` on the same files (points, top-left origin).
@Suite struct PDFReaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")

    /// Reads a fixture; rulings only when the test needs them (rendering is the slow part).
    func read(_ name: String, rulings: Bool = false) throws -> DocumentContent {
        let url = Self.fixtures.appendingPathComponent(name)
        var reader = PDFReader()
        reader.detectRulings = rulings
        return try reader.read(url: url, data: try Data(contentsOf: url))
    }

    func word(_ text: String, in page: Page) -> Word? {
        page.lines.flatMap(\.words).first { $0.text == text }
    }

    func close(_ box: BBox?, _ expected: [Double], tolerance: Double = 0.5) -> Bool {
        guard let box else { return false }
        return zip(box.array, expected).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test func pageCountsAndSizes() throws {
        let expected = ["000.pdf": 9, "001.pdf": 33, "003.pdf": 2, "004.pdf": 12]
        for (name, count) in expected {
            let content = try read(name)
            #expect(content.format == .pdf)
            #expect(content.pages.count == count, "\(name)")
            #expect(content.pages.map(\.number) == Array(1...count), "\(name)")
            #expect(content.tables.isEmpty)
        }
        let deck = try read("001.pdf")
        #expect(abs(deck.pages[0].width - 959.98) < 0.1 && deck.pages[0].height == 540)
        let sheet = try read("003.pdf")
        #expect(sheet.pages[0].width == 1008 && sheet.pages[0].height == 612)
    }

    @Test func headerPageNumberIsFoundAtTheTopOfPageOne() throws {
        let page = try read("000.pdf").pages[0]
        let line = try #require(page.lines.first { $0.text == "PÁGINA 1 de 9" })
        let box = try #require(line.bbox)
        #expect(box.y1 < page.height * 0.15)
        #expect(box.x0 > page.width / 2)
        #expect(line.source.page == 1)
        #expect(line.source.text == "PÁGINA 1 de 9")
        #expect(line.words.map(\.text) == ["PÁGINA", "1", "de", "9"])
        #expect(abs(line.fontSize - 8) < 0.01)
        // Boxes as pdftotext gives them: alignment of characters and boxes holds past "Ó", "É", "Á".
        #expect(close(word("PÁGINA", in: page)?.bbox, [403.6, 56.7, 433.81, 67.1]))
        #expect(close(word("GESTIÓN", in: page)?.bbox, [303.15, 65.15, 352.58, 79.45]))
        #expect(close(word("DIRECCIONAMIENTO", in: page)?.bbox, [194.4, 39.55, 306.77, 53.85]))
    }

    @Test func multiByteCharactersKeepTheirBoxes() throws {
        let page = try read("000.pdf").pages[1]
        let line = try #require(page.lines.first { $0.text.hasPrefix("2022: Políticas Públicas") })
        #expect(line.text == "2022: Políticas Públicas, Modelo Integrado de Planeación y Gestión – MIPG y Causas")
        let words = line.words
        let dash = try #require(words.firstIndex { $0.text == "–" })
        #expect(words[dash - 1].text == "Gestión" && words[dash + 1].text == "MIPG")
        #expect(close(words[dash - 1].bbox, [396.92, 199.25, 434.83, 213.55]))
        #expect(close(words[dash].bbox, [441.99, 199.25, 448.10, 213.55]))
        #expect(close(words[dash + 1].bbox, [455.26, 199.25, 483.39, 213.55]))
    }

    @Test func typeFaces() throws {
        let page = try read("000.pdf").pages[0]
        let title = try #require(page.lines.first { $0.text == "DIRECCIONAMIENTO ESTRATÉGICO" })
        #expect(title.bold)
        #expect(abs(title.fontSize - 11) < 0.01)
        #expect(title.words.allSatisfy { $0.bold && abs($0.fontSize - 11) < 0.01 })
        let code = try #require(page.lines.first { $0.text.hasPrefix("CÓDIGO") })
        #expect(!code.bold)
    }

    @Test func slideFiguresAreSeparateLines() throws {
        let deck = try read("001.pdf")
        let page = try #require(deck.pages.first { page in
            page.lines.contains { $0.text.contains("Desarrollar la estrategia de difusión") }
        })
        let description = try #require(page.lines.first { $0.text.contains("Desarrollar la estrategia de difusión") })
        #expect(!description.text.contains("29"))
        #expect(description.text.hasSuffix("Modelo de Gobierno Abierto."))
        let descriptionBox = try #require(description.bbox)

        // Each figure is a line of its own on the same row, left to right after the description.
        var previousX = descriptionBox.x1
        for figure in ["29", "20", "145%"] {
            let line = try #require(page.lines.first { line in
                line.text == figure && (line.bbox.map { $0.verticalOverlap(descriptionBox) > 0.5 } ?? false)
            }, "figure \(figure)")
            let box = try #require(line.bbox)
            #expect(box.x0 > previousX)
            #expect(line.source.page == page.number)
            previousX = box.x1
        }
        // The figures are blocks of their own, read after the description.
        let blockTexts = page.blocks.map(\.text)
        let order = ["Desarrollar la estrategia de difusión y posicionamiento del Modelo de Gobierno Abierto.", "29", "20", "145%"]
            .compactMap { text in blockTexts.firstIndex(of: text) }
        #expect(order.count == 4 && order == order.sorted())
    }

    @Test func paragraphsBecomeBlocks() throws {
        let page = try read("004.pdf").pages[1]
        // Body text of page 2 of 004.pdf: lines 14.5 pt apart, paragraphs 20.5 pt apart.
        let multiLine = page.blocks.filter { $0.lines.count >= 3 }
        #expect(multiLine.count >= 3)
        for block in page.blocks {
            let tops = block.lines.compactMap { $0.bbox?.y0 }
            #expect(tops == tops.sorted())
        }
        // Reading order: blocks go down the page.
        let tops = page.blocks.compactMap { $0.source.bbox?.y0 }
        #expect(tops.first! < tops.last!)
        #expect(page.rulings.isEmpty)   // detection was off
    }

    @Test func spreadsheetHasRulings() throws {
        let page = try read("003.pdf", rulings: true).pages[0]
        let horizontal = page.rulings.filter(\.isHorizontal)
        let vertical = page.rulings.filter { !$0.isHorizontal }
        #expect(horizontal.count >= 8)
        #expect(vertical.count >= 10)
        // The table's frame spans most of the page width and height of the table.
        #expect(horizontal.contains { abs($0.x1 - $0.x0) > page.width * 0.8 })
        #expect(vertical.contains { abs($0.y1 - $0.y0) > 250 })
        // Thin: a ruling is a line, in page coordinates.
        for r in page.rulings {
            #expect(r.isHorizontal ? r.y0 == r.y1 : r.x0 == r.x1)
            #expect(r.x0 >= 0 && r.x1 <= page.width + 1 && r.y0 >= 0 && r.y1 <= page.height + 1)
        }
        // Cells side by side stay apart: no line runs across a column rule.
        for line in page.lines {
            guard let box = line.bbox else { continue }
            let crossed = vertical.contains { r in
                r.x0 > box.x0 + 1 && r.x0 < box.x1 - 1 && box.midY > min(r.y0, r.y1) && box.midY < max(r.y0, r.y1)
            }
            #expect(!crossed, "\(line.text)")
        }
    }

    @Test func bodyTextMakesNoRulings() throws {
        // Page 2 of 004.pdf is running text under the header table: the text itself must not turn
        // into rulings, so every ruling lies outside the body's lines.
        let page = try read("004.pdf", rulings: true).pages[1]
        let body = page.lines.filter { $0.fontSize == 11 }.compactMap(\.bbox)
        #expect(body.count > 10)
        for r in page.rulings {
            let box = BBox(x0: r.x0, y0: r.y0 - 0.1, x1: r.x1, y1: r.y1 + 0.1)
            #expect(!body.contains { $0.intersection(box).map { $0.area > 1 } ?? false }, "\(r)")
        }
    }

    @Test func imagesAndTextLayer() throws {
        let content = try read("000.pdf")
        let large = content.pages.filter { page in
            page.images.contains { $0.area > page.width * page.height * 0.2 }
        }
        #expect(!large.isEmpty)
        for page in large {
            for image in page.images {
                #expect(image.x0 >= -1 && image.y0 >= -1 && image.x1 <= page.width + 1 && image.y1 <= page.height + 1)
            }
        }
        #expect(content.pages.allSatisfy { $0.hasText })
    }

    @Test func metadata() throws {
        let content = try read("000.pdf")
        #expect(content.metadata["title"] == "Informe Foros Virtuales de Participación 2022")
        #expect(content.metadata["producer"]?.contains("LibreOffice") == true)
        #expect(content.metadata["creator"] == "Writer")
        let created = try #require(content.metadata["created"])
        #expect(created.range(of: #"^\d{4}-\d{2}-\d{2}T"#, options: .regularExpression) != nil)
        #expect(content.metadata["subject"] == nil)   // not set in the file: left out, not empty
        #expect(content.metadata.values.allSatisfy { !$0.isEmpty })
    }

    @Test func encryptedPDFIsReported() throws {
        let url = Self.fixtures.deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/encrypted.pdf")
        let data = try Data(contentsOf: url)
        #expect(data.count < 20_000)
        #expect(throws: ReadError.encrypted) { try PDFReader().read(url: url, data: data) }
    }

    @Test func truncatedPDFIsDamaged() throws {
        let source = try Data(contentsOf: Self.fixtures.appendingPathComponent("000.pdf"))
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cotejo-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("truncated.pdf")
        try source.prefix(2000).write(to: url)

        do {
            _ = try PDFReader().read(url: url, data: try Data(contentsOf: url))
            Issue.record("a truncated PDF was read")
        } catch let error as ReadError {
            guard case .damaged(let why) = error else { Issue.record("expected damaged, got \(error)"); return }
            #expect(!why.isEmpty)
        }
    }

    @Test func garbageAndEmptyData() throws {
        let url = URL(fileURLWithPath: "/nonexistent/x.pdf")
        #expect(throws: ReadError.empty) { try PDFReader().read(url: url, data: Data()) }
        let error = #expect(throws: ReadError.self) {
            try PDFReader().read(url: url, data: Data("this is not a PDF at all".utf8))
        }
        if case .damaged = error {} else { Issue.record("expected damaged, got \(String(describing: error))") }
    }

    @Test func repeatedReadsGiveTheSameResult() throws {
        // The reader holds no state between files: a second read of the same bytes is identical.
        let a = try read("003.pdf", rulings: true)
        let b = try read("003.pdf", rulings: true)
        #expect(a.pages == b.pages)
    }
}

@Suite("PDF pages that cannot be read")
struct UnreadablePageTests {
    /// A two-page PDF whose page tree names a second page object the file does not hold.
    static func pdfWithAMissingPage() -> Data {
        let stream = "BT /F1 12 Tf 20 100 Td (Meta programada 12) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(o)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        out += offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    @Test("a page poppler cannot load keeps its number, is a problem, and makes the document partial")
    func missingPageIsPartial() throws {
        let content = try PDFReader().read(url: URL(fileURLWithPath: "broken.pdf"), data: Self.pdfWithAMissingPage())
        #expect(content.pages.map(\.number) == [1, 2])
        #expect(content.pages[0].lines.contains { $0.text.contains("Meta programada 12") })
        #expect(content.problems == [ReadProblem(.pageNotRead, page: 2, "page 2 could not be loaded")])
        #expect(content.status == .partial)
    }
}
