import CotejoSpanish
import CotejoModel

/// Indicator percentages a report states for a period, each a `totals` entry with its percentage,
/// the period and the indicator's name as label:
///
/// - a labelled figure: "Oportunidad de Respuesta II trimestre : 62%";
/// - a sentence on the report's own period, "para este Tercer trimestre se obtuvo un indicador de
///   oportunidad de respuesta del 90% …", and the previous period's figure the same paragraph quotes
///   for it, "… trimestre anterior 60%".
///
/// The name must hold two words or more ("oportunidad de respuesta"): a bare "satisfacción" names a
/// family of indicators (with the waiting time, with the treatment), not one.
public struct PeriodIndicators: Sendable {
    public init() {}

    public func totals(in content: DocumentContent, regions: [TextRegion], title: String?, year: Int?) -> [StatedTotal] {
        guard let reported = ReportPeriod(title: title, year: year) else { return [] }
        let report = reported.label, reportYear = reported.year, current = reported.period, previous = reported.previous
        var out: [StatedTotal] = []
        for region in regions { out += prose(region.tokens, report: report, current: current, previous: previous) }
        // A label and its figure may stand apart on the line ("… II trimestre          : 62%"): read
        // visual rows, not lines.
        for page in content.pages {
            for row in VisualRows.rows(of: page.bodyLines) where !row.isEmpty {
                let text = row.map(\.text).joined(separator: " ")
                if let t = labelled(text, source: row[0].source, report: report, year: reportYear) { out.append(t) }
            }
        }
        return out
    }

    /// "… se obtuvo un indicador de oportunidad de respuesta del 90% … trimestre anterior 60%."
    func prose(_ t: ProseTokens, report: SpanishPeriod, current: String, previous: String?) -> [StatedTotal] {
        var out: [StatedTotal] = []
        var named: (label: String, sentence: Int)?
        for (i, w) in t.words.enumerated() {
            if w == "indicador", i + 1 < t.words.count, t.words[i + 1] == "de" {
                // The name runs to "del"/"de" before a figure, or to the figure itself.
                var k = i + 2
                var name: [String] = []
                while k < t.words.count, k < i + 10, t.numbers[k] == nil, !(["del", "en", "fue", "es"].contains(t.words[k])) {
                    name.append(t.words[k]); k += 1
                }
                guard let label = Self.label(name) else { continue }
                let sentence = t.sentence[i]
                named = (label, sentence)
                // Its figure, when the sentence is on the report's own period.
                let range = t.sentenceRange(of: i)
                let deictic = t.words[range].indices.contains { j in
                    ["este", "presente"].contains(t.words[j]) && t.words[(j + 1)..<min(range.upperBound, j + 3)].contains(report.kind.rawValue)
                }
                if deictic, let f = ((k)..<min(range.upperBound, k + 3)).first(where: { t.numbers[$0]?.isPercent == true }) {
                    out.append(StatedTotal(label: label, reportedPercent: t.numbers[f]!.value, source: [t.sources[f]], period: current))
                }
            }
            // "trimestre anterior 60%": the previous period's figure of the indicator just named.
            if let previous, let n = named, w == report.kind.rawValue, i + 2 < t.words.count, t.words[i + 1] == "anterior",
               t.sentence[i] - n.sentence <= 1, let v = t.numbers[i + 2], v.isPercent {
                out.append(StatedTotal(label: n.label, reportedPercent: v.value, source: [t.sources[i + 2]], period: previous))
            }
        }
        return out
    }

    /// "Oportunidad de Respuesta II trimestre : 62%": a name, a period of the report's kind and one
    /// percentage closing the line. A period without a year is of the report's year, or the year
    /// before when it comes after the report's period.
    func labelled(_ raw: String, source: Source, report: SpanishPeriod, year: Int) -> StatedTotal? {
        let text = raw.collapsedWhitespace
        guard text.count <= 90 else { return nil }
        let numbers = SpanishNumber.scan(in: text).filter { !$0.isLikelyYear }
        guard numbers.count == 1, let n = numbers.first, n.isPercent,
              text[n.range.upperBound...].allSatisfy({ " .".contains($0) }),
              let p = SpanishPeriod.scan(in: text).first(where: { $0.isValid && $0.kind == report.kind }),
              p.range.upperBound <= n.range.lowerBound else { return nil }
        let words = String(text[..<p.range.lowerBound]).folded.split(whereSeparator: { !$0.isLetter }).map(String.init)
        // A label, not a sentence: a few words, none pointing at "this" period.
        guard words.count <= 6, !words.contains(where: { ["este", "esta", "presente"].contains($0) }),
              let label = Self.label(words) else { return nil }
        let stated = SpanishNumber.scan(in: text).first(where: \.isLikelyYear).map { Int($0.value) }
        let y = stated ?? (p.ordinal > report.ordinal ? year - 1 : year)
        guard let period = p.contractForm(year: y) else { return nil }
        return StatedTotal(label: label, reportedPercent: n.value, source: [source.quoting(text)], period: period)
    }

    /// The indicator's name from its words: the content words, two or more.
    static func label(_ words: [String]) -> String? {
        let content = words.filter { $0.count >= 3 && !["del", "los", "las", "indicador", "para", "con", "por", "total"].contains($0) }
        return content.count >= 2 ? content.joined(separator: " ") : nil
    }
}
