import CotejoModel

/// A document's body as one sequence in reading order: text blocks and tables, each with its page.
/// Section headings, units and prose records are read along it.
public struct DocumentStream: Sendable {
    public enum Item: Sendable {
        /// A body block, with its index among the page's blocks (furniture included), so that what
        /// was found per page by index meets the block without comparing blocks.
        case block(Block, page: Int, index: Int)
        case table(Table)
    }

    public var items: [Item]

    public init(_ content: DocumentContent) {
        var items: [Item] = []
        var tablesByPage: [Int: [Table]] = [:]
        for t in content.tables { tablesByPage[t.pages.first ?? 1, default: []].append(t) }
        for page in content.pages {
            let blocks = page.blocks
            let tables = tablesByPage[page.number] ?? []
            // Tables placed by anchor (flowing formats) or by the top of their first cell (paged ones).
            var placed: [(position: Int, table: Table)] = []
            for t in tables {
                if let anchor = t.anchor {
                    placed.append((min(anchor, blocks.count), t))
                } else if let top = t.cells.compactMap({ $0.source.page == page.number ? $0.source.bbox?.y0 : nil }).min() {
                    let position = blocks.firstIndex { ($0.source.bbox?.y0 ?? .infinity) > top } ?? blocks.count
                    placed.append((position, t))
                } else {
                    placed.append((blocks.count, t))
                }
            }
            // The body blocks, each with its index among all of the page's blocks.
            let body = blocks.indices.filter { blocks[$0].role != .furniture }
            // Furniture is gone, so positions are recounted against the body blocks.
            let bodyIndex: [Int] = {
                var map: [Int] = []; var n = 0
                for b in page.blocks { map.append(n); if b.role != .furniture { n += 1 } }
                map.append(n); return map
            }()
            let sortedPlaced = placed.map { (bodyIndex[min($0.position, bodyIndex.count - 1)], $0.table) }.sorted { $0.0 < $1.0 }
            var next = 0
            for (i, index) in body.enumerated() {
                while next < sortedPlaced.count, sortedPlaced[next].0 <= i { items.append(.table(sortedPlaced[next].1)); next += 1 }
                items.append(.block(blocks[index], page: page.number, index: index))
            }
            while next < sortedPlaced.count { items.append(.table(sortedPlaced[next].1)); next += 1 }
        }
        // Tables on pages the content does not list (should not happen) still count.
        let listed = Set(content.pages.map(\.number))
        for t in content.tables where !listed.contains(t.pages.first ?? 1) { items.append(.table(t)) }
        self.items = items
    }
}
