import CotejoSpanish
import Foundation
import CotejoModel

/// Marks page furniture: running headers and footers, approval blocks ("Elaboró / Revisó / Aprobó"),
/// page numbers. Furniture is kept in the content, marked, with the reason, so that the store can
/// show it and no record is built from it.
///
/// Furniture is decided here only. The file's own declaration comes first: a block a reader found
/// in a Word header part, an HTML header, footer or nav, or a slide-number placeholder
/// (`Block.declaredFurniture`). Then two kinds of evidence from the page:
/// - pattern: a line that is a page number ("PÁGINA 2 de 12", "3 / 9") or opens an approval block;
/// - repetition: on paged documents, a line that stands in the top or bottom band of at least half
///   of the pages (digits masked, so "PÁGINA 2 de 12" and "PÁGINA 3 de 12" are one line); on
///   unpaged text (a PDF saved as text), a line repeated three times or more, digits not masked,
///   since figures that repeat ("100%") are data, not furniture.
public struct FurnitureDetector: Sendable {
    /// Share of the page height, from the top and from the bottom, where running headers and footers stand.
    public var topBand: Double = 0.16
    public var bottomBand: Double = 0.12
    /// Share of pages a line must repeat on to be a running header or footer.
    public var minimumPageShare: Double = 0.5

    public init() {}

    public func apply(to content: DocumentContent) -> DocumentContent {
        var content = content
        // What the file declares furniture (a Word header part, an HTML nav, a slide-number
        // placeholder) is furniture, for the reason the file gives.
        for p in content.pages.indices {
            for b in content.pages[p].blocks.indices {
                guard let declared = content.pages[p].blocks[b].declaredFurniture, content.pages[p].blocks[b].role != .furniture else { continue }
                content.pages[p].blocks[b].role = .furniture
                content.pages[p].blocks[b].reason = declared
            }
        }
        let paged = content.pages.count >= 2 && content.pages.contains { $0.height > 0 && $0.lines.contains { $0.bbox != nil } }
        let repeatedKeys: Set<String>
        let numberOffset = paged ? pageNumberOffset(content.pages) : nil
        if paged {
            repeatedKeys = pagedRepeats(content.pages)
        } else if Readers.entry(for: content.format)?.isPlainText == true {
            repeatedKeys = unpagedRepeats(content.pages)
        } else {
            repeatedKeys = []
        }
        for p in content.pages.indices {
            let page = content.pages[p]
            var reasons = page.blocks.map { block in
                block.lines.map { block.role == .furniture ? nil : furnitureReason($0, page: page, paged: paged, repeatedKeys: repeatedKeys, pageNumberOffset: numberOffset) }
            }
            if paged { keepMarginFurnitureContiguous(&reasons, page: page) }
            var blocks: [Block] = []
            // Where each original block starts after splitting, to keep tables' anchors in place.
            var newIndex: [Int] = []
            for (b, block) in page.blocks.enumerated() {
                newIndex.append(blocks.count)
                if block.role == .furniture { blocks.append(block); continue }
                // Split a block where furniture lines start or end, so that body text stays whole.
                var run: [TextLine] = []
                var runReason: FurnitureReason?? = nil
                func flush() {
                    guard !run.isEmpty, let reason = runReason else { return }
                    blocks.append(Block(lines: run, role: reason == nil ? block.role : .furniture, reason: reason))
                    run = []
                }
                for (l, line) in block.lines.enumerated() {
                    let reason = reasons[b][l]
                    if runReason != nil, (runReason! == nil) != (reason == nil) { flush() }
                    if run.isEmpty { runReason = .some(reason) }
                    run.append(line)
                }
                flush()
            }
            content.pages[p].blocks = blocks
            newIndex.append(blocks.count)
            for t in content.tables.indices where content.tables[t].pages.first == page.number {
                if let a = content.tables[t].anchor { content.tables[t].anchor = newIndex[min(a, newIndex.count - 1)] }
            }
        }
        return content
    }

    /// Running headers and footers hold the page's edges: from the top (or bottom) edge inwards,
    /// furniture rows come first and body text after. A line found by repetition alone that stands
    /// below a body row of the top band (or above one of the bottom band) is body text that happens
    /// to repeat — the second line of a table row with templated text — and stays body. Lines found
    /// by pattern ("PÁGINA 2 de 9", "Elaboró:") stay furniture wherever they are.
    func keepMarginFurnitureContiguous(_ reasons: inout [[FurnitureReason?]], page: Page) {
        var top: [(b: Int, l: Int, box: BBox)] = [], bottom: [(b: Int, l: Int, box: BBox)] = []
        for (b, block) in page.blocks.enumerated() where block.role != .furniture {
            for (l, line) in block.lines.enumerated() {
                guard let box = line.bbox, let band = band(of: line, on: page) else { continue }
                if band == "top" { top.append((b, l, box)) } else { bottom.append((b, l, box)) }
            }
        }
        for (lines, fromTop) in [(top, true), (bottom, false)] {
            // Rows of the band: lines side by side on one baseline, edge first.
            let rows = lines.sorted(by: { fromTop ? $0.box.y0 < $1.box.y0 : $0.box.y1 > $1.box.y1 })
                .visualRows(box: \.box, anchor: .anyItem)
            var inBody = false
            for row in rows {
                if !inBody, row.allSatisfy({ reasons[$0.b][$0.l] != nil }) { continue }
                inBody = true
                for line in row where reasons[line.b][line.l]?.isPositional == true { reasons[line.b][line.l] = nil }
            }
        }
    }

    func furnitureReason(_ line: TextLine, page: Page, paged: Bool, repeatedKeys: Set<String>, pageNumberOffset: Int? = nil) -> FurnitureReason? {
        let folded = line.text.folded
        if Self.isPageNumber(folded) { return .pageNumber }
        if Self.opensApprovalBlock(folded) { return .approvalBlock }
        if paged {
            guard let band = band(of: line, on: page) else { return nil }
            let key = band + Self.maskDigits(folded)
            if let y = line.bbox?.y0, [-1.0, 0, 1].contains(where: { repeatedKeys.contains(Self.positionedKey(key, y: y + $0 * Self.positionTolerance)) }) {
                return band == "top" ? .runningHeader : .runningFooter
            }
            // A lone number in the margin is a page number when it keeps step with the pages.
            if let n = Self.loneNumber(folded), let offset = pageNumberOffset, n - page.number == offset {
                return .pageNumber
            }
        } else if repeatedKeys.contains(folded) {
            return .repeatedOnEveryPage
        }
        return nil
    }

    private func band(of line: TextLine, on page: Page) -> String? {
        guard let box = line.bbox, page.height > 0 else { return nil }
        if box.y1 <= page.height * topBand { return "top" }
        if box.y0 >= page.height * (1 - bottomBand) { return "bottom" }
        return nil
    }

    /// Running headers and footers stand at the same height on every page; rows of a long table
    /// with templated text ("Actividad número 22 …", "… 48 …") fall in the bands too, digits masked
    /// alike, but at heights that drift from page to page. So a repeated line counts only where it
    /// stands within `positionTolerance` of the height it has on most pages. Keys are band, masked
    /// text and that height, rounded.
    static let positionTolerance = 3.0

    private func pagedRepeats(_ pages: [Page]) -> Set<String> {
        var placesByKey: [String: [(page: Int, y: Double, text: String)]] = [:]
        for page in pages {
            for line in page.lines {
                guard let band = band(of: line, on: page), let box = line.bbox else { continue }
                let folded = line.text.folded
                placesByKey[band + Self.maskDigits(folded), default: []].append((page.number, box.y0, folded))
            }
        }
        let needed = max(2, Int((Double(pages.count) * minimumPageShare).rounded(.up)))
        var keys = Set<String>()
        for (key, places) in placesByKey where places.count >= needed {
            // Each height that enough pages share becomes a key of its own.
            for reference in places {
                let there = places.filter { abs($0.y - reference.y) <= Self.positionTolerance }
                guard Set(there.map(\.page)).count >= needed, Self.numbersKeepStepWithPages(there.map { ($0.page, $0.text) }) else { continue }
                keys.insert(Self.positionedKey(key, y: reference.y))
            }
        }
        return keys
    }

    /// A running line is the same on every page but for its page numbers ("PÁGINA 2 de 9",
    /// "PÁGINA 3 de 9"): where the texts differ, the figures differ by as much as the pages. Table
    /// rows with templated text at the same place on two pages ("Actividad número 24" on page 2,
    /// "… 51" on page 3) do not.
    static func numbersKeepStepWithPages(_ lines: [(page: Int, text: String)]) -> Bool {
        let sorted = lines.sorted { $0.page < $1.page }
        guard let first = sorted.first else { return false }
        let base = numbers(in: first.text)
        for other in sorted.dropFirst() where other.text != first.text {
            let values = numbers(in: other.text)
            guard values.count == base.count else { return false }
            for (a, b) in zip(base, values) where a != b {
                if b - a != other.page - first.page { return false }
            }
        }
        return true
    }

    static func numbers(in text: String) -> [Int] {
        text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }

    /// A bare number of at most four digits that is not a year (a table's "2021" header).
    static func loneNumber(_ folded: String) -> Int? {
        guard !folded.isEmpty, folded.count <= 4, folded.allSatisfy({ $0.isNumber }), let n = Int(folded), !CalendarYear.contains(n) else { return nil }
        return n
    }

    /// Page numbers printed alone in the margin run with the pages, from a fixed offset (a report
    /// cut from a longer one starts at 37). The offset most pages share, if at least two do.
    func pageNumberOffset(_ pages: [Page]) -> Int? {
        var pagesByOffset: [Int: Set<Int>] = [:]
        for page in pages {
            for line in page.lines {
                guard band(of: line, on: page) != nil, let n = Self.loneNumber(line.text.folded) else { continue }
                pagesByOffset[n - page.number, default: []].insert(page.number)
            }
        }
        guard let best = pagesByOffset.max(by: { $0.value.count < $1.value.count }), best.value.count >= 2 else { return nil }
        return best.key
    }

    /// A key with its height in `positionTolerance` steps, so that a line matches the key of any
    /// reference within the tolerance (both neighbouring steps are looked up).
    static func positionedKey(_ key: String, y: Double) -> String {
        key + "@" + String(Int((y / positionTolerance).rounded()))
    }

    private func unpagedRepeats(_ pages: [Page]) -> Set<String> {
        var counts: [String: Int] = [:]
        for line in pages.flatMap(\.lines) { counts[line.text.folded, default: 0] += 1 }
        return Set(counts.filter { key, count in
            count >= 3 && key.count >= 4 && key.contains(where: { $0.isLetter })
        }.keys)
    }

    static func maskDigits(_ s: String) -> String {
        // ASCII lines (most) as bytes: their only numbers are 0-9.
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: s.utf8.map { $0 >= 0x30 && $0 <= 0x39 ? UInt8(ascii: "#") : $0 }, as: UTF8.self)
        }
        return String(s.map { $0.isNumber ? "#" : $0 })
    }

    /// "pagina 2 de 12", "pag. 3", "page 4 of 9", "2 de 12", "3 / 9", "- 4 -".
    static func isPageNumber(_ folded: String) -> Bool {
        // At most four words ("pagina 3 de 12"): most lines have more, and are refused before any
        // splitting (this runs on every line of every page).
        var wordCount = 0, inWord = false
        for byte in folded.utf8 {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") { inWord = false }
            else if !inWord {
                inWord = true
                wordCount += 1
                if wordCount > 4 { return false }
            }
        }
        var words = folded.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        if let first = words.first, ["pagina", "pag", "pag.", "page", "hoja", "folio"].contains(first) { words.removeFirst() }
        else if words.count == 1 { return false } // a lone number is decided by its position
        guard !words.isEmpty, words.count <= 3, Int(words[0]) != nil else { return false }
        if words.count == 1 { return true }
        // "n de N" with n ≤ N: "3 de 2021" is a date fragment, not a page.
        let total = words.count == 3 && ["de", "of", "/"].contains(words[1]) ? Int(words[2])
            : words.count == 2 && words[1].hasPrefix("/") ? Int(words[1].dropFirst()) : nil
        guard let total, let n = Int(words[0]) else { return false }
        return n <= total && total < CalendarYear.range.lowerBound
    }

    /// "Elaboró:", "Revisó: …", "Aprobado por …" open the approval block of controlled documents.
    static func opensApprovalBlock(_ folded: String) -> Bool {
        for opener in ["elaboro", "reviso", "aprobo", "elaborado por", "revisado por", "aprobado por"] {
            if folded.hasPrefix(opener) {
                let rest = folded.dropFirst(opener.count)
                if rest.isEmpty || rest.first == ":" || rest.first == " " { return true }
            }
        }
        return false
    }
}
