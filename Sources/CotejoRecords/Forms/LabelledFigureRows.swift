import CotejoSpanish
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
        var out: [Activity] = []
        var carried: String? = nil
        for page in content.pages {
            let (activities, trailing) = activities(on: page, carried: carried)
            out += activities
            carried = trailing
        }
        return out
    }

    func activities(on page: Page) -> [Activity] { activities(on: page, carried: nil).activities }

    /// The page's activities, and the labelled indicator its last rows state without figures (the
    /// figures went to the next page). `carried`: such an indicator from the previous page, which
    /// the page's first figures take when nothing labelled stands above them.
    func activities(on page: Page, carried: String?) -> (activities: [Activity], trailing: String?) {
        let rows = VisualRows.rows(of: page.bodyLines)
        var out: [Activity] = []
        var lastFigures = -1
        for (i, row) in rows.enumerated() {
            guard let figures = Self.labelledFigures(in: row), figures.count >= 2 else { continue }
            let kinds = Set(figures.map(\.kind))
            guard kinds.contains(.planned) || kinds.contains(.executed), kinds.count >= 2 else { continue }
            let first = lastFigures < 0
            lastFigures = i
            var description = Self.description(above: i, in: rows)
            if first, let carried, !(description.map(Self.startsWithFieldLabel) ?? false) { description = carried }
            var a = Activity(description: description ?? row.map(\.text).joined(separator: " "))
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
        // Rows after the page's last figures that open with a field label ("Meta producto …") are an
        // indicator whose figures are on the next page.
        guard lastFigures < rows.count - 1,
              let trailing = Self.description(above: rows.count, in: rows), Self.startsWithFieldLabel(trailing)
        else { return (out, nil) }
        return (out, trailing)
    }

    static func startsWithFieldLabel(_ text: String) -> Bool {
        let t = text.folded
        return FormFieldLabels.all.contains { t.hasPrefix($0) }
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
                defer { label = "" }
                guard !Self.hasWords(label, moreThan: 6), label.contains(where: \.isLetter) || label.contains("%"),
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
            if Self.hasWords(label, moreThan: 6) { label = "" }
        }
        return out.isEmpty ? nil : out
    }

    /// Whether a label has more than `limit` words. Labels are cut from collapsed lines and joined
    /// with spaces, so a single space parts their words; counting stops past the limit.
    static func hasWords(_ label: String, moreThan limit: Int) -> Bool {
        var count = 0, inWord = false
        for byte in label.utf8 {
            if byte == UInt8(ascii: " ") { inWord = false; continue }
            if !inWord {
                inWord = true
                count += 1
                if count > limit { return true }
            }
        }
        return false
    }

    /// The indicator a row of figures belongs to: the rows of text just above it, up to a blank gap,
    /// a row that itself holds figures, or `descriptionRows` rows.
    static func description(above index: Int, in rows: [[TextLine]]) -> String? {
        var parts: [[TextLine]] = []
        var k = index - 1
        var below = index < rows.count ? rows[index] : []
        while k >= 0, parts.count < descriptionRows {
            let row = rows[k]
            let text = row.map(\.text).joined(separator: " ").collapsedWhitespace
            if labelledFigures(in: row)?.count ?? 0 >= 2 { break }
            // A blank gap ends the description; above the figures themselves a wider one is allowed,
            // since forms leave room between an indicator's words and its figures.
            if let gap = VisualRows.gap(between: row, and: below), let h = row.compactMap(\.bbox).map(\.height).max(),
               gap > (parts.isEmpty ? 6 : 2.5) * max(h, 6) { break }
            if !text.isEmpty { parts.insert(row, at: 0) }
            below = row
            k -= 1
        }
        let d = columnText(parts).collapsedWhitespace
        return d.contains(where: \.isLetter) ? d : nil
    }

    /// Rows of a description read column by column when its pieces stand in columns (a form's
    /// "Meta producto" on the left, its "Indicador" on the right, each wrapping over several rows):
    /// left column top to bottom, then the next. Rows of one piece read as they are.
    static func columnText(_ rows: [[TextLine]]) -> String {
        let pieces = rows.flatMap { $0 }
        guard rows.contains(where: { $0.count > 1 }), pieces.allSatisfy({ $0.bbox != nil }) else {
            return rows.map { $0.map(\.text).joined(separator: " ") }.joined(separator: " ")
        }
        // Columns: pieces whose left edges lie within a few points of each other.
        var columns: [(x: Double, lines: [TextLine])] = []
        for piece in pieces.sorted(by: { $0.bbox!.x0 < $1.bbox!.x0 }) {
            if let i = columns.indices.last, abs(columns[i].x - piece.bbox!.x0) <= columnTolerance {
                columns[i].lines.append(piece)
            } else {
                columns.append((piece.bbox!.x0, [piece]))
            }
        }
        return columns.map { c in c.lines.sorted { $0.bbox!.y0 < $1.bbox!.y0 }.map(\.text).joined(separator: " ") }
            .joined(separator: " ")
    }

    /// How far apart (points) the left edges of one column's pieces may be.
    static let columnTolerance = 24.0
}
