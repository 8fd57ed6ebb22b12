/// Where a value stands in the original file, and the words as they stand there.
///
/// Exactly the locators that make sense for the format are set: PDF `page` + `bbox`; HTML `xpath`;
/// DOCX `paragraph` or `table`/`row`/`column`; XLSX `sheet` + `cell`; PPTX `page` (slide) + `bbox`;
/// plain text and TSV `line`. `text` is always set.
public struct Source: Codable, Hashable, Sendable {
    public var page: Int?
    public var bbox: BBox?
    public var xpath: String?
    public var sheet: String?
    public var cell: String?
    public var line: Int?
    public var paragraph: Int?
    public var table: Int?
    public var row: Int?
    public var column: Int?
    public var text: String
    /// The spreadsheet formula behind a cell's value ("=121/228"), when the cell holds one.
    public var formula: String?
    /// The document the place is in, when it is not the one that holds the record or finding: a
    /// cross-document finding points into both files.
    public var file: String?
    /// True when the text was read by OCR from an image of the page, not from a text layer.
    public var ocr: Bool?
    /// The OCR's confidence in the least sure word of `text` (0–1), when `ocr`.
    public var confidence: Double?
    /// True when some of `text` is in the file but not visible on the page (white on white).
    public var hidden: Bool?

    public init(page: Int? = nil, bbox: BBox? = nil, xpath: String? = nil, sheet: String? = nil,
                cell: String? = nil, line: Int? = nil, paragraph: Int? = nil, table: Int? = nil,
                row: Int? = nil, column: Int? = nil, text: String, formula: String? = nil, file: String? = nil,
                ocr: Bool? = nil, confidence: Double? = nil, hidden: Bool? = nil) {
        self.page = page; self.bbox = bbox; self.xpath = xpath; self.sheet = sheet; self.cell = cell
        self.line = line; self.paragraph = paragraph; self.table = table; self.row = row
        self.column = column; self.text = text; self.formula = formula; self.file = file
        self.ocr = ocr; self.confidence = confidence; self.hidden = hidden
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
