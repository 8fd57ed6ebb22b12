import Foundation
import CotejoModel

/// The reader for each format. The pipeline asks here instead of naming reader types, so that a
/// new format is one line.
public enum Readers {
    public static func reader(for format: DocumentFormat, ocr: OCRSettings = OCRSettings()) -> any DocumentReader {
        switch format {
        case .pdf: PDFReader(ocr: ocr)
        case .image: ImageReader(ocr: ocr)
        case .html: HTMLReader()
        case .docx: DOCXReader()
        case .xlsx: XLSXReader()
        case .pptx: PPTXReader()
        case .txt: TextReader(format: .txt)
        case .tsv: TextReader(format: .tsv)
        }
    }
}
