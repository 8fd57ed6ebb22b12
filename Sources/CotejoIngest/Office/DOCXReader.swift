import Foundation
import CotejoModel

/// Reads Word documents (WordprocessingML): body paragraphs in order, tables as `Table`s with merged
/// cells, running headers and footers as furniture, and title/creator/subject from the core properties.
///
/// Locators: a body paragraph is `Source(paragraph: i)` with `i` the 1-based index among the body's
/// top-level paragraphs, empty ones included (python-docx's `doc.paragraphs[i - 1]`); a table cell is
/// `Source(table: t, row: r, column: c)`, all 1-based. `page` is set only when Word recorded where
/// its pages broke (`w:lastRenderedPageBreak`); pages split at hard breaks alone undercount pages
/// that overflow, so those counts are not presented as page numbers of the source.
public struct DOCXReader: DocumentReader {
    public var format: DocumentFormat { .docx }
    public var limits: ZipLimits

    public init(limits: ZipLimits = .default) { self.limits = limits }

    public func read(url: URL, data: Data) throws -> DocumentContent {
        let pkg = try OfficePackage(data: data, limits: limits)
        let mainPart = try Self.mainPart(pkg)
        let tree = try pkg.requiredXML(mainPart)
        guard let root = tree.root, let body = root.child("body") else {
            throw ReadError.damaged("\(mainPart) has no w:body")
        }
        let styles = try WordStyles(pkg.xml("word/styles.xml"))
        let numbering = try WordNumbering(pkg.xml("word/numbering.xml"))
        var walker = BodyWalker(styles: styles, numbering: numbering,
                                renderedBreaks: !body.descendants("lastRenderedPageBreak").isEmpty)
        walker.walk(container: body)

        var pages = walker.pagesOut()
        // Running headers and footers: one copy each, marked, before the first page's body and
        // after the last page's, so they never read as part of the text.
        let (headers, footers) = try Self.furniture(pkg, styles: styles, numbering: numbering)
        pages[0].blocks.insert(contentsOf: headers, at: 0)
        pages[pages.count - 1].blocks.append(contentsOf: footers)
        for i in walker.tables.indices where walker.tables[i].pages.first == pages[0].number {
            walker.tables[i].anchor = walker.tables[i].anchor.map { $0 + headers.count }
        }

        var notes: [String] = []
        if !walker.renderedBreaks && pages.count > 1 {
            notes.append("pages counted from hard page breaks only; line sources carry paragraph numbers, not pages")
        }
        let problems = walker.skippedDepth ? [ReadProblem(.partNotRead, "content nested too deeply was skipped")] : []
        return DocumentContent(format: .docx, pages: pages, tables: walker.tables,
                               metadata: pkg.coreMetadata(), notes: notes, problems: problems)
    }

    /// The main document part: from the package relationships when they name it, else the usual name.
    private static func mainPart(_ pkg: OfficePackage) throws(ReadError) -> String {
        let rels = try pkg.relationships(of: "")
        if let main = rels.values.first(where: { $0.type.hasSuffix("/officeDocument") }), pkg.has(main.target) {
            return main.target
        }
        guard pkg.has("word/document.xml") else { throw ReadError.damaged("no word/document.xml in the archive") }
        return "word/document.xml"
    }

    private static func furniture(_ pkg: OfficePackage, styles: WordStyles,
                                  numbering: WordNumbering) throws(ReadError) -> ([Block], [Block]) {
        func number(_ name: String) -> Int {
            Int(name.filter(\.isNumber)) ?? 0
        }
        var headers: [Block] = [], footers: [Block] = []
        let parts = pkg.partNames.filter {
            ($0.hasPrefix("word/header") || $0.hasPrefix("word/footer")) && $0.hasSuffix(".xml") && !$0.contains("_rels")
        }.sorted { (number($0), $0) < (number($1), $1) }
        for part in parts {
            guard let tree = try pkg.xml(part), let root = tree.root else { continue }
            let isHeader = part.hasPrefix("word/header")
            let reason: FurnitureReason = isHeader ? .wordPageHeader : .wordPageFooter
            var walker = BodyWalker(styles: styles, numbering: numbering, renderedBreaks: false)
            walker.furnitureReason = reason
            walker.walk(container: root)
            let blocks = walker.pagesOut().flatMap(\.blocks)
            if isHeader { headers += blocks } else { footers += blocks }
        }
        return (headers, footers)
    }
}

// MARK: - Styles and numbering

/// Paragraph styles: which are headings (by name or outline level) and which carry list numbering.
struct WordStyles {
    struct Style { var name: String; var basedOn: String?; var outlineLevel: Int?; var numId: String?; var ilvl: Int? }
    var styles: [String: Style] = [:]

    init(_ tree: XMLTree?) {
        guard let root = tree?.root else { return }
        for s in root.children("style") where s.attr("type") == "paragraph" || s.attr("type") == nil {
            guard let id = s.attr("styleId") else { continue }
            let ppr = s.child("pPr")
            styles[id] = Style(name: s.child("name")?.attr("val") ?? id,
                               basedOn: s.child("basedOn")?.attr("val"),
                               outlineLevel: ppr?.child("outlineLvl")?.intAttr("val"),
                               numId: ppr?.path("numPr", "numId")?.attr("val"),
                               ilvl: ppr?.path("numPr", "ilvl")?.intAttr("val"))
        }
    }

    /// Walks the basedOn chain (bounded: chains can be circular in damaged files).
    private func chain(_ id: String) -> [Style] {
        var out: [Style] = []
        var cur: String? = id
        while let c = cur, let s = styles[c], out.count < 12 { out.append(s); cur = s.basedOn }
        return out
    }

    func isHeading(_ id: String) -> Bool {
        if Self.headingName(id) { return true }
        for s in chain(id) {
            if Self.headingName(s.name) { return true }
            if let lvl = s.outlineLevel, lvl < 9 { return true }
        }
        return false
    }

    /// English and Spanish built-in names; Spanish Word writes style ids without accents ("Ttulo1").
    static func headingName(_ name: String) -> Bool {
        let n = name.folded.replacingOccurrences(of: " ", with: "")
        return n.hasPrefix("heading") || n.hasPrefix("titulo") || n.hasPrefix("ttulo") || n == "title"
            || n.hasPrefix("subtitle") || n.hasPrefix("subtitulo") || n.hasPrefix("encabezado")
            && n.dropFirst("encabezado".count).first?.isNumber == true
    }

    func numbering(_ id: String) -> (numId: String, ilvl: Int)? {
        for s in chain(id) { if let n = s.numId { return (n, s.ilvl ?? 0) } }
        return nil
    }
}

/// List numbering: enough of numbering.xml to print "1.", "a)" or a bullet before list paragraphs,
/// because plans number their items through lists and the item number is a value the records need.
struct WordNumbering {
    struct Level { var format: String; var text: String; var start: Int }
    private var abstract: [String: [Int: Level]] = [:]
    private var nums: [String: (abstractId: String, starts: [Int: Int])] = [:]
    private var counters: [String: [Int]] = [:]

    init(_ tree: XMLTree?) {
        guard let root = tree?.root else { return }
        for a in root.children("abstractNum") {
            guard let id = a.attr("abstractNumId") else { continue }
            var levels: [Int: Level] = [:]
            for l in a.children("lvl") {
                let il = l.intAttr("ilvl") ?? 0
                levels[il] = Level(format: l.child("numFmt")?.attr("val") ?? "decimal",
                                   text: l.child("lvlText")?.attr("val") ?? "", start: l.child("start")?.intAttr("val") ?? 1)
            }
            abstract[id] = levels
        }
        for n in root.children("num") {
            guard let id = n.attr("numId"), let a = n.child("abstractNumId")?.attr("val") else { continue }
            var starts: [Int: Int] = [:]
            for o in n.children("lvlOverride") {
                if let il = o.intAttr("ilvl"), let s = o.child("startOverride")?.intAttr("val") { starts[il] = s }
            }
            nums[id] = (a, starts)
        }
    }

    /// The label of the next paragraph of list `numId` at level `ilvl`, advancing the counters.
    mutating func label(numId: String, ilvl: Int) -> String {
        guard numId != "0" else { return "" }   // numId 0 switches numbering off
        guard let num = nums[numId], let levels = abstract[num.abstractId] else { return "• " }
        let lvl = max(0, min(ilvl, 8))
        var c = counters[numId] ?? Array(repeating: 0, count: 9)
        func start(_ i: Int) -> Int { num.starts[i] ?? levels[i]?.start ?? 1 }
        c[lvl] = c[lvl] == 0 ? start(lvl) : c[lvl] + 1
        for deeper in (lvl + 1)..<9 { c[deeper] = 0 }
        counters[numId] = c
        guard let level = levels[lvl] else { return "• " }
        switch level.format {
        case "bullet": return "• "
        case "none": return ""
        default: break
        }
        var text = level.text
        for i in 0...lvl {
            let value = c[i] == 0 ? start(i) : c[i]
            let fmt = levels[i]?.format ?? "decimal"
            text = text.replacingOccurrences(of: "%\(i + 1)", with: Self.format(value, fmt))
        }
        return text.isEmpty ? "" : text + " "
    }

    static func format(_ n: Int, _ fmt: String) -> String {
        switch fmt {
        case "lowerLetter": return letters(n).lowercased()
        case "upperLetter": return letters(n)
        case "lowerRoman": return roman(n).lowercased()
        case "upperRoman": return roman(n)
        default: return String(n)
        }
    }

    private static func letters(_ n: Int) -> String {
        guard n > 0 else { return String(n) }
        // Word repeats the letter past z ("aa", "bb"), unlike spreadsheet columns.
        let letter = String(UnicodeScalar(UInt8(65 + (n - 1) % 26)))
        return String(repeating: letter, count: (n - 1) / 26 + 1)
    }

    private static func roman(_ n: Int) -> String {
        guard n > 0, n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var v = n, s = ""
        for (k, r) in table { while v >= k { s += r; v -= k } }
        return s
    }
}

// MARK: - Body

/// Text of one paragraph with the break events met inside it.
private struct ParagraphText {
    var text = ""
    var sizes: [Double] = []
    var boldChars = 0
    var plainChars = 0
    /// Page breaks met before any text (they move this paragraph) and after text (they move the next).
    var breaksBefore = 0
    var breaksAfter = 0
    var images: [BBox] = []
}

/// Walks a body (or header, footer, table cell) in document order.
private struct BodyWalker {
    let styles: WordStyles
    var numbering: WordNumbering
    /// True when the file records Word's own page breaks: only those then count, since Word also
    /// writes one after every hard break and counting both would double them.
    let renderedBreaks: Bool
    var furnitureReason: FurnitureReason?

    var page = 1
    var paragraphIndex = 0
    var blocksByPage: [Int: [Block]] = [:]
    var imagesByPage: [Int: [BBox]] = [:]
    var tables: [Table] = []
    var skippedDepth = false
    private var pendingBreaks = 0

    init(styles: WordStyles, numbering: WordNumbering, renderedBreaks: Bool) {
        self.styles = styles; self.numbering = numbering; self.renderedBreaks = renderedBreaks
    }

    func pagesOut() -> [Page] {
        let last = max(page, blocksByPage.keys.max() ?? 1, imagesByPage.keys.max() ?? 1)
        return (1...last).map { n in
            let blocks = blocksByPage[n] ?? []
            let hasTables = tables.contains { $0.pages.contains(n) }
            let images = imagesByPage[n] ?? []
            return Page(number: n, blocks: blocks, images: images,
                        hasText: !blocks.isEmpty || hasTables || images.isEmpty)
        }
    }

    mutating func walk(container: XMLNode, depth: Int = 0) {
        guard depth < 32 else { skippedDepth = true; return }
        for node in container.children {
            if node.is("p") {
                paragraph(node)
            } else if node.is("tbl") {
                if furnitureReason != nil { furnitureTable(node) } else { table(node) }
            } else if node.is("sdt") {
                if let content = node.child("sdtContent") { walk(container: content, depth: depth + 1) }
            } else if node.is("customXml") || node.is("smartTag") {
                walk(container: node, depth: depth + 1)
            } else if node.is("AlternateContent") {
                if let choice = node.child("Choice") { walk(container: choice, depth: depth + 1) }
            }
        }
    }

    private mutating func applyPending() {
        page += pendingBreaks
        pendingBreaks = 0
    }

    private mutating func paragraph(_ p: XMLNode) {
        applyPending()
        if furnitureReason == nil { paragraphIndex += 1 }
        let ppr = p.child("pPr")
        if !renderedBreaks, let br = ppr?.child("pageBreakBefore"), br.isOn { page += 1 }

        var pt = ParagraphText()
        collect(p, into: &pt, depth: 0)
        page += pt.breaksBefore
        pendingBreaks += pt.breaksAfter
        if !renderedBreaks, let sect = ppr?.child("sectPr") {
            // A section ending here starts the next one on a new page unless it says "continuous".
            let kind = sect.child("type")?.attr("val") ?? "nextPage"
            if kind != "continuous" && kind != "nextColumn" { pendingBreaks += 1 }
        }
        if !pt.images.isEmpty { imagesByPage[page, default: []] += pt.images }

        let styleId = ppr?.child("pStyle")?.attr("val")
        var text = Self.tidy(pt.text)
        guard !text.isEmpty else { return }

        var numRef: (String, Int)?
        if let numPr = ppr?.child("numPr") {
            if let id = numPr.child("numId")?.attr("val") { numRef = (id, numPr.child("ilvl")?.intAttr("val") ?? 0) }
        } else if let styleId, let n = styles.numbering(styleId) {
            numRef = n
        }
        if let (id, lvl) = numRef { text = numbering.label(numId: id, ilvl: lvl) + text }

        let role: BlockRole
        if let styleId, styles.isHeading(styleId) {
            role = .heading
        } else if let lvl = ppr?.child("outlineLvl")?.intAttr("val"), lvl < 9 {
            role = .heading
        } else {
            role = .body
        }
        let size = pt.sizes.max() ?? 0
        let bold = pt.boldChars > 0 && pt.boldChars >= pt.plainChars
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { line -> TextLine in
            let t = String(line).trimmingCharacters(in: .whitespaces)
            let source = furnitureReason == nil
                ? Source(page: renderedBreaks ? page : nil, paragraph: paragraphIndex, text: t)
                : Source(text: t)
            return TextLine(text: t, source: source, fontSize: size, bold: bold)
        }.filter { !$0.text.isEmpty }
        guard !lines.isEmpty else { return }
        blocksByPage[page, default: []].append(Block(lines: lines, role: role, declaredFurniture: furnitureReason))
    }

    /// Collapses the spaces Word keeps at run joins and line ends; tabs become a single space-like
    /// tab, since tab stops are layout, not content.
    static func tidy(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "\r" }).joined(separator: " ")
                .trimmingCharacters(in: .whitespaces) }
            .joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Gathers a paragraph's visible text in order. Deleted revisions, field instructions and the
    /// fallback copy of alternate content are skipped (they would duplicate or invent text).
    private func collect(_ node: XMLNode, into pt: inout ParagraphText, depth: Int) {
        guard depth < 48 else { return }
        for child in node.childNodes {
            if child.isText { continue }   // whitespace between elements; w:t holds the text
            switch child.name {
            case "t":
                let s = child.textContent
                pt.text += s
                let run = child.parent.flatMap { $0.is("r") ? $0 : nil }
                let rpr = run?.child("rPr")
                if let sz = rpr?.child("sz")?.doubleAttr("val") { pt.sizes.append(sz / 2) }
                if let b = rpr?.child("b"), b.isOn { pt.boldChars += s.count } else { pt.plainChars += s.count }
            case "tab", "ptab":
                pt.text += "\t"
            case "br":
                let type = child.attr("type")
                if type == "page" {
                    if !renderedBreaks { if pt.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { pt.breaksBefore += 1 } else { pt.breaksAfter += 1 } }
                } else {
                    pt.text += "\n"
                }
            case "cr":
                pt.text += "\n"
            case "noBreakHyphen":
                pt.text += "-"
            case "lastRenderedPageBreak":
                if renderedBreaks {
                    if pt.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { pt.breaksBefore += 1 } else { pt.breaksAfter += 1 }
                }
            case "pPr", "rPr", "delText", "instrText", "del", "moveFrom", "fldData", "Fallback",
                 "footnoteReference", "endnoteReference", "commentReference", "annotationRef", "softHyphen", "sym":
                continue
            case "p":
                if !pt.text.isEmpty && !pt.text.hasSuffix("\n") { pt.text += "\n" }
                collect(child, into: &pt, depth: depth + 1)
            case "drawing", "pict":
                for ext in child.descendants("extent") where child.descendants("pic").count > 0 {
                    if let cx = ext.doubleAttr("cx"), let cy = ext.doubleAttr("cy") {
                        pt.images.append(BBox(x0: 0, y0: 0, x1: cx / 12700, y1: cy / 12700))
                    }
                }
                collect(child, into: &pt, depth: depth + 1)   // text boxes keep their paragraphs inside
            case "AlternateContent":
                if let choice = child.child("Choice") { collect(choice, into: &pt, depth: depth + 1) }
            default:
                collect(child, into: &pt, depth: depth + 1)
            }
        }
    }

    // MARK: Tables

    private struct RawCell {
        var column: Int
        var span: Int
        var merge: Merge
        var text: String
        var shaded: Bool
        var bold: Bool
        enum Merge { case none, restart, `continue` }
    }

    /// Rows of a table, looking through content controls that may wrap rows or cells.
    private func rows(of tbl: XMLNode) -> [XMLNode] {
        var out: [XMLNode] = []
        for n in tbl.children {
            if n.is("tr") { out.append(n) } else if n.is("sdt"), let c = n.child("sdtContent") { out += rows(of: c) }
            else if n.is("customXml") { out += rows(of: n) }
        }
        return out
    }

    private func cells(of tr: XMLNode) -> [XMLNode] {
        var out: [XMLNode] = []
        for n in tr.children {
            if n.is("tc") { out.append(n) } else if n.is("sdt"), let c = n.child("sdtContent") { out += cells(of: c) }
            else if n.is("customXml") { out += cells(of: n) }
        }
        return out
    }

    /// A cell's text: its paragraphs one per line; nested tables flattened, one cell per line.
    private mutating func cellText(_ tc: XMLNode, depth: Int = 0) -> (String, Bool) {
        var parts: [String] = []
        var bold = 0, plain = 0
        for n in tc.children {
            if n.is("p") {
                applyPending()
                var pt = ParagraphText()
                collect(n, into: &pt, depth: 0)
                page += pt.breaksBefore
                pendingBreaks += pt.breaksAfter
                bold += pt.boldChars; plain += pt.plainChars
                var t = Self.tidy(pt.text)
                if !t.isEmpty, let numPr = n.path("pPr", "numPr"), let id = numPr.child("numId")?.attr("val") {
                    t = numbering.label(numId: id, ilvl: numPr.child("ilvl")?.intAttr("val") ?? 0) + t
                }
                if !t.isEmpty { parts.append(t) }
            } else if n.is("tbl"), depth < 8 {
                for tr in rows(of: n) {
                    for inner in cells(of: tr) {
                        let (t, _) = cellText(inner, depth: depth + 1)
                        if !t.isEmpty { parts.append(t) }
                    }
                }
            } else if n.is("sdt"), let c = n.child("sdtContent") {
                let (t, _) = cellText(c, depth: depth + 1)
                if !t.isEmpty { parts.append(t) }
            }
        }
        return (parts.joined(separator: "\n"), bold > 0 && bold >= plain)
    }

    private mutating func rawRows(_ tbl: XMLNode) -> [(cells: [RawCell], header: Bool, page: Int)] {
        var out: [(cells: [RawCell], header: Bool, page: Int)] = []
        for tr in rows(of: tbl) {
            applyPending()
            let rowPage = page
            let trPr = tr.child("trPr")
            var col = trPr?.child("gridBefore")?.intAttr("val") ?? 0
            var row: [RawCell] = []
            for tc in cells(of: tr) {
                let tcPr = tc.child("tcPr")
                let span = max(1, min(tcPr?.child("gridSpan")?.intAttr("val") ?? 1, 1000))
                var merge = RawCell.Merge.none
                if let vm = tcPr?.child("vMerge") { merge = vm.attr("val") == "restart" ? .restart : .continue }
                let fill = tcPr?.child("shd")?.attr("fill")?.lowercased()
                let shaded = fill != nil && fill != "auto" && fill != "ffffff"
                let (text, bold) = cellText(tc)
                row.append(RawCell(column: col, span: span, merge: merge, text: text, shaded: shaded, bold: bold))
                col += span
            }
            out.append((row, trPr?.child("tblHeader")?.isOn ?? false, rowPage))
        }
        return out
    }

    private mutating func table(_ tbl: XMLNode) {
        applyPending()
        let startPage = page
        let index = tables.count + 1
        let raw = rawRows(tbl)
        guard !raw.isEmpty else { return }
        let gridColumns = tbl.child("tblGrid")?.children("gridCol").count ?? 0
        let columnCount = max(gridColumns, raw.map { $0.cells.map { $0.column + $0.span }.max() ?? 0 }.max() ?? 0)

        var cells: [Cell] = []
        for (r, row) in raw.enumerated() {
            for rc in row.cells {
                if rc.merge == .continue,
                   let anchor = cells.lastIndex(where: { $0.column == rc.column && $0.row + $0.rowSpan == r }) {
                    cells[anchor].rowSpan += 1
                    continue
                }
                cells.append(Cell(row: r, column: rc.column, columnSpan: rc.span, text: rc.text, isHeader: false,
                                  source: Source(page: renderedBreaks ? row.page : nil, table: index,
                                                 row: r + 1, column: rc.column + 1, text: rc.text)))
            }
        }
        let headerRows = Self.headerRowCount(raw, cells: cells)
        for i in cells.indices where cells[i].row < headerRows { cells[i].isHeader = true }
        // The anchor places the table among its first page's blocks, under the heading before it.
        tables.append(Table(index: index, pages: Array(startPage...max(startPage, page)),
                            rowCount: raw.count, columnCount: columnCount, headerRowCount: headerRows, cells: cells,
                            anchor: blocksByPage[startPage]?.count ?? 0))
    }

    /// Rows marked to repeat as a header (`w:tblHeader`) are header rows. Files that do not mark them
    /// (most generated reports) are read by look: a shaded or bold first row over a plain second row.
    /// Header cells merged down into later rows take those rows into the header too.
    private static func headerRowCount(_ raw: [(cells: [RawCell], header: Bool, page: Int)], cells: [Cell]) -> Int {
        var count = raw.prefix { $0.header }.count
        if count == 0, raw.count > 1 {
            let first = raw[0].cells.filter { !$0.text.isEmpty }
            let second = raw[1].cells.filter { !$0.text.isEmpty }
            let looksHeader = !first.isEmpty && (first.allSatisfy(\.shaded) || first.allSatisfy(\.bold))
            let secondSame = !second.isEmpty && (second.allSatisfy(\.shaded) && first.allSatisfy(\.shaded)
                                                 || second.allSatisfy(\.bold) && first.allSatisfy(\.bold))
            if looksHeader && !secondSame { count = 1 }
        }
        guard count > 0 else { return 0 }
        let reach = cells.filter { $0.row < count }.map { $0.row + $0.rowSpan }.max() ?? count
        return min(max(count, reach), raw.count - 1 > 0 ? raw.count - 1 : raw.count)
    }

    /// Tables in headers and footers (logo/code boxes, Elaboró/Revisó/Aprobó) are furniture, not data:
    /// each row becomes one marked block, one line per non-empty cell.
    private mutating func furnitureTable(_ tbl: XMLNode) {
        for (cellsRow, _, _) in rawRows(tbl) {
            let lines = cellsRow.flatMap { $0.merge == .continue ? [] : $0.text.split(separator: "\n").map(String.init) }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .map { TextLine(text: $0, source: Source(text: $0)) }
            if !lines.isEmpty {
                blocksByPage[page, default: []].append(Block(lines: lines, declaredFurniture: furnitureReason))
            }
        }
    }
}

extension DOCXReader {
    public static let entry = FormatEntry(.docx, stage: .zipPart, extensions: ["docx"],
                                          recognizes: { $0.hasPart("word/document.xml") }, reader: { _ in DOCXReader() })
}
