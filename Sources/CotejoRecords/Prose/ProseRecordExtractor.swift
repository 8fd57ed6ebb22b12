import CotejoSpanish
import CotejoModel

/// Records stated in prose: plan and period totals ("Se programaron 69 productos para la vigencia y
/// se ejecutaron 78", "113 % CUMPLIMIENTO") and commitments by month ("se recogieron 70 compromisos
/// de los cuales 50 no están a cargo … 20 a cargo").
public struct ProseRecordExtractor: Sendable {
    public init() {}

    public struct Output: Sendable {
        public var totals: [StatedTotal] = []
        public var commitments: [Commitment] = []
    }

    public func extract(from content: DocumentContent, year: Int?) -> Output {
        extract(from: TextRegions.regions(of: content), year: year)
    }

    public func extract(from regions: [TextRegion], year: Int?) -> Output {
        return Output(totals: totals(in: regions), commitments: commitments(in: regions, year: year))
    }

    // MARK: Totals

    struct Statement {
        var planned: (SpanishNumber, Source)?
        var executed: (SpanishNumber, Source)?
        var percent: (SpanishNumber, Source)?
        var months: ClosedRange<Int>?
        var label: String
        var region: Int
        var page: Int
    }

    func statement(in region: TextRegion, index: Int) -> Statement {
        let t = region.tokens
        var s = Statement(label: "", region: index, page: region.page)
        for (i, w) in t.words.enumerated() {
            // "se programaron 69" (figure after the verb) or "28 actividades programadas" (before).
            if s.planned == nil, w.hasPrefix("programa") || w.hasPrefix("programo") || w.hasPrefix("planea") {
                if let (n, k) = figure(for: w, at: i, in: t, verbEndings: ["ron", "programo"]) { s.planned = (n, t.sources[k]) }
            }
            if s.executed == nil, w.hasPrefix("ejecut") {
                if let (n, k) = figure(for: w, at: i, in: t, verbEndings: ["ron", "ejecuto"]) { s.executed = (n, t.sources[k]) }
            }
        }
        let folded = region.text.folded
        if folded.containsUTF8("cumplimiento") || folded.containsUTF8("avance") || folded.containsUTF8("ejecucion") {
            if let (k, n) = t.numbers.sorted(by: { $0.key < $1.key }).first(where: { $0.value.isPercent }) {
                s.percent = (n, t.sources[k])
            }
        }
        // The period: an explicit month range first ("septiembre – diciembre"), then "vigencia".
        if let range = MonthRange.scan(in: region.text).first, let months = range.months {
            s.months = months; s.label = range.text
        } else if folded.containsUTF8("vigencia") || folded.containsUTF8("anual") {
            s.months = 1...12; s.label = "vigencia"
        }
        return s
    }

    /// The figure a verb or participle speaks of: a verb's comes after it ("se ejecutaron 78"); a
    /// participle's before it ("28 actividades programadas"), or after a colon ("Programado: 20").
    func figure(for word: String, at i: Int, in t: ProseTokens, verbEndings: [String]) -> (SpanishNumber, Int)? {
        let isVerb = verbEndings.contains { word.hasSuffix($0) || word == $0 }
        if isVerb { return t.figure(near: i, after: true) }
        return t.figure(near: i, after: false, span: 3) ?? t.figure(near: i, after: true, span: 2)
    }

    func totals(in regions: [TextRegion]) -> [StatedTotal] {
        let statements = regions.enumerated().map { statement(in: $1, index: $0) }
        var used = Set<Int>()
        var result: [StatedTotal] = []
        for s in statements where s.planned != nil && s.executed != nil {
            var percent = s.percent
            var sources = [s.planned!.1, s.executed!.1]
            if percent == nil {
                // A compliance figure stated in its own card of the same page, for the same period.
                if let claim = statements.first(where: { c in
                    c.page == s.page && c.region != s.region && !used.contains(c.region) && c.percent != nil
                        && c.planned == nil && c.executed == nil && c.months != nil && c.months == s.months
                }) {
                    percent = claim.percent; used.insert(claim.region)
                }
            }
            if let p = percent { sources.append(p.1) }
            var label = s.label.isEmpty ? "total" : s.label
            if label == "vigencia", let year = regions[s.region].text.split(separator: " ").first(where: { $0.count == 4 && Int($0) != nil }) {
                label += " " + year
            }
            result.append(StatedTotal(label: label, planned: s.planned!.0.value, executed: s.executed!.0.value,
                                      reportedPercent: percent?.0.value, months: s.months, source: sources))
        }
        return result
    }

    // MARK: Commitments

    /// Commitments are read along the whole document: on slides the split ("50 … no están a cargo")
    /// stands well below the sentence that opens it. A split belongs to the last statement opened,
    /// within `splitReach` words.
    func commitments(in regions: [TextRegion], year: Int?) -> [Commitment] {
        var result: [Commitment] = []
        let splitReach = 80
        let flow = TextRegion(joining: regions)
        do {
            let region = flow
            let t = region.tokens
            var current: Int?
            var opened = 0
            for (i, w) in t.words.enumerated() {
                if current != nil, i - opened > splitReach { current = nil }
                // "se recogieron 70 compromisos", "No se recogieron compromisos", "se pactaron 12
                // compromisos": a plural preterite with the noun right after it.
                if w.count > 5, w.hasSuffix("aron") || w.hasSuffix("ieron") {
                    let window = t.words[min(i + 1, t.words.count)..<min(t.words.count, i + 4)]
                    guard window.contains(where: { $0.hasPrefix("compromiso") }) else { continue }
                    let negated = t.words[max(0, i - 2)..<i].contains("no")
                    let figure = t.figure(near: i, after: true, span: 2)
                    guard let period = period(before: i, in: region, tokens: t, year: year) else { continue }
                    var c = Commitment(period: period.0, source: [period.1])
                    if let (n, k) = figure { c.collected = n.value; c.source.append(t.sources[k]) } else if negated {
                        c.collected = 0; c.source.append(t.sources[i].quoting(t.sources[i].text))
                    } else { continue }
                    result.removeAll { $0.period == c.period }
                    result.append(c); current = result.count - 1; opened = i
                }
                // "50 compromisos no están a cargo", "20 compromisos a cargo".
                if let ci = current, w.hasPrefix("compromiso"), let n = t.numbers[i - 1], !n.isPercent {
                    let after = t.words[(i + 1)..<min(t.words.count, i + 5)]
                    guard let cargo = after.firstIndex(of: "cargo"), after[..<cargo].last == "a" else { continue }
                    if after[..<cargo].contains("no") {
                        result[ci].notInCharge = n.value
                    } else if result[ci].inCharge == nil {
                        result[ci].inCharge = n.value
                    } else { continue }
                    result[ci].source.append(t.sources[i - 1])
                }
            }
        }
        return result
    }

    /// The month a commitment statement speaks of: "Durante el mes de mayo de 2021", or a month
    /// name alone, dated by the document's year.
    func period(before i: Int, in region: TextRegion, tokens t: ProseTokens, year: Int?) -> (String, Source)? {
        for k in stride(from: i - 1, through: max(0, i - 25), by: -1) {
            guard let month = SpanishMonth.number(t.words[k]) else { continue }
            var y = year
            if k + 2 < t.words.count, t.words[k + 1] == "de" || t.words[k + 1] == "del", let n = CalendarYear.of(t.words[k + 2]) {
                y = n
            }
            guard let y else { return nil }
            return (String(format: "%04d-%02d", y, month), t.sources[k].quoting(t.words[k]))
        }
        return nil
    }
}
