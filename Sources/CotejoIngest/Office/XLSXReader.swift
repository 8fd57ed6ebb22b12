import Foundation
import CotejoModel

/// Reads Excel workbooks (SpreadsheetML): one page per sheet, the values as Excel displays them
/// (cached results of formulas, never evaluated), and each sheet's data block as one `Table`.
///
/// A sheet's table starts at its header row: the first row where at least half of the used
/// columns hold a value of their own (a merged title spans many columns but is one value). Header
/// cells merged down, or merged across over a row of sub-headers, make a multi-row header. Rows
/// above the table (titles, "Objetivo: …" lines) and after its last multi-value row are text lines.
/// Every value keeps `Source(sheet:, cell:)`.
public struct XLSXReader: DocumentReader {
    public var format: DocumentFormat { .xlsx }
    public var limits: ZipLimits

    public init(limits: ZipLimits = .default) { self.limits = limits }

    public func read(url: URL, data: Data) throws -> DocumentContent {
        let pkg = try OfficePackage(data: data, limits: limits)
        let rootRels = try pkg.relationships(of: "")
        var workbookPart = "xl/workbook.xml"
        if let main = rootRels.values.first(where: { $0.type.hasSuffix("/officeDocument") }), pkg.has(main.target) {
            workbookPart = main.target
        }
        guard pkg.has(workbookPart) else { throw ReadError.damaged("no xl/workbook.xml in the archive") }
        let workbook = try pkg.requiredXML(workbookPart)
        guard let wbRoot = workbook.root else { throw ReadError.damaged("\(workbookPart) is empty") }
        let rels = try pkg.relationships(of: workbookPart)
        let folder = OfficePackage.folder(of: workbookPart)

        func part(_ typeSuffix: String, _ fallback: String) -> String? {
            if let r = rels.values.first(where: { $0.type.hasSuffix(typeSuffix) }) { return r.target }
            let f = (folder.isEmpty ? "" : folder + "/") + fallback
            return pkg.has(f) ? f : nil
        }
        var shared: [String] = []
        if let p = part("/sharedStrings", "sharedStrings.xml"), let tree = try pkg.xml(p) { shared = Self.sharedStrings(tree) }
        var styles = NumberFormats()
        if let p = part("/styles", "styles.xml"), let tree = try pkg.xml(p) { styles = NumberFormats(tree) }
        let pr = wbRoot.child("workbookPr")
        let date1904 = pr.map { $0.attr("date1904").map { $0 == "1" || $0.lowercased() == "true" } ?? false } ?? false

        var pages: [Page] = []
        var tables: [Table] = []
        var notes: [String] = []
        var problems: [ReadProblem] = []
        let sheets = wbRoot.child("sheets")?.children("sheet") ?? []
        for (i, sheet) in sheets.enumerated() {
            let number = i + 1
            let name = sheet.attr("name") ?? "Hoja\(number)"
            guard let rid = sheet.relAttr("id"), let target = rels[rid]?.target, pkg.has(target) else {
                problems.append(ReadProblem(.partNotRead, page: number, "sheet \(name) has no worksheet part"))
                pages.append(Page(number: number, hasText: false))
                continue
            }
            guard let bytes = try pkg.data(target),
                  let grid = try SheetGrid.read(bytes, part: target, shared: shared, formats: styles, date1904: date1904) else {
                // Chart sheets and dialog sheets carry no cells.
                pages.append(Page(number: number, hasText: false))
                continue
            }
            // Hidden sheets and rows are read like the rest: an auditor wants their figures, and to
            // know they were hidden.
            if let state = sheet.attr("state"), state == "hidden" || state == "veryHidden" {
                notes.append("sheet \(name) is hidden in the workbook (\(state)); its figures are read")
            }
            if !grid.hiddenRows.isEmpty {
                let shown = grid.hiddenRows.prefix(12).map(String.init).joined(separator: ", ")
                notes.append("sheet \(name) hides \(grid.hiddenRows.count) row(s) holding values: \(shown)\(grid.hiddenRows.count > 12 ? ", …" : ""); they are read")
            }
            let (blocks, table) = grid.layout(sheet: name, tableIndex: tables.count + 1, page: number)
            if let table { tables.append(table) }
            pages.append(Page(number: number, blocks: blocks, hasText: !blocks.isEmpty || table != nil))
        }
        if sheets.isEmpty { throw ReadError.damaged("\(workbookPart) lists no sheets") }
        return DocumentContent(format: .xlsx, pages: pages, tables: tables, metadata: pkg.coreMetadata(), notes: notes, problems: problems)
    }

    static func sharedStrings(_ tree: XMLTree) -> [String] {
        guard let root = tree.root else { return [] }
        return root.children("si").map(richText)
    }

    /// Text of a string item: plain `t`, or rich-text runs `r/t`; phonetic guides (`rPh`) are not text.
    static func richText(_ si: XMLNode) -> String {
        var s = ""
        for n in si.children {
            if n.is("t") { s += n.textContent } else if n.is("r") { s += n.child("t")?.textContent ?? "" }
        }
        return unescapeOOXML(s)
    }

    /// `_x000D_`-style escapes: Excel writes characters XML cannot hold this way.
    static func unescapeOOXML(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "_x") {
            out += rest[..<r.lowerBound]
            let after = rest[r.upperBound...]
            let hex = after.prefix(4)
            if hex.count == 4, after.dropFirst(4).first == "_", let code = UInt32(hex, radix: 16), let scalar = UnicodeScalar(code) {
                if code != 0x0D { out.unicodeScalars.append(scalar) }   // CR of CRLF: the LF follows
                rest = after.dropFirst(5)
            } else {
                out += "_x"
                rest = after
            }
        }
        return out + rest
    }
}

// MARK: - Number formats

/// Which style indexes show numbers as dates or percentages, from styles.xml.
struct NumberFormats {
    private var xfFormat: [Int] = []
    private var custom: [Int: String] = [:]

    init() {}

    init(_ tree: XMLTree) {
        guard let root = tree.root else { return }
        for f in root.child("numFmts")?.children("numFmt") ?? [] {
            if let id = f.intAttr("numFmtId"), let code = f.attr("formatCode") { custom[id] = code }
        }
        xfFormat = root.child("cellXfs")?.children("xf").map { $0.intAttr("numFmtId") ?? 0 } ?? []
    }

    enum Kind: Equatable { case general, decimals(Int), percent(Int), date(time: Bool), time }

    func kind(style: Int?) -> Kind {
        guard let style, style >= 0, style < xfFormat.count else { return .general }
        let id = xfFormat[style]
        if let code = custom[id] { return Self.kind(code: code) }
        switch id {
        case 1, 3, 37, 38: return .decimals(0)
        case 2, 4, 39, 40: return .decimals(2)
        case 9: return .percent(0)
        case 10: return .percent(2)
        case 14...17, 27...31, 34...36, 50...58: return .date(time: false)
        case 22: return .date(time: true)
        case 18...21, 32, 33, 45...47: return .time
        default: return .general
        }
    }

    static func kind(code: String) -> Kind {
        // Only the first section (positive numbers) decides; quoted text, escapes, fills and
        // bracketed colours/locales are not format letters.
        var plain = ""
        var inQuote = false, inBracket = false, skipNext = false
        var bracket = ""
        for ch in code {
            if skipNext { skipNext = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket {
                if ch == "]" {
                    inBracket = false
                    // [h]:mm is elapsed time; [$-es-CO], [Red], [>=100] are not format letters.
                    if !bracket.isEmpty && bracket.lowercased().allSatisfy({ "hms".contains($0) }) { plain += bracket }
                    bracket = ""
                } else { bracket.append(ch) }
                continue
            }
            switch ch {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": skipNext = true
            case ";": break
            default: plain.append(ch)
            }
            if ch == ";" { break }
        }
        let p = plain.lowercased()
        if p == "general" || p.isEmpty { return .general }
        let hasDate = p.contains("d") || p.contains("y") || (p.contains("m") && !p.contains("h") && !p.contains("s"))
        let hasTime = p.contains("h") || p.contains("s")
        if hasDate { return .date(time: hasTime) }
        if hasTime { return .time }
        let decimals: Int
        if let dot = p.firstIndex(of: ".") {
            decimals = p[p.index(after: dot)...].prefix { $0 == "0" || $0 == "#" || $0 == "?" }.count
        } else { decimals = 0 }
        if p.contains("%") { return .percent(decimals) }
        if p.contains("0") || p.contains("#") || p.contains("?") { return .decimals(decimals) }
        return .general
    }

    /// The number as shown, without thousands separators (a "." decimal point, so "1234.5" reads
    /// the same under every locale rule downstream).
    static func display(_ v: Double, kind: Kind, date1904: Bool) -> String {
        switch kind {
        case .general: return general(v)
        case .decimals(let d): return String(format: "%.\(d)f", v)
        case .percent(let d): return String(format: "%.\(d)f", v * 100) + "%"
        case .date(let time):
            guard let (y, m, d, secs) = serialDate(v, date1904: date1904) else { return general(v) }
            var s = String(format: "%04d-%02d-%02d", y, m, d)
            if time && secs > 0 { s += String(format: " %02d:%02d", secs / 3600, secs / 60 % 60) }
            return s
        case .time:
            let secs = Int(((v - v.rounded(.down)) * 86400).rounded())
            return String(format: "%02d:%02d:%02d", secs / 3600 % 24, secs / 60 % 60, secs % 60)
        }
    }

    static func general(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        var s = String(format: "%.15g", v)
        if s.contains("."), !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// Serial day number → civil date. The 1900 system counts the day 1900-02-29 that never was
    /// (Lotus's bug, kept for compatibility): serial 60 is that day, and serials before it are one
    /// day later than a plain count from 1899-12-30 would say.
    static func serialDate(_ serial: Double, date1904: Bool) -> (Int, Int, Int, Int)? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }   // to 9999-12-31
        var days = Int(serial.rounded(.down))
        let secs = Int(((serial - Double(days)) * 86400).rounded())
        if date1904 {
            days += 1462
        } else if days == 60 {
            return (1900, 2, 29, secs)
        } else if days < 60 {
            days += 1
        }
        let (y, m, d) = civil(fromDays: days + daysFrom1970To18991230)
        return (y, m, d, secs)
    }

    private static let daysFrom1970To18991230 = -25569

    /// Days since 1970-01-01 → proleptic Gregorian date (Howard Hinnant's civil_from_days).
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

// MARK: - Sheet grid


private struct Merge { var r0: Int, c0: Int, r1: Int, c1: Int }

private struct SheetGrid {
    /// Non-empty values by row, then column (1-based).
    var values: [Int: [Int: String]] = [:]
    /// Formulas by row, then column, for cells that hold one (a shared formula's followers get the
    /// master's, moved to their cell).
    var formulas: [Int: [Int: String]] = [:]
    /// Shared formulas' masters by group id, as met (a master precedes its followers).
    var sharedFormulas: [String: (row: Int, column: Int, formula: SpreadsheetFormula)] = [:]
    var merges: [Merge] = []
    /// Merge anchored at (row, column).
    var mergeAt: [Int: [Int: Merge]] = [:]
    /// Slots covered by a merge but not its anchor.
    var covered: Set<Int> = []
    /// Rows the sheet hides that hold values: read like the others, and said.
    var hiddenRows: [Int] = []

    static func key(_ r: Int, _ c: Int) -> Int { r &* 20000 &+ c }

    /// The grid of a worksheet part, read as a stream: a tree of the part's XML took more memory
    /// than the cells read from it (400,000 `c` elements in a 10,000 × 40 sheet). Nil for a part
    /// with no `sheetData` (chart and dialog sheets).
    static func read(_ data: Data, part: String, shared: [String], formats: NumberFormats,
                     date1904: Bool) throws -> SheetGrid? {
        try XMLStream.read(data, name: part) { stream in
            var grid = SheetGrid()
            return grid.load(stream, shared: shared, formats: formats, date1904: date1904) ? grid : nil
        }
    }

    /// One `c` element as met: its attributes, then what its children hold.
    private struct CellParts {
        var position: (row: Int, column: Int)?
        var type = "n"
        var style: Int?
        /// The first `v` child's text (nil when there is none).
        var value: String?
        /// The first `is` child's rich text (nil when there is none).
        var inline: String?
        /// The first `f` child: its text and its `t` and `si` attributes.
        var formula: (text: String, type: String?, group: String?)?
    }

    /// Where the text met in a cell goes, until the element at `depth` ends.
    private enum TextTarget { case value, inlineRun, formula }

    /// Reads rows, cells and merges from the stream; false when the part has no `sheetData`.
    private mutating func load(_ stream: XMLStream, shared: [String], formats: NumberFormats, date1904: Bool) -> Bool {
        var sawSheetData = false
        var lastRow = 0, r = 0, lastCol = 0
        var rowHidden = false, rowHasValue = false
        var cell: CellParts?
        var cellDepth = 0
        var target: (kind: TextTarget, depth: Int)?
        var inlineDepth: Int?                  // depth of the cell's `is`, while inside it
        var runDepth: Int?                     // depth of an `r` inside it, while inside that
        var runTaken = false                   // a run's first `t` only, as rich text is read
        var mergeRefs: [String] = []

        func finishRow() { if rowHidden && rowHasValue { hiddenRows.append(r) } }
        func finishCell(_ parts: CellParts) {
            let col = parts.position?.column ?? (lastCol + 1)
            lastCol = col
            let text = Self.value(parts, shared: shared, formats: formats, date1904: date1904).trimmed
            guard !text.isEmpty else { return }
            let here = (row: parts.position?.row ?? r, column: col)
            values[here.row, default: [:]][here.column] = text
            guard let f = parts.formula else { return }
            let written = f.text.trimmed
            if !written.isEmpty {
                formulas[here.row, default: [:]][here.column] = "=" + written
                if f.type == "shared", let si = f.group { sharedFormulas[si] = (here.row, here.column, SpreadsheetFormula(written)) }
            } else if f.type == "shared", let si = f.group, let master = sharedFormulas[si] {
                // A follower stores only the group's id: its formula is the master's, moved.
                formulas[here.row, default: [:]][here.column] =
                    master.formula.shifted(rows: here.row - master.row, columns: here.column - master.column).text
            }
        }

        while let node = stream.next() {
            switch node {
            case .start:
                let depth = stream.depth
                if cell != nil {
                    guard target == nil else { continue }
                    if depth == cellDepth + 1 {
                        if stream.is("v"), cell!.value == nil {
                            cell!.value = ""; rowHasValue = true
                            if !stream.isEmpty { target = (.value, depth) }
                        } else if stream.is("is"), cell!.inline == nil {
                            cell!.inline = ""; rowHasValue = true
                            if !stream.isEmpty { inlineDepth = depth }
                        } else if stream.is("f"), cell!.formula == nil {
                            let a = stream.attributes(["t", "si"])
                            cell!.formula = ("", a[0], a[1])
                            if !stream.isEmpty { target = (.formula, depth) }
                        }
                    } else if let d = inlineDepth, !stream.isEmpty, stream.is("t"),
                              depth == d + 1 || (runDepth != nil && depth == d + 2 && !runTaken) {
                        if depth == d + 2 { runTaken = true }
                        target = (.inlineRun, depth)
                    } else if let d = inlineDepth, depth == d + 1, stream.is("r"), !stream.isEmpty {
                        runDepth = depth; runTaken = false
                    }
                } else if stream.is("c") {
                    let a = stream.attributes(["r", "t", "s"])
                    var parts = CellParts()
                    parts.position = a[0].flatMap { CellReference.parse($0) }
                    parts.type = a[1] ?? "n"
                    parts.style = a[2].flatMap { Int($0.trimmed) }
                    if stream.isEmpty { finishCell(parts) } else { cell = parts; cellDepth = depth }
                } else if stream.is("row") {
                    let a = stream.attributes(["r", "hidden"])
                    r = a[0].flatMap { Int($0.trimmed) } ?? (lastRow + 1)
                    lastRow = r; lastCol = 0
                    rowHidden = a[1] == "1" || a[1] == "true"
                    rowHasValue = false
                    if stream.isEmpty { finishRow() }
                } else if stream.is("sheetData") {
                    sawSheetData = true
                } else if stream.is("mergeCell"), let ref = stream.attributes(["ref"])[0] {
                    mergeRefs.append(ref)
                }
            case .text:
                guard let t = target else { continue }
                switch t.kind {
                case .value: cell!.value! += stream.text
                case .inlineRun: cell!.inline! += stream.text
                case .formula: cell!.formula!.text += stream.text
                }
            case .end:
                let depth = stream.depth
                if let t = target, depth == t.depth { target = nil; continue }
                if let d = runDepth, depth == d { runDepth = nil; continue }
                if let d = inlineDepth, depth == d { inlineDepth = nil; continue }
                if let parts = cell, depth == cellDepth {
                    cell = nil
                    finishCell(parts)
                } else if cell == nil, stream.is("row") {
                    finishRow()
                }
            }
        }
        addMerges(mergeRefs)
        return sawSheetData
    }

    private mutating func addMerges(_ refs: [String]) {
        for ref in refs {
            let ends = ref.split(separator: ":")
            guard let a = ends.first.flatMap({ CellReference.parse($0) }) else { continue }
            let b = ends.count > 1 ? CellReference.parse(ends[1]) ?? a : a
            let merge = Merge(r0: min(a.row, b.row), c0: min(a.column, b.column), r1: max(a.row, b.row), c1: max(a.column, b.column))
            guard merge.r1 > merge.r0 || merge.c1 > merge.c0 else { continue }
            // A merge over a whole column or a million rows is formatting, not content; cap what
            // is expanded into covered slots.
            guard (merge.r1 - merge.r0 + 1) * (merge.c1 - merge.c0 + 1) <= 100_000 else { continue }
            merges.append(merge)
            mergeAt[merge.r0, default: [:]][merge.c0] = merge
            for rr in merge.r0...merge.r1 {
                for cc in merge.c0...merge.c1 where rr != merge.r0 || cc != merge.c0 { covered.insert(Self.key(rr, cc)) }
            }
        }
    }

    private static func value(_ c: CellParts, shared: [String], formats: NumberFormats, date1904: Bool) -> String {
        let v = c.value
        switch c.type {
        case "s":
            guard let v, let i = Int(v.trimmed), i >= 0, i < shared.count else { return "" }
            return shared[i]
        case "inlineStr":
            return c.inline.map(XLSXReader.unescapeOOXML) ?? (v ?? "")
        case "str", "e":
            return XLSXReader.unescapeOOXML(v ?? "")
        case "b":
            return v == "1" ? "TRUE" : (v == nil ? "" : "FALSE")
        case "d":
            // ISO 8601 as stored; the date part is what a plan means by it.
            guard let v else { return "" }
            return v.hasSuffix("T00:00:00") || v.hasSuffix("T00:00:00Z") ? String(v.prefix(10)) : v
        default:
            // A value too long for a double stays the text it is.
            guard let v, let d = Double(v.trimmed), d.isFinite else { return v ?? "" }
            return NumberFormats.display(d, kind: formats.kind(style: c.style), date1904: date1904)
        }
    }

    /// Distinct values in a row (a merged value counts once).
    func anchors(_ r: Int) -> [Int] { (values[r] ?? [:]).keys.filter { !covered.contains(Self.key(r, $0)) }.sorted() }

    func text(_ r: Int, _ c: Int) -> String { values[r]?[c] ?? "" }

    func layout(sheet: String, tableIndex: Int, page: Int) -> ([Block], Table?) {
        let rows = values.keys.sorted()
        guard let firstRow = rows.first, let lastRow = rows.last else { return ([], nil) }
        // The sheet's width from the columns that hold values in two rows or more: one stray cell
        // far out (XFD1048576) must not make the table look thousands of columns wide.
        var rowsPerColumn: [Int: Int] = [:]
        for r in rows { for c in anchors(r) { rowsPerColumn[c, default: 0] += 1 } }
        let repeated = rowsPerColumn.filter { $0.value >= 2 }.map(\.key)
        let usedCols = repeated.isEmpty ? Array(rowsPerColumn.keys) : repeated
        let usedWidth = (usedCols.max() ?? 0) - (usedCols.min() ?? 0) + 1

        // Header row: the first with at least half the used columns holding values of their own.
        let header = rows.first { r in
            let n = anchors(r).count
            return n >= 2 && n * 2 >= usedWidth
        }
        guard let h = header else {
            return (rows.compactMap { rowLine($0, sheet: sheet) }.map { Block(lines: [$0]) }, nil)
        }

        // Group headers above it: rows of merged cells naming column groups ("Trimestre I - 2025" over
        // "Resultado | Observaciones | Fuente"), at most two, each with two or more values, most of
        // them merged. A title merged across the sheet is one value and stays out.
        var top = h
        while top - 1 >= (rows.first ?? top), top > h - 2, values[top - 1] != nil || covered.contains(Self.key(top - 1, usedCols.min() ?? 0)) {
            let above = anchors(top - 1)
            let merged = above.filter { mergeAt[top - 1]?[$0] != nil }
            guard above.count >= 2, merged.count * 3 >= above.count * 2 else { break }
            top -= 1
        }

        // Table end: the last row that holds two values, or that a table merge reaches.
        var end = h
        for r in rows where r >= h && anchors(r).count >= 2 { end = r }
        for m in merges where m.r0 >= h && m.r0 <= end { end = max(end, min(m.r1, lastRow)) }

        // Header rows: merges hanging down from the header row, and rows of sub-headers under a
        // value merged across ("2021" over "META TRIMESTRE 1…4, RESULTADO").
        var headerEnd = h
        for (_, m) in mergeAt[h] ?? [:] where m.r1 > headerEnd && m.r1 - h < 4 && m.r1 < end { headerEnd = m.r1 }
        while headerEnd < end && headerEnd - h < 3 {
            let across = (h...headerEnd).flatMap { r in (mergeAt[r] ?? [:]).values.filter { $0.c1 > $0.c0 && $0.r1 == headerEnd } }
            let next = headerEnd + 1
            let cols = anchors(next)
            guard !across.isEmpty, !cols.isEmpty,
                  cols.allSatisfy({ c in across.contains { $0.c0 <= c && c <= $0.c1 } }) else { break }
            headerEnd = next
            for (_, m) in mergeAt[next] ?? [:] where m.r1 > headerEnd && m.r1 - h < 4 && m.r1 < end { headerEnd = m.r1 }
        }

        // Columns: those with a value in the table's rows, merged header cells included.
        var c0 = Int.max, c1 = 0
        for r in h...end {
            for c in anchors(r) {
                c0 = min(c0, c)
                c1 = max(c1, mergeAt[r]?[c]?.c1 ?? c)
            }
        }
        guard c0 <= c1 else { return ([], nil) }

        var cells: [Cell] = []
        cells.reserveCapacity((end - top + 1) * (c1 - c0 + 1))
        for r in top...end {
            for c in c0...c1 where !covered.contains(Self.key(r, c)) {
                let m = mergeAt[r]?[c]
                let t = text(r, c)
                let ref = CellReference.name(row: r, column: c)
                cells.append(Cell(row: r - top, column: c - c0,
                                  rowSpan: m.map { min($0.r1, end) - r + 1 } ?? 1,
                                  columnSpan: m.map { min($0.c1, c1) - c + 1 } ?? 1,
                                  text: t, isHeader: r <= headerEnd,
                                  source: Source(sheet: sheet, cell: ref, text: t, formula: formulas[r]?[c])))
            }
        }
        let table = Table(index: tableIndex, pages: [page], rowCount: end - top + 1, columnCount: c1 - c0 + 1,
                          headerRowCount: headerEnd - top + 1, cells: cells)

        var blocks: [Block] = []
        for r in rows where r < top { if let line = rowLine(r, sheet: sheet) { blocks.append(Block(lines: [line])) } }
        for r in rows where r > end { if let line = rowLine(r, sheet: sheet) { blocks.append(Block(lines: [line])) } }
        _ = firstRow
        return (blocks, table)
    }

    /// A row outside the table as one line: its values in column order, located at its first value.
    func rowLine(_ r: Int, sheet: String) -> TextLine? {
        let cols = anchors(r)
        let texts = cols.map { text(r, $0) }.filter { !$0.isEmpty }
        guard let first = cols.first, !texts.isEmpty else { return nil }
        let t = texts.joined(separator: " ").replacingOccurrences(of: "\n", with: " ")
        return TextLine(text: t, source: Source(sheet: sheet, cell: CellReference.name(row: r, column: first), text: t))
    }
}

extension XLSXReader {
    public static let entry = FormatEntry(.xlsx, stage: .zipPart, extensions: ["xlsx"],
                                          pageNames: (("hoja", "hojas"), ("sheet", "sheets")),
                                          recognizes: { $0.hasPart("xl/workbook.xml") }, reader: { _ in XLSXReader() })
}
