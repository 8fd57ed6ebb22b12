import Foundation
import CotejoModel
import CPoppler

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

/// Renders regions of one PDF's pages to PNG with poppler-glib and cairo, the figures' boxes
/// highlighted. One instance per document, used from one thread (poppler documents are not
/// thread-safe).
final class PageCropper {
    private let document: OpaquePointer

    /// Opens `path` after checking that its bytes are still the ones the store read (`sha256`):
    /// boxes from another version of the file would highlight the wrong words.
    init(path: String, sha256: String?) throws(CropUnavailable) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .missing(path) }
        if let sha256, Self.sha256(data) != sha256.lowercased() { throw .changed(path) }
        let bytes: OpaquePointer? = data.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        guard let bytes else { throw .unreadable("g_bytes_new") }
        defer { g_bytes_unref(bytes) }
        var error: UnsafeMutablePointer<GError>? = nil
        let doc = poppler_document_new_from_bytes(bytes, nil, &error)
        if let error {
            let message = error.pointee.message.map { String(cString: $0) } ?? "poppler error"
            g_error_free(error)
            if let doc { g_object_unref(UnsafeMutableRawPointer(doc)) }
            throw .unreadable(message)
        }
        guard let doc else { throw .unreadable("poppler") }
        document = doc
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(document)) }

    static func sha256(_ data: Data) -> String {
        let hex: UnsafeMutablePointer<gchar>? = data.withUnsafeBytes {
            g_compute_checksum_for_data(G_CHECKSUM_SHA256, $0.baseAddress?.assumingMemoryBound(to: guchar.self), gsize($0.count))
        }
        guard let hex else { return "" }
        defer { g_free(hex) }
        return String(cString: hex)
    }

    /// Width and height of a 1-based page in points, nil when the page does not exist.
    func pageSize(_ number: Int) -> (Double, Double)? {
        guard number >= 1, number <= Int(poppler_document_get_n_pages(document)),
              let page = poppler_document_get_page(document, gint(number - 1)) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var w = 0.0, h = 0.0
        poppler_page_get_size(page, &w, &h)
        return (w, h)
    }

    /// The median height of the characters inside `region` (points), nil when it holds no text
    /// (an image). Used to size the crop so that its text reads at about body size.
    func medianGlyphHeight(page number: Int, region: BBox) -> Double? {
        guard number >= 1, let page = poppler_document_get_page(document, gint(number - 1)) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var area = PopplerRectangle(x1: region.x0, y1: region.y0, x2: region.x1, y2: region.y1)
        var rects: UnsafeMutablePointer<PopplerRectangle>? = nil
        var count: guint = 0
        guard poppler_page_get_text_layout_for_area(page, &area, &rects, &count) != 0, let rects else { return nil }
        defer { g_free(rects) }
        // Spaces and line ends come as zero-width or odd boxes; keep real glyphs.
        let heights = (0..<Int(count)).map { abs(rects[$0].y2 - rects[$0].y1) }.filter { $0 > 1 && $0 < 300 }.sorted()
        return heights.isEmpty ? nil : heights[heights.count / 2]
    }

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
        let glyph = medianGlyphHeight(page: number, region: frame.map { $0.inverse.apply(region) } ?? region)
        let shownScale = glyph.map { min(2.0, max(0.6, 14 / $0)) } ?? 1.0
        guard number >= 1, let page = poppler_document_get_page(document, gint(number - 1)) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        let scale = min(max(2.0, shownScale * 1.5), maxPixels / max(region.width, region.height))
        let width = Int((region.width * scale).rounded(.up)), height = Int((region.height * scale).rounded(.up))
        guard width > 0, height > 0, let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, gint(width), gint(height)) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { return nil }
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        cairo_translate(cr, -region.x0, -region.y0)
        cairo_rectangle(cr, region.x0, region.y0, region.width, region.height)
        cairo_clip(cr)
        cairo_save(cr)
        if let frame {
            var matrix = cairo_matrix_t(xx: frame.xx, yx: frame.yx, xy: frame.xy, yy: frame.yy, x0: frame.x0, y0: frame.y0)
            cairo_transform(cr, &matrix)
        }
        poppler_page_render(page, cr)
        cairo_restore(cr)
        for box in boxes {
            let b = BBox(x0: box.x0 - 1.5, y0: box.y0 - 1.5, x1: box.x1 + 1.5, y1: box.y1 + 1.5)
            cairo_rectangle(cr, b.x0, b.y0, b.width, b.height)
            cairo_set_source_rgba(cr, Highlight.fill.r, Highlight.fill.g, Highlight.fill.b, Highlight.fill.a)
            cairo_fill_preserve(cr)
            cairo_set_source_rgb(cr, Double(Highlight.stroke.r) / 255, Double(Highlight.stroke.g) / 255, Double(Highlight.stroke.b) / 255)
            // About two shown pixels wide whatever the scale, so the outline stays visible in small crops.
            cairo_set_line_width(cr, 2.0 / shownScale)
            cairo_stroke(cr)
        }
        cairo_surface_flush(surface)
        guard cairo_surface_write_to_png(surface, path) == CAIRO_STATUS_SUCCESS else { return nil }
        let shownWidth = Int((region.width * shownScale).rounded())
        return Written(pixelWidth: width, pixelHeight: height, shownWidth: shownWidth,
                       shownHeight: Int((Double(shownWidth) * Double(height) / Double(width)).rounded()))
    }
}
