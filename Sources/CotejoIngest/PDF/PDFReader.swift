import Foundation
import CotejoModel
import CPoppler

/// Reads a born-digital PDF with poppler-glib into pages of positioned words, lines and blocks,
/// plus image boxes and (optionally) drawn rulings for the table stage.
///
/// Every box is in PDF points with the origin at the page's top-left corner, the convention of
/// `BBox`; poppler's text layout already uses it, so no flipping is needed for text.
///
/// The reader never keeps a poppler object past `read`: a batch reads thousands of files, so each
/// GObject, GError and g_malloc'd string is released on every path (see `Poppler.swift`).
public struct PDFReader: DocumentReader {
    public let format: DocumentFormat = .pdf

    /// Render each page and look for long thin straight runs of ink (table rulings).
    /// Costs a page render; turn off when only the text is wanted.
    public var detectRulings: Bool = true
    /// Render only pages whose words look tabular; prose pages keep no rulings (they need none).
    public var renderOnlyTabularPages: Bool = true

    public init() {}

    public init(detectRulings: Bool) { self.detectRulings = detectRulings }

    public func read(url: URL, data: Data) throws -> DocumentContent {
        guard !data.isEmpty else { throw ReadError.empty }
        let document = try PopplerDocumentHandle(data: data)

        var pages: [Page] = []
        var notes: [String] = []
        let count = document.pageCount
        guard count > 0 else { throw ReadError.damaged("the PDF has no pages") }
        pages.reserveCapacity(count)

        for index in 0..<count {
            guard let page = document.page(at: index) else {
                // A page object poppler cannot load: keep the numbering honest and say so.
                notes.append("page \(index + 1) could not be loaded")
                pages.append(Page(number: index + 1, hasText: false))
                continue
            }
            pages.append(readPage(page, number: index + 1, notes: &notes))
        }

        return DocumentContent(format: .pdf, pages: pages, tables: [],
                               metadata: document.metadata, notes: notes)
    }

    /// One page: glyphs → words → lines → blocks, images, and rulings when asked.
    private func readPage(_ page: PopplerPageHandle, number: Int, notes: inout [String]) -> Page {
        let (width, height) = page.size
        let extraction = page.glyphs()
        if let problem = extraction.alignmentProblem {
            notes.append("page \(number): \(problem)")
        }
        let images = page.imageBoxes(glyphs: extraction.glyphs)
        // Rulings first: the layout uses them to keep table cells apart.
        // The words' boxes tell the detector where strokes of the text itself would pass for lines.
        // Only pages whose words look tabular are rendered (see TabularTextGate).
        var rulings: [Ruling] = []
        if detectRulings {
            let wordBoxes = PDFLayout.wordBoxes(extraction.glyphs)
            if !renderOnlyTabularPages || TabularTextGate.mayHoldTable(wordBoxes: wordBoxes, pageHeight: height) {
                rulings = RulingDetector.detect(page: page, width: width, height: height, imageBoxes: images, wordBoxes: wordBoxes)
            }
        }
        let blocks = PDFLayout.blocks(from: extraction.glyphs, page: number, rulings: rulings)
        let hasText = extraction.glyphs.contains { !$0.isSpace }
        return Page(number: number, width: width, height: height, blocks: blocks,
                    images: images, rulings: rulings, hasText: hasText)
    }
}
