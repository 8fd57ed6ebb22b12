import Foundation
import CotejoModel

/// `text.unreadable`: a page carries content with no text layer — a scanned page, or an image of
/// text or of a chart. What it says cannot be checked, so an auditor must read it by eye.
///
/// A page without any text but with images fires; so does a large image (by default a fifth of
/// the page or more) with no text over it. Small images (logos, seals) never do, nor does a chart
/// whose figures are written in the text layer over it. A page read by OCR fires only when OCR
/// found (next to) no text on it. An image inside a text page that OCR read fires when OCR found
/// text in it (its figures rest on OCR alone, so they are named for a reader to check), and is a
/// picture (a photo, a cover) when OCR found (next to) nothing.
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
            var readByOCR: [BBox: [TextLine]] = [:]
            let unreadable = page.images.filter { image in
                guard image.area / pageArea >= minimumImageShare else { return false }
                // On a page read by OCR the image is the page: it is unreadable only where OCR
                // found (next to) nothing in it.
                if page.ocr { return lines.filter { $0.intersection(image) != nil }.count < minimumOCRLines }
                let over = page.lines.filter { $0.bbox.map { $0.intersection(image) != nil } ?? false }
                // An image OCR read inside a text page: a picture (a photo, a cover with a logo's
                // lettering, a chart whose labels are in the text layer) when OCR found (next to)
                // nothing of its own in it, or no figure; else text whose figures rest on OCR alone.
                if page.ocrRegions.contains(where: { $0.intersection(image).map { $0.area >= 0.9 * image.area } ?? false }) {
                    let ocrLines = over.filter { $0.words.contains { $0.confidence != nil } }
                    guard ocrLines.count >= minimumOCRLines, ocrLines.contains(where: { $0.text.contains(where: \.isNumber) }) else { return false }
                    readByOCR[image] = ocrLines
                    return true
                }
                // Not read by OCR: text laid over the image (a caption inside it) makes it readable,
                // and so do a chart's figures written in the text layer over its bars.
                let covered = over.compactMap(\.bbox).reduce(0.0) { $0 + ($1.intersection(image)?.area ?? 0) }
                if covered / image.area >= 0.05 { return false }
                let figuresInside = over.filter { line in
                    line.text.contains(where: \.isNumber) && line.bbox.map { image.contains(x: $0.midX, y: $0.midY) } == true
                }
                if figuresInside.count >= 2 { return false }
                return true
            }
            guard !unreadable.isEmpty || (!page.hasText && !page.images.isEmpty) else { continue }
            let boxes = unreadable.isEmpty ? page.images : unreadable
            let n = boxes.count
            let ocrLines = boxes.flatMap { readByOCR[$0] ?? [] }
            let confidences = ocrLines.flatMap { $0.words.compactMap(\.confidence) }.sorted()
            let median = confidences.isEmpty ? nil : confidences[confidences.count / 2]
            var values: [String: FindingValue] = ["page": .number(Double(page.number)), "images": .number(Double(n))]
            if let median {
                values["ocr_lines"] = .number(Double(ocrLines.count))
                values["ocr_median_confidence"] = .number((median * 1000).rounded() / 1000)
            }
            findings.append(diagnose(.unreadable(page, images: n, ocrLines: ocrLines.count, medianConfidence: median), values: values,
                                     at: boxes.map { Source(page: page.number, bbox: $0.rounded, text: "[imagen sin texto]") }, settings))
        }
        return findings
    }
}

extension Bilingual {
    fileprivate static func unreadable(_ page: Page, images n: Int, ocrLines: Int, medianConfidence median: Double?) -> Bilingual {
        var es = page.ocr
            ? "La página \(page.number) es una imagen en la que el OCR no encontró texto legible: sus cifras no se pueden verificar"
            : page.hasText
            ? "La página \(page.number) tiene \(n) \(n == 1 ? "imagen" : "imágenes") sin capa de texto (texto o gráfico como imagen): sus cifras no se pueden verificar"
            : "La página \(page.number) no tiene capa de texto (página escaneada o solo imágenes)"
        var en = page.ocr
            ? "Page \(page.number) is an image in which OCR found no legible text: its figures cannot be checked"
            : page.hasText
            ? "Page \(page.number) has \(n) image\(n == 1 ? "" : "s") with no text layer (text or a chart as a picture): its figures cannot be checked"
            : "Page \(page.number) has no text layer (a scan or images only)"
        if let median {
            let percent = Int((median * 100).rounded())
            es += "; el OCR leyó \(ocrLines) líneas en \(n == 1 ? "ella" : "ellas") (confianza mediana \(percent) %): verifíquelas a ojo"
            en += "; OCR read \(ocrLines) lines in \(n == 1 ? "it" : "them") (median confidence \(percent) %): check them by eye"
        }
        return Bilingual(es: es, en: en)
    }
}
