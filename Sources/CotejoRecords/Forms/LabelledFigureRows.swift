import CotejoModel

/// Activities from form-like rows, where each figure follows its own label instead of standing
/// under a column header: "Valor Programado 951   Valor Ejecutado 2   % Cumplimiento 0",
/// "Meta: 12 — Ejecutado: 10 — Avance: 83 %". Spreadsheet templates printed to PDF, Word forms and
/// slide cards lay out an indicator's figures this way.
///
/// A row is a visual line of the page: body lines whose boxes share a band of height, read left to
/// right (lines without boxes are rows of their own). A row becomes an activity when it labels at
/// least two of target, result and percentage, one of them a target or a result. Its description is
/// the text set just above it (the indicator the figures belong to).
public struct LabelledFigureRows: Sendable {
    public init() {}

    /// How many rows of text above a row of figures may name its indicator.
    static let descriptionRows = 4

    public func activities(in content: DocumentContent) -> [Activity] {
        content.pages.flatMap { activities(on: $0) }
    }

    func activities(on page: Page) -> [Activity] {
        let rows = VisualRows.rows(of: page.bodyLines)
        var out: [Activity] = []
        for (i, row) in rows.enumerated() {
            guard let figures = Self.labelledFigures(in: row), figures.count >= 2 else { continue }
            let kinds = Set(figures.map(\.kind))
            guard kinds.contains(.planned) || kinds.contains(.executed), kinds.count >= 2 else { continue }
            var a = Activity(description: Self.description(above: i, in: rows) ?? row.map(\.text).joined(separator: " "))
            var fields: [String: Source] = [:]
            for f in figures {
                switch f.kind {
                case .planned where a.planned == nil: a.planned = f.value; fields["planned"] = f.source
                case .executed where a.executed == nil: a.executed = f.value; fields["executed"] = f.source
                case .percent where a.reportedPercent == nil: a.reportedPercent = f.value; fields["reported_percent"] = f.source
                default: break
                }
            }
            a.fieldSources = fields
            a.source = Source.union(row.map(\.source), text: row.map(\.text).joined(separator: " "))
            a.notes = ["figures read from their labels"]
            out.append(a)
        }
        return out
    }

    struct LabelledFigure {
        var kind: MeasureKind
        var value: Double
        var source: Source
    }

    /// The row's figures with the measure their label names. A label is the text since the previous
    /// figure, and it must be short (a label, not a sentence) and name a target, result or percentage.
    static func labelledFigures(in row: [TextLine]) -> [LabelledFigure]? {
        var out: [LabelledFigure] = []
        var label = ""
        for line in row {
            let text = line.text.collapsedWhitespace
            var cursor = text.startIndex
            for n in SpanishNumber.scan(in: text) where !n.traits.contains(.legalReference) {
                label += " " + text[cursor..<n.range.lowerBound]
                cursor = n.range.upperBound
                let words = label.split(whereSeparator: \.isWhitespace)
                defer { label = "" }
                guard words.count <= 6, label.contains(where: \.isLetter) || label.contains("%"),
                      let kind = MeasureLabel.kind(of: label),
                      [.planned, .executed, .percent].contains(kind) else { continue }
                // A figure written as a share of one ("0,53" under "% avance") is a percentage of 53.
                var value = n.value
                if kind == .percent, !n.isPercent, value > 0, value <= 1, n.decimals > 0 { value *= 100 }
                if kind != .percent, n.isPercent { continue }
                out.append(LabelledFigure(kind: kind, value: value, source: line.source.quoting(n.text)))
            }
            label += " " + text[cursor...]
            // A sentence between figures ends any label in progress.
            if label.split(whereSeparator: \.isWhitespace).count > 6 { label = "" }
        }
        return out.isEmpty ? nil : out
    }

    /// The indicator a row of figures belongs to: the rows of text just above it, up to a blank gap,
    /// a row that itself holds figures, or `descriptionRows` rows.
    static func description(above index: Int, in rows: [[TextLine]]) -> String? {
        var parts: [String] = []
        var k = index - 1
        var below = rows[index]
        while k >= 0, parts.count < descriptionRows {
            let row = rows[k]
            let text = row.map(\.text).joined(separator: " ").collapsedWhitespace
            if labelledFigures(in: row)?.count ?? 0 >= 2 { break }
            // A blank gap ends the description; above the figures themselves a wider one is allowed,
            // since forms leave room between an indicator's words and its figures.
            if let gap = VisualRows.gap(between: row, and: below), let h = row.compactMap(\.bbox).map(\.height).max(),
               gap > (parts.isEmpty ? 6 : 2.5) * max(h, 6) { break }
            if !text.isEmpty { parts.insert(text, at: 0) }
            below = row
            k -= 1
        }
        let d = parts.joined(separator: " ").collapsedWhitespace
        return d.contains(where: \.isLetter) ? d : nil
    }
}
