import Foundation
import CotejoModel
import CPoppler

// Thin owners of poppler-glib objects. Each wraps one reference and drops it in `deinit`, so the
// object is released on every exit path, thrown errors included. They never leave this module's
// PDF reader and are used from one thread at a time.

/// Takes a g_malloc'd C string, returns it as a Swift string and frees it.
func takeGString(_ pointer: UnsafeMutablePointer<gchar>?) -> String? {
    guard let pointer else { return nil }
    defer { g_free(pointer) }
    return String(cString: pointer)
}

/// An open PopplerDocument.
final class PopplerDocumentHandle {
    let raw: OpaquePointer

    /// Opens a PDF from memory. Maps poppler's errors to `ReadError`: a password-protected file is
    /// `.encrypted`; anything else poppler refuses (truncated, not a PDF) is `.damaged` with its message.
    init(data: Data) throws {
        // g_bytes_new copies the bytes: poppler keeps a reference to the GBytes for the document's
        // life, and `data` may not outlive this call.
        let bytes: OpaquePointer? = data.withUnsafeBytes { buffer in
            g_bytes_new(buffer.baseAddress, gsize(buffer.count))
        }
        guard let bytes else { throw ReadError.damaged("could not copy the bytes") }
        defer { g_bytes_unref(bytes) }

        var error: UnsafeMutablePointer<GError>? = nil
        let document = poppler_document_new_from_bytes(bytes, nil, &error)
        if let error {
            defer { g_error_free(error) }
            if let document { g_object_unref(UnsafeMutableRawPointer(document)) }
            let message = error.pointee.message.map { String(cString: $0) } ?? "unknown poppler error"
            if error.pointee.domain == poppler_error_quark()
                && error.pointee.code == gint(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw ReadError.encrypted
            }
            throw ReadError.damaged(message)
        }
        guard let document else { throw ReadError.damaged("poppler could not open the document") }
        raw = document
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(raw)) }

    var pageCount: Int { Int(poppler_document_get_n_pages(raw)) }

    func page(at index: Int) -> PopplerPageHandle? {
        guard let page = poppler_document_get_page(raw, gint(index)) else { return nil }
        return PopplerPageHandle(raw: page)
    }

    /// The document information dictionary, only the entries that are set and not blank.
    var metadata: [String: String] {
        var result: [String: String] = [:]
        let fields: [(String, (OpaquePointer) -> UnsafeMutablePointer<gchar>?)] = [
            ("title", poppler_document_get_title),
            ("author", poppler_document_get_author),
            ("subject", poppler_document_get_subject),
            ("creator", poppler_document_get_creator),
            ("producer", poppler_document_get_producer),
        ]
        for (key, getter) in fields {
            if let value = takeGString(getter(raw))?.trimmingCharacters(in: .whitespacesAndNewlines),
               !value.isEmpty {
                result[key] = value
            }
        }
        if let created = poppler_document_get_creation_date_time(raw) {
            defer { g_date_time_unref(created) }
            // ISO 8601 with the offset the file states, e.g. "2023-02-14T10:41:23-05:00".
            if let text = takeGString(g_date_time_format_iso8601(created)), !text.isEmpty {
                result["created"] = text
            }
        }
        return result
    }
}

/// One character of a page as poppler lays it out.
struct Glyph: Sendable {
    var scalar: Unicode.Scalar
    /// Top-left origin, points.
    var box: BBox
    var fontSize: Double
    var bold: Bool
    /// White space of any kind, the line breaks poppler inserts included: a word separator.
    var isSpace: Bool
    /// The "\n" poppler puts at the end of each of its text lines.
    var isLineEnd: Bool
    /// The OCR's confidence in the word the glyph belongs to; nil for a text layer's glyph.
    var confidence: Double? = nil
    /// Filled in white (or nearly): drawn on a dark band it shows, on white paper it does not.
    var pale = false
    /// The glyph leaves no mark on the page (white on white): it is in the file, not on the paper.
    var hidden = false
}

/// An open PopplerPage.
final class PopplerPageHandle {
    let raw: OpaquePointer

    init(raw: OpaquePointer) { self.raw = raw }
    deinit { g_object_unref(UnsafeMutableRawPointer(raw)) }

    /// Width and height in points, rotation applied (as the text layout is).
    var size: (Double, Double) {
        var width = 0.0, height = 0.0
        poppler_page_get_size(raw, &width, &height)
        return (width, height)
    }

    struct Extraction {
        var glyphs: [Glyph]
        /// Set when the text and the per-character boxes do not pair one to one.
        var alignmentProblem: String?
    }

    /// The page's characters with boxes and type face.
    ///
    /// `poppler_page_get_text` and `poppler_page_get_text_layout` walk the same words in the same
    /// order: the n-th Unicode scalar of the UTF-8 text (not the n-th byte: "Ó" is two bytes) has the
    /// n-th rectangle, the inserted spaces and "\n" included. `get_text_attributes` gives ranges over
    /// the same scalar offsets, end inclusive.
    func glyphs() -> Extraction {
        guard let text = takeGString(poppler_page_get_text(raw)) else {
            return Extraction(glyphs: [], alignmentProblem: nil)
        }
        var rectangles: UnsafeMutablePointer<PopplerRectangle>? = nil
        var rectangleCount: guint = 0
        let hasLayout = poppler_page_get_text_layout(raw, &rectangles, &rectangleCount) != 0
        defer { if let rectangles { g_free(rectangles) } }

        let scalars = Array(text.unicodeScalars)
        let boxCount = hasLayout ? Int(rectangleCount) : 0
        var problem: String? = nil
        if scalars.count != boxCount {
            problem = "text has \(scalars.count) characters but the layout \(boxCount) boxes; extra characters dropped"
        }
        let count = min(scalars.count, boxCount)
        guard count > 0, let rectangles else { return Extraction(glyphs: [], alignmentProblem: problem) }

        // Per-character size and boldness from the attribute ranges.
        var sizes = [Double](repeating: 0, count: count)
        var bolds = [Bool](repeating: false, count: count)
        var pales = [Bool](repeating: false, count: count)
        if let attributes = poppler_page_get_text_attributes(raw) {
            defer { poppler_page_free_text_attributes(attributes) }
            var node: UnsafeMutablePointer<GList>? = attributes
            while let current = node {
                if let data = current.pointee.data {
                    let attribute = data.assumingMemoryBound(to: PopplerTextAttributes.self).pointee
                    let name = attribute.font_name.map { String(cString: $0) } ?? ""
                    let bold = Self.isBold(fontName: name)
                    let c = attribute.color
                    let pale = min(c.red, c.green, c.blue) >= Self.paleComponent
                    let start = max(0, Int(attribute.start_index))
                    let end = min(count - 1, Int(attribute.end_index))
                    if start <= end {
                        for i in start...end {
                            sizes[i] = attribute.font_size
                            bolds[i] = bold
                            pales[i] = pale
                        }
                    }
                }
                node = current.pointee.next
            }
        }

        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(count)
        for i in 0..<count {
            let r = rectangles[i]
            let scalar = scalars[i]
            glyphs.append(Glyph(scalar: scalar,
                                box: BBox(x0: r.x1, y0: r.y1, x1: r.x2, y1: r.y2),
                                fontSize: sizes[i], bold: bolds[i],
                                isSpace: scalar.properties.isWhitespace,
                                isLineEnd: scalar == "\n", pale: pales[i]))
        }
        return Extraction(glyphs: glyphs, alignmentProblem: problem)
    }

    /// A colour component (of 65535) at or above which text counts as white.
    static let paleComponent: UInt16 = 0xF000

    /// Bold faces by name: "Arial-BoldMT", "LiberationSans-Bold", "Montserrat-Black", "Heavy".
    static func isBold(fontName: String) -> Bool {
        let name = fontName.lowercased()
        return name.contains("bold") || name.contains("black") || name.contains("heavy")
    }

    /// Boxes of the raster images drawn on the page (top-left origin, as the text).
    /// `glyphs` (the page's characters) tell which way a quarter-turned page was turned.
    func imageBoxes(glyphs: [Glyph] = []) -> [BBox] {
        guard let mapping = poppler_page_get_image_mapping(raw) else { return [] }
        defer { poppler_page_free_image_mapping(mapping) }
        let quarterTurn = isQuarterTurned
        let (width, height) = size
        let clockwise = quarterTurn ? Self.textRunsDown(glyphs) : true
        var boxes: [BBox] = []
        var node: UnsafeMutablePointer<GList>? = mapping
        while let current = node {
            if let data = current.pointee.data {
                let area = data.assumingMemoryBound(to: PopplerImageMapping.self).pointee.area
                var box = BBox(x0: area.x1, y0: area.y1, x1: area.x2, y1: area.y2)
                if quarterTurn {
                    box = Self.unturn(box, pageWidth: width, pageHeight: height, clockwise: clockwise)
                }
                if box.width > 0 && box.height > 0 { boxes.append(box) }
            }
            node = current.pointee.next
        }
        return boxes
    }

    /// True when the page is shown a quarter turn from how it is stored (/Rotate 90 or 270): the
    /// crop box, which poppler gives unturned, then has width and height swapped.
    var isQuarterTurned: Bool {
        var crop = PopplerRectangle()
        poppler_page_get_crop_box(raw, &crop)
        let (width, height) = size
        let cropWidth = abs(crop.x2 - crop.x1), cropHeight = abs(crop.y2 - crop.y1)
        return abs(width - height) > 1 && abs(width - cropHeight) < 1 && abs(height - cropWidth) < 1
    }

    /// On a quarter-turned page, whether the text (written left to right as stored) now runs down
    /// the page, as a turn of 90° clockwise leaves it; false when it runs up (270°).
    static func textRunsDown(_ glyphs: [Glyph]) -> Bool {
        var down = 0, up = 0
        for (a, b) in zip(glyphs, glyphs.dropFirst()) where !a.isSpace && !b.isSpace {
            guard a.box.horizontalOverlap(b.box) > 0.5 else { continue }
            if b.box.midY > a.box.midY { down += 1 } else if b.box.midY < a.box.midY { up += 1 }
        }
        return down >= up
    }

    /// poppler-glib 22.x places the image boxes of quarter-turned pages wrongly: it turns one
    /// corner of the image correctly, then adds the image's unturned width and height. Checked on
    /// a fixture page turned with `qpdf --rotate`: at 90° the box given starts at the true top-right
    /// corner, at 270° at the true bottom-left. Both readings are rebuilt; the one that lies more on
    /// the page wins (background images often bleed past its edges), and when both lie on it (a
    /// small image), the text's direction decides.
    static func unturn(_ box: BBox, pageWidth: Double, pageHeight: Double, clockwise: Bool) -> BBox {
        let page = BBox(x0: 0, y0: 0, x1: pageWidth, y1: pageHeight)
        func share(_ b: BBox) -> Double { b.area > 0 ? (b.intersection(page)?.area ?? 0) / b.area : 0 }
        let w = box.width, h = box.height
        let turned90 = BBox(x0: box.x0 - h, y0: box.y0, x1: box.x0, y1: box.y0 + w)
        let turned270 = BBox(x0: box.x0, y0: box.y0 - w, x1: box.x0 + h, y1: box.y0)
        let a = share(turned90), b = share(turned270)
        if a == 0 && b == 0 { return box }
        if abs(a - b) < 0.01 { return clockwise ? turned90 : turned270 }
        return a > b ? turned90 : turned270
    }

    /// Renders the page on white at `scale` pixels per point and returns 8-bit gray levels
    /// (row-major, `width × height`), for the ruling detector.
    /// With a `frame`, the page is drawn turned into it (the frame a page whose text runs down
    /// is read in), so that what is found in the pixels is in the words' frame.
    /// `within`: when given, only these boxes (points, displayed page) are painted; the rest stays
    /// white. Compositing is most of a render's cost, so a few boxes cost a fraction of a page.
    func renderGray(scale: Double, frame: ReadingFrame? = nil, within boxes: [BBox]? = nil) -> (pixels: [UInt8], width: Int, height: Int)? {
        let (displayedWidth, displayedHeight) = size
        let turned = (frame?.quarterTurns ?? 0) % 2 == 1
        let (pageWidth, pageHeight) = turned ? (displayedHeight, displayedWidth) : (displayedWidth, displayedHeight)
        let width = Int((pageWidth * scale).rounded(.up))
        let height = Int((pageHeight * scale).rounded(.up))
        guard width > 0, height > 0 else { return nil }

        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, gint(width), gint(height)) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else { return nil }
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        if let boxes {
            // Whole pixels, a pixel wider each way, so edge blending matches a full render's.
            for box in boxes {
                let x0 = ((box.x0 * scale).rounded(.down) - 1), y0 = ((box.y0 * scale).rounded(.down) - 1)
                let x1 = ((box.x1 * scale).rounded(.up) + 1), y1 = ((box.y1 * scale).rounded(.up) + 1)
                cairo_rectangle(context, x0, y0, x1 - x0, y1 - y0)
            }
            cairo_clip(context)
        }
        cairo_scale(context, scale, scale)
        if let frame {
            var matrix = cairo_matrix_t(xx: frame.xx, yx: frame.yx, xy: frame.xy, yy: frame.yy, x0: frame.x0, y0: frame.y0)
            cairo_transform(context, &matrix)
        }
        poppler_page_render(raw, context)
        cairo_destroy(context)
        cairo_surface_flush(surface)

        guard let base = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        var gray = [UInt8](repeating: 255, count: width * height)
        gray.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                // RGB24 is one native-endian UInt32 per pixel: 0x00RRGGBB.
                let row = UnsafeRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<width {
                    let p = row[x]
                    let r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
                    // Integer luma (Rec. 601 weights), good enough to tell ink from paper.
                    out[y * width + x] = UInt8((r * 77 + g * 150 + b * 29) >> 8)
                }
            }
        }
        return (gray, width, height)
    }
}

extension BBox {
    /// The columns and rows of a rendering (`scale` pixels per point, `width × height`) the box
    /// covers, clipped to the rendering; nil when nothing of it is on it.
    func pixels(scale: Double, width: Int, height: Int) -> (x: Range<Int>, y: Range<Int>)? {
        let x0 = max(0, Int((self.x0 * scale).rounded(.down))), x1 = min(width, Int((self.x1 * scale).rounded(.up)))
        let y0 = max(0, Int((self.y0 * scale).rounded(.down))), y1 = min(height, Int((self.y1 * scale).rounded(.up)))
        guard x1 > x0, y1 > y0 else { return nil }
        return (x0..<x1, y0..<y1)
    }
}
