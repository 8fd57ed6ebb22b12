import CotejoSpanish
import Foundation
import CotejoModel

/// Figures stacked in a card, one "label: figure" per line, the way survey and PQRS reports summarise
/// a period:
///
///     Usuarios encuestados: 217
///     Usuarios satisfechos: 177
///     Usuarios no satisfechos: 40
///     % de satisfacción: 80%
///
/// The card's first count is its whole when it is also its largest; the other counts are parts. A
/// percentage line is the share of the one part whose label it repeats (same word stems, same
/// negation): "% de satisfacción" of "satisfechos", "no satisfechos: 20 %" of "no satisfechos". Two
/// parts that differ only by a "no" split the whole between them, and are kept as a sum.
///
/// Cards are found geometrically: lines that start at the same x and follow each other closely.
public struct LabelledFigureCards: Sendable {
    public init() {}

    public struct Result: Sendable {
        public var claims: [Claim] = []
        public var sums: [ColumnSum] = []
    }

    public func read(_ content: DocumentContent) -> Result {
        var result = Result()
        for page in content.pages {
            for card in Self.cards(on: page) { read(card, into: &result) }
        }
        return result
    }

    struct LabelledLine {
        var label: String
        var number: SpanishNumber
        var line: TextLine
        var stems: Set<String>
        var negated: Bool
        var source: Source { line.source.quoting(number.text) }
    }

    struct Card {
        var heading: String?
        var lines: [LabelledLine]
    }

    func read(_ card: Card, into result: inout Result) {
        let counts = card.lines.filter { !$0.number.isPercent && !$0.label.contains("%") }
        let percents = card.lines.filter { $0.number.isPercent || $0.label.contains("%") }
        guard counts.count >= 3 || (counts.count >= 2 && !percents.isEmpty),
              let whole = counts.first, whole.number.value > 0,
              counts.allSatisfy({ $0.number.value <= whole.number.value }) else { return }
        let parts = Array(counts.dropFirst())
        let prefix = card.heading.map { $0 + ": " } ?? ""
        for p in percents {
            // The part whose label the percentage repeats best; a tie leaves it unsettled.
            let scored = parts.filter { $0.negated == p.negated }.map { ($0, $0.stems.intersection(p.stems).count) }
            guard let best = scored.map(\.1).max(), best > 0, scored.filter({ $0.1 == best }).count == 1,
                  let part = scored.first(where: { $0.1 == best })?.0 else { continue }
            result.claims.append(Claim(
                kind: .share, label: prefix + part.label, part: part.number.value, whole: whole.number.value,
                reportedPercent: p.number.value, source: [whole.source, part.source, p.source],
                fieldSources: ["whole": whole.source, "part": part.source, "reported_percent": p.source],
                notes: ["whole: the card's first and largest count (\(whole.label))"]))
        }
        for (i, a) in parts.enumerated() {
            for b in parts[(i + 1)...] where a.stems == b.stems && a.negated != b.negated && !a.stems.isEmpty {
                result.sums.append(ColumnSum(label: prefix + whole.label, total: whole.number.value,
                                             parts: [a.number.value, b.number.value],
                                             source: [whole.source, a.source, b.source]))
            }
        }
    }

    /// The cards of a page: runs of "label: figure" lines sharing their left edge, each line close
    /// below the previous; a short line without figures just above the run is its heading.
    static func cards(on page: Page) -> [Card] {
        let lines = page.bodyLines.filter { $0.bbox != nil }
        var labelled: [(Int, LabelledLine)] = []
        for (i, line) in lines.enumerated() {
            if let l = labelledLine(line) { labelled.append((i, l)) }
        }
        guard labelled.count >= 3 else { return [] }
        labelled.sort { a, b in
            let (x, y) = (a.1.line.bbox!, b.1.line.bbox!)
            return abs(x.x0 - y.x0) > 12 ? x.x0 < y.x0 : x.y0 < y.y0
        }
        var cards: [Card] = []
        var run: [LabelledLine] = []
        func close() {
            defer { run = [] }
            guard run.count >= 3 else { return }
            let top = run[0].line.bbox!
            // The heading: the nearest line above the card starting near its left edge.
            let heading = lines.filter { l in
                guard let b = l.bbox else { return false }
                return b.y1 <= top.y0 + 1 && top.y0 - b.y1 < 3 * top.height && abs(b.x0 - top.x0) <= 12
                    && labelledLine(l) == nil && l.text.count <= 60
            }.max { $0.bbox!.y0 < $1.bbox!.y0 }
            cards.append(Card(heading: heading.map { $0.text.collapsedWhitespace.trimmingCharacters(in: [":", " "]) }, lines: run))
        }
        // How close a line follows the line above it in its column, figures or not ("Usuarios No
        // satisfechos" left without its figure still belongs to the card).
        func follows(_ c: BBox, _ b: BBox) -> Bool {
            guard abs(b.x0 - c.x0) <= 12, c.y0 > b.y0 else { return false }
            let between = lines.compactMap(\.bbox).filter { abs($0.x0 - c.x0) <= 12 && $0.y0 > b.y0 && $0.y1 <= c.y0 + 1 }
            let bottom = between.map(\.y1).max() ?? b.y1
            return c.y0 - max(bottom, b.y1) <= 3 * max(b.height, 6) && between.count <= 1
        }
        for (_, l) in labelled {
            if let last = run.last, let b = last.line.bbox, let c = l.line.bbox, follows(c, b) {
                run.append(l)
            } else {
                close()
                run = [l]
            }
        }
        close()
        return cards
    }

    /// "Usuarios satisfechos: 177", "% satisfaccion:81%": a short label, then one figure ending the line.
    static func labelledLine(_ line: TextLine) -> LabelledLine? {
        let text = line.text.collapsedWhitespace
        let numbers = SpanishNumber.scan(in: text)
        guard numbers.count == 1, let n = numbers.first, !n.isLikelyYear, n.value >= 0,
              text[n.range.upperBound...].allSatisfy({ $0 == "." || $0 == " " }) else { return nil }
        let label = text[..<n.range.lowerBound].trimmingCharacters(in: [":", " ", ","])
        let words = label.split(whereSeparator: { !$0.isLetter })
        guard (1...8).contains(words.count) else { return nil }
        let folded = words.map { String($0).folded }
        let stems = Set(folded.filter { $0.count >= 5 && !genericWords.contains($0) }.map { String($0.prefix(6)) })
        return LabelledLine(label: label, number: n, line: line, stems: stems, negated: folded.contains("no"))
    }

    /// Words every line of such a card may carry, which say nothing of what the figure counts.
    static let genericWords: Set<String> = ["total", "totales", "numero", "cantidad", "porcentaje"]
}
