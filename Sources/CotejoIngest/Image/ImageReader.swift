import Foundation
import CotejoModel

/// Reads a PNG, JPEG or TIFF image of text by OCR: one page per image, one per frame of a
/// multi-page TIFF. Page sizes are in points at the resolution the file declares (300 dpi when it
/// declares none, or an implausible one), so that boxes compare with a PDF's.
public struct ImageReader: DocumentReader {
    public let format: DocumentFormat = .image
    public var ocr = OCRSettings()
    public var detectRulings = true

    public init(ocr: OCRSettings = OCRSettings()) { self.ocr = ocr }

    public func read(url: URL, data: Data) throws -> DocumentContent {
        guard !data.isEmpty else { throw ReadError.empty }
        let isTIFF = data.starts(with: [0x49, 0x49, 0x2A, 0x00]) || data.starts(with: [0x4D, 0x4D, 0x00, 0x2A])
        let images = isTIFF ? PixImage.decodeTIFFPages(data) : PixImage.decode(data).map { [$0] } ?? []
        guard !images.isEmpty else { throw ReadError.damaged("the image could not be decoded") }
        guard ocr.mode != .never else {
            let pages = images.enumerated().map { Page(number: $0.offset + 1, hasText: false) }
            return DocumentContent(format: .image, pages: pages,
                                   notes: ["OCR is turned off (ocr: never): the image was not read"])
        }

        var session = OCRSession(settings: ocr)
        var pages: [Page] = []
        for (index, image) in images.enumerated() {
            let number = index + 1
            let declared = image.resolution ?? 0
            let dpi = (declared >= 70 && declared <= 1200) ? Int(declared) : Self.assumedResolution
            let width = Double(image.width) * 72 / Double(dpi), height = Double(image.height) * 72 / Double(dpi)
            let whole = [BBox(x0: 0, y0: 0, x1: width, y1: height)]
            guard let recognizer = session.recognizer(page: number),
                  let result = session.read(image, with: recognizer, dpi: dpi, pageWidth: width, pageHeight: height, page: number)
            else {
                pages.append(Page(number: number, width: width, height: height, images: whole, hasText: false))
                continue
            }
            pages.append(result.page(number: number, dpi: dpi, detectRulings: detectRulings,
                                     images: whole.map(result.frame.apply)))
        }
        return DocumentContent(format: .image, pages: pages, notes: session.notes, problems: session.problems)
    }

    /// Pixels per inch assumed for an image that declares none: a common scanning resolution.
    static let assumedResolution = 300
}

extension ImageReader {
    /// Images of text (scans, photographed pages): PNG, JPEG and TIFF, read by OCR.
    public static let entry = FormatEntry(.image, stage: .binary, extensions: ["png", "jpg", "jpeg", "tif", "tiff"], traits: .laidOut,
                                          recognizes: { input in
                                              input.starts([0x89, 0x50, 0x4E, 0x47]) || input.starts([0xFF, 0xD8, 0xFF])
                                                  || input.starts([0x49, 0x49, 0x2A, 0x00]) || input.starts([0x4D, 0x4D, 0x00, 0x2A])
                                          },
                                          reader: { ImageReader(ocr: $0) })
}
