import Foundation
import Testing
import CotejoModel
@testable import CotejoIngest

@Suite struct SnifferTests {
    @Test("Formats come from the bytes", arguments: [
        ("000.pdf", DocumentFormat.pdf), ("001.html", .html), ("004.docx", .docx), ("003.xlsx", .xlsx), ("001.pptx", .pptx),
    ])
    func fixtures(name: String, format: DocumentFormat) throws {
        let data = try Fixtures.data(name)
        // The extension is deliberately wrong: only the bytes may decide.
        #expect(FormatSniffer.sniff(data, fileExtension: "bin") == .readable(format))
    }

    @Test func textNamedPDFIsText() {
        #expect(FormatSniffer.sniff(Data("Informe de gestión 2021\n".utf8), fileExtension: "pdf") == .readable(.txt))
    }

    @Test func tsvByExtension() {
        #expect(FormatSniffer.sniff(Data("a\tb\n1\t2\n".utf8), fileExtension: "tsv") == .readable(.tsv))
    }

    @Test func imagesOfTextAreReadByOCR() throws {
        #expect(FormatSniffer.sniff(try Fixtures.data("logo_bogota.png"), fileExtension: "png") == .readable(.image))
        #expect(FormatSniffer.sniff(Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), fileExtension: "jpg") == .readable(.image))
        #expect(FormatSniffer.sniff(Data([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0]), fileExtension: "tif") == .readable(.image))
    }

    @Test func unsupportedTypesAreNamed() throws {
        #expect(FormatSniffer.sniff(Data("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8), fileExtension: "gif") == .unsupported("GIF image"))
        #expect(FormatSniffer.sniff(try Fixtures.data("manifest.json"), fileExtension: "json") == .unsupported("JSON data"))
        #expect(FormatSniffer.sniff(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]), fileExtension: "zip") == .unsupported("zip archive"))
        #expect(FormatSniffer.sniff(Data((0..<2000).map { UInt8($0 % 7) }), fileExtension: "dat") == .unsupported("binary data of unknown type"))
    }

    @Test func emptyIsEmpty() {
        #expect(FormatSniffer.sniff(Data(), fileExtension: "pdf") == .empty)
    }
}

@Suite("the format registry")
struct FormatRegistryTests {
    @Test("each registered format has its reader, its own extensions, and is what its extensions claim")
    func registry() throws {
        let entries = Readers.formats
        #expect(Set(entries.map(\.format)).count == entries.count)
        let extensions = entries.flatMap(\.extensions)
        #expect(Set(extensions).count == extensions.count)
        for e in entries {
            #expect(e.reader(OCRSettings()).format == e.format, "\(e.format)")
            for x in e.extensions { #expect(FormatSniffer.claimedFormat(fileExtension: x.uppercased()) == e.format) }
        }
        #expect(Readers.entry(for: DocumentFormat(rawValue: "odt")) == nil)
        #expect(FormatSniffer.claimedFormat(fileExtension: "odt") == nil)
        // Plain text is last: whatever no other format claims.
        #expect(entries.last?.format == .txt)
    }

    @Test("what the later stages do differently is said by each format's entry, not by switches on formats")
    func traits() {
        let laidOut = Readers.formats.filter { $0.traits.contains(.laidOut) }.map(\.format)
        #expect(Set(laidOut) == [.pdf, .image])
        #expect(Readers.formats.filter { $0.traits.contains(.croppedInReport) }.map(\.format) == [.pdf])
        #expect(Set(Readers.formats.filter(\.isPlainText).map(\.format)) == [.txt, .tsv])
        #expect(Readers.format(.pdf, has: .croppedInReport) && !Readers.format(nil, has: .laidOut))
        #expect(Readers.pageNames(of: .pptx).es.0 == "diapositiva" && Readers.pageNames(of: nil).en.1 == "pages")
    }
}
