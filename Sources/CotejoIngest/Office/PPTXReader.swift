import Foundation
import CotejoModel

/// Reads PowerPoint decks (PresentationML): one page per slide in presentation order, each text
/// shape a block of its paragraphs, each slide table a `Table`. Boxes are in points (EMU / 12700)
/// from the slide's top-left corner, the same convention as PDF sources, so a figure on slide 4 of
/// the deck and page 4 of its PDF export compare. Speaker notes are not read.
public struct PPTXReader: DocumentReader {
    public var format: DocumentFormat { .pptx }
    public var limits: ZipLimits

    public init(limits: ZipLimits = .default) { self.limits = limits }

    static let emuPerPoint = 12700.0

    public func read(url: URL, data: Data) throws -> DocumentContent {
        let pkg = try OfficePackage(data: data, limits: limits)
        var presPart = "ppt/presentation.xml"
        if let main = try pkg.relationships(of: "").values.first(where: { $0.type.hasSuffix("/officeDocument") }),
           pkg.has(main.target) {
            presPart = main.target
        }
        guard pkg.has(presPart) else { throw ReadError.damaged("no ppt/presentation.xml in the archive") }
        let pres = try pkg.requiredXML(presPart)
        guard let root = pres.root else { throw ReadError.damaged("\(presPart) is empty") }
        let rels = try pkg.relationships(of: presPart)

        let size = root.child("sldSz")
        let width = (size?.doubleAttr("cx") ?? 9_144_000) / Self.emuPerPoint
        let height = (size?.doubleAttr("cy") ?? 6_858_000) / Self.emuPerPoint

        var slideParts: [String] = []
        for id in root.child("sldIdLst")?.children("sldId") ?? [] {
            if let rid = id.relAttr("id"), let target = rels[rid]?.target, pkg.has(target) { slideParts.append(target) }
        }
        var notes: [String] = []
        if slideParts.isEmpty {
            // Some producers omit sldIdLst; fall back to the slide parts in name order.
            slideParts = pkg.partNames.filter { $0.hasPrefix("ppt/slides/slide") && $0.hasSuffix(".xml") }
                .sorted { (Int($0.filter(\.isNumber)) ?? 0) < (Int($1.filter(\.isNumber)) ?? 0) }
            if !slideParts.isEmpty { notes.append("slide order taken from part names: the presentation lists no slides") }
        }

        var layouts = PlaceholderBoxes(pkg: pkg)
        var pages: [Page] = []
        var tables: [Table] = []
        for (i, part) in slideParts.enumerated() {
            let number = i + 1
            guard let tree = try pkg.xml(part), let sld = tree.root, let spTree = sld.path("cSld", "spTree") else {
                pages.append(Page(number: number, width: width, height: height, hasText: false))
                continue
            }
            if sld.attr("show") == "0" { notes.append("slide \(number) is hidden in the deck") }
            var slide = SlideWalker(number: number, placeholders: try layouts.boxes(forSlide: part), tableBase: tables.count)
            slide.walk(spTree, transform: .identity, depth: 0)
            tables += slide.tables
            notes += slide.notes
            pages.append(Page(number: number, width: width, height: height, blocks: slide.blocks, images: slide.images,
                              hasText: !slide.blocks.isEmpty || !slide.tables.isEmpty || slide.images.isEmpty))
        }
        if pages.isEmpty { throw ReadError.damaged("the presentation has no slides") }
        return DocumentContent(format: .pptx, pages: pages, tables: tables, metadata: pkg.coreMetadata(), notes: notes)
    }
}

/// Maps child coordinates of nested groups onto the slide: x' = tx + sx·x.
struct Transform {
    var sx = 1.0, sy = 1.0, tx = 0.0, ty = 0.0
    static let identity = Transform()

    func apply(_ b: BBox) -> BBox {
        BBox(x0: tx + sx * b.x0, y0: ty + sy * b.y0, x1: tx + sx * b.x1, y1: ty + sy * b.y1)
    }

    /// The transform a group (`p:grpSpPr/a:xfrm` with off/ext/chOff/chExt) sets for its children.
    func entering(group xfrm: XMLNode?) -> Transform {
        guard let xfrm, let off = xfrm.child("off"), let ext = xfrm.child("ext") else { return self }
        let chOff = xfrm.child("chOff"), chExt = xfrm.child("chExt")
        let ox = off.doubleAttr("x") ?? 0, oy = off.doubleAttr("y") ?? 0
        let cx = ext.doubleAttr("cx") ?? 0, cy = ext.doubleAttr("cy") ?? 0
        let chx = chOff?.doubleAttr("x") ?? ox, chy = chOff?.doubleAttr("y") ?? oy
        let chcx = chExt?.doubleAttr("cx") ?? cx, chcy = chExt?.doubleAttr("cy") ?? cy
        let kx = chcx > 0 ? cx / chcx : 1, ky = chcy > 0 ? cy / chcy : 1
        // child → group frame: ox + (x - chx)·kx, then the parent's own mapping.
        return Transform(sx: sx * kx, sy: sy * ky, tx: tx + sx * (ox - chx * kx), ty: ty + sy * (oy - chy * ky))
    }
}

/// A shape's box in EMU from an `a:xfrm`/`p:xfrm` (off + ext).
func emuBox(_ xfrm: XMLNode?) -> BBox? {
    guard let xfrm, let off = xfrm.child("off"), let ext = xfrm.child("ext") else { return nil }
    let x = off.doubleAttr("x") ?? 0, y = off.doubleAttr("y") ?? 0
    return BBox(x0: x, y0: y, x1: x + (ext.doubleAttr("cx") ?? 0), y1: y + (ext.doubleAttr("cy") ?? 0))
}

/// Placeholder shapes on a slide often carry no position of their own: it comes from the layout's
/// placeholder of the same index or type, or else the master's.
struct PlaceholderBoxes {
    let pkg: OfficePackage
    private var cache: [String: [String: BBox]] = [:]

    init(pkg: OfficePackage) { self.pkg = pkg }

    mutating func boxes(forSlide part: String) throws(ReadError) -> [String: BBox] {
        guard let layout = try pkg.relationships(of: part).values.first(where: { $0.type.hasSuffix("/slideLayout") })?.target
        else { return [:] }
        if let hit = cache[layout] { return hit }
        var out: [String: BBox] = [:]
        if let master = try pkg.relationships(of: layout).values.first(where: { $0.type.hasSuffix("/slideMaster") })?.target {
            out = try collect(master)
        }
        // The layout's own boxes override the master's.
        out.merge(try collect(layout)) { _, new in new }
        cache[layout] = out
        return out
    }

    private func collect(_ part: String) throws(ReadError) -> [String: BBox] {
        guard let tree = try pkg.xml(part), let spTree = tree.root?.path("cSld", "spTree") else { return [:] }
        var out: [String: BBox] = [:]
        for sp in spTree.children("sp") {
            guard let ph = sp.path("nvSpPr", "nvPr", "ph"), let box = emuBox(sp.path("spPr", "xfrm")) else { continue }
            for key in Self.keys(ph) where out[key] == nil { out[key] = box }
        }
        return out
    }

    /// Lookup keys of a placeholder: by index first, then by type (a slide's "body" may match the
    /// layout's "obj" and the other way round).
    static func keys(_ ph: XMLNode) -> [String] {
        var keys: [String] = []
        if let idx = ph.attr("idx") { keys.append("idx:\(idx)") }
        let type = ph.attr("type") ?? "body"
        keys.append("type:\(type)")
        if type == "ctrTitle" { keys.append("type:title") }
        if type == "subTitle" || type == "obj" { keys.append("type:body") }
        return keys
    }
}

private struct SlideWalker {
    let number: Int
    let placeholders: [String: BBox]
    let tableBase: Int
    var blocks: [Block] = []
    var images: [BBox] = []
    var tables: [Table] = []
    var notes: [String] = []

    init(number: Int, placeholders: [String: BBox], tableBase: Int) {
        self.number = number; self.placeholders = placeholders; self.tableBase = tableBase
    }

    func points(_ emu: BBox, _ t: Transform) -> BBox {
        let b = t.apply(emu)
        let k = PPTXReader.emuPerPoint
        return BBox(x0: b.x0 / k, y0: b.y0 / k, x1: b.x1 / k, y1: b.y1 / k)
    }

    mutating func walk(_ container: XMLNode, transform: Transform, depth: Int) {
        guard depth < 32 else { return }
        for node in container.children {
            if node.is("sp") {
                shape(node, transform: transform)
            } else if node.is("grpSp") {
                walk(node, transform: transform.entering(group: node.path("grpSpPr", "xfrm")), depth: depth + 1)
            } else if node.is("graphicFrame") {
                frame(node, transform: transform)
            } else if node.is("pic") {
                if let b = emuBox(node.path("spPr", "xfrm")) { images.append(points(b, transform)) }
            } else if node.is("AlternateContent") {
                if let choice = node.child("Choice") { walk(choice, transform: transform, depth: depth + 1) }
            }
        }
    }

    private mutating func shape(_ sp: XMLNode, transform: Transform) {
        guard let body = sp.child("txBody") else { return }
        let ph = sp.path("nvSpPr", "nvPr", "ph")
        var emu = emuBox(sp.path("spPr", "xfrm"))
        if emu == nil, let ph {
            let known = placeholders
            emu = PlaceholderBoxes.keys(ph).compactMap { known[$0] }.first
        }
        let box = emu.map { points($0, transform) }
        let defaultSize = body.path("lstStyle", "lvl1pPr", "defRPr")?.doubleAttr("sz").map { $0 / 100 }
        var lines: [TextLine] = []
        for p in body.children("p") {
            for piece in Self.paragraph(p, defaultSize: defaultSize) {
                lines.append(TextLine(text: piece.text, source: Source(page: number, bbox: box, text: piece.text),
                                      fontSize: piece.size, bold: piece.bold))
            }
        }
        guard !lines.isEmpty else { return }
        let type = ph?.attr("type")
        let role: BlockRole = (type == "title" || type == "ctrTitle") ? .heading : .body
        let declared: FurnitureReason? = switch type {
        case "sldNum": .slideNumberPlaceholder
        case "dt": .slideDatePlaceholder
        case "ftr": .slideFooterPlaceholder
        default: nil
        }
        blocks.append(Block(lines: lines, role: role, declaredFurniture: declared))
    }

    struct Piece { var text: String; var size: Double; var bold: Bool }

    /// A paragraph's text split at its line breaks (`a:br`), with the largest run size and whether
    /// all of its text is bold.
    static func paragraph(_ p: XMLNode, defaultSize: Double?) -> [Piece] {
        var pieces: [Piece] = []
        var text = "", sizes: [Double] = [], bold = 0, plain = 0
        func flush() {
            let t = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }).joined(separator: " ")
            if !t.isEmpty {
                let size = sizes.max() ?? p.path("endParaRPr")?.doubleAttr("sz").map { $0 / 100 } ?? defaultSize ?? 0
                pieces.append(Piece(text: t, size: size, bold: bold > 0 && bold >= plain))
            }
            text = ""; sizes = []; bold = 0; plain = 0
        }
        for n in p.children {
            if n.is("r") || n.is("fld") {
                let s = n.child("t")?.textContent ?? ""
                text += s
                let rpr = n.child("rPr")
                if let sz = rpr?.doubleAttr("sz") { sizes.append(sz / 100) }
                if let b = rpr?.attr("b"), b == "1" || b == "true" { bold += s.count } else { plain += s.count }
            } else if n.is("br") {
                flush()
            }
        }
        flush()
        return pieces
    }

    private mutating func frame(_ gf: XMLNode, transform: Transform) {
        guard let data = gf.path("graphic", "graphicData") else { return }
        guard let tbl = data.child("tbl") else {
            let uri = data.attr("uri") ?? ""
            if uri.hasSuffix("/chart") { notes.append("slide \(number) has a chart whose figures are not read") }
            else if uri.hasSuffix("/diagram") { notes.append("slide \(number) has a SmartArt diagram whose text is not read") }
            return
        }
        let origin = emuBox(gf.child("xfrm")) ?? BBox(x0: 0, y0: 0, x1: 0, y1: 0)
        let widths = tbl.child("tblGrid")?.children("gridCol").map { $0.doubleAttr("w") ?? 0 } ?? []
        let rows = tbl.children("tr")
        let heights = rows.map { $0.doubleAttr("h") ?? 0 }
        func offset(_ values: [Double], _ upTo: Int) -> Double { values.prefix(max(0, upTo)).reduce(0, +) }

        var cells: [Cell] = []
        var columnCount = widths.count
        for (r, tr) in rows.enumerated() {
            var c = 0
            for tc in tr.children("tc") {
                defer { c += 1 }
                if tc.attr("hMerge") == "1" || tc.attr("vMerge") == "1" || tc.attr("hMerge") == "true" || tc.attr("vMerge") == "true" {
                    continue
                }
                let colSpan = max(1, min(tc.intAttr("gridSpan") ?? 1, 1000))
                let rowSpan = max(1, min(tc.intAttr("rowSpan") ?? 1, rows.count - r))
                var parts: [String] = []
                for p in tc.child("txBody")?.children("p") ?? [] {
                    let line = Self.paragraph(p, defaultSize: nil).map(\.text).joined(separator: "\n")
                    if !line.isEmpty { parts.append(line) }
                }
                let text = parts.joined(separator: "\n")
                let x0 = origin.x0 + offset(widths, c), x1 = x0 + widths.dropFirst(c).prefix(colSpan).reduce(0, +)
                let y0 = origin.y0 + offset(heights, r), y1 = y0 + heights.dropFirst(r).prefix(rowSpan).reduce(0, +)
                let box = points(BBox(x0: x0, y0: y0, x1: x1, y1: y1), transform)
                cells.append(Cell(row: r, column: c, rowSpan: rowSpan, columnSpan: colSpan, text: text,
                                  source: Source(page: number, bbox: box, text: text)))
                columnCount = max(columnCount, c + colSpan)
            }
        }
        guard !rows.isEmpty else { return }
        // The table style's first-row formatting is how decks mark a header row.
        let firstRow = tbl.child("tblPr")?.attr("firstRow")
        var header = (firstRow == "1" || firstRow == "true") && rows.count > 1 ? 1 : 0
        if header > 0 { header = min(rows.count - 1, cells.filter { $0.row == 0 }.map(\.rowSpan).max() ?? 1) }
        for i in cells.indices where cells[i].row < header { cells[i].isHeader = true }
        tables.append(Table(index: tableBase + tables.count + 1, pages: [number], rowCount: rows.count,
                            columnCount: columnCount, headerRowCount: header, cells: cells))
    }
}

extension PPTXReader {
    public static let entry = FormatEntry(.pptx, stage: .zipPart, extensions: ["pptx"],
                                          pageNames: (("diapositiva", "diapositivas"), ("slide", "slides")),
                                          recognizes: { $0.hasPart("ppt/presentation.xml") }, reader: { _ in PPTXReader() })
}
