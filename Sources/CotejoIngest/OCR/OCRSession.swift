import Foundation
import CotejoModel

/// OCR over one document: decides which pages need it, starts Tesseract once (on the first page
/// that does), keeps the document's time budget and collects what the document's notes should say.
struct OCRSession {
    let settings: OCRSettings
    private(set) var notes: [String] = []
    /// Pages and images OCR could not read: each makes the document partial.
    private(set) var problems: [ReadProblem] = []
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

    /// The images of a page with a text layer that may hold text of their own: a fifth of the page
    /// or more (logos and seals are smaller), with (almost) no text-layer words over them. A chart
    /// whose labels are in the text layer is covered by them and is not read.
    func imagesToRead(onPageWithText images: [BBox], wordBoxes: [BBox], pageArea: Double) -> [BBox] {
        guard settings.mode != .never, pageArea > 0 else { return [] }
        return images.filter { image in
            guard image.area >= Self.minimumEmbeddedImageShare * pageArea else { return false }
            let covered = wordBoxes.reduce(0.0) { $0 + ($1.intersection(image)?.area ?? 0) }
            return covered / image.area < Self.maximumTextCover
        }
    }

    /// Share of the page an image inside a text page must cover to be read (as `text.unreadable`'s).
    static let minimumEmbeddedImageShare = 0.2
    /// Share of an image that text-layer words may cover with the image still read as text-less.
    static let maximumTextCover = 0.05

    /// Reads an image region of a page with a text layer within what is left of the budget; nil
    /// when OCR is unavailable, out of time or the region could not be read.
    mutating func readRegion(_ image: PixImage, dpi: Int, origin: (x: Double, y: Double), page: Int) -> [Glyph]? {
        guard let recognizer = recognizer(page: page) else { return nil }
        let started = Date()
        defer { seconds += Date().timeIntervalSince(started) }
        guard let glyphs = recognizer.readRegion(image, dpi: dpi, origin: origin, deadlineMilliseconds: millisecondsLeft) else {
            problems.append(ReadProblem(.partNotRead, page: page, "page \(page): an image on the page could not be read by OCR within the time limit"))
            return nil
        }
        return glyphs
    }

    /// The recognizer, started on first use; nil (with a note) when Tesseract is missing or the
    /// document's time budget is spent.
    mutating func recognizer(page: Int) -> PageRecognizer? {
        if unavailable { return nil }
        if seconds >= settings.secondsPerDocument {
            if !outOfTime {
                problems.append(ReadProblem(.pageNotRead, page: page, "page \(page) and later pages without text were not read: the OCR time limit of \(Int(settings.secondsPerDocument)) s per document was reached"))
                outOfTime = true
            }
            return nil
        }
        if engine == nil {
            do { engine = try TesseractEngine(languages: settings.languages) } catch {
                problems.append(ReadProblem(.pageNotRead, page: page, "OCR is not available, pages without text were not read: \(error.description)"))
                unavailable = true
                return nil
            }
        }
        return engine.map { PageRecognizer(engine: $0) }
    }

    /// What is left of the document's OCR budget, for Tesseract's deadline (at least 1 ms).
    private var millisecondsLeft: Int { max(1, Int((settings.secondsPerDocument - seconds) * 1000)) }

    /// Reads one page image within what is left of the budget.
    mutating func read(_ image: PixImage, with recognizer: PageRecognizer, dpi: Int, pageWidth: Double,
                       pageHeight: Double, page: Int) -> PageRecognizer.Result? {
        let started = Date()
        defer { seconds += Date().timeIntervalSince(started) }
        guard let result = recognizer.read(image, dpi: dpi, pageWidth: pageWidth, pageHeight: pageHeight,
                                           page: page, deadlineMilliseconds: millisecondsLeft) else {
            problems.append(ReadProblem(.pageNotRead, page: page, "page \(page): the page image could not be prepared for OCR"))
            return nil
        }
        notes += result.notes
        guard result.finished else {
            problems.append(ReadProblem(.pageNotRead, page: page, "page \(page): OCR stopped at the time limit of \(Int(settings.secondsPerDocument)) s per document; the page was not read"))
            outOfTime = true
            seconds = settings.secondsPerDocument
            return nil
        }
        return result
    }
}
