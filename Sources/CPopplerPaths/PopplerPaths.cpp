// Reads what a PDF page shows (its text, paths and image boxes) through poppler's core C++ API, the
// same code pdftotext runs on, in one pass over the page's content. poppler-glib has no call for
// drawn paths (rendering the page and scanning its pixels for lines cost most of the reading time),
// and its text calls make a pass of their own; one pass here gives both.
//
// The OutputDev below is poppler's text device, which lays out the characters as poppler-glib's
// text calls see them, and besides keeps the straight pieces of each stroked or filled path,
// already in page points, and the box each image covers. Nothing is rasterised: glyphs, shadings
// and tiling patterns are never drawn.

#include "PopplerPaths.h"

#include <poppler-config.h>
#include <Error.h>
#include <GlobalParams.h>
#include <GfxState.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Annot.h>
#include <Gfx.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <goo/gmem.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// The core API changes between poppler releases (OutputDev's virtual methods change signature; every
// override below says `override`, so such a change fails the build here rather than at run time).
// This file was written and tested against poppler 22.12 (Debian 12); the releases it is known not to
// compile with are refused with a message instead of a page of template errors.
static_assert(std::string_view(POPPLER_VERSION).substr(0, 3) >= std::string_view("22."),
              "Cotejo's CPopplerPaths needs poppler 22.x or later (libpoppler-private-dev); found " POPPLER_VERSION);

namespace {

/// Poppler's messages about damaged files: the readers report what matters in their own words.
void ignorePopplerError(ErrorCategory, Goffset, const char *) {}

/// Collects the text (as poppler's text device does), paths and image boxes; draws nothing.
class PageCollector final : public TextOutputDev {
public:
    // As poppler-glib makes its text page: physical layout, no fixed pitch, reading order (not the
    // content stream's), no output file.
    PageCollector(size_t maxSegments, bool withText)
        : TextOutputDev(nullptr, true, 0, false, false), maxSegments(maxSegments), withText(withText) {}

    std::vector<CotejoSegment> segments;
    std::vector<CotejoBox> images;
    std::vector<CotejoBox> painted;
    bool truncated = false;

    // Device space with y growing downwards, at 72 dpi: page points from the top-left corner.
    bool upsideDown() override { return true; }
    // Characters reach the text device one by one; without text they go through drawString, which
    // nothing here draws. Either way no glyph is rasterised.
    bool useDrawChar() override { return withText; }
    bool interpretType3Chars() override { return false; }
    // The text device alone asks for text only; paths and images are wanted here too.
    bool needNonText() override { return true; }

    // Shadings and tiling patterns would otherwise be drawn as thousands of small fills.
    bool useTilingPatternFill() override { return true; }
    bool useShadedFills(int) override { return true; }
    // They are not drawn, but where they paint is kept (their clip): see `painted`.
    bool tilingPatternFill(GfxState *state, Gfx *, Catalog *, GfxTilingPattern *, const double *, int, int, int, int,
                           double, double) override { return paintedClip(state); }
    bool functionShadedFill(GfxState *state, GfxFunctionShading *) override { return paintedClip(state); }
    bool axialShadedFill(GfxState *state, GfxAxialShading *, double, double) override { return paintedClip(state); }
    bool radialShadedFill(GfxState *state, GfxRadialShading *, double, double) override { return paintedClip(state); }
    bool gouraudTriangleShadedFill(GfxState *state, GfxGouraudTriangleShading *) override { return paintedClip(state); }
    bool patchMeshShadedFill(GfxState *state, GfxPatchMeshShading *) override { return paintedClip(state); }

    void stroke(GfxState *state) override {
        collect(state, CotejoPaintStroke);
        TextOutputDev::stroke(state);
    }
    void fill(GfxState *state) override {
        collect(state, CotejoPaintFill);
        TextOutputDev::fill(state);
    }
    void eoFill(GfxState *state) override {
        collect(state, CotejoPaintFill);
        TextOutputDev::eoFill(state);
    }

    // Images: their box only. The base class skips an inline image's data so parsing goes on.
    void drawImageMask(GfxState *state, Object *ref, Stream *str, int width, int height, bool invert,
                       bool interpolate, bool inlineImg) override {
        addImage(state);
        OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inlineImg);
    }
    void drawImage(GfxState *state, Object *ref, Stream *str, int width, int height, GfxImageColorMap *colorMap,
                   bool interpolate, const int *maskColors, bool inlineImg) override {
        addImage(state);
        OutputDev::drawImage(state, ref, str, width, height, colorMap, interpolate, maskColors, inlineImg);
    }
    void drawMaskedImage(GfxState *state, Object *ref, Stream *str, int width, int height, GfxImageColorMap *colorMap,
                         bool interpolate, Stream *maskStr, int maskWidth, int maskHeight, bool maskInvert,
                         bool maskInterpolate) override {
        // Not the base class's: it draws the image again through drawImage, which would count it
        // twice. A masked image is never inline, so there is no data to skip.
        addImage(state);
    }
    void drawSoftMaskedImage(GfxState *state, Object *ref, Stream *str, int width, int height,
                             GfxImageColorMap *colorMap, bool interpolate, Stream *maskStr, int maskWidth,
                             int maskHeight, GfxImageColorMap *maskColorMap, bool maskInterpolate) override {
        // As above: the base class would draw it again through drawImage.
        addImage(state);
    }

private:
    size_t maxSegments;
    bool withText;
    int pathCount = 0;

    static double luminance(const GfxRGB &rgb) {
        return 0.299 * colToDbl(rgb.r) + 0.587 * colToDbl(rgb.g) + 0.114 * colToDbl(rgb.b);
    }

    /// The straight pieces of the current path, in device space and cut to the clip box.
    void collect(GfxState *state, CotejoPaint paint) {
        const GfxPath *path = state->getPath();
        if (!path || truncated) return;
        GfxRGB rgb;
        double opacity;
        if (paint == CotejoPaintStroke) {
            state->getStrokeRGB(&rgb);
            opacity = state->getStrokeOpacity();
        } else {
            state->getFillRGB(&rgb);
            opacity = state->getFillOpacity();
        }
        const double lum = luminance(rgb);
        const double width = paint == CotejoPaintStroke ? state->getTransformedLineWidth() : 0;
        double cx0, cy0, cx1, cy1;
        state->getClipBBox(&cx0, &cy0, &cx1, &cy1);
        addPainted(state, path, width / 2, cx0, cy0, cx1, cy1);
        const int id = pathCount++;

        auto add = [&](double ux0, double uy0, double ux1, double uy1) {
            double x0, y0, x1, y1;
            state->transform(ux0, uy0, &x0, &y0);
            state->transform(ux1, uy1, &x1, &y1);
            if (!clip(x0, y0, x1, y1, cx0, cy0, cx1, cy1)) return;
            if (segments.size() >= maxSegments) { truncated = true; return; }
            segments.push_back(CotejoSegment{x0, y0, x1, y1, width, lum, opacity, static_cast<int>(paint), id});
        };

        for (int s = 0; s < path->getNumSubpaths(); ++s) {
            const GfxSubpath *sub = path->getSubpath(s);
            const int n = sub->getNumPoints();
            // A piece from point j to j+1 is straight when neither end is a Bézier control point.
            for (int j = 0; j + 1 < n; ++j) {
                if (sub->getCurve(j) || sub->getCurve(j + 1)) continue;
                add(sub->getX(j), sub->getY(j), sub->getX(j + 1), sub->getY(j + 1));
            }
            // A fill closes every subpath; a stroke only the ones closed with `h` (poppler adds the
            // closing point then).
            if (paint == CotejoPaintFill && n > 2 && !sub->getCurve(n - 1) && !sub->getCurve(0)
                && (sub->getX(n - 1) != sub->getX(0) || sub->getY(n - 1) != sub->getY(0))) {
                add(sub->getX(n - 1), sub->getY(n - 1), sub->getX(0), sub->getY(0));
            }
        }
    }

    /// Liang–Barsky: cuts the segment to the box; false when nothing of it is inside.
    static bool clip(double &x0, double &y0, double &x1, double &y1, double bx0, double by0, double bx1, double by1) {
        double t0 = 0, t1 = 1;
        const double dx = x1 - x0, dy = y1 - y0;
        const double p[4] = {-dx, dx, -dy, dy};
        const double q[4] = {x0 - bx0, bx1 - x0, y0 - by0, by1 - y0};
        for (int i = 0; i < 4; ++i) {
            if (p[i] == 0) {
                if (q[i] < 0) return false;
            } else {
                const double t = q[i] / p[i];
                if (p[i] < 0) t0 = std::max(t0, t); else t1 = std::min(t1, t);
            }
        }
        if (t0 > t1) return false;
        const double nx0 = x0 + t0 * dx, ny0 = y0 + t0 * dy;
        x1 = x0 + t1 * dx; y1 = y0 + t1 * dy;
        x0 = nx0; y0 = ny0;
        return true;
    }

    bool paintedClip(GfxState *state) {
        double cx0, cy0, cx1, cy1;
        state->getClipBBox(&cx0, &cy0, &cx1, &cy1);
        pushPainted(cx0, cy0, cx1, cy1);
        return true;
    }

    /// The box of every point of the path (Bézier control points too, which bound the curve),
    /// widened by half a stroke, cut to the clip.
    void addPainted(GfxState *state, const GfxPath *path, double halfWidth, double cx0, double cy0, double cx1, double cy1) {
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        for (int s = 0; s < path->getNumSubpaths(); ++s) {
            const GfxSubpath *sub = path->getSubpath(s);
            for (int j = 0; j < sub->getNumPoints(); ++j) {
                double x, y;
                state->transform(sub->getX(j), sub->getY(j), &x, &y);
                x0 = std::min(x0, x); y0 = std::min(y0, y); x1 = std::max(x1, x); y1 = std::max(y1, y);
            }
        }
        if (x0 > x1) return;
        pushPainted(std::max(x0 - halfWidth, cx0), std::max(y0 - halfWidth, cy0),
                    std::min(x1 + halfWidth, cx1), std::min(y1 + halfWidth, cy1));
    }

    void pushPainted(double x0, double y0, double x1, double y1) {
        if (x0 > x1 || y0 > y1) return;
        if (painted.size() >= maxSegments) { truncated = true; return; }
        painted.push_back(CotejoBox{x0, y0, x1, y1});
    }

    void addImage(GfxState *state) {
        // The image fills the unit square of its own space; its box is that square's corners.
        double xs[4], ys[4];
        state->transform(0, 0, &xs[0], &ys[0]);
        state->transform(1, 0, &xs[1], &ys[1]);
        state->transform(0, 1, &xs[2], &ys[2]);
        state->transform(1, 1, &xs[3], &ys[3]);
        images.push_back(CotejoBox{*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4),
                                   *std::max_element(xs, xs + 4), *std::max_element(ys, ys + 4)});
    }
};

/// A malloc'd copy of `items` (never a null pointer for an empty list), its count in `count`.
template <typename T> T *copyOut(const std::vector<T> &items, size_t &count, bool &failed) {
    count = items.size();
    T *copy = static_cast<T *>(std::malloc(sizeof(T) * std::max<size_t>(1, items.size())));
    if (!copy) {
        failed = true;
        count = 0;
        return nullptr;
    }
    std::copy(items.begin(), items.end(), copy);
    return copy;
}

/// A type face's name as poppler-glib gives it: without the subset tag (capitals and "+") that
/// embedded subsets carry, "Default" when there is none.
std::string faceName(const GooString *name) {
    if (!name || name->getLength() == 0) return "Default";
    const std::string full = name->toStr();
    size_t i = 0;
    while (i < full.size() && full[i] >= 'A' && full[i] <= 'Z') ++i;
    const bool subset = i > 0 && i < full.size() && full[i] == '+';
    return subset ? full.substr(i + 1) : full;
}

/// The page's characters in the order and with the boxes of poppler-glib's whole-page text calls
/// (`poppler_page_get_text`, `_get_text_layout`, `_get_text_attributes` over the page's rectangle):
/// the words of each selected line, a space after a word poppler reads as spaced from the next one
/// (from the one's right edge to the other's left, the first's height), a line end between lines (an
/// empty box at the line's last word's bottom-right corner). A space or line end has the attributes
/// of the character before it.
void spell(TextPage *text, double width, double height, std::vector<CotejoGlyph> &glyphs, std::vector<std::string> &fonts) {
    PDFRectangle page(0, 0, width, height);
    int lineCount = 0;
    std::vector<TextWordSelection *> **lines = text->getSelectionWords(&page, selectionStyleGlyph, &lineCount);
    if (!lines) return;
    std::map<std::string, unsigned int> fontIndex;
    auto addFont = [&](const GooString *name) {
        const std::string face = faceName(name);
        auto found = fontIndex.find(face);
        if (found != fontIndex.end()) return found->second;
        const auto index = static_cast<unsigned int>(fonts.size());
        fonts.push_back(face);
        fontIndex.emplace(face, index);
        return index;
    };
    auto component = [](double c) { return static_cast<unsigned short>(static_cast<int>(c * 65535. + 0.5)); };
    // A space or line end after the last character, with its attributes.
    auto addBreak = [&](unsigned int scalar, double x0, double y0, double x1, double y1) {
        if (glyphs.empty()) return;
        CotejoGlyph mark = glyphs.back();
        mark.scalar = scalar;
        mark.box = CotejoBox{x0, y0, x1, y1};
        glyphs.push_back(mark);
    };
    for (int i = 0; i < lineCount; ++i) {
        std::vector<TextWordSelection *> *words = lines[i];
        double right = 0, bottom = 0;
        for (size_t j = 0; j < words->size(); ++j) {
            TextWordSelection *selected = (*words)[j];
            const TextWord *word = selected->getWord();
            double r, g, b;
            word->getColor(&r, &g, &b);
            for (int k = selected->getBegin(); k < selected->getEnd(); ++k) {
                CotejoGlyph glyph{};
                const Unicode u = *word->getChar(k);
                glyph.scalar = (u == 0 || u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) ? 0xFFFD : u;
                glyph.font = addFont(word->getFontName(k));
                word->getCharBBox(k, &glyph.box.x0, &glyph.box.y0, &glyph.box.x1, &glyph.box.y1);
                glyph.fontSize = word->getFontSize();
                glyph.red = component(r);
                glyph.green = component(g);
                glyph.blue = component(b);
                glyphs.push_back(glyph);
            }
            double x0, y0, x1, y1;
            word->getBBox(&x0, &y0, &x1, &y1);
            right = x1;
            bottom = y1;
            if (word->hasSpaceAfter() && j + 1 < words->size()) {
                double nx0, ny0, nx1, ny1;
                (*words)[j + 1]->getWord()->getBBox(&nx0, &ny0, &nx1, &ny1);
                addBreak(' ', x1, y0, nx0, y1);
            }
            delete selected;
        }
        if (i + 1 < lineCount) addBreak('\n', right, bottom, right, bottom);
        delete words;
    }
    gfree(lines);
}

} // namespace

struct CotejoPathDocument {
    // Poppler's global parameters are counted, not owned: poppler-glib creates them when its first
    // document opens and frees them when its last one closes, so a document read here holds its own
    // count (first member, released last) or another thread's closing would free them under it.
    GlobalParamsIniter globals{ignorePopplerError};
    std::vector<char> bytes;
    std::unique_ptr<PDFDoc> doc;
};

extern "C" {

CotejoPathDocument *cotejo_paths_open(const void *bytes, size_t length) {
    auto document = std::make_unique<CotejoPathDocument>();
    document->bytes.assign(static_cast<const char *>(bytes), static_cast<const char *>(bytes) + length);
    // The stream reads the copy above, which lives as long as the document.
    auto *stream = new MemStream(document->bytes.data(), 0, document->bytes.size(), Object(objNull));
    document->doc = std::make_unique<PDFDoc>(stream);
    if (!document->doc->isOk()) return nullptr;
    return document.release();
}

void cotejo_paths_close(CotejoPathDocument *document) { delete document; }

int cotejo_paths_page_count(const CotejoPathDocument *document) {
    return document ? document->doc->getNumPages() : 0;
}

int cotejo_paths_read_page(CotejoPathDocument *document, int index, size_t maxSegments, int withText,
                           CotejoPageDrawing *drawing, int *truncated) {
    if (!document || !drawing || index < 0 || index >= document->doc->getNumPages()) return 1;
    *drawing = CotejoPageDrawing{};
    Page *page = document->doc->getPage(index + 1);
    if (!page || !page->isOk()) return 1;
    const int rotate = page->getRotate();
    const bool quarter = rotate == 90 || rotate == 270;
    drawing->width = quarter ? page->getCropHeight() : page->getCropWidth();
    drawing->height = quarter ? page->getCropWidth() : page->getCropHeight();

    // As poppler-glib makes its text page: 72 dpi, no extra rotation, crop box, not printing, the
    // page's content only; the text is laid out (endPage) before the annotations are drawn, which
    // add paths but no text, as poppler-glib's text has none of theirs.
    PageCollector collector(maxSegments, withText != 0);
    TextPage *text = nullptr;
    {
        std::unique_ptr<Gfx> gfx(page->createGfx(&collector, 72, 72, 0, false, true, -1, -1, -1, -1, false, nullptr, nullptr));
        page->display(gfx.get());
        collector.endPage();
        text = collector.takeText();
        if (Annots *annots = page->getAnnots()) {
            for (Annot *annot : annots->getAnnots()) annot->draw(gfx.get(), false);
        }
    }
    std::vector<CotejoGlyph> glyphs;
    std::vector<std::string> fonts;
    if (withText && text) spell(text, drawing->width, drawing->height, glyphs, fonts);
    if (text) text->decRefCnt();

    bool failed = false;
    drawing->segments = copyOut(collector.segments, drawing->segmentCount, failed);
    drawing->images = copyOut(collector.images, drawing->imageCount, failed);
    drawing->painted = copyOut(collector.painted, drawing->paintedCount, failed);
    drawing->glyphs = copyOut(glyphs, drawing->glyphCount, failed);
    drawing->fontCount = fonts.size();
    drawing->fonts = static_cast<char **>(std::calloc(std::max<size_t>(1, fonts.size()), sizeof(char *)));
    if (!drawing->fonts) failed = true;
    for (size_t i = 0; !failed && i < fonts.size(); ++i) {
        drawing->fonts[i] = strdup(fonts[i].c_str());
        if (!drawing->fonts[i]) failed = true;
    }
    if (failed) {
        cotejo_paths_free_drawing(drawing);
        return 1;
    }
    if (truncated) *truncated = collector.truncated ? 1 : 0;
    return 0;
}

void cotejo_paths_free_drawing(CotejoPageDrawing *drawing) {
    if (!drawing) return;
    std::free(drawing->segments);
    std::free(drawing->images);
    std::free(drawing->painted);
    std::free(drawing->glyphs);
    for (size_t i = 0; drawing->fonts && i < drawing->fontCount; ++i) std::free(drawing->fonts[i]);
    std::free(drawing->fonts);
    *drawing = CotejoPageDrawing{};
}

const char *cotejo_paths_poppler_version(void) { return POPPLER_VERSION; }

} // extern "C"
