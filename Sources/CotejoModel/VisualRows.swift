/// What an item's box is held against when it may join the row being built.
public enum RowAnchor: Sendable {
    /// The row's first item: the row keeps its first line's band however wide it grows.
    case first
    /// Any item of the row: lines of slightly different sizes along one baseline still meet.
    case anyItem
    /// The union of the row's boxes so far: a row of words that drifts a little keeps gathering.
    case band
}

/// Which row an item joins when it may join several (with `lookBack` above 1).
public enum RowChoice: Sendable {
    /// The latest row it may join: rows built top to bottom, where the nearest row is the likeliest.
    case latest
    /// The earliest: an item goes to the first row that takes it, as a reader fills columns in turn.
    case earliest
}

extension Sequence {
    /// The items, taken in the sequence's order (the caller sorts them top to bottom), gathered into
    /// the rows a reader sees: an item joins a row when its box overlaps the row's anchor by at least
    /// `minimumOverlap` of the smaller height (`BBox.verticalOverlap`) and `admits` lets it in, else it
    /// starts a new row. By default only the last row is tried; `lookBack` tries that many of the
    /// latest rows (`Int.max`: all), and `choosing` says which of them wins. Rows and their items keep
    /// the sequence's order. Every stage that groups boxes into rows (furniture bands, tabular gates,
    /// text rows, cell lines, figure rows, form rows) goes through here, so they agree on what "one
    /// row" means and differ only in these settings.
    public func visualRows(box: (Element) -> BBox, anchor: RowAnchor, minimumOverlap: Double = 0.5, lookBack: Int = 1,
                           choosing: RowChoice = .latest, admits: ([Element], Element) -> Bool = { _, _ in true }) -> [[Element]] {
        var rows: [[Element]] = []
        // The union of each row's boxes, for the band anchor.
        var bands: [BBox] = []
        for item in self {
            let b = box(item)
            func joins(_ k: Int) -> Bool {
                let row = rows[k]
                let meets: Bool = switch anchor {
                case .first: box(row[0]).verticalOverlap(b) >= minimumOverlap
                case .anyItem: row.contains { box($0).verticalOverlap(b) >= minimumOverlap }
                case .band: bands[k].verticalOverlap(b) >= minimumOverlap
                }
                return meets && admits(row, item)
            }
            let tried = rows.indices.suffix(lookBack)
            let chosen = choosing == .latest ? tried.last(where: joins) : tried.first(where: joins)
            if let k = chosen {
                rows[k].append(item)
                // Only the band anchor needs the union; the others compare against items.
                if case .band = anchor { bands[k] = bands[k].union(b) }
            } else {
                rows.append([item])
                bands.append(b)
            }
        }
        return rows
    }
}
