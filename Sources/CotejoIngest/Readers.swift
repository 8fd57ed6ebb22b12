import Foundation
import CotejoModel

/// What one format's bytes look like to the sniffer: the first kilobyte, a zip archive's part
/// names, a text sample, and the file name's extension (which only settles what bytes cannot).
public struct SniffInput: Sendable {
    public let data: Data
    public let fileExtension: String
    /// The text of the first 8 KB, lower-cased, from its first non-blank character (first 4 KB):
    /// only for formats tried on text.
    public let text: String

    /// Whether the bytes start with `magic` at `offset`.
    public func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
        data.count >= offset + magic.count && data.dropFirst(offset).prefix(magic.count).elementsEqual(magic)
    }

    /// Whether a zip archive names a part: the central directory names every entry, and looking
    /// for the name in the bytes avoids opening the archive twice (the reader opens it properly).
    public func hasPart(_ name: String) -> Bool { data.range(of: Data(name.utf8)) != nil }
}

/// Everything Cotejo knows of one format, in one place: how its bytes are recognised, which file
/// names claim it, what its pages are called, and its reader.
public struct FormatEntry: Sendable {
    /// When the sniffer tries a format: on binary signatures (before text is looked at), inside a
    /// zip archive, on text, or as the text that is left when nothing else claims it.
    public enum Stage: Sendable { case binary, zipPart, text, plainText }

    public var format: DocumentFormat
    public var stage: Stage
    /// File name extensions that claim the format, lower case, without the dot.
    public var extensions: [String]
    public var recognizes: @Sendable (SniffInput) -> Bool
    /// A page of the format for people, singular and plural, Spanish then English ("hoja", "hojas",
    /// "sheet", "sheets").
    public var pageNames: (es: (String, String), en: (String, String))
    /// What the later stages do differently for the format's documents.
    public var traits: Traits
    public var reader: @Sendable (OCRSettings) -> any DocumentReader

    /// What the later stages do differently for a format's documents.
    public struct Traits: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Pages of words placed by their boxes, whose tables the table stage finds from the layout
        /// (PDF, scans and images of text), rather than tables the file declares (HTML, Office, TSV).
        public static let laidOut = Traits(rawValue: 1)
        /// Pages the report shows crops of, figures highlighted (through poppler: PDF pages).
        public static let croppedInReport = Traits(rawValue: 2)
    }

    /// Lines of text with no layout and no declared pages (TXT, TSV): furniture is found by
    /// repeated lines, and one such format named for another is no surprise worth a note.
    public var isPlainText: Bool { stage == .plainText }

    public init(_ format: DocumentFormat, stage: Stage, extensions: [String],
                pageNames: (es: (String, String), en: (String, String)) = (("página", "páginas"), ("page", "pages")),
                traits: Traits = [],
                recognizes: @escaping @Sendable (SniffInput) -> Bool, reader: @escaping @Sendable (OCRSettings) -> any DocumentReader) {
        self.format = format; self.stage = stage; self.extensions = extensions; self.pageNames = pageNames
        self.traits = traits; self.recognizes = recognizes; self.reader = reader
    }
}

/// The formats Cotejo reads and their readers. A new format is its reader file (with its
/// `FormatEntry`) and one line here; the sniffer, the pipeline and the report ask this list.
public enum Readers {
    public static let formats: [FormatEntry] = [
        PDFReader.entry,
        DOCXReader.entry,
        XLSXReader.entry,
        PPTXReader.entry,
        ImageReader.entry,
        HTMLReader.entry,
        TextReader.tsvEntry,
        TextReader.txtEntry,
    ]

    public static func entry(for format: DocumentFormat) -> FormatEntry? { formats.first { $0.format == format } }

    /// Whether `format` is known and has `trait`.
    public static func format(_ format: DocumentFormat?, has trait: FormatEntry.Traits) -> Bool {
        format.flatMap(entry(for:))?.traits.contains(trait) ?? false
    }

    /// What a page of `format` is called, singular and plural, Spanish then English.
    public static func pageNames(of format: DocumentFormat?) -> (es: (String, String), en: (String, String)) {
        format.flatMap(entry(for:))?.pageNames ?? (("página", "páginas"), ("page", "pages"))
    }

    public static func reader(for format: DocumentFormat, ocr: OCRSettings = OCRSettings()) -> (any DocumentReader)? {
        entry(for: format)?.reader(ocr)
    }
}
