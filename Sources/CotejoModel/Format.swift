/// A file format Cotejo reads, as named in the export contract ("pdf", "xlsx"). A value rather than
/// a closed enum: a new format is declared beside its reader and registered in one line
/// (`Readers.formats`), and no switch elsewhere has to learn it.
public struct DocumentFormat: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let pdf = DocumentFormat(rawValue: "pdf")
    public static let html = DocumentFormat(rawValue: "html")
    public static let docx = DocumentFormat(rawValue: "docx")
    public static let xlsx = DocumentFormat(rawValue: "xlsx")
    public static let pptx = DocumentFormat(rawValue: "pptx")
    public static let txt = DocumentFormat(rawValue: "txt")
    public static let tsv = DocumentFormat(rawValue: "tsv")
    /// A PNG, JPEG or TIFF image of text (a multi-page TIFF gives several pages), read by OCR.
    public static let image = DocumentFormat(rawValue: "image")
}

/// A document's outcome: `partial` when some pages or parts could not be read.
public enum DocumentStatus: String, Codable, Sendable {
    case ok, partial, failed
}

/// What a document is, from its title and wording.
public enum DocumentKind: String, Codable, Sendable, CaseIterable {
    case plan, report, policy, other
}
