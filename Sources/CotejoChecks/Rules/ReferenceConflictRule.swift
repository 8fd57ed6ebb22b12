import CotejoModel

/// `reference.conflict`: one legal instrument cited with different years in one document ("Decreto
/// 1499 de 2017" in the presentation, "Decreto 1499 de 2018" in the legal framework).
///
/// An instrument is its type and number (and issuer, when both citations name one); the same number
/// under another type is another instrument. Decrees, resolutions and agreements with numbers below 100
/// are left alone: their numbering restarts every year, so two years may well be two instruments (see
/// `LegalCitation.identifiesInstrument`). Body lines and table cells.
public struct ReferenceConflictRule: Rule {
    public let id = "reference.conflict"
    public let defaultSeverity = Severity.warning
    public let summary = "Una misma norma citada con años distintos / one legal instrument cited with different years"

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        var cites: [(LegalCitation, Source)] = []
        for (_, block) in input.content.bodyBlockTexts {
            for c in LegalCitation.scan(block.text) { cites.append((c, block.source(for: c.range, quote: c.text))) }
        }
        let inLines = Set(cites.map { "\($0.0.name)|\($0.0.year)" })
        for cell in input.content.wordCells {
            for c in LegalCitation.scan(cell.text) where !inLines.contains("\(c.name)|\(c.year)") {
                cites.append((c, cell.source.quoting(c.text)))
            }
        }
        var order: [String] = []
        var groups: [String: [(LegalCitation, Source)]] = [:]
        for x in cites where x.0.identifiesInstrument {
            let key = "\(x.0.type) \(x.0.number)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(x)
        }
        var findings: [Finding] = []
        for key in order {
            var group = groups[key]!
            // Named issuers that differ ("Decreto Distrital 197" and "Decreto Nacional 197") are two instruments.
            let issuers = Set(group.compactMap(\.0.issuer))
            if issuers.count > 1 { continue }
            let years = Array(Set(group.map(\.0.year))).sorted()
            guard years.count > 1 else { continue }
            // One source per year (its first citation), then any others.
            group.sort { $0.0.year < $1.0.year }
            var sources: [Source] = []
            for y in years { if let s = group.first(where: { $0.0.year == y })?.1 { sources.append(s) } }
            sources += group.map(\.1)
            let name = group[0].0.name
            let ys = years.map(String.init)
            let quotes = years.compactMap { y in group.first { $0.0.year == y }.map { "«\($0.0.text)»" } }
            var values: [String: FindingValue] = [
                "instrument": .text(name), "number": .text(group[0].0.number), "years": .text(ys.joined(separator: ", ")),
                "citations": .number(Double(group.count)),
            ]
            for (k, y) in ys.enumerated() { values["year_\(k + 1)"] = .text(y) }
            findings.append(diagnose(.citedWithYears(name, ys, quotes: quotes), values: values, at: sources.uniqued(), settings))
        }
        return findings
    }
}

extension Bilingual {
    fileprivate static func citedWithYears(_ name: String, _ years: [String], quotes: [String]) -> Bilingual {
        let listES = years.dropLast().joined(separator: ", ") + " y " + years.last!
        let listEN = years.dropLast().joined(separator: ", ") + " and " + years.last!
        return Bilingual(es: "\(name) se cita con años distintos: \(listES) (\(quotes.joined(separator: ", ")))",
                         en: "\(name) is cited with different years: \(listEN) (\(quotes.joined(separator: ", ")))")
    }
}
