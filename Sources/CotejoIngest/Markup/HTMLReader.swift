import Foundation
import CLibXML2
import CotejoModel

/// Reads an HTML page through libxml2's forgiving HTML parser: one page of text blocks in document
/// order (one per block-level element), and every `<table>` as a `Table` on the browser's grid.
///
/// Every line and cell carries a 1-based positional XPath over libxml2's tree (`/html/body/div[2]/p[1]`)
/// that selects exactly its element, so a value can be found again in the file. Table text stays in
/// `tables` only, so the record stage never reads a row twice. Nothing is fetched: no network, no
/// external entities, no scripts.
public struct HTMLReader: DocumentReader {
    public var format: DocumentFormat { .html }
    /// Larger inputs are refused rather than parsed (a page of plans is kilobytes to a few megabytes).
    public var maxBytes: Int
    /// Elements nested deeper than this are skipped, with a note: the walk is recursive.
    public var maxDepth: Int

    public init(maxBytes: Int = 64 * 1024 * 1024, maxDepth: Int = 256) {
        self.maxBytes = maxBytes; self.maxDepth = maxDepth
    }

    public func read(url: URL, data: Data) throws -> DocumentContent {
        guard !data.isEmpty else { throw ReadError.empty }
        guard data.count <= maxBytes else {
            throw ReadError.tooLarge("the HTML file has \(data.count) bytes, more than the \(maxBytes) this reader takes")
        }
        let tree = try Self.parse(data, name: url.lastPathComponent)
        guard let root = tree.root else { throw ReadError.damaged("libxml2 found no element in the HTML") }

        var walker = HTMLWalker(maxDepth: maxDepth)
        walker.start(root)
        let problems = walker.truncated ? [ReadProblem(.partNotRead, "elements nested deeper than \(maxDepth) levels were skipped")] : []
        let page = Page(number: 1, blocks: walker.blocks, images: [],
                        hasText: !walker.blocks.isEmpty || !walker.tables.isEmpty)
        return DocumentContent(format: .html, pages: [page], tables: walker.tables, metadata: walker.metadata, problems: problems)
    }

    static func parse(_ data: Data, name: String) throws(ReadError) -> XMLTree {
        guard data.count <= Int(Int32.max) else { throw ReadError.tooLarge("the HTML file has \(data.count) bytes") }
        _ = XMLTree.ready
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_COMPACT.rawValue)
        // libxml2 takes undeclared HTML as Latin-1; pages today are UTF-8, so say so when the bytes
        // declare nothing and decode as UTF-8.
        let encoding: String? = declaresEncoding(data) ? nil : (String(data: data, encoding: .utf8) != nil ? "UTF-8" : "windows-1252")
        let doc: htmlDocPtr? = data.withUnsafeBytes { raw in
            htmlReadMemory(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), name, encoding, options)
        }
        guard let doc else {
            let message = xmlGetLastError()?.pointee.message.map { String(cString: $0) }?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "no document"
            throw ReadError.damaged("libxml2 could not parse the HTML: \(message)")
        }
        return XMLTree(owning: doc)
    }

    /// A byte-order mark or a charset declaration in the first kilobytes.
    static func declaresEncoding(_ data: Data) -> Bool {
        let head = data.prefix(4096)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) || head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return true }
        let text = String(decoding: head, as: UTF8.self).lowercased()
        return text.contains("charset=") || text.contains("charset =") || text.contains("encoding=")
    }
}

/// Elements that start a new block of text (everything else is inline and joins its parent's text).
private let blockElements: Set<String> = [
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "html", "legend", "li", "listing", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "ul",
    "caption", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "xmp", "plaintext",
]

/// Never shown as text.
private let skippedElements: Set<String> = [
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "embed", "canvas",
    "select", "textarea", "audio", "video", "map", "frameset", "frame", "applet", "datalist",
]

/// Sectioning elements: a header or footer inside one belongs to that section, not to the page.
private let sectioning: Set<String> = ["article", "aside", "section", "main", "nav"]

/// Text gathered for one block: runs of white space collapse as a browser collapses them, `<br>`
/// keeps a line break, and bold characters are counted for the line's `bold`.
private struct TextRun {
    var text = ""
    var boldChars = 0
    var plainChars = 0
    private var pendingSpace = false

    mutating func append(_ s: String, bold: Bool, preserve: Bool) {
        for ch in s {
            if ch.isWhitespace && !(preserve && ch.isNewline) && ch != "\u{00A0}" {
                if !text.isEmpty && !text.hasSuffix("\n") { pendingSpace = true }
                continue
            }
            if preserve && ch.isNewline { newline(); continue }
            if pendingSpace { text.append(" "); pendingSpace = false }
            text.append(ch == "\u{00A0}" ? " " : ch)
            if bold { boldChars += 1 } else { plainChars += 1 }
        }
    }

    mutating func newline() {
        pendingSpace = false
        text.append("\n")
    }

    /// A block boundary inside a cell: a line break unless one is already there.
    mutating func boundary() {
        pendingSpace = false
        if !text.isEmpty && !text.hasSuffix("\n") { text.append("\n") }
    }

    var lines: [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var bold: Bool { boldChars > 0 && boldChars >= plainChars }
}

private struct Context {
    var furniture: FurnitureReason?
    var inSection = false
    var bold = false
    var preserve = false
}

private struct HTMLWalker {
    let maxDepth: Int
    var blocks: [Block] = []
    var tables: [Table] = []
    var metadata: [String: String] = [:]
    var truncated = false

    init(maxDepth: Int) { self.maxDepth = maxDepth }

    mutating func start(_ root: XMLNode) {
        readHead(root)
        let name = root.name.lowercased()
        var run = TextRun()
        element(root, xpath: "/" + name, ctx: Context(), depth: 0, run: &run, owner: "/" + name)
        flush(&run, xpath: "/" + name, element: name, ctx: Context())
    }

    private mutating func readHead(_ root: XMLNode) {
        guard let head = root.child("head") else { return }
        if let title = head.child("title")?.textContent.collapsedWhitespace, !title.isEmpty { metadata["title"] = title }
        for meta in head.children("meta") {
            guard let name = meta.attr("name")?.lowercased(), let content = meta.attr("content")?.collapsedWhitespace,
                  !content.isEmpty else { continue }
            if ["author", "description", "keywords", "dc.title", "dc.creator"].contains(name) { metadata[name] = content }
        }
        if let lang = root.attr("lang"), !lang.isEmpty { metadata["language"] = lang }
    }

    /// Child element XPaths, computed top-down so that a table of ten thousand rows costs no more
    /// than a walk over it. `html`, `head` and `body` appear once, so they go without an index.
    private static func childPaths(_ node: XMLNode, parentPath: String) -> [(XMLNode, String)] {
        var counts: [String: Int] = [:]
        var out: [(XMLNode, String)] = []
        for child in node.childNodes {
            guard child.isElement else { out.append((child, "")); continue }
            let name = child.name.lowercased()
            let n = (counts[name] ?? 0) + 1
            counts[name] = n
            let unique = (name == "body" || name == "head" || name == "html") && n == 1
            out.append((child, parentPath + "/" + name + (unique ? "" : "[\(n)]")))
        }
        return out
    }

    private static func hidden(_ el: XMLNode) -> Bool {
        if el.attr("hidden") != nil { return true }
        if el.attr("aria-hidden")?.lowercased() == "true" { return true }
        if let style = el.attr("style")?.lowercased().replacingOccurrences(of: " ", with: ""),
           style.contains("display:none") || style.contains("visibility:hidden") { return true }
        return false
    }

    /// Why an element's content is page furniture, when it is.
    private static func furnitureReason(_ name: String, _ el: XMLNode, ctx: Context) -> FurnitureReason? {
        if let role = el.attr("role")?.lowercased() {
            switch role {
            case "banner": return .ariaBanner
            case "contentinfo": return .ariaContentInfo
            case "navigation": return .ariaNavigation
            default: break
            }
        }
        switch name {
        case "header" where !ctx.inSection: return .htmlHeader
        case "footer" where !ctx.inSection: return .htmlFooter
        case "nav": return .htmlNav
        default: return nil
        }
    }

    /// Walks an element's children, adding inline text to `run` (owned by the block element at
    /// `owner`) and starting new blocks for block-level children.
    private mutating func element(_ el: XMLNode, xpath: String, ctx: Context, depth: Int, run: inout TextRun, owner: String) {
        guard depth < maxDepth else { truncated = true; return }
        for (child, path) in Self.childPaths(el, parentPath: xpath) {
            if child.isText {
                run.append(child.rawText, bold: ctx.bold, preserve: ctx.preserve)
                continue
            }
            guard child.isElement else { continue }
            let name = child.name.lowercased()
            if skippedElements.contains(name) || Self.hidden(child) { continue }
            if name == "br" { run.newline(); continue }

            var inner = ctx
            if let reason = Self.furnitureReason(name, child, ctx: ctx) { inner.furniture = inner.furniture ?? reason }
            if sectioning.contains(name) { inner.inSection = true }
            if ["b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6"].contains(name) { inner.bold = true }
            if name == "pre" || name == "listing" || name == "xmp" || name == "plaintext" { inner.preserve = true }

            if name == "table" {
                flush(&run, xpath: owner, element: nil, ctx: ctx)
                table(child, xpath: path, ctx: inner, depth: depth + 1)
            } else if blockElements.contains(name) {
                // The owner's text so far is one block; the child's text another; what follows the
                // child is the owner's again (a div with direct text around a p).
                flush(&run, xpath: owner, element: nil, ctx: ctx)
                var childRun = TextRun()
                element(child, xpath: path, ctx: inner, depth: depth + 1, run: &childRun, owner: path)
                flush(&childRun, xpath: path, element: name, ctx: inner)
            } else {
                element(child, xpath: path, ctx: inner, depth: depth + 1, run: &run, owner: owner)
            }
        }
    }

    private mutating func flush(_ run: inout TextRun, xpath: String, element: String?, ctx: Context) {
        defer { run = TextRun() }
        let lines = run.lines
        guard !lines.isEmpty else { return }
        let tag = element ?? String(xpath.split(separator: "/").last?.prefix { $0 != "[" } ?? "")
        let isHeading = tag.count == 2 && tag.hasPrefix("h") && tag.last.map { "123456".contains($0) } == true
        let role: BlockRole = isHeading ? .heading : .body
        let bold = run.bold || isHeading
        blocks.append(Block(lines: lines.map { TextLine(text: $0, source: Source(xpath: xpath, text: $0), bold: bold) },
                            role: role, declaredFurniture: ctx.furniture))
    }

    // MARK: Tables

    private struct RowRef { var node: XMLNode; var path: String; var inHead: Bool; var group: Int }

    /// Rows in tree order with their row group (thead, each tbody, tfoot, or a run of bare rows).
    private func rows(of table: XMLNode, xpath: String) -> [RowRef] {
        var out: [RowRef] = []
        var group = 0
        var bareOpen = false
        for (child, path) in Self.childPaths(table, parentPath: xpath) where child.isElement {
            let name = child.name.lowercased()
            if name == "tr" {
                if !bareOpen { group += 1; bareOpen = true }
                out.append(RowRef(node: child, path: path, inHead: false, group: group))
            } else if name == "thead" || name == "tbody" || name == "tfoot" {
                group += 1; bareOpen = false
                for (row, rowPath) in Self.childPaths(child, parentPath: path) where row.isElement && row.name.lowercased() == "tr" {
                    out.append(RowRef(node: row, path: rowPath, inHead: name == "thead", group: group))
                }
            } else if name == "form" {
                // Old pages wrap rows in a form; the rows still belong to the table.
                out += rows(of: child, xpath: path)
            }
        }
        return out
    }

    private mutating func table(_ tbl: XMLNode, xpath: String, ctx: Context, depth: Int) {
        if let caption = tbl.child("caption") {
            var run = TextRun()
            let capPath = Self.childPaths(tbl, parentPath: xpath).first { $0.0.ptr == caption.ptr }?.1 ?? xpath
            cellText(caption, xpath: capPath, depth: depth + 1, run: &run, bold: ctx.bold)
            flush(&run, xpath: capPath, element: "caption", ctx: ctx)
        }
        let rowRefs = rows(of: tbl, xpath: xpath)
        guard !rowRefs.isEmpty else { return }

        // The HTML table model: each cell takes the first free slot of its row; row spans reserve
        // slots below, clipped at the end of their row group; rowspan="0" runs to that end.
        var groupEnd: [Int: Int] = [:]
        for (i, r) in rowRefs.enumerated() { groupEnd[r.group] = i }
        var occupied: [Set<Int>] = Array(repeating: [], count: rowRefs.count)
        var cells: [Cell] = []
        var rowAllHeader: [Bool] = []
        var columnCount = 0
        for (r, row) in rowRefs.enumerated() {
            var col = 0
            var allTh = true, any = false
            for (cell, path) in Self.childPaths(row.node, parentPath: row.path) where cell.isElement {
                let name = cell.name.lowercased()
                guard name == "td" || name == "th" else { continue }
                any = true
                if name == "td" { allTh = false }
                while occupied[r].contains(col) { col += 1 }
                let colSpan = max(1, min(Int(cell.attr("colspan")?.trimmingCharacters(in: .whitespaces) ?? "") ?? 1, 1000))
                let last = groupEnd[row.group] ?? r
                var rowSpan = Int(cell.attr("rowspan")?.trimmingCharacters(in: .whitespaces) ?? "") ?? 1
                rowSpan = rowSpan == 0 ? last - r + 1 : max(1, min(rowSpan, 65534, last - r + 1))
                for rr in r..<(r + rowSpan) { for cc in col..<(col + colSpan) { occupied[rr].insert(cc) } }
                var run = TextRun()
                cellText(cell, xpath: path, depth: depth + 1, run: &run, bold: name == "th")
                let text = run.lines.joined(separator: "\n")
                if ctx.furniture == nil {
                    cells.append(Cell(row: r, column: col, rowSpan: rowSpan, columnSpan: colSpan, text: text,
                                      isHeader: name == "th", source: Source(xpath: path, text: text)))
                } else if !text.isEmpty {
                    blocks.append(Block(lines: run.lines.map { TextLine(text: $0, source: Source(xpath: path, text: $0)) },
                                        declaredFurniture: ctx.furniture))
                }
                col += colSpan
                columnCount = max(columnCount, col)
            }
            rowAllHeader.append(any && allTh)
        }
        guard ctx.furniture == nil, !cells.isEmpty else { return }
        columnCount = max(columnCount, occupied.map { ($0.max() ?? -1) + 1 }.max() ?? 0)
        let headRows = rowRefs.prefix { $0.inHead }.count
        let headerRowCount = headRows > 0 ? headRows : rowAllHeader.prefix { $0 }.count
        // The anchor places the table among the text blocks, under the heading that precedes it.
        tables.append(Table(index: tables.count + 1, pages: [1], rowCount: rowRefs.count, columnCount: columnCount,
                            headerRowCount: min(headerRowCount, rowRefs.count), cells: cells, anchor: blocks.count))
    }

    /// A cell's text: inline text joined, `<br>` and nested blocks as line breaks, nested tables
    /// flattened one cell per line.
    private mutating func cellText(_ el: XMLNode, xpath: String, depth: Int, run: inout TextRun, bold: Bool) {
        guard depth < maxDepth else { truncated = true; return }
        for (child, path) in Self.childPaths(el, parentPath: xpath) {
            if child.isText { run.append(child.rawText, bold: bold, preserve: false); continue }
            guard child.isElement else { continue }
            let name = child.name.lowercased()
            if skippedElements.contains(name) || Self.hidden(child) { continue }
            if name == "br" { run.newline(); continue }
            let b = bold || ["b", "strong", "th"].contains(name)
            if blockElements.contains(name) || name == "table" {
                run.boundary()
                cellText(child, xpath: path, depth: depth + 1, run: &run, bold: b)
                run.boundary()
            } else {
                cellText(child, xpath: path, depth: depth + 1, run: &run, bold: b)
            }
        }
    }
}

extension HTMLReader {
    public static let entry = FormatEntry(.html, stage: .text, extensions: ["html", "htm", "xhtml"],
                                          recognizes: { input in
                                              let t = input.text
                                              return t.hasPrefix("<!doctype html") || t.hasPrefix("<html") || t.contains("<html")
                                                  || (t.hasPrefix("<") && (t.contains("<body") || t.contains("<head") || t.contains("<table") || t.contains("<p>")))
                                                  || (t.hasPrefix("<?xml") && t.contains("xhtml"))
                                          },
                                          reader: { _ in HTMLReader() })
}
