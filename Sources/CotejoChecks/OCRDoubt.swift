import Foundation
import CotejoModel

/// A finding is a claim that an entity published a wrong figure. When the figure was read by OCR,
/// the misreading may be Cotejo's: an `error` resting on a word the OCR was unsure of becomes a
/// `warning` that shows the confidence, so nobody is accused on a misread digit. Every finding on
/// OCR text carries `ocr_confidence` (the least sure word among its sources).
struct OCRDoubt {
    /// Below this confidence (Tesseract's, 0–1) a figure is not sure enough to support an error.
    /// Clean print reads at 0.93–0.97 per word; a digit Tesseract hesitated on falls well below.
    static let minimumConfidence = 0.9

    /// `findings` with their sources stamped by `TextProvenance`.
    static func apply(to findings: [Finding]) -> [Finding] {
        findings.map { finding in
            var f = finding
            guard f.source.contains(where: { $0.ocr == true }) else { return f }
            let least = f.source.compactMap(\.confidence).min()
            if let least { f.values["ocr_confidence"] = .number((least * 100).rounded() / 100) }
            let unsure = least.map { $0 < Self.minimumConfidence } ?? true
            if unsure && f.severity == .error {
                f.severity = .warning
                let shown = least.map { Figures.es($0 * 100, decimals: 0) } ?? "?"
                f.message += " (cifras leídas por OCR con confianza de \(shown) %: puede ser un error de lectura)"
                f.messageEN += " (figures read by OCR with \(shown) % confidence: this may be a misreading)"
            }
            return f
        }
    }
}
