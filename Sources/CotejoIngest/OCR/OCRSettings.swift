import Foundation

/// When and how pages are read by OCR (the pipeline YAML's `ocr:` section).
public struct OCRSettings: Sendable, Hashable {
    public enum Mode: String, Sendable, CaseIterable {
        /// Pages with no text layer, and images of text the text layer lacks.
        case auto
        /// Every page, text layer or not (a text layer known to be garbage).
        case always
        /// Never: scans stay unread (`text.unreadable`).
        case never
    }

    public var mode: Mode = .auto
    /// Tesseract language codes, best first.
    public var languages: [String] = ["spa", "eng"]
    /// Pixels per inch pages are rendered at for recognition.
    public var dpi: Int = 300
    /// OCR stops after this many seconds in one document; pages left are noted as unread.
    public var secondsPerDocument: Double = 90

    public init(mode: Mode = .auto, languages: [String] = ["spa", "eng"], dpi: Int = 300, secondsPerDocument: Double = 90) {
        self.mode = mode; self.languages = languages; self.dpi = dpi; self.secondsPerDocument = secondsPerDocument
    }
}
