/// Where a value stands in the original file, and the words as they stand there.
///
/// Exactly the locators that make sense for the format are set: PDF `page` + `bbox`; HTML `xpath`;
/// DOCX `paragraph` or `table`/`row`/`column`; XLSX `sheet` + `cell`; PPTX `page` (slide) + `bbox`;
/// plain text and TSV `line`. `text` is always set.
public struct Source: Codable, Hashable, Sendable {
    // Stored compactly: a 10,000-row sheet has 400,000 cells, each with its source, and record
    // fields each keep one. The locators every format uses are stored inline (small numbers as
    // `Int32`, `Int32.min` for none); the rare ones live in a shared box that exists only when one
    // is set. 112 bytes instead of 256; the properties read and write as plain optionals.
    private var page32 = Int32.min
    private var table32 = Int32.min, row32 = Int32.min, column32 = Int32.min
    public var bbox: BBox?
    public var sheet: String?
    public var cell: String?
    public var text: String
    private var rare: Rare?

    public var page: Int? { get { Self.int(page32) } set { page32 = Self.int32(newValue) } }
    public var table: Int? { get { Self.int(table32) } set { table32 = Self.int32(newValue) } }
    public var row: Int? { get { Self.int(row32) } set { row32 = Self.int32(newValue) } }
    public var column: Int? { get { Self.int(column32) } set { column32 = Self.int32(newValue) } }
    public var xpath: String? { get { rare?.fields.xpath } set { setRare { $0.xpath = newValue } } }
    public var line: Int? { get { rare?.fields.line } set { setRare { $0.line = newValue } } }
    public var paragraph: Int? { get { rare?.fields.paragraph } set { setRare { $0.paragraph = newValue } } }
    /// The spreadsheet formula behind a cell's value ("=121/228"), when the cell holds one.
    public var formula: String? { get { rare?.fields.formula } set { setRare { $0.formula = newValue } } }
    /// The document the place is in, when it is not the one that holds the record or finding: a
    /// cross-document finding points into both files.
    public var file: String? { get { rare?.fields.file } set { setRare { $0.file = newValue } } }
    /// True when the text was read by OCR from an image of the page, not from a text layer.
    public var ocr: Bool? { get { rare?.fields.ocr } set { setRare { $0.ocr = newValue } } }
    /// The OCR's confidence in the least sure word of `text` (0–1), when `ocr`.
    public var confidence: Double? { get { rare?.fields.confidence } set { setRare { $0.confidence = newValue } } }
    /// True when some of `text` is in the file but not visible on the page (white on white).
    public var hidden: Bool? { get { rare?.fields.hidden } set { setRare { $0.hidden = newValue } } }

    public init(page: Int? = nil, bbox: BBox? = nil, xpath: String? = nil, sheet: String? = nil,
                cell: String? = nil, line: Int? = nil, paragraph: Int? = nil, table: Int? = nil,
                row: Int? = nil, column: Int? = nil, text: String, formula: String? = nil, file: String? = nil,
                ocr: Bool? = nil, confidence: Double? = nil, hidden: Bool? = nil) {
        self.text = text
        self.page = page; self.bbox = bbox; self.sheet = sheet; self.cell = cell
        self.table = table; self.row = row; self.column = column
        let fields = RareFields(xpath: xpath, line: line, paragraph: paragraph, formula: formula, file: file,
                                ocr: ocr, confidence: confidence, hidden: hidden)
        rare = fields.isEmpty ? nil : Rare(fields)
    }

    // MARK: Storage

    private struct RareFields: Hashable, Sendable {
        var xpath: String?, line: Int?, paragraph: Int?, formula: String?, file: String?
        var ocr: Bool?, confidence: Double?, hidden: Bool?
        var isEmpty: Bool { self == RareFields() }
    }

    /// Immutable and compared by value, so that copies of a source share it safely.
    private final class Rare: Hashable, Sendable {
        let fields: RareFields
        init(_ fields: RareFields) { self.fields = fields }
        static func == (a: Rare, b: Rare) -> Bool { a.fields == b.fields }
        func hash(into h: inout Hasher) { h.combine(fields) }
    }

    private mutating func setRare(_ change: (inout RareFields) -> Void) {
        var fields = rare?.fields ?? RareFields()
        change(&fields)
        rare = fields.isEmpty ? nil : Rare(fields)
    }

    private static func int(_ v: Int32) -> Int? { v == .min ? nil : Int(v) }
    /// Pages, table numbers, rows and columns stay far below 2³¹ under the readers' limits.
    private static func int32(_ v: Int?) -> Int32 {
        guard let v else { return .min }
        return max(Int32(clamping: v), .min + 1)
    }

    // MARK: Coding, as the plain struct coded itself (same keys, same order, nil left out)

    private enum CodingKeys: String, CodingKey {
        case page, bbox, xpath, sheet, cell, line, paragraph, table, row, column, text, formula, file, ocr, confidence, hidden
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(from: c, text: c.decode(String.self, forKey: .text))
    }

    private init(from c: KeyedDecodingContainer<CodingKeys>, text: String) throws {
        self.init(page: try c.decodeIfPresent(Int.self, forKey: .page), bbox: try c.decodeIfPresent(BBox.self, forKey: .bbox),
                  xpath: try c.decodeIfPresent(String.self, forKey: .xpath), sheet: try c.decodeIfPresent(String.self, forKey: .sheet),
                  cell: try c.decodeIfPresent(String.self, forKey: .cell), line: try c.decodeIfPresent(Int.self, forKey: .line),
                  paragraph: try c.decodeIfPresent(Int.self, forKey: .paragraph), table: try c.decodeIfPresent(Int.self, forKey: .table),
                  row: try c.decodeIfPresent(Int.self, forKey: .row), column: try c.decodeIfPresent(Int.self, forKey: .column),
                  text: text, formula: try c.decodeIfPresent(String.self, forKey: .formula),
                  file: try c.decodeIfPresent(String.self, forKey: .file), ocr: try c.decodeIfPresent(Bool.self, forKey: .ocr),
                  confidence: try c.decodeIfPresent(Double.self, forKey: .confidence), hidden: try c.decodeIfPresent(Bool.self, forKey: .hidden))
    }

    /// A source whose JSON may leave its text out: the store writes a table cell's source without
    /// the text the cell itself holds (a third of a cell's bytes), and puts it back when it reads
    /// the cell.
    public struct TextOptional: Decodable {
        public var source: Source
        /// False when the JSON had no text: `source.text` is then empty and is the caller's to set.
        public var hasText: Bool

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let text = try c.decodeIfPresent(String.self, forKey: .text)
            source = try Source(from: c, text: text ?? "")
            hasText = text != nil
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(page, forKey: .page); try c.encodeIfPresent(bbox, forKey: .bbox)
        try c.encodeIfPresent(xpath, forKey: .xpath); try c.encodeIfPresent(sheet, forKey: .sheet)
        try c.encodeIfPresent(cell, forKey: .cell); try c.encodeIfPresent(line, forKey: .line)
        try c.encodeIfPresent(paragraph, forKey: .paragraph); try c.encodeIfPresent(table, forKey: .table)
        try c.encodeIfPresent(row, forKey: .row); try c.encodeIfPresent(column, forKey: .column)
        try c.encode(text, forKey: .text); try c.encodeIfPresent(formula, forKey: .formula)
        try c.encodeIfPresent(file, forKey: .file); try c.encodeIfPresent(ocr, forKey: .ocr)
        try c.encodeIfPresent(confidence, forKey: .confidence); try c.encodeIfPresent(hidden, forKey: .hidden)
    }

    /// True when the source points somewhere, not only quotes text.
    public var isLocated: Bool {
        (page != nil && bbox != nil) || xpath != nil || (sheet != nil && cell != nil) || line != nil
            || paragraph != nil || (table != nil && row != nil)
    }

    /// The same place with another quotation.
    public func quoting(_ text: String) -> Source {
        var copy = self; copy.text = text; return copy
    }

    /// One source covering two places of the same page or element; the texts joined with a space.
    /// Used when a value spans lines (a multi-line cell) or a row spans a page break.
    public func merged(with other: Source) -> Source {
        var copy = self
        if page == other.page, let a = bbox, let b = other.bbox { copy.bbox = a.union(b) }
        if line == nil { copy.line = other.line }
        if other.ocr == true {
            copy.ocr = true
            copy.confidence = [confidence, other.confidence].compactMap { $0 }.min()
        }
        if other.hidden == true { copy.hidden = true }
        copy.text = [text, other.text].filter { !$0.isEmpty }.joined(separator: " ")
        return copy
    }

    /// A short human label of the place: "p. 4", "línea 12", "Hoja1!B7", an XPath.
    public var locatorLabel: String {
        if let sheet, let cell { return "\(sheet)!\(cell)" }
        if let xpath { return xpath }
        if let page { return "p. \(page)" }
        if let line { return "l. \(line)" }
        if let table, let row { return "t\(table) r\(row)" + (column.map { " c\($0)" } ?? "") }
        if let paragraph { return "¶ \(paragraph)" }
        return "?"
    }
}
