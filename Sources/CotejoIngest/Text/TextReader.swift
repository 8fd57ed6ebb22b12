import Foundation
import CotejoModel

/// Plain text and TSV. Every line keeps its 1-based line number as its locator. Form feeds start a
/// new page. Runs of tab-separated lines become tables (a TSV file is one such run).
///
/// Text exported from other tools often carries light Markdown (`# Title`, `**bold**`, `\*`):
/// the line's text drops those marks so that words match, while the source quotes the line as it
/// stands.
public struct TextReader: DocumentReader {
    public let format: DocumentFormat

    public init(format: DocumentFormat = .txt) { self.format = format }

    public func read(url: URL, data: Data) throws -> DocumentContent {
        if data.isEmpty { throw ReadError.empty }
        var notes: [String] = []
        let text: String
        if let utf8 = String(data: data, encoding: .utf8) {
            text = utf8
        } else if let latin = String(data: data, encoding: .windowsCP1252) ?? String(data: data, encoding: .isoLatin1) {
            // Many entity sites still serve Windows-1252; reading it as such beats replacement marks.
            text = latin
            notes.append("the text is not valid UTF-8; read as Windows-1252 (Latin-1)")
        } else {
            throw ReadError.damaged("the text is in no encoding Cotejo knows (not UTF-8 nor Latin-1)")
        }

        var pages: [Page] = []
        var tables: [Table] = []
        var current = PageBuilder(number: 1)
        var tableRun: [(line: Int, raw: String)] = []

        func flushTable() {
            guard !tableRun.isEmpty else { return }
            current.endBlock()
            if tableRun.count >= 1, tableRun.contains(where: { $0.raw.split(separator: "\t", omittingEmptySubsequences: false).count >= 3 }) || format == .tsv {
                var table = Self.table(from: tableRun, index: tables.count + 1, page: current.number)
                table.anchor = current.blocks.count
                tables.append(table)
            } else {
                for row in tableRun { current.add(line: row.line, raw: row.raw) }
            }
            tableRun = []
        }

        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var raw = String(rawLine)
            if raw.hasSuffix("\r") { raw.removeLast() }
            // A form feed ends the page; what follows it on the same line starts the next one.
            let pieces = raw.split(separator: "\u{0C}", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i > 0 {
                    flushTable()
                    current.endBlock()
                    pages.append(current.page)
                    current = PageBuilder(number: current.number + 1)
                }
                let line = String(piece)
                if line.contains("\t") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    current.endBlock()
                    tableRun.append((lineNumber, line))
                    continue
                }
                // A blank line inside a tab-separated run is kept out of it but does not end it:
                // exported sheets leave blank lines at manual page breaks.
                if line.trimmingCharacters(in: .whitespaces).isEmpty, !tableRun.isEmpty { continue }
                flushTable()
                current.add(line: lineNumber, raw: line)
            }
        }
        flushTable()
        current.endBlock()
        pages.append(current.page)
        return DocumentContent(format: format, pages: pages, tables: tables, notes: notes)
    }

    /// Cleans light Markdown from a line for matching; the source keeps the raw line.
    static func displayText(_ raw: String) -> (text: String, heading: Bool) {
        var s = raw.trimmingCharacters(in: .whitespaces)
        var heading = false
        if s.hasPrefix("#") {
            heading = true
            s = String(s.drop(while: { $0 == "#" })).trimmingCharacters(in: .whitespaces)
        }
        s = s.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "\\*", with: "*")
            .replacingOccurrences(of: "\\_", with: "_")
        return (s.collapsedWhitespace, heading)
    }

    private static func table(from rows: [(line: Int, raw: String)], index: Int, page: Int) -> Table {
        var cells: [Cell] = []
        var columnCount = 0
        for (r, row) in rows.enumerated() {
            let fields = row.raw.split(separator: "\t", omittingEmptySubsequences: false)
            columnCount = max(columnCount, fields.count)
            for (c, field) in fields.enumerated() {
                let text = displayText(String(field)).text
                cells.append(Cell(row: r, column: c, text: text,
                                  source: Source(line: row.line, column: c + 1, text: String(field).trimmingCharacters(in: .whitespaces))))
            }
        }
        return Table(index: index, pages: [page], rowCount: rows.count, columnCount: columnCount,
                     headerRowCount: rows.isEmpty ? 0 : 1, cells: cells)
    }
}

/// Collects lines into blocks (paragraphs separated by blank lines) for one page.
private struct PageBuilder {
    let number: Int
    var blocks: [Block] = []
    var pending: [TextLine] = []
    var pendingHeading = false

    init(number: Int) { self.number = number }

    mutating func add(line: Int, raw: String) {
        let (text, heading) = TextReader.displayText(raw)
        if text.isEmpty { endBlock(); return }
        // A Markdown heading is a block of its own.
        if heading { endBlock() }
        pending.append(TextLine(text: text, source: Source(line: line, text: raw.trimmingCharacters(in: .whitespaces))))
        pendingHeading = heading
        if heading { endBlock() }
    }

    mutating func endBlock() {
        guard !pending.isEmpty else { return }
        blocks.append(Block(lines: pending, role: pendingHeading ? .heading : .body))
        pending = []
        pendingHeading = false
    }

    var page: Page { Page(number: number, blocks: blocks, hasText: !blocks.isEmpty) }
}

extension TextReader {
    /// Tab-separated text, told from plain text by its name only: the bytes are the same kind.
    public static let tsvEntry = FormatEntry(.tsv, stage: .plainText, extensions: ["tsv", "tab"],
                                             recognizes: { $0.fileExtension.lowercased() == "tsv" }, reader: { _ in TextReader(format: .tsv) })
    /// Any other text.
    public static let txtEntry = FormatEntry(.txt, stage: .plainText, extensions: ["txt", "text", "md"],
                                             recognizes: { _ in true }, reader: { _ in TextReader(format: .txt) })
}
