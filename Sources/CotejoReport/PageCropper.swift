import Foundation
import CotejoModel
import CotejoIngest

/// The part of a page a crop shows, in PDF points with the origin at the top-left (as `BBox`).
///
/// The figures' boxes are padded and the region widened to a readable minimum, so that the reader
/// sees the row or sentence around a figure, not a lone number.
public enum CropRegion {
    static let padding = 18.0
    static let minWidth = 320.0
    static let minHeight = 70.0

    public static func around(_ boxes: [BBox], pageWidth: Double, pageHeight: Double) -> BBox? {
        guard var r = BBox.enclosing(boxes), pageWidth > 0, pageHeight > 0 else { return nil }
        r = BBox(x0: r.x0 - padding, y0: r.y0 - padding, x1: r.x1 + padding, y1: r.y1 + padding)
        if r.width < minWidth { let grow = (minWidth - r.width) / 2; r = BBox(x0: r.x0 - grow, y0: r.y0, x1: r.x1 + grow, y1: r.y1) }
        if r.height < minHeight { let grow = (minHeight - r.height) / 2; r = BBox(x0: r.x0, y0: r.y0 - grow, x1: r.x1, y1: r.y1 + grow) }
        // Shift back inside the page before clipping, so a box near an edge keeps the widened size.
        if r.x0 < 0 { r = BBox(x0: 0, y0: r.y0, x1: r.x1 - r.x0, y1: r.y1) }
        if r.x1 > pageWidth { r = BBox(x0: r.x0 - (r.x1 - pageWidth), y0: r.y0, x1: pageWidth, y1: r.y1) }
        if r.y0 < 0 { r = BBox(x0: r.x0, y0: 0, x1: r.x1, y1: r.y1 - r.y0) }
        if r.y1 > pageHeight { r = BBox(x0: r.x0, y0: r.y0 - (r.y1 - pageHeight), x1: r.x1, y1: pageHeight) }
        return r.intersection(BBox(x0: 0, y0: 0, x1: pageWidth, y1: pageHeight))
    }
}

/// The highlight drawn over the figures' boxes. Public so that tests can look for it in the PNGs
/// and in a browser's screenshot.
public enum Highlight {
    /// The outline: a saturated magenta that page content rarely uses.
    public static let stroke: (r: UInt8, g: UInt8, b: UInt8) = (230, 0, 126)
    /// The fill: translucent yellow, so the figures stay readable under it.
    static let fill = (r: 1.0, g: 0.84, b: 0.0, a: 0.30)
}

/// Why a document's pages could not be cropped, in words for the report.
public enum CropUnavailable: Error, Sendable, Equatable {
    case missing(String)
    case changed(String)
    case unreadable(String)

    func message(_ w: Words) -> String {
        switch self {
        case .missing(let p): w("El archivo ya no está en «\(p)»: no se puede mostrar el recorte.",
                                "The file is no longer at “\(p)”: no crop can be shown.")
        case .changed(let p): w("El archivo «\(p)» cambió desde que se leyó: los recuadros ya no corresponden, no se muestra el recorte.",
                                "The file “\(p)” changed since it was read: the boxes no longer match, no crop is shown.")
        case .unreadable(let why): w("No se pudo abrir el PDF para el recorte: \(why)", "The PDF could not be opened for the crop: \(why)")
        }
    }
}

/// Crops of one PDF's pages as PNG, the figures' boxes highlighted and the text sized to read at
/// body size. The drawing itself is the reader's (`PDFPageImages`), so the file is opened once
/// and the same way. One instance per document, used from one thread.
final class PageCropper {
    private let pages: PDFPageImages

    /// Opens `path` after checking that its bytes are still the ones the store read (`sha256`):
    /// boxes from another version of the file would highlight the wrong words.
    init(path: String, sha256: String?) throws(CropUnavailable) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .missing(path) }
        if let sha256, Digest.sha256(data) != sha256.lowercased() { throw .changed(path) }
        do { pages = try PDFPageImages(data: data) } catch { throw .unreadable(error.description) }
    }

    /// Width and height of a 1-based page in points, nil when the page does not exist.
    func pageSize(_ number: Int) -> (Double, Double)? { pages.pageSize(number).map { ($0.width, $0.height) } }

    /// The crop as written: pixel size and the size to show it at (CSS pixels).
    struct Written { var pixelWidth: Int; var pixelHeight: Int; var shownWidth: Int; var shownHeight: Int }

    /// Renders `region` of page `number` (1-based) with `boxes` highlighted and writes it as PNG.
    ///
    /// Shown size: the text inside reads at about 14 CSS pixels — dense tables in 5-point type are
    /// enlarged (up to 2×), slides in 40-point type reduced (down to 0.6×). The image has 1.5× the
    /// pixels of its shown size (at least 2 per point), so that it stays sharp on dense screens.
    /// `frame`, when the page was read turned, maps the displayed page to the frame `region` and
    /// `boxes` are in: the page is drawn through it.
    func crop(page number: Int, region: BBox, boxes: [BBox], frame: ReadingFrame? = nil, to path: String,
              maxPixels: Double = 2400) -> Written? {
        // The glyph measure reads the displayed page's text layer, so it goes through the inverse.
        let glyph = pages.medianGlyphHeight(page: number, region: frame.map { $0.inverse.apply(region) } ?? region)
        let shownScale = glyph.map { min(2.0, max(0.6, 14 / $0)) } ?? 1.0
        let scale = min(max(2.0, shownScale * 1.5), maxPixels / max(region.width, region.height))
        // The outline is about two shown pixels wide whatever the scale, so it stays visible in small crops.
        let style = HighlightStyle(fill: Highlight.fill,
                                   stroke: (Double(Highlight.stroke.r) / 255, Double(Highlight.stroke.g) / 255, Double(Highlight.stroke.b) / 255),
                                   lineWidth: 2.0 / shownScale)
        guard let (width, height) = pages.writePNG(page: number, region: region, scale: scale, frame: frame,
                                                    highlights: boxes, style: style, to: path) else { return nil }
        let shownWidth = Int((region.width * shownScale).rounded())
        return Written(pixelWidth: width, pixelHeight: height, shownWidth: shownWidth,
                       shownHeight: Int((Double(shownWidth) * Double(height) / Double(width)).rounded()))
    }
}
