import CotejoSpanish
import CotejoModel

/// Activities laid out as slide rows: a description with two figures and a percentage, each in its
/// own text box ("Desarrollar la estrategia … | 29 | 20 | 145%"), with no column headers for the
/// figures. Their order (planned, executed) is left for arithmetic to settle: `figuresUnlabelled`.
public struct FigureRowExtractor: Sendable {
    public init() {}

    /// A figure standing alone in a box or line: "29", "145%", "100 %". Not section numbers ("3.1"),
    /// slide divider numbers ("03"), nor years.
    static func figure(_ text: String) -> SpanishNumber? {
        let t = text.collapsedWhitespace
        guard !t.isEmpty, t.count <= 12, let n = SpanishNumber.parse(t), n.value >= 0 else { return nil }
        if t.hasPrefix("0") && t.count > 1 && !t.hasPrefix("0,") { return nil }
        if n.isLikelyYear || t.contains(".") && !n.isPercent { return nil }
        return n
    }

    static func isDescription(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return words.count >= 3 && text.contains(where: \.isLetter) && figure(text) == nil
            && SectionHeading.parse(text) == nil
    }

    /// Rows found on a page laid out with boxes, keyed by the description block's index in `page.blocks`.
    public func rows(on page: Page) -> [Int: Activity] {
        let blocks = page.blocks.enumerated().filter { $0.element.role != .furniture && $0.element.source.bbox != nil }
        var figures: [(index: Int, box: BBox, number: SpanishNumber, source: Source)] = []
        for (i, b) in blocks {
            if let n = Self.figure(b.text), let box = b.source.bbox { figures.append((i, box, n, b.source)) }
        }
        // Group figures that share a line (vertical overlap), left to right.
        let groups = figures.sorted(by: { $0.box.midY < $1.box.midY }).visualRows(box: \.box, anchor: .anyItem)
        var result: [Int: Activity] = [:]
        for var group in groups {
            group.sort { $0.box.x0 < $1.box.x0 }
            let counts = group.filter { !$0.number.isPercent }
            let percents = group.filter { $0.number.isPercent }
            guard counts.count == 2, percents.count == 1, percents[0].box.x0 > counts[1].box.x0 else { continue }
            let rowBox = group.map(\.box).reduce(group[0].box) { $0.union($1) }
            // The description: a text box to the left that shares the row's height, or else the
            // nearest one just above it (a long description whose figures sit at its foot).
            let candidates = blocks.filter { i, b in
                guard let box = b.source.bbox, box.x1 <= rowBox.x0 + 4, Self.isDescription(b.text.collapsedWhitespace) else { return false }
                return box.verticalOverlap(rowBox) > 0 || (box.y1 <= rowBox.y0 + 2 && rowBox.y0 - box.y1 < rowBox.height * 2)
            }
            guard let (index, block) = candidates.max(by: { a, b in
                let oa = a.element.source.bbox!.verticalOverlap(rowBox), ob = b.element.source.bbox!.verticalOverlap(rowBox)
                return oa != ob ? oa < ob : a.element.source.bbox!.y1 < b.element.source.bbox!.y1
            }), result[index] == nil else { continue }
            let description = block.text.collapsedWhitespace
            var a = Activity(description: description, planned: counts[0].number.value, executed: counts[1].number.value,
                             reportedPercent: percents[0].number.value, figureOrder: .unlabelled)
            a.fieldSources = ["description": block.source, "planned": counts[0].source, "executed": counts[1].source,
                              "reported_percent": percents[0].source]
            let text = ([description] + group.map(\.number.text)).joined(separator: " ")
            a.source = Source.union([block.source] + group.map(\.source), text: text)
            result[index] = a
        }
        return result
    }
}

/// The same rows in a flow of lines without boxes (text exported from a slide deck): a description
/// line, then its figures on the lines that follow, short labels ("Cumplimiento vigencia") between.
struct SequentialFigureRow {
    var description: TextLine
    var counts: [(SpanishNumber, Source)] = []
    var percent: (SpanishNumber, Source)?

    init(description: TextLine) { self.description = description }

    enum Step { case consumed, finished(Activity), abandoned }

    /// Feeds the next line; says whether it belonged to the row, ended it, or broke it.
    mutating func feed(_ line: TextLine) -> Step {
        let text = line.text.collapsedWhitespace
        if let n = FigureRowExtractor.figure(text) {
            if n.isPercent {
                guard counts.count == 2 else { return .abandoned }
                percent = (n, line.source)
                return .finished(activity())
            }
            guard counts.count < 2 else { return .abandoned }
            counts.append((n, line.source))
            return .consumed
        }
        // Short labels between the figures ("Cumplimiento", "vigencia", "Cump.*") are passed over.
        if !counts.isEmpty, text.split(separator: " ").count <= 3, !text.contains(where: \.isNumber) { return .consumed }
        return .abandoned
    }

    func activity() -> Activity {
        let d = description.text.collapsedWhitespace
        var a = Activity(description: d, planned: counts[0].0.value, executed: counts[1].0.value,
                         reportedPercent: percent!.0.value, figureOrder: .unlabelled)
        a.fieldSources = ["description": description.source, "planned": counts[0].1, "executed": counts[1].1,
                          "reported_percent": percent!.1]
        let text = ([d] + counts.map(\.0.text) + [percent!.0.text]).joined(separator: " ")
        a.source = Source.union([description.source] + counts.map(\.1) + [percent!.1], text: text)
        return a
    }
}
