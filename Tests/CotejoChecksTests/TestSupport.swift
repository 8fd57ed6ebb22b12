import CotejoModel
@testable import CotejoChecks

/// Builders for rule inputs: pages of lines with PDF-style sources, tables, rows.
enum Make {
    static func line(_ text: String, page: Int = 1, y: Double = 0) -> TextLine {
        TextLine(text: text, source: Source(page: page, bbox: BBox(x0: 72, y0: y, x1: 500, y1: y + 12), text: text))
    }

    /// One page whose blocks are the given groups of lines (each group one block).
    static func page(_ number: Int = 1, blocks: [[String]], furniture: [String] = []) -> Page {
        var y = 50.0
        var out: [Block] = []
        for group in blocks {
            out.append(Block(lines: group.map { t in defer { y += 14 }; return line(t, page: number, y: y) }))
            y += 10
        }
        for f in furniture {
            out.append(Block(lines: [line(f, page: number, y: 760)], role: .furniture, reason: .repeatedOnEveryPage))
        }
        return Page(number: number, width: 612, height: 792, blocks: out)
    }

    static func content(_ pages: [Page], tables: [Table] = []) -> DocumentContent {
        DocumentContent(format: .pdf, pages: pages, tables: tables)
    }

    static func input(pages: [Page] = [], tables: [Table] = [], records: DocumentRecords = DocumentRecords()) -> CheckInput {
        CheckInput(content: content(pages, tables: tables), records: records)
    }

    static func input(_ records: DocumentRecords) -> CheckInput { input(records: records) }

    /// A row with its figures and a source per figure, quoting how each was written.
    static func row(_ description: String, item: String? = nil, planned: Double? = nil, executed: Double? = nil,
                    percent: Double? = nil, percentText: String? = nil, unlabelled: Bool = false, page: Int = 2,
                    y: Double = 100) -> Activity {
        var fields: [String: Source] = [:]
        func src(_ x: Double, _ t: String) -> Source { Source(page: page, bbox: BBox(x0: x, y0: y, x1: x + 30, y1: y + 12), text: t) }
        if let planned { fields["planned"] = src(400, Figures.es(planned)) }
        if let executed { fields["executed"] = src(440, Figures.es(executed)) }
        if let percent { fields["reported_percent"] = src(480, percentText ?? Figures.es(percent) + "%") }
        if let item { fields["item"] = src(40, item) }
        let rowText = [item, description, planned.map { Figures.es($0) }, executed.map { Figures.es($0) },
                       percent.map { percentText ?? Figures.es($0) + "%" }].compactMap { $0 }.joined(separator: " ")
        return Activity(item: item, description: description, planned: planned, executed: executed,
                        reportedPercent: percent,
                        source: [Source(page: page, bbox: BBox(x0: 40, y0: y, x1: 540, y1: y + 12), text: rowText)],
                        fieldSources: fields, figureOrder: unlabelled ? .unlabelled : nil)
    }

    static func total(_ label: String, planned: Double? = nil, executed: Double? = nil, percent: Double? = nil,
                      months: ClosedRange<Int>? = nil, text: String? = nil) -> StatedTotal {
        StatedTotal(label: label, planned: planned, executed: executed, reportedPercent: percent, months: months,
                    source: [Source(page: 2, bbox: BBox(x0: 72, y0: 200, x1: 300, y1: 240), text: text ?? label)])
    }

    /// A table from rows of texts; the first `headerRows` rows are headers.
    static func table(_ rows: [[String]], headerRows: Int = 1, index: Int = 1, page: Int = 1) -> Table {
        var cells: [Cell] = []
        for (r, row) in rows.enumerated() {
            for (c, text) in row.enumerated() {
                cells.append(Cell(row: r, column: c, text: text, isHeader: r < headerRows,
                                  source: Source(page: page, bbox: BBox(x0: Double(c) * 60, y0: Double(r) * 20,
                                                                        x1: Double(c) * 60 + 58, y1: Double(r) * 20 + 18), text: text)))
            }
        }
        return Table(index: index, pages: [page], rowCount: rows.count, columnCount: rows.map(\.count).max() ?? 0,
                     headerRowCount: headerRows, cells: cells)
    }
}

extension Finding {
    /// True when a value holds `text` as text (what a scorer searching for "7" finds).
    func mentions(_ text: String) -> Bool {
        values.values.contains { $0.description.contains(text) } || message.contains(text)
    }
}
