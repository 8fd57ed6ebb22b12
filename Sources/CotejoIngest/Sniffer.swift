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

/// Recognises a file's format by its bytes, asking every registered format (`Readers.formats`) at
/// its stage, and names what it is not (archives, media, JSON) so that those are passed over.
public enum FormatSniffer {
    /// Sniffs `data`; `fileExtension` only settles what bytes cannot (TSV versus plain text).
    public static func sniff(_ data: Data, fileExtension: String) -> SniffResult {
        if data.isEmpty { return .empty }
        let formats = Readers.formats
        func first(_ stage: FormatEntry.Stage, _ input: SniffInput) -> DocumentFormat? {
            formats.first { $0.stage == stage && $0.recognizes(input) }?.format
        }
        let binary = SniffInput(data: data, fileExtension: fileExtension, text: "")
        if let f = first(.binary, binary) { return .readable(f) }
        if binary.starts([0x50, 0x4B, 0x03, 0x04]) {
            if let f = first(.zipPart, binary) { return .readable(f) }
            if binary.hasPart("[Content_Types].xml") { return .unsupported("Office archive without a document, workbook or presentation part") }
            return .unsupported("zip archive")
        }
        if binary.starts(Array("GIF8".utf8)) { return .unsupported("GIF image") }
        if binary.starts([0x1F, 0x8B]) { return .unsupported("gzip archive") }
        if binary.starts(Array("7z".utf8) + [0xBC, 0xAF]) { return .unsupported("7-Zip archive") }
        if binary.starts(Array("Rar!".utf8)) { return .unsupported("RAR archive") }
        if binary.starts([0xD0, 0xCF, 0x11, 0xE0]) { return .unsupported("legacy Office (OLE2) file: save it as DOCX/XLSX") }
        if binary.starts(Array("{\\rtf".utf8)) { return .unsupported("RTF document") }
        if binary.starts(Array("RIFF".utf8)) || binary.starts(Array("ftyp".utf8), at: 4) { return .unsupported("audio or video file") }

        // From here on the file is text-like, or binary junk.
        let sample = data.prefix(8192)
        let controls = sample.filter { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20 && $0 != 0x1B) }.count
        if sample.count > 0, Double(controls) / Double(sample.count) > 0.05 {
            return .unsupported("binary data of unknown type")
        }
        // A long DOCTYPE (entity declarations) can push <html> past the first lines: look a page ahead.
        let trimmed = String(String(decoding: sample, as: UTF8.self).drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).prefix(4096).lowercased())
        let text = SniffInput(data: data, fileExtension: fileExtension, text: trimmed)
        if let f = first(.text, text) { return .readable(f) }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil {
                return .unsupported("JSON data")
            }
        }
        if trimmed.hasPrefix("<?xml") || trimmed.hasPrefix("<svg") { return .unsupported("XML data") }
        return first(.plainText, text).map(SniffResult.readable) ?? .unsupported("text of no format Cotejo reads")
    }

    /// The format a file name's extension claims, to note a disagreement with the bytes.
    public static func claimedFormat(fileExtension: String) -> DocumentFormat? {
        let e = fileExtension.lowercased()
        return Readers.formats.first { $0.extensions.contains(e) }?.format
    }
}
