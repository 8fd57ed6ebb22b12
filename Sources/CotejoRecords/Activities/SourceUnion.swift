import CotejoModel

extension Source {
    /// One source per page for a set of places (the cells of a row, the lines of a block): boxes on
    /// the same page are united; XPath, sheet and table locators are lifted to the row they share.
    /// `text` becomes the given quotation.
    static func union(_ sources: [Source], text: String) -> [Source] {
        guard let first = sources.first else { return [] }
        if first.bbox != nil {
            var byPage: [Int: Source] = [:]
            var order: [Int] = []
            for s in sources {
                guard let page = s.page, let box = s.bbox else { continue }
                if var current = byPage[page] {
                    current.bbox = current.bbox.map { $0.union(box) } ?? box
                    byPage[page] = current
                } else {
                    byPage[page] = Source(page: page, bbox: box, text: "")
                    order.append(page)
                }
            }
            if order.count == 1 { return [byPage[order[0]]!.quoting(text)] }
            // A row cut by a page break: each page's part quotes the words on that page.
            return order.map { page in
                byPage[page]!.quoting(sources.filter { $0.page == page }.map(\.text).filter { !$0.isEmpty }.joined(separator: " "))
            }
        }
        var row = first
        if let xpath = first.xpath, let cut = xpath.range(of: "/t", options: .backwards),
           xpath[cut.upperBound...].hasPrefix("d[") || xpath[cut.upperBound...].hasPrefix("h[") {
            row.xpath = String(xpath[..<cut.lowerBound])
        }
        if let sheet = first.sheet, let a = first.cell, let b = sources.last?.cell, sources.allSatisfy({ $0.sheet == sheet }), a != b {
            row.cell = a + ":" + b
        }
        if let line = first.line, let last = sources.compactMap(\.line).max(), last != line { row.line = line }
        return [row.quoting(text)]
    }
}
