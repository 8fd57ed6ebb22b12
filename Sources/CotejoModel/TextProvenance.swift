/// Marks the sources that stand on text not taken plainly from a text layer, whichever stage built
/// them (a table cell, a row spanning cells, a finding's figure): text read by OCR, with the
/// confidence of the least sure word inside them, and text that is in the file but hidden on the
/// page (white on white).
///
/// Stages build sources from lines, cells and boxes in many ways; rather than carry flags through
/// each, the place itself decides: a source takes the marks of the words its box covers.
public struct TextProvenance: Sendable {
    private struct Marked: Sendable {
        var box: BBox
        var confidence: Double?
        var hidden: Bool
    }
    /// OCR and hidden words per page number.
    private let words: [Int: [Marked]]
    /// Pages read by OCR as a whole: every source on them stands on OCR text. On the other pages
    /// with OCR words (images read inside a text page) only sources over those words do.
    private let wholePages: Set<Int>

    public init(_ content: DocumentContent) {
        var words: [Int: [Marked]] = [:]
        for page in content.pages {
            let marked = page.lines.flatMap { line in
                line.words.compactMap { w -> Marked? in
                    guard w.confidence != nil || w.hidden == true else { return nil }
                    return Marked(box: w.bbox, confidence: w.confidence, hidden: w.hidden == true)
                }
            }
            if page.ocr || !marked.isEmpty { words[page.number] = marked }
        }
        self.words = words
        self.wholePages = Set(content.pages.filter(\.ocr).map(\.number))
    }

    /// True when no word of the document was read by OCR or hidden: stamping changes nothing.
    public var isEmpty: Bool { words.isEmpty }

    /// The source marked when it stands on OCR or hidden words; unchanged otherwise.
    public func stamp(_ source: Source) -> Source {
        guard let page = source.page, let onPage = words[page] else { return source }
        let whole = wholePages.contains(page)
        guard let box = source.bbox else {
            guard whole else { return source }
            var copy = source
            copy.ocr = true
            return copy
        }
        // Words mostly inside the box; a word the box only grazes (a neighbour cell) does not count.
        let inside = onPage.filter { w in
            guard let overlap = w.box.intersection(box) else { return false }
            return overlap.area >= 0.5 * w.box.area
        }
        var copy = source
        if inside.contains(where: \.hidden) { copy.hidden = true }
        let read = inside.filter { $0.confidence != nil }
        guard whole || !read.isEmpty else { return copy }
        copy.ocr = true
        if let least = read.compactMap(\.confidence).min() {
            copy.confidence = min(least, source.confidence ?? 1)
        }
        return copy
    }

    public func stamp(_ sources: [Source]) -> [Source] { sources.map(stamp) }

    public func stamp(_ sources: [String: Source]) -> [String: Source] { sources.mapValues(stamp) }

    /// Every source of the records stamped.
    public func stamp(_ records: DocumentRecords) -> DocumentRecords {
        guard !isEmpty else { return records }
        var r = records
        r.facts.sources = stamp(r.facts.sources)
        for i in r.activities.indices {
            r.activities[i].source = stamp(r.activities[i].source)
            r.activities[i].fieldSources = stamp(r.activities[i].fieldSources)
            for m in r.activities[i].measures.indices {
                r.activities[i].measures[m].source = stamp(r.activities[i].measures[m].source)
                r.activities[i].measures[m].fieldSources = stamp(r.activities[i].measures[m].fieldSources)
            }
        }
        for i in r.totals.indices { r.totals[i].source = stamp(r.totals[i].source) }
        for i in r.commitments.indices { r.commitments[i].source = stamp(r.commitments[i].source) }
        for i in r.claims.indices {
            r.claims[i].source = stamp(r.claims[i].source)
            r.claims[i].fieldSources = stamp(r.claims[i].fieldSources)
        }
        for i in r.columnSums.indices { r.columnSums[i].source = stamp(r.columnSums[i].source) }
        return r
    }
}
