import Foundation
import CTesseract

/// Why OCR could not run at all (missing language data, a library that would not start).
public struct OCRUnavailable: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// One word Tesseract read: its text, its box in the image's pixels, how sure it is (0–1) and the
/// text line it belongs to (numbered in reading order across the image).
struct RecognizedWord {
    var text: String
    var left: Int, top: Int, right: Int, bottom: Int
    var confidence: Double
    var line: Int
}

/// Owns Tesseract handles through its C API: one for recognition in the configured languages,
/// one for orientation detection (`osd`), made when first needed. One engine per document read;
/// not shared between threads.
final class TesseractEngine {
    private let api: OpaquePointer
    private var orientationAPI: OpaquePointer?

    init(languages: [String]) throws(OCRUnavailable) {
        // Tesseract may start an OpenMP team per call; the batch already runs a document per core.
        setenv("OMP_THREAD_LIMIT", "1", 0)
        let list = languages.isEmpty ? "spa" : languages.joined(separator: "+")
        guard let api = TessBaseAPICreate() else { throw OCRUnavailable(description: "Tesseract could not start") }
        // Tesseract prints debug lines on stderr ("Estimating resolution…"); keep the batch's log clean.
        TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        guard TessBaseAPIInit2(api, nil, list, OEM_DEFAULT) == 0 else {
            TessBaseAPIDelete(api)
            throw OCRUnavailable(description: "Tesseract has no language data for \(list) (Debian: tesseract-ocr-spa, tesseract-ocr-eng)")
        }
        TessBaseAPISetPageSegMode(api, PSM_AUTO)
        // Keep the spaces Tesseract sees between words of a table row.
        TessBaseAPISetVariable(api, "preserve_interword_spaces", "1")
        self.api = api
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
        if let orientationAPI { TessBaseAPIEnd(orientationAPI); TessBaseAPIDelete(orientationAPI) }
    }

    /// The clockwise quarter turns that make the image's text upright, and Tesseract's confidence;
    /// nil when orientation detection is not installed or found too little text to tell.
    func uprightTurn(_ image: PixImage) -> (quarters: Int, confidence: Double)? {
        if orientationAPI == nil {
            guard let osd = TessBaseAPICreate() else { return nil }
            TessBaseAPISetVariable(osd, "debug_file", "/dev/null")
            guard TessBaseAPIInit2(osd, nil, "osd", OEM_TESSERACT_ONLY) == 0 else { TessBaseAPIDelete(osd); return nil }
            TessBaseAPISetPageSegMode(osd, PSM_OSD_ONLY)
            orientationAPI = osd
        }
        guard let osd = orientationAPI else { return nil }
        TessBaseAPISetImage2(osd, image.raw)
        if let ppi = image.resolution { TessBaseAPISetSourceResolution(osd, Int32(ppi)) }
        defer { TessBaseAPIClear(osd) }
        var degrees: Int32 = 0
        var confidence: Float = 0
        var script: UnsafePointer<CChar>? = nil
        var scriptConfidence: Float = 0
        guard TessBaseAPIDetectOrientationScript(osd, &degrees, &confidence, &script, &scriptConfidence) != 0 else { return nil }
        // Tesseract gives how far the text is turned counter-clockwise ("Orientation in degrees:
        // 270, Rotate: 90" for text running up the page); undoing it is the rest of a full turn.
        return ((4 - Int(degrees) / 90 % 4) % 4, Double(confidence))
    }

    /// Recognises the image and returns its words in reading order, or nil when the deadline
    /// (milliseconds from now) passed before Tesseract finished.
    func recognize(_ image: PixImage, resolution: Int, deadlineMilliseconds: Int) -> [RecognizedWord]? {
        TessBaseAPISetImage2(api, image.raw)
        TessBaseAPISetSourceResolution(api, Int32(resolution))
        defer { TessBaseAPIClear(api) }
        guard let monitor = TessMonitorCreate() else { return nil }
        defer { TessMonitorDelete(monitor) }
        TessMonitorSetDeadlineMSecs(monitor, Int32(max(1, min(deadlineMilliseconds, Int(Int32.max)))))
        guard TessBaseAPIRecognize(api, monitor) == 0 else { return nil }
        guard let iterator = TessBaseAPIGetIterator(api) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        let pageIterator = TessResultIteratorGetPageIterator(iterator)

        var words: [RecognizedWord] = []
        var line = -1
        repeat {
            if TessPageIteratorIsAtBeginningOf(pageIterator, RIL_TEXTLINE) != 0 { line += 1 }
            guard let cText = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let text = String(cString: cText)
            TessDeleteText(cText)
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            guard TessPageIteratorBoundingBox(pageIterator, RIL_WORD, &left, &top, &right, &bottom) != 0 else { continue }
            let confidence = Double(TessResultIteratorConfidence(iterator, RIL_WORD)) / 100
            words.append(RecognizedWord(text: trimmed, left: Int(left), top: Int(top), right: Int(right), bottom: Int(bottom),
                                        confidence: max(0, min(1, confidence)), line: max(0, line)))
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return words
    }
}
