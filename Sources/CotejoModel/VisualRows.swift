/// What an item's box is held against when it may join the row being built.
public enum RowAnchor: Sendable {
    /// The row's first item: the row keeps its first line's band however wide it grows.
    case first
    /// Any item of the row: lines of slightly different sizes along one baseline still meet.
    case anyItem
    /// The union of the row's boxes so far: a row of words that drifts a little keeps gathering.
    case band
}

extension Sequence {
    /// The items, taken in the sequence's order (the caller sorts them top to bottom), gathered into
    /// the rows a reader sees: an item joins the last row when its box overlaps the row's anchor by
    /// at least `minimumOverlap` of the smaller height (`BBox.verticalOverlap`), else it starts a new
    /// row. Rows and their items keep the sequence's order. Every stage that groups boxes into rows
    /// (furniture bands, tabular gates, cell lines, figure rows, form rows) goes through here, so they
    /// agree on what "one row" means.
    public func visualRows(box: (Element) -> BBox, anchor: RowAnchor, minimumOverlap: Double = 0.5) -> [[Element]] {
        var rows: [[Element]] = []
        var band: BBox?
        for item in self {
            let b = box(item)
            let joins: Bool
            if let last = rows.last {
                switch anchor {
                case .first: joins = box(last[0]).verticalOverlap(b) >= minimumOverlap
                case .anyItem: joins = last.contains { box($0).verticalOverlap(b) >= minimumOverlap }
                case .band: joins = band!.verticalOverlap(b) >= minimumOverlap
                }
            } else {
                joins = false
            }
            if joins {
                rows[rows.count - 1].append(item)
                // Only the band anchor needs the union; the others compare against items.
                if case .band = anchor { band = band!.union(b) }
            } else {
                rows.append([item])
                band = b
            }
        }
        return rows
    }
}
