import CotejoSpanish
import CotejoModel

/// Counts a report states for its own period, each a `totals` entry with one figure and the period:
///
/// - a sentence that opens on the report's period and says how many things happened in it: "En este
///   trimestre, se realizaron 50 solicitudes descritas así", "En este primer trimestre se realizaron 55
///   solicitudes de portabilidad";
/// - a labelled total: "TOTAL AFILIACIONES III TRIMESTRE 2022: 32", in the text or heading a table.
///
/// The period is the one the document's title names ("Informe de gestión III trimestre 2022"), so
/// nothing is read from a document whose title names none. A sentence that opens on something else
/// ("En el área administrativa se presentaron en este trimestre 30 …") counts a part, not the whole,
/// and is left alone. The label of each count is the thing counted ("solicitudes", "afiliaciones").
public struct PeriodCounts: Sendable {
    public init() {}

    public func totals(in content: DocumentContent, regions: [TextRegion], title: String?, year: Int?) -> [StatedTotal] {
        guard let reported = ReportPeriod(title: title, year: year) else { return [] }
        let report = reported.label, period = reported.period, previous = reported.previous
        var out: [StatedTotal] = []
        for region in regions {
            let tokens = region.tokens
            out += sentences(tokens, report: report, period: period)
            if let previous { out += earlier(tokens, report: report, period: previous) }
        }
        let lines = content.pages.flatMap(\.bodyLines).map { ($0.text, $0.source) }
            + content.tables.flatMap(\.cells).filter(\.isHeader).map { ($0.text, $0.source) }
        var seen = Set<String>()
        for (text, source) in lines {
            guard let t = labelled(text, source: source, report: report, period: period) else { continue }
            let key = "\(t.label)|\(t.executed!)|\(source.page ?? 0)|\(source.sheet ?? "")"
            if seen.insert(key).inserted { out.append(t) }
        }
        return out
    }

    /// "En este trimestre, se realizaron 50 solicitudes …": the sentence opens on "en este/el presente"
    /// and a period word, a verb of occurrence follows, then the figure and what it counts.
    func sentences(_ t: ProseTokens, report: SpanishPeriod, period: String) -> [StatedTotal] {
        var out: [StatedTotal] = []
        var start = 0
        while start < t.words.count {
            let range = t.sentenceRange(of: start)
            defer { start = range.upperBound }
            let words = Array(t.words[range])
            // Skip a parenthesis or a label left from the sentence before ("… transicional) En este").
            guard let open = words.prefix(8).firstIndex(where: { $0 == "en" }),
                  open + 2 < words.count, ["este", "esta", "presente", "actual"].contains(words[open + 1])
                    || (words[open + 1] == "el" && ["presente", "actual"].contains(words[open + 2])) else { continue }
            let periodWord = words[(open + 1)...].prefix(3).firstIndex { Self.periodWords.contains($0) }
            guard let pw = periodWord else { continue }
            // The same kind of period as the report's: "este trimestre" in a quarterly report.
            guard words[pw] == report.kind.rawValue || (report.kind == .year && ["ano", "vigencia"].contains(words[pw])) else { continue }
            for v in (pw + 1)..<min(words.count, pw + 10) where Self.isOccurrenceVerb(words[v]) {
                guard let k = ((v + 1)..<min(words.count, v + 4)).first(where: { t.numbers[range.lowerBound + $0] != nil }),
                      let n = t.numbers[range.lowerBound + k], !n.isPercent, !n.isLikelyYear, n.value > 0,
                      let noun = words[(k + 1)...].prefix(2).first(where: Self.isCountedNoun) else { break }
                out.append(StatedTotal(label: noun, executed: n.value, source: [t.sources[range.lowerBound + k]], period: period))
                break
            }
        }
        return out
    }

    /// "(trimestre anterior se realizaron 45 afiliaciones)": the previous period's count, as a report
    /// quotes it to compare. Another report states the same count for its own period; the two must agree.
    func earlier(_ t: ProseTokens, report: SpanishPeriod, period: String) -> [StatedTotal] {
        var out: [StatedTotal] = []
        for (i, w) in t.words.enumerated() where w == report.kind.rawValue {
            guard i + 1 < t.words.count, t.words[i + 1] == "anterior" else { continue }
            let sentence = t.sentenceRange(of: i)
            for v in (i + 2)..<min(sentence.upperBound, i + 6) where Self.isOccurrenceVerb(t.words[v]) {
                guard let k = ((v + 1)..<min(sentence.upperBound, v + 4)).first(where: { t.numbers[$0] != nil }),
                      let n = t.numbers[k], !n.isPercent, !n.isLikelyYear, n.value > 0,
                      let noun = t.words[(k + 1)..<min(sentence.upperBound, k + 3)].first(where: Self.isCountedNoun) else { break }
                out.append(StatedTotal(label: noun, executed: n.value, source: [t.sources[k]], period: period))
                break
            }
        }
        return out
    }

    /// The period before `p`: the fourth quarter of the year before the first, and so on.
    /// "TOTAL AFILIACIONES III TRIMESTRE 2022: 32": TOTAL, what is counted, optionally the report's
    /// period, and one figure closing the text.
    func labelled(_ text: String, source: Source, report: SpanishPeriod, period: String) -> StatedTotal? {
        let clean = text.collapsedWhitespace
        guard clean.folded.hasPrefix("total "), clean.count <= 80 else { return nil }
        let numbers = SpanishNumber.scan(in: clean).filter { !$0.isLikelyYear }
        guard numbers.count == 1, let n = numbers.first, !n.isPercent, n.value > 0,
              clean[n.range.upperBound...].allSatisfy({ " .:".contains($0) }) else { return nil }
        let head = String(clean[..<n.range.lowerBound])
        // A period named in the label must be the report's.
        let periods = SpanishPeriod.scan(in: head).filter(\.isValid)
        if periods.contains(where: { $0.kind != report.kind || $0.ordinal != report.ordinal }) { return nil }
        // Nothing but what is counted: "TOTAL AFILIACIONES", not "Total usuarios no satisfechos".
        var rest = head
        for p in periods.reversed() { rest.removeSubrange(p.range) }
        let words = rest.folded.split(whereSeparator: { !$0.isLetter }).map(String.init).dropFirst()
        guard words.count == 1, let noun = words.first, Self.isCountedNoun(noun) else { return nil }
        return StatedTotal(label: noun, executed: n.value, source: [source.quoting(clean)], period: period)
    }

    static let periodWords: Set<String> = ["trimestre", "semestre", "cuatrimestre", "bimestre", "mes", "ano", "vigencia", "periodo"]

    /// "se realizaron", "se presentaron", "se recibieron", "se atendieron": the verb says the figure
    /// counts things that happened.
    static func isOccurrenceVerb(_ w: String) -> Bool {
        ["realizaron", "presentaron", "recibieron", "atendieron", "registraron", "radicaron", "tramitaron", "efectuaron"].contains(w)
    }

    /// A plural noun that names what is counted ("solicitudes", "afiliaciones", "comunicaciones").
    static func isCountedNoun(_ w: String) -> Bool {
        w.count >= 5 && w.hasSuffix("s") && w.allSatisfy(\.isLetter)
            && !["estas", "estos", "otras", "otros", "todas", "todos", "cuales", "ellas", "ellos"].contains(w)
    }
}
