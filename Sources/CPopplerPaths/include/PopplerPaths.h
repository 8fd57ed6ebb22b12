#ifndef COTEJO_POPPLER_PATHS_H
#define COTEJO_POPPLER_PATHS_H

// What a PDF page shows, read in one pass through poppler's core API: its characters with their boxes
// and type faces (as poppler-glib's text, layout and attribute calls give them), the straight pieces
// of stroked and filled paths, and the boxes of images. Coordinates are PDF points with the origin at
// the page's top-left corner.
//
// The core API is C++ and not stable across poppler releases; this C interface is all Swift sees.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CotejoPaintStroke = 0,
    CotejoPaintFill = 1,
} CotejoPaint;

/// One straight piece of a path as drawn on the page.
typedef struct {
    double x0, y0, x1, y1;
    /// The stroke's width in points (0 for a fill).
    double width;
    /// Luminance of the colour, 0 black … 1 white, and opacity 0 … 1.
    double luminance, opacity;
    /// Stroke or fill.
    int paint;
    /// Pieces of one painted path share this number (numbered from 0 on each page).
    int path;
} CotejoSegment;

typedef struct { double x0, y0, x1, y1; } CotejoBox;

/// One character of the page's text, in reading order. Between words poppler reads as spaced apart
/// comes a space (its box the gap between them), and between lines a line end ("\n", an empty box
/// at the line's last corner): the sequence poppler-glib's `poppler_page_get_text` spells out.
typedef struct {
    /// A Unicode scalar (an invalid code point comes as U+FFFD).
    unsigned int scalar;
    /// The type face: an index into the drawing's `fonts`.
    unsigned int font;
    CotejoBox box;
    double fontSize;
    /// The word's fill colour, each component 0 … 65535.
    unsigned short red, green, blue;
} CotejoGlyph;

typedef struct {
    CotejoSegment *segments;
    size_t segmentCount;
    CotejoBox *images;
    size_t imageCount;
    /// Where anything was painted besides text: the box of every stroked or filled path (curves
    /// included, any colour) and the clip of every shading and pattern fill, cut to the clip.
    /// Lets a reader tell bare paper without rendering. At most `maxSegments` are kept.
    CotejoBox *painted;
    size_t paintedCount;
    /// The text, when asked for (see cotejo_paths_read_page); `fonts` are the type faces' names,
    /// without a subset tag ("ABCDEF+"), "Default" when the file names none.
    CotejoGlyph *glyphs;
    size_t glyphCount;
    char **fonts;
    size_t fontCount;
    /// The page as displayed (crop box, rotation applied), in points.
    double width, height;
} CotejoPageDrawing;

typedef struct CotejoPathDocument CotejoPathDocument;

/// Opens a PDF from memory (the bytes are copied). NULL when poppler cannot open it.
CotejoPathDocument *cotejo_paths_open(const void *bytes, size_t length);
void cotejo_paths_close(CotejoPathDocument *document);
int cotejo_paths_page_count(const CotejoPathDocument *document);

/// Reads page `index` (from 0), its text too when `withText` is not 0. Returns 0 on success; the
/// drawing is then freed with cotejo_paths_free_drawing. At most `maxSegments` pieces are kept (a
/// page of millions of hairlines, as a plotted chart may hold, is cut there and says so through
/// `truncated`).
int cotejo_paths_read_page(CotejoPathDocument *document, int index, size_t maxSegments, int withText,
                           CotejoPageDrawing *drawing, int *truncated);
void cotejo_paths_free_drawing(CotejoPageDrawing *drawing);

/// The poppler release the shim was compiled against, e.g. "22.12.0".
const char *cotejo_paths_poppler_version(void);

#ifdef __cplusplus
}
#endif

#endif
