import CotejoModel

/// The table stage: finds tables in page layouts that the reader could not give as tables (PDF),
/// and hands on the tables readers of structured formats found (HTML, DOCX, XLSX, PPTX, TSV).
///
/// Pages are analysed only when they carry positioned words and the reader gave no tables: a
/// structured reader's tables are better than any reconstruction from geometry. Tables that run
/// over a page break are stitched into one (see `TableStitcher`).
public struct TableStage: Sendable {
    /// Look for tables without rulings too (whitespace alignment). Ruled grids are always found.
    public var findUnruled: Bool = true

    public init() {}

    public init(findUnruled: Bool) { self.findUnruled = findUnruled }

    /// `laidOut`: the content's pages are words placed by their boxes (its format's
    /// `FormatEntry.Traits.laidOut`), so its tables are found here from the layout.
    public func apply(to content: DocumentContent, laidOut: Bool) -> DocumentContent {
        // Flowing formats: the reader's tables, with fragments cut by a page break joined.
        guard content.tables.isEmpty, laidOut else { return FlowTableStitcher.stitch(content) }
        var content = content
        content.tables = tables(in: content.pages)
        return content
    }

    /// The tables of a run of pages, stitched across page breaks, numbered from 1 as the other
    /// readers number theirs.
    public func tables(in pages: [Page]) -> [Table] {
        let perPage = pages.map { page -> [TableCandidate] in
            guard page.hasText, page.width > 0 else { return [] }
            return PageTables.find(on: page, unruled: findUnruled)
        }
        let stitched = TableStitcher.stitch(perPage, pages: pages)
        return stitched.enumerated().map { $0.element.table(index: $0.offset + 1) }
    }

    /// Page mode: every table on one page, not stitched, in reading order (top to bottom).
    public func detectTables(on page: Page) -> [Table] {
        PageTables.find(on: page, unruled: findUnruled).enumerated().map { $0.element.table(index: $0.offset + 1) }
    }

    /// Page mode with the table's box on the page, for callers that pick a table by region.
    public func detectTablesWithBoxes(on page: Page) -> [(table: Table, box: BBox)] {
        PageTables.find(on: page, unruled: findUnruled).enumerated().map { ($0.element.table(index: $0.offset + 1), $0.element.box) }
    }
}
