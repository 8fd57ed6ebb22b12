import CotejoModel

/// A run of body lines that belong together on the page: a card of a slide, a section under a
/// heading, the children of one HTML element. Prose records (stated totals, compromisos) are read
/// within a region, so that figures of neighbouring cards are never mixed.
public struct TextRegion: Sendable {
    public let page: Int
    public let lines: [TextLine]
    /// The region's words and figures, read once: seven extractors ask the same region their
    /// questions, and tokenizing was a tenth of a PDF's processing when each did it again.
    let tokens: ProseTokens

    public init(page: Int, lines: [TextLine]) {
        self.page = page; self.lines = lines
        tokens = ProseTokens(lines: lines)
    }

    /// The regions' lines as one region, their tokens joined rather than read again.
    init(joining regions: [TextRegion]) {
        page = regions.first?.page ?? 1
        lines = regions.flatMap(\.lines)
        tokens = ProseTokens(joining: regions.map(\.tokens))
    }

    public var text: String { lines.map { $0.text.collapsedWhitespace }.joined(separator: " ") }
}

public enum TextRegions {
    /// The regions of a document, in reading order.
    public static func regions(of content: DocumentContent) -> [TextRegion] {
        // On paged formats the table stage finds tables in text the reader gave as lines: those
        // lines are table cells, not prose, and stay out ("Meta programada" heading a column is no
        // statement of what was programmed).
        var tableAreas: [Int: [BBox]] = [:]
        for table in content.tables {
            var byPage: [Int: BBox] = [:]
            for cell in table.cells {
                guard let page = cell.source.page, let box = cell.source.bbox else { continue }
                byPage[page] = byPage[page].map { $0.union(box) } ?? box
            }
            for (page, box) in byPage { tableAreas[page, default: []].append(box) }
        }
        return content.pages.flatMap { page -> [TextRegion] in
            let areas = tableAreas[page.number] ?? []
            let blocks = page.bodyBlocks.compactMap { block -> Block? in
                guard !areas.isEmpty else { return block }
                var kept = block
                kept.lines = block.lines.filter { line in
                    guard let box = line.bbox else { return true }
                    return !areas.contains { $0.x0 <= box.midX && box.midX <= $0.x1 && $0.y0 <= box.midY && box.midY <= $0.y1 }
                }
                return kept.lines.isEmpty ? nil : kept
            }
            if blocks.contains(where: { $0.source.bbox != nil }) { return geometric(blocks, page: page.number) }
            if blocks.contains(where: { $0.source.xpath != nil }) { return byParentElement(blocks, page: page.number) }
            return byHeading(blocks, page: page.number)
        }
    }

    /// Recursive XY-cut over the page's boxes: a wide empty horizontal band (about two lines) splits
    /// the page into bands, an empty vertical gutter splits a band into columns; what cannot be cut
    /// further is one region (a card of a slide, a paragraph group of a page). Small gaps between
    /// the lines of a card ("Se programaron" / "69" / "productos … ejecutaron" / "78") do not cut.
    static func geometric(_ blocks: [Block], page: Int) -> [TextRegion] {
        let boxes = blocks.map { $0.source.bbox ?? BBox(x0: 0, y0: 0, x1: 0, y1: 0) }
        let sizes = blocks.flatMap(\.lines).map(\.fontSize).filter { $0 > 0 }.sorted()
        let typical = sizes.isEmpty ? 11 : sizes[sizes.count / 2]
        let bandGap = max(12, typical * 1.8)
        let gutter = max(6, typical * 0.6)

        func split(_ members: [Int], horizontal: Bool) -> [[Int]] {
            let sorted = members.sorted { horizontal ? boxes[$0].y0 < boxes[$1].y0 : boxes[$0].x0 < boxes[$1].x0 }
            var parts: [[Int]] = []
            var reach = -Double.infinity
            for i in sorted {
                let (lo, hi) = horizontal ? (boxes[i].y0, boxes[i].y1) : (boxes[i].x0, boxes[i].x1)
                if parts.isEmpty || lo - reach >= (horizontal ? bandGap : gutter) { parts.append([i]) } else { parts[parts.count - 1].append(i) }
                reach = max(reach, hi)
            }
            return parts
        }
        func cut(_ members: [Int]) -> [[Int]] {
            guard members.count > 1 else { return [members] }
            let bands = split(members, horizontal: true)
            if bands.count > 1 { return bands.flatMap(cut) }
            let columns = split(members, horizontal: false)
            if columns.count > 1 { return columns.flatMap(cut) }
            return [members]
        }
        return cut(Array(blocks.indices)).map { members in
            let sorted = members.sorted { boxes[$0].y0 != boxes[$1].y0 ? boxes[$0].y0 < boxes[$1].y0 : boxes[$0].x0 < boxes[$1].x0 }
            return TextRegion(page: page, lines: sorted.flatMap { blocks[$0].lines })
        }
    }

    /// Consecutive blocks whose elements share a parent (the paragraphs of one card `div`).
    static func byParentElement(_ blocks: [Block], page: Int) -> [TextRegion] {
        func parentPath(_ b: Block) -> String {
            guard let x = b.source.xpath, let cut = x.lastIndex(of: "/") else { return "" }
            return String(x[..<cut])
        }
        var groups: [[TextLine]] = []
        var lastParent: String?
        var regionHasText = false
        for b in blocks {
            let p = parentPath(b)
            // A heading opens a region even among siblings (sections laid flat in <body>), unless
            // all the region holds so far is a big figure over its caption ("113 %" / "CUMPLIMIENTO").
            let opens = b.role == .heading && regionHasText
            if p == lastParent, !opens, let i = groups.indices.last {
                groups[i] += b.lines
            } else {
                groups.append(b.lines)
                regionHasText = false
            }
            regionHasText = regionHasText || b.role == .heading || b.text.count > 40
            lastParent = p
        }
        return groups.map { TextRegion(page: page, lines: $0) }
    }

    /// Text with no geometry: a heading opens a region.
    static func byHeading(_ blocks: [Block], page: Int) -> [TextRegion] {
        var groups: [[TextLine]] = []
        for b in blocks {
            if b.role == .heading || groups.isEmpty {
                groups.append(b.lines)
            } else {
                groups[groups.count - 1] += b.lines
            }
        }
        return groups.map { TextRegion(page: page, lines: $0) }
    }
}
