/// The file formats Cotejo reads, as named in the export contract.
public enum DocumentFormat: String, Codable, Sendable, CaseIterable {
    case pdf, html, docx, xlsx, pptx, txt, tsv
    /// A PNG, JPEG or TIFF image of text (a multi-page TIFF gives several pages), read by OCR.
    case image

    /// Pages of words placed by their boxes, whose tables are found from the layout (PDF, scans
    /// and images of text), rather than tables the file declares (HTML, Office, TSV).
    public var isLaidOut: Bool { self == .pdf || self == .image }
}

/// A document's outcome: `partial` when some pages or parts could not be read.
public enum DocumentStatus: String, Codable, Sendable {
    case ok, partial, failed
}

/// What a document is, from its title and wording.
public enum DocumentKind: String, Codable, Sendable, CaseIterable {
    case plan, report, policy, other
}
