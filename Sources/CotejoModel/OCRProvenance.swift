/// Marks the sources that stand on text read by OCR, with the confidence of the least sure word
/// inside them, whichever stage built them (a table cell, a row spanning cells, a finding's figure).
///
/// Stages build sources from lines, cells and boxes in many ways; rather than carry a flag through
/// each, the place itself decides: a source on an OCR page takes the confidences of the OCR words
/// its box covers.
public struct OCRProvenance: Sendable {
    /// OCR words per page number: box and confidence.
    private let words: [Int: [(box: BBox, confidence: Double)]]
    /// Pages read by OCR as a whole: every source on them stands on OCR text. On the other pages
    /// with OCR words (images read inside a text page) only sources over those words do.
    private let wholePages: Set<Int>

    public init(_ content: DocumentContent) {
        var words: [Int: [(box: BBox, confidence: Double)]] = [:]
        for page in content.pages where page.ocr || !page.ocrRegions.isEmpty {
            words[page.number] = page.lines.flatMap { line in
                line.words.compactMap { w in w.confidence.map { (w.bbox, $0) } }
            }
        }
        self.words = words
        self.wholePages = Set(content.pages.filter(\.ocr).map(\.number))
    }

    /// True when no page of the document was read by OCR: stamping changes nothing.
    public var isEmpty: Bool { words.isEmpty }

    /// The source marked when it stands on an OCR page; unchanged otherwise.
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
        guard whole || !inside.isEmpty else { return source }
        var copy = source
        copy.ocr = true
        if let least = inside.map(\.confidence).min() {
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
