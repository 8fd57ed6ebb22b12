import Foundation
import CotejoModel
import CPoppler

/// How figures are marked on a page image: a translucent fill over their boxes and an outline.
public struct HighlightStyle: Sendable {
    public var fill: (r: Double, g: Double, b: Double, a: Double)
    public var stroke: (r: Double, g: Double, b: Double)
    /// Outline width in points of the page.
    public var lineWidth: Double

    public init(fill: (r: Double, g: Double, b: Double, a: Double), stroke: (r: Double, g: Double, b: Double), lineWidth: Double) {
        self.fill = fill; self.stroke = stroke; self.lineWidth = lineWidth
    }
}

/// A PDF opened to draw parts of its pages as pictures (the report's crops of evidence), through the
/// same poppler wrapper the reader uses, so a file opens, fails and is released the same way
/// whichever stage asks. One instance per document, used from one thread (poppler documents are
/// not thread-safe).
public final class PDFPageImages {
    private let document: PopplerDocumentHandle

    public init(data: Data) throws(ReadError) {
        do { document = try PopplerDocumentHandle(data: data) } catch let e as ReadError { throw e } catch { throw .damaged("\(error)") }
    }

    public var pageCount: Int { document.pageCount }

    /// Width and height of a 1-based page in points, nil when the page does not exist.
    public func pageSize(_ number: Int) -> (width: Double, height: Double)? {
        guard number >= 1, number <= pageCount, let page = document.page(at: number - 1) else { return nil }
        let (w, h) = page.size
        return (w, h)
    }

    /// The median height of the characters inside `region` (points) of a 1-based page, nil when it
    /// holds no text (an image).
    public func medianGlyphHeight(page number: Int, region: BBox) -> Double? {
        guard number >= 1, number <= pageCount, let page = document.page(at: number - 1) else { return nil }
        var area = PopplerRectangle(x1: region.x0, y1: region.y0, x2: region.x1, y2: region.y1)
        var rects: UnsafeMutablePointer<PopplerRectangle>? = nil
        var count: guint = 0
        guard poppler_page_get_text_layout_for_area(page.raw, &area, &rects, &count) != 0, let rects else { return nil }
        defer { g_free(rects) }
        // Spaces and line ends come as zero-width or odd boxes; keep real glyphs.
        let heights = (0..<Int(count)).map { abs(rects[$0].y2 - rects[$0].y1) }.filter { $0 > 1 && $0 < 300 }.sorted()
        return heights.isEmpty ? nil : heights[heights.count / 2]
    }

    /// Draws `region` of a 1-based page at `scale` pixels per point, `highlights` marked over it,
    /// and writes it as PNG to `path`; returns the image's pixel size, nil when it could not be
    /// drawn or written. `frame`, when the page was read turned, maps the displayed page to the
    /// frame `region` and the boxes are in: the page is drawn through it.
    public func writePNG(page number: Int, region: BBox, scale: Double, frame: ReadingFrame? = nil,
                         highlights: [BBox], style: HighlightStyle, to path: String) -> (width: Int, height: Int)? {
        guard number >= 1, number <= pageCount, let page = document.page(at: number - 1) else { return nil }
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
        poppler_page_render(page.raw, cr)
        cairo_restore(cr)
        for box in highlights {
            let b = BBox(x0: box.x0 - 1.5, y0: box.y0 - 1.5, x1: box.x1 + 1.5, y1: box.y1 + 1.5)
            cairo_rectangle(cr, b.x0, b.y0, b.width, b.height)
            cairo_set_source_rgba(cr, style.fill.r, style.fill.g, style.fill.b, style.fill.a)
            cairo_fill_preserve(cr)
            cairo_set_source_rgb(cr, style.stroke.r, style.stroke.g, style.stroke.b)
            cairo_set_line_width(cr, style.lineWidth)
            cairo_stroke(cr)
        }
        cairo_surface_flush(surface)
        guard cairo_surface_write_to_png(surface, path) == CAIRO_STATUS_SUCCESS else { return nil }
        return (width, height)
    }
}
