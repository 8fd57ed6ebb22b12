import Foundation
import CotejoModel

/// What a file's bytes say it is. Formats are recognised by their bytes, not by their name: a text
/// file named `.pdf` is read as text, with a note that the name disagrees.
public enum SniffResult: Equatable, Sendable {
    /// A format Cotejo reads.
    case readable(DocumentFormat)
    /// A type Cotejo does not read (an image, JSON, an archive): skipped, not failed.
    case unsupported(String)
    /// Nothing to read.
    case empty
}

public enum FormatSniffer {
    /// Sniffs `data`; `fileExtension` only settles what bytes cannot (TSV versus plain text).
    public static func sniff(_ data: Data, fileExtension: String) -> SniffResult {
        if data.isEmpty { return .empty }
        let head = [UInt8](data.prefix(1024))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        // PDF: the header may follow a little junk; readers accept it within the first 1 KB.
        if let range = data.prefix(1024).range(of: Data("%PDF-".utf8)), range.lowerBound - data.startIndex < 1024 {
            return .readable(.pdf)
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return sniffZip(data) }
        // Images of text (scans, photographed pages) are read by OCR.
        if starts([0x89, 0x50, 0x4E, 0x47]) || starts([0xFF, 0xD8, 0xFF])
            || starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .readable(.image) }
        if starts(Array("GIF8".utf8)) { return .unsupported("GIF image") }
        if starts([0x1F, 0x8B]) { return .unsupported("gzip archive") }
        if starts(Array("7z".utf8) + [0xBC, 0xAF]) { return .unsupported("7-Zip archive") }
        if starts(Array("Rar!".utf8)) { return .unsupported("RAR archive") }
        if starts([0xD0, 0xCF, 0x11, 0xE0]) { return .unsupported("legacy Office (OLE2) file: save it as DOCX/XLSX") }
        if starts(Array("{\\rtf".utf8)) { return .unsupported("RTF document") }
        if starts(Array("RIFF".utf8)) || starts(Array("ftyp".utf8), at: 4) { return .unsupported("audio or video file") }

        // From here on the file is text-like, or binary junk.
        let sample = data.prefix(8192)
        let controls = sample.filter { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20 && $0 != 0x1B) }.count
        if sample.count > 0, Double(controls) / Double(sample.count) > 0.05 {
            return .unsupported("binary data of unknown type")
        }
        let text = String(decoding: sample, as: UTF8.self)
        // A long DOCTYPE (entity declarations) can push <html> past the first lines: look a page ahead.
        let trimmed = text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).prefix(4096).lowercased()
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || trimmed.contains("<html")
            || (trimmed.hasPrefix("<") && (trimmed.contains("<body") || trimmed.contains("<head") || trimmed.contains("<table") || trimmed.contains("<p>")))
            || (trimmed.hasPrefix("<?xml") && trimmed.contains("xhtml")) {
            return .readable(.html)
        }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil {
                return .unsupported("JSON data")
            }
        }
        if trimmed.hasPrefix("<?xml") || trimmed.hasPrefix("<svg") { return .unsupported("XML data") }
        return .readable(fileExtension.lowercased() == "tsv" ? .tsv : .txt)
    }

    /// Office files are zip archives; which one is told by the part that holds the content.
    private static func sniffZip(_ data: Data) -> SniffResult {
        // The central directory names every entry; looking for the names in the bytes avoids
        // opening the archive twice (the reader opens it properly and checks sizes).
        func has(_ name: String) -> Bool { data.range(of: Data(name.utf8)) != nil }
        if has("word/document.xml") { return .readable(.docx) }
        if has("xl/workbook.xml") { return .readable(.xlsx) }
        if has("ppt/presentation.xml") { return .readable(.pptx) }
        if has("[Content_Types].xml") { return .unsupported("Office archive without a document, workbook or presentation part") }
        return .unsupported("zip archive")
    }

    /// The format a file name's extension claims, to note a disagreement with the bytes.
    public static func claimedFormat(fileExtension: String) -> DocumentFormat? {
        switch fileExtension.lowercased() {
        case "pdf": .pdf
        case "html", "htm", "xhtml": .html
        case "docx": .docx
        case "xlsx": .xlsx
        case "pptx": .pptx
        case "txt", "text", "md": .txt
        case "tsv", "tab": .tsv
        case "png", "jpg", "jpeg", "tif", "tiff": .image
        default: nil
        }
    }
}
