import CotejoModel

/// `sequence.gap`: numbered items that skip numbers ("1, 2, 3, 5": 4 is missing). One finding per gap.
///
/// Integer items only ("3.1" style items are judged among themselves, by their last level, only when
/// every item has that form, grouped by what precedes the last level). A run restarts when a number
/// goes down or repeats (a new table numbered from 1), and a run must hold three items or more. A jump
/// of more than `maximumMissing` numbers is read as another numbering, not as lost rows. A missing
/// number that does stand in the items' table column is a row the record stage passed over, not a gap.
public struct SequenceGapRule: Rule {
    public let id = "sequence.gap"
    public let defaultSeverity = Severity.warning
    public let summary = "Numeración de ítems con saltos / numbered items that skip numbers"
    public var maximumMissing = 5

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        let numbered = input.records.activities.compactMap { a -> (String, [Int], Activity)? in
            guard let item = a.item?.trimmingCharacters(in: .whitespaces), !item.isEmpty else { return nil }
            let parts = item.split(separator: ".", omittingEmptySubsequences: false)
            let levels = parts.compactMap { p in p.allSatisfy(\.isASCII) && p.allSatisfy(\.isNumber) && !p.isEmpty ? Int(p) : nil }
            return levels.count == parts.count ? (item, levels, a) : nil
        }
        let plain = numbered.filter { $0.1.count == 1 }
        let dotted = numbered.filter { $0.1.count > 1 }
        var sequences: [[(String, Int, Activity)]] = []
        if plain.count >= 3 {
            sequences.append(plain.map { ($0.0, $0.1[0], $0.2) })
        } else if plain.isEmpty, !dotted.isEmpty, Set(dotted.map(\.1.count)).count == 1 {
            var groups: [[Int]: [(String, Int, Activity)]] = [:]
            var order: [[Int]] = []
            for d in dotted {
                let key = Array(d.1.dropLast())
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append((d.0, d.1.last!, d.2))
            }
            sequences = order.map { groups[$0]! }
        }
        var findings: [Finding] = []
        for seq in sequences {
            // Split into runs at every drop or repeat, and at every change of sheet: each sheet of a
            // workbook numbers its own list, even when one list ends at 2 and the next sheet's starts at 4.
            var runs: [[(String, Int, Activity)]] = [[]]
            for x in seq {
                if let prev = runs[runs.count - 1].last, x.1 <= prev.1 || Self.sheet(of: x.2) != Self.sheet(of: prev.2) { runs.append([]) }
                runs[runs.count - 1].append(x)
            }
            for run in runs where run.count >= 3 {
                for (a, b) in zip(run, run.dropFirst()) where b.1 - a.1 > 1 && b.1 - a.1 - 1 <= maximumMissing {
                    guard !standsInTable(missingAfter: a, before: b, tables: input.content.tables) else { continue }
                    findings.append(finding(before: a, after: b, settings: settings))
                }
            }
        }
        return findings
    }

    static func sheet(of a: Activity) -> String? {
        (a.sources(for: ["item"]).first ?? a.source.first)?.sheet
    }

    private func finding(before a: (String, Int, Activity), after b: (String, Int, Activity), settings: RuleSettings) -> Finding {
        // The missing items written like their neighbours ("4", or "3.4").
        let prefix = a.0.contains(".") ? String(a.0[..<a.0.lastIndex(of: ".")!]) + "." : ""
        let missing = ((a.1 + 1)..<b.1).map { prefix + String($0) }
        let list = missing.joined(separator: ", ")
        let sources = a.2.sources(for: ["item"]) + b.2.sources(for: ["item"])
        return diagnose(.numberingJumps(from: a.0, to: b.0, missing: missing),
                        values: ["missing": .text(list), "before": .text(a.0), "after": .text(b.0),
                                 "missing_count": .number(Double(missing.count))],
                        at: sources.uniqued(), settings)
    }

    /// True when the missing numbers stand in the item column of the neighbours' table: the row is in
    /// the document and only the record stage passed it over (no description, say), so nothing skips.
    private func standsInTable(missingAfter a: (String, Int, Activity), before b: (String, Int, Activity),
                               tables: [Table]) -> Bool {
        guard let itemSource = a.2.fieldSource("item") ?? b.2.fieldSource("item") else { return false }
        let prefix = a.0.contains(".") ? String(a.0[..<a.0.lastIndex(of: ".")!]) + "." : ""
        let missing = Set(((a.1 + 1)..<b.1).map { prefix + String($0) })
        for t in tables {
            guard let anchor = t.cells.first(where: { $0.source == itemSource }) else { continue }
            let column = t.cells.filter { $0.column == anchor.column }
            let texts = column.map { $0.text.trimmingCharacters(in: .punctuationCharacters.union(.whitespacesAndNewlines)) }
            if texts.contains(where: missing.contains) { return true }
        }
        return false
    }
}

extension Bilingual {
    fileprivate static func numberingJumps(from before: String, to after: String, missing: [String]) -> Bilingual {
        let list = missing.joined(separator: ", "), plural = missing.count > 1
        return Bilingual(
            es: "La numeración salta del ítem \(before) al \(after): falta\(plural ? "n" : "") \(plural ? "los ítems" : "el ítem") \(list)",
            en: "Numbering jumps from item \(before) to \(after): item\(plural ? "s" : "") \(list) \(plural ? "are" : "is") missing")
    }
}
