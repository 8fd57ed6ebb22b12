import Foundation

/// A word as a reader found it: its text, box and type face.
public struct Word: Codable, Hashable, Sendable {
    public var text: String
    public var bbox: BBox
    public var fontSize: Double
    public var bold: Bool
    /// How sure the OCR was of the word (0–1); nil for a word from a text layer or markup.
    public var confidence: Double?
    /// True when the word is in the file but leaves no mark on the page (white on white).
    public var hidden: Bool?

    public init(text: String, bbox: BBox, fontSize: Double = 0, bold: Bool = false, confidence: Double? = nil, hidden: Bool? = nil) {
        self.text = text; self.bbox = bbox; self.fontSize = fontSize; self.bold = bold; self.confidence = confidence
        self.hidden = hidden
    }
}

/// One line of text in reading order, with where it came from.
/// PDF and PPTX lines carry words with boxes; other formats carry a locator in `source`.
public struct TextLine: Codable, Hashable, Sendable {
    public var text: String
    public var words: [Word]
    public var source: Source
    public var fontSize: Double
    public var bold: Bool

    public init(text: String, words: [Word] = [], source: Source, fontSize: Double = 0, bold: Bool = false) {
        self.text = text; self.words = words; self.source = source; self.fontSize = fontSize; self.bold = bold
    }

    public var bbox: BBox? { source.bbox }
}

/// What a block is to the document: body text, a heading, or page furniture (running headers,
/// footers, approval blocks, page numbers) that belongs to no record but is kept, marked.
public enum BlockRole: String, Codable, Sendable {
    case body, heading, furniture
}

/// Why a block is page furniture. The raw values are what the store's `blocks.reason` holds and
/// what `cotejo blocks` prints.
public enum FurnitureReason: String, Codable, Hashable, Sendable, CaseIterable {
    // Found on the page by the furniture stage.
    case pageNumber = "page number"
    case approvalBlock = "approval block"
    case runningHeader = "running header"
    case runningFooter = "running footer"
    case repeatedOnEveryPage = "repeated on every page"
    // Declared by the file.
    case wordPageHeader = "Word page header"
    case wordPageFooter = "Word page footer"
    case htmlHeader = "HTML header element"
    case htmlFooter = "HTML footer element"
    case htmlNav = "HTML nav element"
    case ariaBanner = "ARIA role banner"
    case ariaContentInfo = "ARIA role contentinfo"
    case ariaNavigation = "ARIA role navigation"
    case slideNumberPlaceholder = "PowerPoint slide number placeholder"
    case slideDatePlaceholder = "PowerPoint date placeholder"
    case slideFooterPlaceholder = "PowerPoint footer placeholder"

    /// Found by position or repetition alone, so a body line among them can undo it (see
    /// `FurnitureDetector.keepMarginFurnitureContiguous`); what a pattern or the file says stays.
    public var isPositional: Bool { self == .runningHeader || self == .runningFooter || self == .pageNumber }
}

/// A paragraph-like run of lines that belong together.
public struct Block: Codable, Hashable, Sendable {
    public var lines: [TextLine]
    public var role: BlockRole
    /// Why a block was marked furniture, for the store.
    public var reason: FurnitureReason?
    /// What the file itself says the block is when that is page furniture: a Word header or footer
    /// part, an HTML header, footer or nav element, a slide-number placeholder. Readers report it and
    /// leave `role` alone; the furniture stage (`FurnitureDetector`) marks the block, with this as
    /// its reason, so that furniture is decided in one place.
    public var declaredFurniture: FurnitureReason?

    public init(lines: [TextLine], role: BlockRole = .body, reason: FurnitureReason? = nil, declaredFurniture: FurnitureReason? = nil) {
        self.lines = lines; self.role = role; self.reason = reason; self.declaredFurniture = declaredFurniture
    }

    public var text: String { lines.map(\.text).joined(separator: "\n") }

    /// The block's source: the first line's locator with the block's box and whole text.
    public var source: Source {
        guard var s = lines.first?.source else { return Source(text: text) }
        if let box = BBox.enclosing(lines.compactMap(\.bbox)) { s.bbox = box }
        s.text = lines.map(\.text).joined(separator: " ")
        return s
    }

    public var fontSize: Double { lines.map(\.fontSize).max() ?? 0 }
}

/// A straight drawn line on a page (a table ruling), in the page's top-left coordinates.
public struct Ruling: Codable, Hashable, Sendable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1
    }
    public var isHorizontal: Bool { abs(y1 - y0) < abs(x1 - x0) }
    public var length: Double { max(abs(x1 - x0), abs(y1 - y0)) }
}

/// One page (PDF page, slide, sheet, or the single flow of an HTML, DOCX or text file).
public struct Page: Codable, Hashable, Sendable {
    public var number: Int
    public var width: Double
    public var height: Double
    public var blocks: [Block]
    /// Boxes of raster images drawn on the page.
    public var images: [BBox]
    public var rulings: [Ruling]
    /// False when the page has no text at all: no text layer and nothing the OCR could read.
    public var hasText: Bool
    /// How the page was turned to be read; nil when it reads as displayed. Boxes on the page are
    /// in the turned frame, `width` and `height` too.
    public var readingFrame: ReadingFrame?
    /// The page was read by OCR as a whole (a scan): every word on it came from OCR.
    public var ocr: Bool
    /// Images of a page with a text layer that OCR read (a pasted slide, an infographic): the words
    /// inside them came from OCR, the rest from the text layer. Empty when none was read.
    public var ocrRegions: [BBox]

    public init(number: Int, width: Double = 0, height: Double = 0, blocks: [Block] = [],
                images: [BBox] = [], rulings: [Ruling] = [], hasText: Bool = true,
                readingFrame: ReadingFrame? = nil, ocr: Bool = false, ocrRegions: [BBox] = []) {
        self.number = number; self.width = width; self.height = height; self.blocks = blocks
        self.images = images; self.rulings = rulings; self.hasText = hasText
        self.readingFrame = readingFrame; self.ocr = ocr; self.ocrRegions = ocrRegions
    }

    public var lines: [TextLine] { blocks.flatMap(\.lines) }
    public var bodyBlocks: [Block] { blocks.filter { $0.role != .furniture } }
    public var bodyLines: [TextLine] { bodyBlocks.flatMap(\.lines) }
}

/// A table cell with its place in the grid (0-based), its spans, and where it came from.
public struct Cell: Codable, Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var rowSpan: Int
    public var columnSpan: Int
    public var text: String
    public var isHeader: Bool
    public var source: Source

    public init(row: Int, column: Int, rowSpan: Int = 1, columnSpan: Int = 1, text: String,
                isHeader: Bool = false, source: Source) {
        self.row = row; self.column = column; self.rowSpan = rowSpan; self.columnSpan = columnSpan
        self.text = text; self.isHeader = isHeader; self.source = source
    }

    // Encoded as a list, not an object: a worker sends every cell of a document to the batch as
    // JSON, and a 200,000-cell sheet spent seconds on the repeated key names. The source's own
    // text is sent only when it differs from the cell's.
    // [row, column, rowSpan, columnSpan, isHeader, text, source, source text if not the cell's]
    public func encode(to encoder: Encoder) throws {
        var list = encoder.unkeyedContainer()
        try list.encode(row); try list.encode(column); try list.encode(rowSpan); try list.encode(columnSpan)
        try list.encode(isHeader); try list.encode(text)
        var placeOnly = source
        placeOnly.text = ""
        try list.encode(placeOnly)
        if source.text != text { try list.encode(source.text) }
    }

    public init(from decoder: Decoder) throws {
        var list = try decoder.unkeyedContainer()
        row = try list.decode(Int.self); column = try list.decode(Int.self)
        rowSpan = try list.decode(Int.self); columnSpan = try list.decode(Int.self)
        isHeader = try list.decode(Bool.self); text = try list.decode(String.self)
        source = try list.decode(Source.self)
        source.text = list.isAtEnd ? text : try list.decode(String.self)
    }
}

/// A table: cells on a grid, the number of header rows, and the pages it spans.
public struct Table: Codable, Hashable, Sendable {
    public var index: Int
    public var pages: [Int]
    public var rowCount: Int { didSet { derived = TableDerived() } }
    public var columnCount: Int { didSet { derived = TableDerived() } }
    public var headerRowCount: Int
    public var cells: [Cell] { didSet { derived = TableDerived() } }
    /// Where the table stands in the flow of its first page: the index in that page's `blocks`
    /// before which it comes. Readers of flowing formats (HTML, DOCX, text) set it, so that a table
    /// falls under the section heading above it; nil when unknown (positions then come from boxes).
    public var anchor: Int?
    /// Views computed from the cells once and shared by the table's copies; a new one whenever
    /// the cells or the size change. Not part of the table's value.
    private var derived = TableDerived()

    private enum CodingKeys: String, CodingKey { case index, pages, rowCount, columnCount, headerRowCount, cells, anchor }

    public init(index: Int, pages: [Int], rowCount: Int, columnCount: Int, headerRowCount: Int, cells: [Cell], anchor: Int? = nil) {
        self.index = index; self.pages = pages; self.rowCount = rowCount; self.columnCount = columnCount
        self.headerRowCount = headerRowCount; self.cells = cells; self.anchor = anchor
    }

    /// The cell covering (row, column), merged cells included. For a single look-up: a loop over
    /// cells builds a `TableCellIndex` once.
    public func cell(row: Int, column: Int) -> Cell? { TableCellIndex(self).cell(row, column) }

    /// Row texts as a grid, a merged cell's text repeated in every slot it covers. Computed once
    /// per table: records and checks ask for it about ten times, and a sheet has 200,000 cells.
    public var grid: [[String]] { derived.grid(makeGrid) }

    /// Per slot (row-major), the position in `cells` of the cell covering it, or -1: what
    /// `TableCellIndex` looks cells up by, computed once per table as the grid is.
    var cellSlots: [Int32] { derived.slots(makeSlots) }

    private func makeSlots() -> [Int32] {
        let rows = max(0, rowCount), columns = max(0, columnCount)
        var slots = [Int32](repeating: -1, count: rows * columns)
        // Fields read in place: a copy of each cell (its text and source) cost more than the loop.
        for i in cells.indices where cells[i].rowSpan * cells[i].columnSpan <= 10_000 {
            let row = cells[i].row, column = cells[i].column
            guard row < rows, column < columns else { continue }
            for r in max(0, row)..<min(rows, row + cells[i].rowSpan) {
                for c in max(0, column)..<min(columns, column + cells[i].columnSpan) { slots[r * columns + c] = Int32(i) }
            }
        }
        return slots
    }

    private func makeGrid() -> [[String]] {
        var g = Array(repeating: Array(repeating: "", count: columnCount), count: rowCount)
        for c in cells {
            for r in c.row..<min(rowCount, c.row + c.rowSpan) {
                for k in c.column..<min(columnCount, c.column + c.columnSpan) { g[r][k] = c.text }
            }
        }
        return g
    }
}

/// A table's derived views (its grid, its cell slots), computed on first use and kept. A class, so
/// that the copies of a table share what one of them computed; equal and hashed as nothing, so that
/// it is never part of a table's value.
final class TableDerived: Hashable, @unchecked Sendable {
    private let lock = NSLock()
    private var grid: [[String]]?
    private var slots: [Int32]?

    func grid(_ make: () -> [[String]]) -> [[String]] { kept(\.grid, make) }
    func slots(_ make: () -> [Int32]) -> [Int32] { kept(\.slots, make) }

    /// The view at `key`, made under the lock the first time it is asked for.
    private func kept<V>(_ key: ReferenceWritableKeyPath<TableDerived, V?>, _ make: () -> V) -> V {
        lock.lock()
        defer { lock.unlock() }
        if let known = self[keyPath: key] { return known }
        let made = make()
        self[keyPath: key] = made
        return made
    }

    static func == (a: TableDerived, b: TableDerived) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

/// Part of a document a reader could not read. Any one makes the document `partial`, so a reader
/// never has to decide a status, and a user is told what is missing.
public struct ReadProblem: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        /// A page poppler could not load, or one without text that OCR could not read (no engine,
        /// no time left, an image it could not prepare).
        case pageNotRead = "page_not_read"
        /// A part of the file whose content is not read: a sheet without its worksheet, elements
        /// nested deeper than the reader goes.
        case partNotRead = "part_not_read"
        /// Characters dropped because a page's text and its character boxes did not pair.
        case textDropped = "text_dropped"
    }

    public var kind: Kind
    /// The 1-based page, when the problem is one page's.
    public var page: Int?
    /// What happened, in English, as notes are.
    public var detail: String

    public init(_ kind: Kind, page: Int? = nil, _ detail: String) {
        self.kind = kind; self.page = page; self.detail = detail
    }
}

/// Everything a reader gets out of one file, before records.
public struct DocumentContent: Codable, Sendable {
    public var format: DocumentFormat
    public var pages: [Page]
    public var tables: [Table]
    /// Metadata the file declares (title, author, subject), for document facts.
    public var metadata: [String: String]
    /// Things the reader wants recorded: "bytes say HTML though the name ends in .pdf".
    public var notes: [String]
    /// What the reader could not read (`ReadProblem`).
    public var problems: [ReadProblem]

    public init(format: DocumentFormat, pages: [Page], tables: [Table] = [], metadata: [String: String] = [:], notes: [String] = [],
                problems: [ReadProblem] = []) {
        self.format = format; self.pages = pages; self.tables = tables; self.metadata = metadata; self.notes = notes
        self.problems = problems
    }

    /// `partial` when a part could not be read or nothing was (no page at all), else `ok`: derived
    /// from what the reader reported, never decided by it.
    public var status: DocumentStatus { pages.isEmpty || !problems.isEmpty ? .partial : .ok }

    /// Forgets the words of every line (keeping lines, blocks and their boxes): what later stages
    /// and the store need, at a fraction of the size.
    public mutating func dropWords() {
        for p in pages.indices {
            for b in pages[p].blocks.indices {
                for l in pages[p].blocks[b].lines.indices { pages[p].blocks[b].lines[l].words = [] }
            }
        }
    }

    public var bodyText: String {
        pages.flatMap(\.bodyLines).map(\.text).joined(separator: "\n")
    }
}
