import Foundation
import CotejoModel

/// Marks page furniture: running headers and footers, approval blocks ("Elaboró / Revisó / Aprobó"),
/// page numbers. Furniture is kept in the content, marked, with the reason, so that the store can
/// show it and no record is built from it.
///
/// Two kinds of evidence:
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
        let paged = content.pages.count >= 2 && content.pages.contains { $0.height > 0 && $0.lines.contains { $0.bbox != nil } }
        let repeatedKeys: Set<String>
        if paged {
            repeatedKeys = pagedRepeats(content.pages)
        } else if content.format == .txt || content.format == .tsv {
            repeatedKeys = unpagedRepeats(content.pages)
        } else {
            repeatedKeys = []
        }
        for p in content.pages.indices {
            let page = content.pages[p]
            var blocks: [Block] = []
            // Where each original block starts after splitting, to keep tables' anchors in place.
            var newIndex: [Int] = []
            for block in page.blocks {
                newIndex.append(blocks.count)
                if block.role == .furniture { blocks.append(block); continue }
                // Split a block where furniture lines start or end, so that body text stays whole.
                var run: [TextLine] = []
                var runReason: String?? = nil
                func flush() {
                    guard !run.isEmpty, let reason = runReason else { return }
                    blocks.append(Block(lines: run, role: reason == nil ? block.role : .furniture, reason: reason))
                    run = []
                }
                for line in block.lines {
                    let reason = furnitureReason(line, page: page, paged: paged, repeatedKeys: repeatedKeys)
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

    func furnitureReason(_ line: TextLine, page: Page, paged: Bool, repeatedKeys: Set<String>) -> String? {
        let folded = line.text.folded
        if Self.isPageNumber(folded) { return "page number" }
        if Self.opensApprovalBlock(folded) { return "approval block" }
        if paged {
            guard let band = band(of: line, on: page) else { return nil }
            if repeatedKeys.contains(band + Self.maskDigits(folded)) { return "running \(band == "top" ? "header" : "footer")" }
            // A lone number in the margin is a page number, unless it is a year (a table's "2021"
            // header printed at the top of a page).
            if folded.allSatisfy({ $0.isNumber }), !folded.isEmpty, folded.count <= 4, let n = Int(folded), !(1900...2100).contains(n) {
                return "page number"
            }
        } else if repeatedKeys.contains(folded) {
            return "repeated on every page"
        }
        return nil
    }

    private func band(of line: TextLine, on page: Page) -> String? {
        guard let box = line.bbox, page.height > 0 else { return nil }
        if box.y1 <= page.height * topBand { return "top" }
        if box.y0 >= page.height * (1 - bottomBand) { return "bottom" }
        return nil
    }

    private func pagedRepeats(_ pages: [Page]) -> Set<String> {
        var pagesByKey: [String: Set<Int>] = [:]
        for page in pages {
            for line in page.lines {
                guard let band = band(of: line, on: page) else { continue }
                let key = band + Self.maskDigits(line.text.folded)
                pagesByKey[key, default: []].insert(page.number)
            }
        }
        let needed = max(2, Int((Double(pages.count) * minimumPageShare).rounded(.up)))
        return Set(pagesByKey.filter { $0.value.count >= needed }.keys)
    }

    private func unpagedRepeats(_ pages: [Page]) -> Set<String> {
        var counts: [String: Int] = [:]
        for line in pages.flatMap(\.lines) { counts[line.text.folded, default: 0] += 1 }
        return Set(counts.filter { key, count in
            count >= 3 && key.count >= 4 && key.contains(where: { $0.isLetter })
        }.keys)
    }

    static func maskDigits(_ s: String) -> String {
        String(s.map { $0.isNumber ? "#" : $0 })
    }

    /// "pagina 2 de 12", "pag. 3", "page 4 of 9", "2 de 12", "3 / 9", "- 4 -".
    static func isPageNumber(_ folded: String) -> Bool {
        var words = folded.replacingOccurrences(of: "-", with: " ").split(separator: " ").map(String.init)
        if let first = words.first, ["pagina", "pag", "pag.", "page", "hoja", "folio"].contains(first) { words.removeFirst() }
        else if words.count == 1 { return false } // a lone number is decided by its position
        guard !words.isEmpty, words.count <= 3, Int(words[0]) != nil else { return false }
        if words.count == 1 { return true }
        // "n de N" with n ≤ N: "3 de 2021" is a date fragment, not a page.
        let total = words.count == 3 && ["de", "of", "/"].contains(words[1]) ? Int(words[2])
            : words.count == 2 && words[1].hasPrefix("/") ? Int(words[1].dropFirst()) : nil
        guard let total, let n = Int(words[0]) else { return false }
        return n <= total && total < 1900
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
