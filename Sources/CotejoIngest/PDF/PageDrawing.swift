import Foundation
import CotejoModel
import CPopplerPaths

/// What a PDF page shows: its characters, the straight pieces of its stroked and filled paths and the
/// boxes of its images, in points from the displayed page's top-left corner (the frame of
/// poppler-glib's text layout). Read through poppler's core API in one pass that rasterises nothing
/// (`CPopplerPaths`).
struct PageDrawing: Sendable {
    struct Segment: Sendable, Equatable {
        var x0: Double, y0: Double, x1: Double, y1: Double
        /// A stroke's width in points; 0 for the edge of a fill.
        var width: Double
        /// 0 black … 1 white.
        var luminance: Double
        var opacity: Double
        var isStroke: Bool
        /// Pieces of one painted path share it.
        var path: Int
    }

    var segments: [Segment]
    var images: [BBox]
    /// Where anything besides text was painted: every path's box (curved ones too, any colour)
    /// and every shading's or pattern's clip. Nothing here and no image or glyph means bare paper.
    var painted: [BBox]
    /// The page held more pieces than were kept (see `PathDocument.maxSegments`).
    var truncated: Bool
    /// The page's characters, spaces and line ends, as poppler-glib's text calls give them; nil when
    /// not asked for.
    var text: PopplerPageHandle.Extraction?
}

/// An open document for `PageDrawing`s. Owns the C++ side's copy of the bytes and its PDFDoc, both
/// released in `deinit`; used from one thread at a time, like the poppler-glib handles.
final class PathDocument {
    /// Pieces kept per page: a plotted chart may draw a million hairlines, which no table needs.
    static let maxSegments = 200_000

    private let raw: OpaquePointer

    /// nil when poppler's core cannot open the bytes (then the caller falls back to rendering).
    init?(data: Data) {
        let opened: OpaquePointer? = data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return cotejo_paths_open(base, buffer.count)
        }
        guard let opened else { return nil }
        raw = opened
    }

    deinit { cotejo_paths_close(raw) }

    var pageCount: Int { Int(cotejo_paths_page_count(raw)) }

    /// The drawing of page `index` (from 0), its text too when `withText`, or nil when poppler
    /// cannot display it.
    func drawing(page index: Int, withText: Bool = true) -> PageDrawing? {
        var drawing = CotejoPageDrawing()
        var truncated: Int32 = 0
        guard cotejo_paths_read_page(raw, Int32(index), Self.maxSegments, withText ? 1 : 0, &drawing, &truncated) == 0
        else { return nil }
        defer { cotejo_paths_free_drawing(&drawing) }
        let segments = UnsafeBufferPointer(start: drawing.segments, count: drawing.segmentCount).map { s in
            PageDrawing.Segment(x0: s.x0, y0: s.y0, x1: s.x1, y1: s.y1, width: s.width, luminance: s.luminance,
                                opacity: s.opacity, isStroke: s.paint == Int32(CotejoPaintStroke.rawValue),
                                path: Int(s.path))
        }
        let images = UnsafeBufferPointer(start: drawing.images, count: drawing.imageCount).map { b in
            BBox(x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1)
        }
        let painted = UnsafeBufferPointer(start: drawing.painted, count: drawing.paintedCount).map { b in
            BBox(x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1)
        }
        let text = withText ? Self.text(of: drawing) : nil
        return PageDrawing(segments: segments, images: images, painted: painted, truncated: truncated != 0, text: text)
    }

    /// The drawing's characters as glyphs: bold and pale (white) read off each face's name and each
    /// word's colour as for poppler-glib's attributes.
    private static func text(of drawing: CotejoPageDrawing) -> PopplerPageHandle.Extraction {
        let faces = UnsafeBufferPointer(start: drawing.fonts, count: drawing.fontCount).map { name in
            PopplerPageHandle.isBold(fontName: name.map { String(cString: $0) } ?? "")
        }
        let pale = PopplerPageHandle.paleComponent
        let glyphs = UnsafeBufferPointer(start: drawing.glyphs, count: drawing.glyphCount).map { g -> Glyph in
            let scalar = Unicode.Scalar(g.scalar) ?? "\u{FFFD}"
            return Glyph(scalar: scalar, box: BBox(x0: g.box.x0, y0: g.box.y0, x1: g.box.x1, y1: g.box.y1),
                         fontSize: g.fontSize, bold: Int(g.font) < faces.count && faces[Int(g.font)],
                         isSpace: scalar.properties.isWhitespace, isLineEnd: scalar == "\n",
                         pale: min(g.red, g.green, g.blue) >= pale)
        }
        return PopplerPageHandle.Extraction(glyphs: glyphs, alignmentProblem: nil)
    }

    /// The poppler release the shim was compiled against.
    static var popplerVersion: String { String(cString: cotejo_paths_poppler_version()) }
}
