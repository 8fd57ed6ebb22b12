import Foundation
import CotejoModel

/// OCR over one document: decides which pages need it, starts Tesseract once (on the first page
/// that does), keeps the document's time budget and collects what the document's notes should say.
struct OCRSession {
    let settings: OCRSettings
    private(set) var notes: [String] = []
    /// Seconds spent on OCR in this document, against its budget.
    private(set) var seconds = 0.0
    private var engine: TesseractEngine?
    private var unavailable = false
    private var outOfTime = false

    init(settings: OCRSettings) { self.settings = settings }

    /// A page with no text layer is read when images cover a real share of it (a scan); a blank
    /// page is not. `always` reads every page.
    func shouldRead(hasTextLayer: Bool, images: [BBox], pageArea: Double) -> Bool {
        switch settings.mode {
        case .never: return false
        case .always: return true
        case .auto:
            guard !hasTextLayer, pageArea > 0 else { return false }
            let covered = images.reduce(0) { $0 + $1.area }
            return covered >= Self.minimumImageShare * pageArea
        }
    }

    /// Share of a text-less page that images must cover for it to be read as a scan.
    static let minimumImageShare = 0.1

    /// The recognizer, started on first use; nil (with a note) when Tesseract is missing or the
    /// document's time budget is spent.
    mutating func recognizer(page: Int) -> PageRecognizer? {
        if unavailable { return nil }
        if seconds >= settings.secondsPerDocument {
            if !outOfTime {
                notes.append("page \(page) and later pages without text were not read: the OCR time limit of \(Int(settings.secondsPerDocument)) s per document was reached")
                outOfTime = true
            }
            return nil
        }
        if engine == nil {
            do { engine = try TesseractEngine(languages: settings.languages) } catch {
                notes.append("OCR is not available, pages without text were not read: \(error.description)")
                unavailable = true
                return nil
            }
        }
        return engine.map { PageRecognizer(engine: $0) }
    }

    /// Reads one page image within what is left of the budget.
    mutating func read(_ image: PixImage, with recognizer: PageRecognizer, dpi: Int, pageWidth: Double,
                       pageHeight: Double, page: Int) -> PageRecognizer.Result? {
        let started = Date()
        defer { seconds += Date().timeIntervalSince(started) }
        let left = max(1, Int((settings.secondsPerDocument - seconds) * 1000))
        guard let result = recognizer.read(image, dpi: dpi, pageWidth: pageWidth, pageHeight: pageHeight,
                                           page: page, deadlineMilliseconds: left) else {
            notes.append("page \(page): the page image could not be prepared for OCR")
            return nil
        }
        notes += result.notes
        guard result.finished else {
            notes.append("page \(page): OCR stopped at the time limit of \(Int(settings.secondsPerDocument)) s per document; the page was not read")
            outOfTime = true
            seconds = settings.secondsPerDocument
            return nil
        }
        return result
    }
}
