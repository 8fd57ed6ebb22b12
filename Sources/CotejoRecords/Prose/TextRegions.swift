import CotejoModel

/// A run of body lines that belong together on the page: a card of a slide, a section under a
/// heading, the children of one HTML element. Prose records (stated totals, compromisos) are read
/// within a region, so that figures of neighbouring cards are never mixed.
public struct TextRegion: Sendable {
    public var page: Int
    public var lines: [TextLine]

    public var text: String { lines.map { $0.text.collapsedWhitespace }.joined(separator: " ") }
}

public enum TextRegions {
    /// The regions of a document, in reading order.
    public static func regions(of content: DocumentContent) -> [TextRegion] {
        content.pages.flatMap { page -> [TextRegion] in
            let blocks = page.bodyBlocks
            if blocks.contains(where: { $0.source.bbox != nil }) { return geometric(blocks, page: page.number) }
            if blocks.contains(where: { $0.source.xpath != nil }) { return byParentElement(blocks, page: page.number) }
            return byHeading(blocks, page: page.number)
        }
    }

    /// Boxes that overlap horizontally and follow each other closely form a column of a card.
    static func geometric(_ blocks: [Block], page: Int) -> [TextRegion] {
        let boxes = blocks.map { $0.source.bbox ?? BBox(x0: 0, y0: 0, x1: 0, y1: 0) }
        var parent = Array(blocks.indices)
        func find(_ i: Int) -> Int { var i = i; while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }; return i }
        for i in blocks.indices {
            for j in blocks.indices where j > i {
                let a = boxes[i], b = boxes[j]
                let lineHeight = max(8, min(blocks[i].fontSize, blocks[j].fontSize) * 1.2)
                let gap = max(a.y0, b.y0) - min(a.y1, b.y1)
                // Wide titles would tie every column together: only boxes of similar width join.
                let widthRatio = min(a.width, b.width) / max(a.width, b.width, 1)
                if a.horizontalOverlap(b) > 0.3, gap < lineHeight * 2.5, widthRatio > 0.2 {
                    parent[find(j)] = find(i)
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        for i in blocks.indices { groups[find(i), default: []].append(i) }
        return groups.values.map { members in
            let sorted = members.sorted { boxes[$0].y0 != boxes[$1].y0 ? boxes[$0].y0 < boxes[$1].y0 : boxes[$0].x0 < boxes[$1].x0 }
            return TextRegion(page: page, lines: sorted.flatMap { blocks[$0].lines })
        }.sorted { a, b in
            let ba = a.lines.first?.bbox, bb = b.lines.first?.bbox
            return (ba?.y0 ?? 0, ba?.x0 ?? 0) < (bb?.y0 ?? 0, bb?.x0 ?? 0)
        }
    }

    /// Consecutive blocks whose elements share a parent (the paragraphs of one card `div`).
    static func byParentElement(_ blocks: [Block], page: Int) -> [TextRegion] {
        func parentPath(_ b: Block) -> String {
            guard let x = b.source.xpath, let cut = x.lastIndex(of: "/") else { return "" }
            return String(x[..<cut])
        }
        var regions: [TextRegion] = []
        var lastParent: String?
        for b in blocks {
            let p = parentPath(b)
            // A heading opens a region even among siblings (sections laid flat in <body>).
            if p == lastParent, b.role != .heading, let i = regions.indices.last {
                regions[i].lines += b.lines
            } else {
                regions.append(TextRegion(page: page, lines: b.lines))
            }
            lastParent = p
        }
        return regions
    }

    /// Text with no geometry: a heading opens a region.
    static func byHeading(_ blocks: [Block], page: Int) -> [TextRegion] {
        var regions: [TextRegion] = []
        for b in blocks {
            if b.role == .heading || regions.isEmpty {
                regions.append(TextRegion(page: page, lines: b.lines))
            } else {
                regions[regions.count - 1].lines += b.lines
            }
        }
        return regions
    }
}
