import Foundation
import CotejoModel
import CotejoSpanish

/// How findings write figures: Spanish with a decimal comma ("113,0"), English with a point.
enum Figures {
    /// A figure as Spanish text: integers bare ("78"), others with `decimals` (default: as needed, ≤ 2).
    static func es(_ v: Double, decimals: Int? = nil) -> String {
        SpanishNumber.write(v, decimals: decimals.map { .fixed($0) } ?? .upTo(2), language: .es)
    }

    static func en(_ v: Double, decimals: Int? = nil) -> String {
        SpanishNumber.write(v, decimals: decimals.map { .fixed($0) } ?? .upTo(2), language: .en)
    }

    /// Rounded to two decimals, as `values` carry computed figures.
    static func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }
}

extension Activity {
    /// How a message names the row: "ítem 7" / "item 7", or the start of its description.
    var labelES: String { item.map { "el ítem \($0)" } ?? "la actividad «\(shortDescription)»" }
    var labelEN: String { item.map { "item \($0)" } ?? "activity “\(shortDescription)”" }

    var shortDescription: String {
        let d = description.collapsedWhitespace
        return d.count > 60 ? String(d.prefix(57)) + "…" : d
    }
}

extension StatedTotal {
    /// The total's sources; never empty.
    var sourcesOrQuote: [Source] { source.isEmpty ? [Source(text: label)] : source }
}

extension Array where Element == Source {
    /// The same sources, each once, in order.
    func uniqued() -> [Source] {
        var out: [Source] = []
        for s in self where !out.contains(s) { out.append(s) }
        return out
    }
}

/// A block's lines joined with spaces, so that a label or citation broken across lines ("CUARTO" /
/// "CUATRIMESTRE POR") reads as one, with a way back from a match to the lines it came from.
struct JoinedLines {
    let text: String
    let lines: [TextLine]
    /// UTF-8 offset where each line starts in `text`.
    private let starts: [Int]

    init(_ lines: [TextLine]) {
        var text = ""
        var starts: [Int] = []
        for (i, line) in lines.enumerated() {
            if i > 0 { text += " " }
            starts.append(text.utf8.count)
            text += line.text
        }
        self.text = text; self.lines = lines; self.starts = starts
    }

    func offset(_ i: String.Index) -> Int { text.utf8.distance(from: text.startIndex, to: i) }

    /// Index of the line holding UTF-8 offset `o`.
    func lineIndex(at o: Int) -> Int {
        var k = 0
        while k + 1 < starts.count, starts[k + 1] <= o { k += 1 }
        return k
    }

    /// The lines a range of `text` touches.
    func lines(for range: Range<String.Index>) -> [TextLine] {
        let a = lineIndex(at: offset(range.lowerBound))
        let b = lineIndex(at: max(offset(range.lowerBound), offset(range.upperBound) - 1))
        return Array(lines[a...max(a, b)])
    }

    /// One source for a range: the touched lines' sources merged, quoting `quote`.
    func source(for range: Range<String.Index>, quote: String? = nil) -> Source {
        let ls = lines(for: range)
        var s = ls[0].source
        for l in ls.dropFirst() { s = s.merged(with: l.source) }
        if let quote { s.text = quote } else { s.text = ls.map(\.text).joined(separator: " ") }
        return s
    }
}

extension DocumentContent {
    /// Every body block's lines (furniture left out), page by page, joined for scanning.
    var bodyBlockTexts: [(page: Int, joined: JoinedLines)] {
        pages.flatMap { page in
            page.bodyBlocks.filter { !$0.lines.isEmpty }.map { (page.number, JoinedLines($0.lines)) }
        }
    }

    /// Table cells with words, for rules that read words (period labels, citations, number words):
    /// some readers put table text only in tables. Lazy, and cells without a letter are passed
    /// over: a 200,000-cell sheet is mostly figures, and a copy of its cells was the batch's peak.
    var wordCells: some Sequence<Cell> {
        tables.lazy.flatMap(\.cells).filter { $0.text.hasWordLetter }
    }
}

extension Activity {
    /// True when two rows look like one row read twice (a row cut by a line break, a summary repeating
    /// the detail): one description begins the other, or their boxes on the page mostly overlap.
    func looksLikeDuplicate(of other: Activity) -> Bool {
        let a = description.folded, b = other.description.folded
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        if short.count >= 20, long.hasPrefix(short) { return true }
        for s in source {
            for o in other.source where s.page != nil && s.page == o.page {
                guard let x = s.bbox, let y = o.bbox, let i = x.intersection(y) else { continue }
                if i.area > 0.5 * min(x.area, y.area) { return true }
            }
        }
        return false
    }
}

/// Where a table's cell stands, as a reader looks for it: the sheet and cell of a workbook, else the
/// page of the table ("la tabla de la página 8"; the pipeline's own table numbers mean nothing in the
/// document), else the table's number.
enum TablePlace {
    static func es(_ s: Source?, _ t: Table) -> String {
        if let sheet = s?.sheet { return "«\(sheet)»" + (s?.cell.map { " \($0)" } ?? "") }
        if let page = s?.page ?? t.pages.first { return "la tabla de la página \(page)" }
        return "la tabla \(t.index)"
    }

    static func en(_ s: Source?, _ t: Table) -> String {
        if let sheet = s?.sheet { return "“\(sheet)”" + (s?.cell.map { " \($0)" } ?? "") }
        if let page = s?.page ?? t.pages.first { return "the table on page \(page)" }
        return "table \(t.index)"
    }
}

extension Bilingual {
    /// Where a source stands, as a reader looks for it: "hoja «Metas»" / "sheet “Metas”", else
    /// "página 8" / "page 8" (its own page, else `page`); nil when it says neither.
    static func place(of s: Source?, page: Int? = nil) -> Bilingual? {
        if let sheet = s?.sheet { return Bilingual(es: "hoja «\(sheet)»", en: "sheet “\(sheet)”") }
        if let page = s?.page ?? page { return Bilingual(es: "página \(page)", en: "page \(page)") }
        return nil
    }
}
