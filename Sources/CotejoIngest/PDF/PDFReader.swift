import Foundation
import CotejoModel
import CPoppler

/// Reads a PDF into pages of positioned words, lines and blocks, plus image boxes and (optionally)
/// drawn rulings for the table stage. Each page's text, paths and images come from one pass through
/// poppler's core API (`PathDocument`); poppler-glib opens the document for its metadata, renders
/// pages for OCR and doubtful white text, and reads the text where that pass cannot. Pages with no
/// text layer (scans) are rendered and read by OCR (`OCRSettings`); pages whose text runs down, up or
/// upside down are read in the frame where it runs across (`TextDirection`, `ReadingFrame`).
///
/// Every box is in PDF points with the origin at the page's top-left corner, the convention of
/// `BBox`; poppler's text layout already uses it, so no flipping is needed for text.
///
/// The reader never keeps a poppler object past `read`: a batch reads thousands of files, so each
/// GObject, GError and g_malloc'd string is released on every path (see `Poppler.swift`).
public struct PDFReader: DocumentReader {
    public let format: DocumentFormat = .pdf

    /// Find the page's table rulings: from the paths it draws (`VectorRulings`), or, where poppler's
    /// core cannot read them, by rendering it and looking for long thin runs of ink (`RulingDetector`).
    /// Turn off when only the text is wanted.
    public var detectRulings: Bool = true
    /// Look for rulings only on pages whose words look tabular; prose pages keep none (they need none).
    public var renderOnlyTabularPages: Bool = true
    /// Read each page's drawing (rulings, image boxes, the paint under white text) through poppler's
    /// core API; false renders instead and asks poppler-glib for image boxes (the older way, kept
    /// for files poppler's core API cannot open and for comparison).
    public var rulingsFromPaths: Bool = true
    /// When pages are read by OCR.
    public var ocr = OCRSettings()

    public init() {}

    /// The poppler release the path shim (`CPopplerPaths`) was compiled against: its core API is
    /// not stable across releases, so a bug report needs it.
    public static var popplerVersion: String { PathDocument.popplerVersion }

    public init(detectRulings: Bool) { self.detectRulings = detectRulings }

    public init(ocr: OCRSettings) { self.ocr = ocr }

    public func read(url: URL, data: Data) throws -> DocumentContent {
        guard !data.isEmpty else { throw ReadError.empty }
        let document = try PopplerDocumentHandle(data: data)

        var pages: [Page] = []
        var notes: [String] = []
        var problems: [ReadProblem] = []
        let count = document.pageCount
        guard count > 0 else { throw ReadError.damaged("the PDF has no pages") }
        pages.reserveCapacity(count)
        var ocrSession = OCRSession(settings: ocr)
        // Every page's drawing is read: it gives the image boxes, and rulings and hidden text use it.
        let paths = rulingsFromPaths ? PathDocument(data: data) : nil

        for index in 0..<count {
            guard let page = document.page(at: index) else {
                // A page object poppler cannot load: keep the numbering honest and say so.
                problems.append(ReadProblem(.pageNotRead, page: index + 1, "page \(index + 1) could not be loaded"))
                pages.append(Page(number: index + 1, hasText: false))
                continue
            }
            pages.append(readPage(page, number: index + 1, ocr: &ocrSession, drawing: paths?.drawing(page: index), notes: &notes,
                                  problems: &problems))
            ReadingProgress.page(index + 1, of: count)
        }
        notes += ocrSession.notes
        problems += ocrSession.problems

        return DocumentContent(format: .pdf, pages: pages, tables: [],
                               metadata: document.metadata, notes: notes, problems: problems)
    }

    /// One page: glyphs → words → lines → blocks, images, and rulings when asked.
    private func readPage(_ page: PopplerPageHandle, number: Int, ocr session: inout OCRSession,
                          drawing: PageDrawing?, notes: inout [String], problems: inout [ReadProblem]) -> Page {
        let (width, height) = page.size
        // The text comes with the drawing, in the same pass; poppler-glib's text calls are a pass
        // of their own, kept for when the drawing cannot be read.
        var extraction = drawing?.text ?? page.glyphs()
        if extraction.glyphs.contains(where: { $0.pale && !$0.isSpace }) {
            HiddenText.mark(&extraction.glyphs, on: page, drawing: drawing)
        }
        if let problem = extraction.alignmentProblem {
            problems.append(ReadProblem(.textDropped, page: number, "page \(number): \(problem)"))
        }
        // Image boxes come with the drawing, in the same pass; poppler-glib's mapping is a second
        // full pass over the page, kept for when the drawing cannot be read. Last painted first,
        // as the mapping lists them.
        let images = drawing.map { $0.images.filter { $0.width > 0 && $0.height > 0 }.reversed() } ?? page.imageBoxes(glyphs: extraction.glyphs)
        let hasTextLayer = extraction.glyphs.contains { !$0.isSpace }
        if session.shouldRead(hasTextLayer: hasTextLayer, images: images, pageArea: width * height) {
            if let read = readByOCR(page, number: number, width: width, height: height, images: images, session: &session) {
                return read
            }
            if !hasTextLayer { return Page(number: number, width: width, height: height, images: images, hasText: false) }
        }

        // Text that does not run across is read in the frame where it does.
        let quarters = TextDirection.quartersToRead(extraction.glyphs)
        let frame = ReadingFrame.turning(clockwiseQuarters: quarters, width: width, height: height)
        let glyphs = quarters == 0 ? extraction.glyphs : TextDirection.apply(frame, to: extraction.glyphs)
        let (readWidth, readHeight) = quarters % 2 == 1 ? (height, width) : (width, height)
        if quarters != 0 {
            notes.append("page \(number): the text runs \(["", "up the page", "upside down", "down the page"][quarters]); read turned \(quarters * 90)° clockwise")
        }

        let readImages = quarters == 0 ? images : images.map(frame.apply)

        // Images of text inside a page that has a text layer (a pasted slide, an infographic) are
        // read by OCR; their words join the page's, each with its confidence.
        var glyphsRead = glyphs
        var regions: [BBox] = []
        let layerWords = PDFLayout.wordBoxes(glyphs)
        let toRead = session.imagesToRead(onPageWithText: readImages, wordBoxes: layerWords, pageArea: width * height)
        let scale = Double(session.settings.dpi) / 72
        // A turned page is rendered turned, so that the image and the words share the reading frame.
        if !toRead.isEmpty, let render = page.renderGray(scale: scale, frame: quarters == 0 ? nil : frame) {
            // The rendering shows the text layer's words drawn over the image too (a chart's
            // labels): OCR's reading of them is dropped, the text layer has them already.
            for box in toRead {
                guard let crop = Self.crop(render, to: box, scale: scale, dpi: session.settings.dpi),
                      let read = session.readRegion(crop, dpi: session.settings.dpi, origin: (box.x0, box.y0), page: number)
                else { continue }
                glyphsRead += read.filter { g in
                    !layerWords.contains { $0.contains(x: g.box.midX, y: g.box.midY) }
                }
                regions.append(box)
            }
        }

        // Rulings first: the layout uses them to keep table cells apart. They are taken in the
        // words' frame (a turned page's drawing is turned, or its render made turned).
        // The words' boxes tell where strokes of the text itself would pass for lines.
        // Only pages whose words look tabular are looked at (see TabularTextGate).
        var rulings: [Ruling] = []
        if detectRulings {
            let wordBoxes = regions.isEmpty ? layerWords : PDFLayout.wordBoxes(glyphsRead)
            if !renderOnlyTabularPages || TabularTextGate.mayHoldTable(wordBoxes: wordBoxes, pageHeight: readHeight) {
                if let drawing {
                    if drawing.truncated { notes.append("page \(number): more than \(PathDocument.maxSegments) drawn lines; the rest were not looked at") }
                    let drawn = VectorRulings.rulings(in: drawing).map { quarters == 0 ? $0 : frame.apply($0) }
                    rulings = RulingDetector.filter(drawn, pageWidth: readWidth, pageHeight: readHeight,
                                                    imageBoxes: readImages, wordBoxes: wordBoxes)
                        + VectorRulings.underscoreRulings(glyphsRead)
                } else {
                    rulings = RulingDetector.detect(page: page, width: readWidth, height: readHeight,
                                                    frame: quarters == 0 ? nil : frame,
                                                    imageBoxes: readImages, wordBoxes: wordBoxes)
                }
            }
        }
        let blocks = PDFLayout.blocks(from: glyphsRead, page: number, rulings: rulings)
        return Page(number: number, width: readWidth, height: readHeight, blocks: blocks,
                    images: readImages, rulings: rulings,
                    hasText: hasTextLayer, readingFrame: quarters == 0 ? nil : frame, ocrRegions: regions)
    }

    /// The part of a page rendering under `box` (points) as an image for OCR.
    static func crop(_ render: (pixels: [UInt8], width: Int, height: Int), to box: BBox, scale: Double, dpi: Int) -> PixImage? {
        guard let (xs, ys) = box.pixels(scale: scale, width: render.width, height: render.height),
              xs.count >= 8, ys.count >= 8 else { return nil }
        var pixels: [UInt8] = []
        pixels.reserveCapacity(xs.count * ys.count)
        for y in ys { pixels += render.pixels[(y * render.width + xs.lowerBound)..<(y * render.width + xs.upperBound)] }
        return PixImage(gray: pixels, width: xs.count, height: ys.count, resolution: dpi)
    }

    /// The page rendered and read by OCR, its rulings found on the same upright image; nil when
    /// OCR is unavailable or out of time (the session notes why).
    private func readByOCR(_ page: PopplerPageHandle, number: Int, width: Double, height: Double,
                           images: [BBox], session: inout OCRSession) -> Page? {
        let dpi = session.settings.dpi
        let scale = Double(dpi) / 72
        guard let recognizer = session.recognizer(page: number),
              let render = page.renderGray(scale: scale),
              let image = PixImage(gray: render.pixels, width: render.width, height: render.height, resolution: dpi),
              let result = session.read(image, with: recognizer, dpi: dpi, pageWidth: width, pageHeight: height, page: number)
        else { return nil }

        return result.page(number: number, dpi: dpi, detectRulings: detectRulings, images: images.map(result.frame.apply))
    }
}

extension PDFReader {
    /// PDF: the header may follow a little junk; readers accept it within the first kilobyte.
    public static let entry = FormatEntry(.pdf, stage: .binary, extensions: ["pdf"], traits: [.laidOut, .croppedInReport],
                                          recognizes: { $0.data.prefix(1024).range(of: Data("%PDF-".utf8)) != nil },
                                          reader: { PDFReader(ocr: $0) })
}
