import CotejoSpanish
import CotejoModel

/// The record stage: from a document's content (furniture marked, tables built) to the records of
/// the export contract. Each extractor adds what it recognises; every value keeps its source.
///
/// The body is walked once in reading order (`DocumentStream`), so that section headings give
/// the activities under them their unit (dependencia), whatever extractor found them.
public struct RecordExtractor: Sendable {
    public var facts = DocumentFactsExtractor()
    public var tables = TableActivityExtractor()
    public var figureRows = FigureRowExtractor()
    public var prose = ProseRecordExtractor()
    public var labelledRows = LabelledFigureRows()
    public var tableStatements = TableStatements()
    public var formulaRatios = FormulaRatios()
    public var proseChanges = ProseChanges()
    public var proseSplits = ProseSplits()
    public var labelledCards = LabelledFigureCards()
    public var periodCounts = PeriodCounts()
    public var periodIndicators = PeriodIndicators()
    public var proseShares = ProseShares()

    public init() {}

    /// `convention`: how the document writes its numbers, when the caller has it already (the
    /// check stage needs it too, and reading it goes over every line and cell).
    /// `survey`: the document's figures counted for its number convention, when the caller has
    /// counted them already (the pipeline does, for the checks too).
    public func extract(from content: DocumentContent, convention known: NumberConvention? = nil,
                        survey counted: NumberConvention.Survey? = nil) -> DocumentRecords {
        var records = DocumentRecords(facts: facts.extract(from: content))
        let stream = DocumentStream(content)
        // Slide rows on pages with boxes, found per page, emitted where their description stands.
        var rowsByPage: [Int: [Int: Activity]] = [:]
        for page in content.pages where page.lines.contains(where: { $0.bbox != nil }) {
            let rows = figureRows.rows(on: page)
            if !rows.isEmpty { rowsByPage[page.number] = rows }
        }
        var unit: String?
        var pendingNumber: SectionHeading?
        var sequential: SequentialFigureRow?
        var events: [Activity] = []
        var activities: [Activity] = []
        var tableTotals: [StatedTotal] = []

        func add(_ a: Activity) {
            var a = a
            if a.unit == nil, let unit { a.unit = unit }
            activities.append(a)
        }

        for item in stream.items {
            switch item {
            case .table(let table):
                pendingNumber = nil
                let found = tables.records(in: table)
                for a in found.activities { add(a) }
                tableTotals += found.totals
            case .block(let block, let pageNumber, let index):
                if let row = rowsByPage[pageNumber]?[index] { add(row) }

                var skipThrough = -1
                for (lineIndex, line) in block.lines.enumerated() {
                    if lineIndex <= skipThrough { continue }
                    let text = line.text.collapsedWhitespace
                    // Section headings: units for what follows, events as records.
                    if let pending = pendingNumber {
                        pendingNumber = nil
                        if !text.isEmpty, text.first?.isLetter == true {
                            let (title, last) = Self.headingTitle(startingWith: text, at: lineIndex, in: block)
                            skipThrough = last
                            enter(SectionHeading(number: pending.number, level: pending.level, title: title), line: line,
                                  unit: &unit, events: &events)
                            continue
                        }
                    }
                    if var h = SectionHeading.parse(text, isHeading: block.role == .heading) {
                        if h.title.isEmpty { pendingNumber = h; continue }
                        let (title, last) = Self.headingTitle(startingWith: h.title, at: lineIndex, in: block)
                        h.title = title; skipThrough = last
                        enter(h, line: line, unit: &unit, events: &events)
                        sequential = nil
                        continue
                    }
                    // Slide rows in plain text: description, figures below it.
                    if line.bbox == nil {
                        if var row = sequential {
                            switch row.feed(line) {
                            case .consumed: sequential = row; continue
                            case .finished(let a): add(a); sequential = nil; continue
                            case .abandoned: sequential = nil
                            }
                        }
                        if FigureRowExtractor.isDescription(text), text.count >= 20 {
                            sequential = SequentialFigureRow(description: line)
                        }
                    }
                }
            }
        }
        let formRows = labelledRows.activities(in: content)
        activities += formRows
        let survey = counted ?? NumberConvention.Survey(content)
        let convention = known ?? survey.document
        for (position, table) in content.tables.enumerated() {
            let stated = tableStatements.read(table, convention: survey.convention(ofTableAt: position, table, document: convention))
            records.claims += stated.claims + formulaRatios.claims(in: table)
            records.columnSums += stated.sums
        }
        let cards = labelledCards.read(content)
        records.claims += cards.claims
        records.columnSums += cards.sums
        records.activities = FigureOrderSettler().settle(Self.deduplicated(activities + events))
        let regions = TextRegions.regions(of: content)
        let proseRecords = prose.extract(from: regions, year: records.facts.year)
        records.claims += proseChanges.claims(in: regions)
        records.columnSums += proseSplits.sums(in: regions)
        // A form row ("Valor Programado 7.934 · Valor Ejecutado 7.869 · % Cumplimiento 99") is an
        // activity; the prose reader must not take its labels for a statement of the plan's totals.
        let formBoxes = formRows.flatMap(\.source).compactMap { s in s.page.flatMap { p in s.bbox.map { (p, $0) } } }
        let prose = proseRecords.totals.filter { t in
            !t.source.contains { s in
                guard let p = s.page, let b = s.bbox else { return false }
                return formBoxes.contains { $0.0 == p && $0.1.intersection(b) != nil }
            }
        }
        records.totals = tableTotals + prose
            + periodCounts.totals(in: content, regions: regions, title: records.facts.title, year: records.facts.year)
            + periodIndicators.totals(in: content, regions: regions, title: records.facts.title, year: records.facts.year)
            + proseShares.totals(in: regions, tables: content.tables)
        records.commitments = proseRecords.commitments
        // Sources on pages read by OCR say so, with how sure the OCR was of their words.
        return TextProvenance(content).stamp(records)
    }

    /// A heading's title runs on over the following lines of its block when they are set the same
    /// way (a slide title broken over three lines): capitals continue capitals, bold continues bold.
    static func headingTitle(startingWith first: String, at index: Int, in block: Block) -> (String, Int) {
        var title = first
        var last = index
        let start = block.lines[index]
        func upperShare(_ s: String) -> Double {
            let letters = s.filter { $0.isLetter }
            return letters.isEmpty ? 0 : Double(letters.filter { $0.isUppercase }.count) / Double(letters.count)
        }
        let firstUpper = upperShare(first) >= 0.6
        var k = index + 1
        while k < block.lines.count {
            let line = block.lines[k]
            let text = line.text.collapsedWhitespace
            let sameSetting = firstUpper ? upperShare(text) >= 0.6 : (line.bold == start.bold && abs(line.fontSize - start.fontSize) < 0.5 && start.fontSize > 0)
            guard sameSetting, SectionHeading.parse(text) == nil, title.count + text.count < 160 else { break }
            title += " " + text
            last = k
            k += 1
        }
        return (title, last)
    }

    /// A numbered heading: level 1 ends the current unit; level 2 names it; an event section is a record.
    private func enter(_ h: SectionHeading, line: TextLine, unit: inout String?, events: inout [Activity]) {
        if h.level >= 2 {
            unit = h.title
        } else {
            unit = nil
            if h.namesEvent, !events.contains(where: { $0.description.folded == h.title.folded }) {
                events.append(Activity(description: h.title, source: [line.source.quoting(line.text)],
                                       fieldSources: ["description": line.source]))
            }
        }
    }

    /// One activity per real activity: the same description found twice (a slide row also read as a
    /// table, a table repeated) is kept once, the reading with more fields winning.
    static func deduplicated(_ activities: [Activity]) -> [Activity] {
        var result: [Activity] = []
        var index: [String: Int] = [:]
        for a in activities {
            let key = a.description.folded
            if let i = index[key], result[i].item == a.item {
                if a.fieldSources.count > result[i].fieldSources.count { result[i] = a }
            } else {
                index[key] = result.count
                result.append(a)
            }
        }
        return result
    }
}
