import CotejoModel

/// Every table on one page: ruled grids first, then tables aligned by whitespace among the words
/// the grids did not take. Header rows are marked; nothing is stitched yet.
enum PageTables {
    static func find(on page: Page, unruled: Bool = true) -> [TableCandidate] {
        let text = PageText(page)
        guard !text.words.isEmpty else { return [] }
        var tables = RuledTableFinder.find(in: text, rulings: page.rulings)
        if unruled {
            let rest = text.removing(tables.map(\.box))
            let boxes = tables.map(\.box)
            tables += UnruledTableFinder.find(in: rest, rulings: page.rulings).filter { t in
                !boxes.contains { $0.intersection(t.box) != nil }
            }
        }
        for i in tables.indices { tables[i].headerRowCount = HeaderRows.count(in: tables[i]) }
        return tables.sorted { ($0.box.y0, $0.box.x0) < ($1.box.y0, $1.box.x0) }
    }
}
