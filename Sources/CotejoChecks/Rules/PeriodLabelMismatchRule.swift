import CotejoModel
import CotejoSpanish

/// `period.label_mismatch`: a period label (trimestre, cuatrimestre, semestre, bimestre N) that names a
/// period the year does not have ("CUARTO CUATRIMESTRE": a year has three), or that contradicts the
/// months stated with it ("II CUATRIMESTRE" over "Para el cuatrimestre de septiembre – diciembre":
/// septiembre–diciembre is the third cuatrimestre).
///
/// The months must be near the label: on its line, or after it in its block or the next blocks of the
/// page (at most `windowLines` lines), and before any other label. They count only when they are exactly
/// one period of the label's kind ("enero – diciembre" under a cuatrimestre label is a cumulative cut,
/// not a contradiction). Body text only; table cells are read for impossible labels. Each distinct
/// wrong label is one finding, with every place it stands.
public struct PeriodLabelMismatchRule: Rule {
    public let id = "period.label_mismatch"
    public let defaultSeverity = Severity.warning
    public let summary = "Etiqueta de periodo que contradice sus meses o no existe / period label that contradicts its months or cannot exist"
    public var windowLines = 8

    public init() {}

    private struct Occurrence {
        var label: SpanishPeriod
        var source: Source
        var months: MonthRange?
        var monthsSource: Source?
        /// The line the label stands on, when what it states matters to the reader.
        var context: Source?
    }

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        var invalid: [Occurrence] = []
        var valid: [SpanishPeriod] = []
        var wrong: [Occurrence] = []
        var deictic: [Occurrence] = []
        // The period the document reports on, when its title names one ("Informe de gestión III
        // trimestre 2022"): "este trimestre" in its text must be that one.
        let reportPeriods = SpanishPeriod.scan(in: input.records.facts.title ?? "").filter(\.isValid)
        for page in input.content.pages {
            let blocks = page.bodyBlocks.filter { !$0.lines.isEmpty }.map { JoinedLines($0.lines) }
            let labels = blocks.map { SpanishPeriod.scan(in: $0.text) }
            for (b, block) in blocks.enumerated() {
                for (j, p) in labels[b].enumerated() {
                    let here = block.source(for: p.range, quote: p.text)
                    guard p.isValid else { invalid.append(Occurrence(label: p, source: here)); continue }
                    valid.append(p)
                    if Self.isDeictic(block.text[..<p.range.lowerBound]) {
                        let same = reportPeriods.filter { $0.kind == p.kind }
                        if same.count == 1, same[0].ordinal != p.ordinal {
                            // The sentence that states what happened in "this" period goes with the label.
                            let line = block.lines[block.lineIndex(at: block.offset(p.range.lowerBound))]
                            deictic.append(Occurrence(label: p, source: here,
                                                      context: line.source.quoting(Self.sentence(around: p.range, in: block.text,
                                                                                                  continuing: blocks[(b + 1)...].prefix(2).map(\.text)))))
                        }
                    }
                    guard let (range, source) = months(near: j, block: b, blocks: blocks, labels: labels),
                          let m = range.months, let (kind, ordinal) = PeriodKind.period(covering: m),
                          kind == p.kind, ordinal != p.ordinal else { continue }
                    wrong.append(Occurrence(label: p, source: here, months: range, monthsSource: source))
                }
            }
        }
        // Impossible labels standing only in table cells (a header "IV CUATRIMESTRE").
        let seen = Set(invalid.map { $0.label.text.folded })
        for cell in input.content.wordCells {
            for p in SpanishPeriod.scan(in: cell.text) {
                if p.isValid { valid.append(p); continue }
                guard !seen.contains(p.text.folded) else { continue }
                invalid.append(Occurrence(label: p, source: cell.source.quoting(p.text)))
            }
        }
        let titleLabels = SpanishPeriod.scan(in: input.records.facts.title ?? "").filter(\.isValid)
        var findings: [Finding] = []
        for group in grouped(invalid, key: { $0.label.text.folded }) {
            let p = group[0].label
            let title = titleLabels.first { $0.kind == p.kind }
            var message = Bilingual.periodCannotExist(p, periodsES: plural(p.kind))
            var values: [String: FindingValue] = [
                "label": .text(p.ordinalText), "text": .text(p.text), "kind": .text(p.kind.rawValue),
                "ordinal": .number(Double(p.ordinal)), "periods_per_year": .number(Double(p.kind.periodsPerYear)),
            ]
            if let title {
                message.add(.titleSays(title.text))
                values["title_label"] = .text(title.text)
            }
            var sources = group.map(\.source)
            if let title, let ts = input.records.facts.sources["title"] { sources.append(ts.quoting(title.text)) }
            // The same ordinal of another kind used elsewhere in the document ("cuarto semestre" once in
            // a report that speaks of its "cuarto trimestre") reads as a slip of the pen whose period
            // the reader can tell: the label is still wrong, but no figure is put in doubt.
            var severity = severity(settings)
            if let twin = (valid + titleLabels).first(where: { $0.kind != p.kind && $0.ordinal == p.ordinal }) {
                message.add(.likelySlip(twin.text))
                values["likely_label"] = .text(twin.text)
                severity = .info
            }
            findings.append(diagnose(message, values: values, at: sources.uniqued(), settings, severity: severity))
        }
        for group in grouped(wrong, key: { "\($0.label.text.folded)|\($0.months!.first)-\($0.months!.last)" }) {
            let o = group[0]
            let p = o.label, r = o.months!
            let expected = PeriodKind.period(covering: r.months!)!.ordinal
            var message = Bilingual.wrongOrdinal(p, months: r.text, expected: expected, expectedES: ordinalES(expected))
            var values: [String: FindingValue] = [
                "label": .text(p.ordinalText), "text": .text(p.text), "kind": .text(p.kind.rawValue),
                "ordinal": .number(Double(p.ordinal)), "months": .text(r.text),
                "expected_ordinal": .number(Double(expected)),
            ]
            if let title = titleLabels.first(where: { $0.kind == p.kind && $0.ordinal != p.ordinal }) {
                message.add(.titleSays(title.text))
                values["title_label"] = .text(title.text)
            }
            let sources = group.flatMap { [$0.source] + ($0.monthsSource.map { [$0] } ?? []) }
            findings.append(diagnose(message, values: values, at: sources.uniqued(), settings))
        }
        if let title = input.records.facts.title, let report = reportPeriods.first {
            for o in deictic {
                let p = o.label
                let titleLabel = reportPeriods.first { $0.kind == p.kind } ?? report
                var sources = [o.source] + (o.context.map { [$0] } ?? [])
                if let ts = input.records.facts.sources["title"] { sources.append(ts.quoting(titleLabel.text)) }
                findings.append(diagnose(.thisPeriodIsAnother(p, report: titleLabel.text, title: title),
                                         values: ["label": .text(p.ordinalText), "text": .text(p.text), "kind": .text(p.kind.rawValue),
                                                  "ordinal": .number(Double(p.ordinal)), "report_label": .text(titleLabel.text),
                                                  "report_ordinal": .number(Double(titleLabel.ordinal))],
                                         at: sources.uniqued(), settings))
            }
        }
        return findings + titleYearFindings(input, settings: settings) + rowYearFindings(input, settings: settings)
    }

    // MARK: Rows keyed by year

    /// A table whose rows are years ("AÑO | POBLACIÓN DANE | AFILIADOS") and whose cells name another
    /// year for the row's figures ("2019 | 181.493 año 2018"): the figures and their year disagree.
    /// One finding per table, listing its rows. Only years written with "año" or "vigencia" count: a
    /// bare year in a cell may be anything.
    func rowYearFindings(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        var findings: [Finding] = []
        for table in input.content.tables where table.rowCount - table.headerRowCount >= 3 {
            let grid = table.grid
            let body = Array(table.headerRowCount..<table.rowCount)
            let keys = body.map { r -> Int? in
                guard let n = SpanishNumber.parse(grid[r][0].collapsedWhitespace), n.isLikelyYear else { return nil }
                return Int(n.value)
            }
            guard keys.compactMap({ $0 }).count * 5 >= body.count * 4, keys.compactMap({ $0 }).count >= 3 else { continue }
            var clashes: [(row: Int, key: Int, named: Int, cell: Cell)] = []
            let index = TableCellIndex(table)
            for (i, r) in body.enumerated() {
                guard let key = keys[i] else { continue }
                for c in 1..<table.columnCount {
                    let words = grid[r][c].folded.split(whereSeparator: { !$0.isWordCharacter })
                    for (k, w) in words.enumerated() where (w == "ano" || w == "vigencia") && k + 1 < words.count {
                        guard let y = CalendarYear.of(words[k + 1]), y != key,
                              let cell = index.cell(r, c) else { continue }
                        clashes.append((r, key, y, cell))
                    }
                }
            }
            guard !clashes.isEmpty else { continue }
            let pairs = clashes.map { "\($0.key) ↔ año \($0.named)" }.joined(separator: ", ")
            findings.append(diagnose(.rowYearsDiffer(pairs), values: ["rows": .number(Double(clashes.count))],
                                     // The year labels are the evidence: each quoted as written.
                                     at: clashes.flatMap { c in
                                         [index.cell(c.row, 0)?.source, c.cell.source.quoting("año \(c.named)")].compactMap { $0 }
                                     }.uniqued(), settings))
        }
        return findings
    }

    /// True when the words just before a period label point at the document's own period: "en este
    /// primer trimestre", "el presente semestre", "en el actual cuatrimestre".
    static func isDeictic(_ before: Substring) -> Bool {
        guard let last = String(before.suffix(40)).folded.split(whereSeparator: { !$0.isLetter }).last else { return false }
        return ["este", "esta", "presente", "actual"].contains(last)
    }

    /// The sentence of `text` that holds `range`: from the full stop before it to the one after it,
    /// at most 300 characters.
    static func sentence(around range: Range<String.Index>, in text: String, continuing next: [String] = []) -> String {
        let own = sentence(around: range, in: text)
        // A sentence the page breaks into blocks ("… en este primer trimestre, un 3 % equivalente" /
        // "a 1 …") goes on into the next blocks until it ends.
        guard !own.hasSuffix("."), !own.hasSuffix(";"), text[range.upperBound...].allSatisfy({ !".;".contains($0) }) else { return own }
        var out = own
        for t in next {
            let stop = t.firstIndex { ".;".contains($0) }
            out += " " + String(t[..<(stop ?? t.endIndex)]).collapsedWhitespace
            if stop != nil || out.count > 300 { break }
        }
        return String(out.prefix(300))
    }

    static func sentence(around range: Range<String.Index>, in text: String) -> String {
        func isStop(_ i: String.Index) -> Bool {
            let next = text.index(after: i)
            return ".;".contains(text[i]) && (next == text.endIndex || text[next].isWhitespace)
        }
        var lo = range.lowerBound
        while lo > text.startIndex, text.distance(from: lo, to: range.lowerBound) < 150 {
            let prev = text.index(before: lo)
            if isStop(prev) { break }
            lo = prev
        }
        var hi = range.upperBound
        while hi < text.endIndex, text.distance(from: range.upperBound, to: hi) < 150, !isStop(hi) { hi = text.index(after: hi) }
        return String(text[lo..<hi]).collapsedWhitespace
    }

    // MARK: Repeated titles

    /// A title repeated at the head of many sheets or pages with only its year changed ("PLAN DE
    /// ACCION INTEGRADO 2022" on eleven sheets, "… 2021" on four): the few that name another year than
    /// the rest and than the document were carried over from an earlier edition.
    ///
    /// A title is one of the first three body blocks of its page or sheet, short, with one year. The
    /// template (the title without its year) must stand on at least three pages, one year must hold
    /// more than half of them, and that year must be the document's when the document has one.
    func titleYearFindings(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        struct Title { var text: String; var year: Int; var source: Source; var place: Bilingual }
        var byTemplate: [String: [Title]] = [:]
        var order: [String] = []
        for page in input.content.pages {
            for block in page.bodyBlocks.prefix(3) {
                let text = block.text.collapsedWhitespace
                guard text.count <= 100, text.contains(where: \.isLetter) else { continue }
                let years = SpanishNumber.scan(in: text).filter(\.isLikelyYear)
                guard years.count == 1, let y = years.first else { continue }
                let template = (text[..<y.range.lowerBound] + "#" + text[y.range.upperBound...]).folded
                let source = block.lines.first?.source.quoting(text) ?? block.source
                let place = Bilingual.place(of: source, page: page.number)!
                if byTemplate[template] == nil { order.append(template) }
                // One title per page: a template repeated within a page says nothing more.
                if byTemplate[template]?.contains(where: { $0.place == place }) == true { continue }
                byTemplate[template, default: []].append(Title(text: text, year: Int(y.value), source: source, place: place))
            }
        }
        var findings: [Finding] = []
        for template in order {
            let titles = byTemplate[template]!
            guard titles.count >= 3 else { continue }
            var counts: [Int: Int] = [:]
            for t in titles { counts[t.year, default: 0] += 1 }
            guard counts.count >= 2, let (major, n) = counts.max(by: { $0.value < $1.value }), n * 2 > titles.count else { continue }
            if let year = input.records.facts.year, year != major { continue }
            for t in titles where t.year != major {
                let other = titles.first { $0.year == major }!
                findings.append(diagnose(.titleYearDiffers(t.text, place: t.place, year: t.year, major: major, on: n, of: titles.count,
                                                           documentYear: input.records.facts.year),
                                         values: ["text": .text(t.text), "stated_year": .number(Double(t.year)),
                                                  "expected_year": .number(Double(major)),
                                                  "repeated_on": .number(Double(n))],
                                         at: [t.source, other.source], settings))
            }
        }
        return findings
    }

    /// The month range that goes with label `j` of block `b`: after it on its block up to the next label,
    /// then in the following blocks of the page up to the next label; else before it on its own line.
    private func months(near j: Int, block b: Int, blocks: [JoinedLines], labels: [[SpanishPeriod]]) -> (MonthRange, Source)? {
        let block = blocks[b]
        let p = labels[b][j]
        let end = j + 1 < labels[b].count ? labels[b][j + 1].range.lowerBound : block.text.endIndex
        if let r = MonthRange.scan(in: block.text[p.range.upperBound..<end]).first(where: { $0.months != nil }) {
            return (r, block.source(for: r.range, quote: r.text))
        }
        if j + 1 == labels[b].count {
            var lines = block.lines.count - block.lineIndex(at: block.offset(p.range.lowerBound))
            var k = b + 1
            while k < blocks.count, lines < windowLines {
                let next = blocks[k]
                let stop = labels[k].first?.range.lowerBound ?? next.text.endIndex
                if let r = MonthRange.scan(in: next.text[next.text.startIndex..<stop]).first(where: { $0.months != nil }) {
                    return (r, next.source(for: r.range, quote: r.text))
                }
                if !labels[k].isEmpty { break }
                lines += next.lines.count
                k += 1
            }
        }
        // Before the label, on its own line ("enero – abril (II cuatrimestre)").
        let line = block.lineIndex(at: block.offset(p.range.lowerBound))
        let start = j > 0 ? labels[b][j - 1].range.upperBound : block.text.startIndex
        let before = MonthRange.scan(in: block.text[start..<p.range.lowerBound]).filter {
            $0.months != nil && block.lineIndex(at: block.offset($0.range.lowerBound)) == line
        }
        if let r = before.last { return (r, block.source(for: r.range, quote: r.text)) }
        return nil
    }

    private func grouped(_ xs: [Occurrence], key: (Occurrence) -> String) -> [[Occurrence]] {
        var order: [String] = []
        var groups: [String: [Occurrence]] = [:]
        for x in xs {
            let k = key(x)
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(x)
        }
        return order.map { groups[$0]! }
    }

    private func plural(_ k: PeriodKind) -> String { k == .month ? "meses" : k.rawValue + "s" }

    private func ordinalES(_ n: Int) -> String {
        ["primer", "segundo", "tercer", "cuarto", "quinto", "sexto"][max(0, min(5, n - 1))]
    }
}

extension Bilingual {
    fileprivate mutating func add(_ more: Bilingual) { es += more.es; en += more.en }

    fileprivate static func periodCannotExist(_ p: SpanishPeriod, periodsES: String) -> Bilingual {
        Bilingual(es: "«\(p.text)» nombra un periodo que no existe: un año tiene \(p.kind.periodsPerYear) \(periodsES)",
                  en: "“\(p.text)” names a period that cannot exist: a year has \(p.kind.periodsPerYear) \(p.kind.rawValue)s")
    }

    fileprivate static func titleSays(_ title: String) -> Bilingual {
        Bilingual(es: "; el título dice «\(title)»", en: "; the title says “\(title)”")
    }

    fileprivate static func likelySlip(_ twin: String) -> Bilingual {
        Bilingual(es: "; el documento habla del «\(twin)» en otras partes: puede ser un error de escritura",
                  en: "; the document speaks of “\(twin)” elsewhere: it may be a slip of the pen")
    }

    fileprivate static func wrongOrdinal(_ p: SpanishPeriod, months: String, expected: Int, expectedES: String) -> Bilingual {
        Bilingual(es: "«\(p.text)» acompaña a «\(months)», que es el \(expectedES) \(p.kind.rawValue), no el \(p.ordinalText)",
                  en: "“\(p.text)” goes with “\(months)”, which is \(p.kind.rawValue) \(expected), not \(p.ordinalText)")
    }

    fileprivate static func thisPeriodIsAnother(_ p: SpanishPeriod, report: String, title: String) -> Bilingual {
        Bilingual(es: "El texto dice «este \(p.text)» en un informe del \(report) (título «\(title.prefix(80))»)",
                  en: "The text says “this \(p.text)” in a report on \(report) (title “\(title.prefix(80))”)")
    }

    fileprivate static func rowYearsDiffer(_ pairs: String) -> Bilingual {
        Bilingual(es: "Filas de la tabla con el año de la fila distinto del año de sus cifras: \(pairs)",
                  en: "Table rows whose year differs from the year of their figures: \(pairs)")
    }

    fileprivate static func titleYearDiffers(_ text: String, place: Bilingual, year: Int, major: Int, on n: Int, of count: Int,
                                             documentYear: Int?) -> Bilingual {
        Bilingual(es: "«\(text)» (\(place.es)) dice \(year), pero el mismo título dice \(major) en \(n) de \(count) hojas o páginas"
                      + (documentYear == major ? " y el documento es de \(major)" : ""),
                  en: "“\(text)” (\(place.en)) says \(year), but the same title says \(major) on \(n) of \(count) sheets or pages"
                      + (documentYear == major ? " and the document is of \(major)" : ""))
    }
}
