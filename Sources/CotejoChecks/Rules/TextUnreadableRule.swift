import Foundation
import CotejoModel

/// `text.unreadable`: a page carries content with no text layer — a scanned page, or an image of
/// text or of a chart. What it says cannot be checked, so an auditor must read it by eye.
///
/// A page without any text but with images fires; so does a large image (by default a fifth of
/// the page or more) with no text over it. Small images (logos, seals) never do. A page read by
/// OCR fires only when OCR found (next to) no text on it.
public struct TextUnreadableRule: Rule {
    public let id = "text.unreadable"
    public let defaultSeverity = Severity.warning
    public let summary = "Contenido sin capa de texto (imagen de texto o gráfico) / content with no text layer"
    /// The share of the page an image must cover to count as content rather than decoration.
    public var minimumImageShare = 0.2
    /// Lines OCR must find in an image for it to count as read (a stray speck reads as a line).
    public var minimumOCRLines = 3

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        var findings: [Finding] = []
        for page in input.content.pages where page.width > 0 && page.height > 0 {
            let pageArea = page.width * page.height
            let lines = page.lines.compactMap(\.bbox)
            let unreadable = page.images.filter { image in
                guard image.area / pageArea >= minimumImageShare else { return false }
                // On a page read by OCR the image is the page: it is unreadable only where OCR
                // found (next to) nothing in it.
                if page.ocr { return lines.filter { $0.intersection(image) != nil }.count < minimumOCRLines }
                // Text laid over the image (a caption inside it) makes it readable.
                let covered = lines.reduce(0.0) { $0 + ($1.intersection(image)?.area ?? 0) }
                return covered / image.area < 0.05
            }
            guard !unreadable.isEmpty || (!page.hasText && !page.images.isEmpty) else { continue }
            let boxes = unreadable.isEmpty ? page.images : unreadable
            let n = boxes.count
            let es = page.ocr
                ? "La página \(page.number) es una imagen en la que el OCR no encontró texto legible: sus cifras no se pueden verificar"
                : page.hasText
                ? "La página \(page.number) tiene \(n) \(n == 1 ? "imagen" : "imágenes") sin capa de texto (texto o gráfico como imagen): sus cifras no se pueden verificar"
                : "La página \(page.number) no tiene capa de texto (página escaneada o solo imágenes)"
            let en = page.ocr
                ? "Page \(page.number) is an image in which OCR found no legible text: its figures cannot be checked"
                : page.hasText
                ? "Page \(page.number) has \(n) image\(n == 1 ? "" : "s") with no text layer (text or a chart as a picture): its figures cannot be checked"
                : "Page \(page.number) has no text layer (a scan or images only)"
            findings.append(Finding(
                rule: id, severity: severity(settings), message: es, messageEN: en,
                values: ["page": .number(Double(page.number)), "images": .number(Double(n))],
                source: boxes.map { Source(page: page.number, bbox: $0.rounded, text: "[imagen sin texto]") }))
        }
        return findings
    }
}
