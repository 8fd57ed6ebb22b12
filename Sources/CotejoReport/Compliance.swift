import Foundation
import CotejoModel
import CotejoStore

/// The figures of one document that the corpus page, the chart and `cotejo compare` show.
///
/// Computed compliance is Σ executed / Σ planned over the activities that state both figures (an
/// activity with one figure missing would pull the ratio either way). Stated compliance is what the
/// document itself says: the reported percentage of its headline total.
public struct DocumentFigures: Sendable {
    public var planned: Double?
    public var executed: Double?
    /// Activities that state both planned and executed.
    public var pairedActivities: Int
    /// The headline stated total, when the document states one.
    public var headline: StatedTotal?
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    /// Sets of figures the document states: activities with at least one figure (their own or a
    /// period's), stated totals, prose claims and column sums.
    public var statedSets: Int
    /// Those the checks could hold against something: activities with a planned and an executed
    /// figure (their own or a period's), and every total, claim and column sum.
    public var checkedSets: Int

    public init(_ d: StoredDocument) {
        var p = 0.0, e = 0.0, n = 0
        for a in d.records.activities {
            if let ap = a.planned, let ae = a.executed { p += ap; e += ae; n += 1 }
        }
        planned = n > 0 ? p : nil
        executed = n > 0 ? e : nil
        pairedActivities = n
        headline = Self.headline(of: d.records.totals)
        errors = d.findings.filter { $0.severity == .error }.count
        warnings = d.findings.filter { $0.severity == .warning }.count
        infos = d.findings.filter { $0.severity == .info }.count
        let r = d.records
        let others = r.totals.count + r.claims.count + r.columnSums.count
        statedSets = others + r.activities.filter { a in
            [a.planned, a.executed, a.reportedPercent, a.baseline, a.accumulated].contains { $0 != nil }
                || a.measures.contains { $0.planned != nil || $0.executed != nil || $0.reportedPercent != nil }
        }.count
        checkedSets = others + r.activities.filter { a in
            (a.planned != nil && a.executed != nil) || a.measures.contains { $0.planned != nil && $0.executed != nil }
        }.count
    }

    /// 100 × executed / planned of the activities; nil when nothing is planned.
    public var computedPercent: Double? {
        guard let planned, let executed, planned > 0 else { return nil }
        return 100 * executed / planned
    }

    /// The percentage the document states for its headline total.
    public var statedPercent: Double? { headline?.reportedPercent }

    /// 100 × executed / planned of the headline total, as the document states its parts.
    public var statedTotalRecomputed: Double? {
        guard let p = headline?.planned, let e = headline?.executed, p > 0 else { return nil }
        return 100 * e / p
    }

    /// The total that stands for the whole document: one covering the whole year or named for the
    /// "vigencia"/"total", else the one covering the most months, else the first with a percentage.
    static func headline(of totals: [StatedTotal]) -> StatedTotal? {
        let withFigures = totals.filter { $0.reportedPercent != nil || ($0.planned != nil && $0.executed != nil) }
        guard !withFigures.isEmpty else { return nil }
        if let named = withFigures.first(where: { t in
            let l = t.label.folded
            return l.contains("vigencia") || l.contains("total") || l.contains("anual") || l.hasPrefix("ano")
        }) { return named }
        // Ties keep the first in the document's order; a total with a percentage beats one without.
        func score(_ t: StatedTotal) -> (Int, Int) { (t.months?.count ?? 12, t.reportedPercent != nil ? 1 : 0) }
        return withFigures.max { score($0) < score($1) }
    }
}

/// How `compare` groups documents.
public enum CompareGrouping: String, Sendable, CaseIterable {
    case entity, year, document
}

/// One row of `cotejo compare`: a group of documents and their summed figures.
public struct CompareRow: Encodable, Sendable {
    public var group: String
    public var documents: Int
    public var activities: Int
    public var planned: Double?
    public var executed: Double?
    /// Stated compliance: the documents' headline percentages, weighted by the headline's planned
    /// figure when stated (else each counts once).
    public var statedPercent: Double?
    /// Recomputed compliance: 100 × Σ executed / Σ planned of the activities.
    public var computedPercent: Double?
    public var errors: Int
    public var warnings: Int

    enum CodingKeys: String, CodingKey {
        case group, documents, activities, planned, executed, errors, warnings
        case statedPercent = "stated_percent", computedPercent = "computed_percent"
    }
}

public enum Compare {
    /// Rows across the store's documents, failed documents left out, sorted by group.
    public static func rows(_ docs: [StoredDocument], by grouping: CompareGrouping, language: Language = .es) -> [CompareRow] {
        let w = Words(language: language)
        var groups: [String: [StoredDocument]] = [:]
        var names: [String: [String: Int]] = [:]
        for d in docs where d.status != .failed {
            let name: String, key: String
            switch grouping {
            case .entity:
                name = d.records.facts.entity?.collapsedWhitespace ?? w("(sin entidad)", "(no entity)")
                // Case and accents vary between a document's formats ("ALCALDÍA" / "Alcaldía").
                key = name.folded
            case .year:
                name = d.records.facts.year.map(String.init) ?? w("(sin año)", "(no year)")
                key = name
            case .document:
                name = d.path; key = d.path
            }
            groups[key, default: []].append(d)
            names[key, default: [:]][name, default: 0] += 1
        }
        return groups.map { key, members in
            let figures = members.map(DocumentFigures.init)
            let paired = figures.filter { $0.planned != nil }
            let planned = paired.isEmpty ? nil : paired.compactMap(\.planned).reduce(0, +)
            let executed = paired.isEmpty ? nil : paired.compactMap(\.executed).reduce(0, +)
            var weighted = 0.0, weights = 0.0
            for f in figures {
                guard let s = f.statedPercent else { continue }
                let weight = f.headline?.planned ?? 1
                weighted += s * weight; weights += weight
            }
            // The most frequent spelling of the group's name; ties go to the alphabetically first.
            let display = names[key]!.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.first!.key
            return CompareRow(
                group: display, documents: members.count,
                activities: members.reduce(0) { $0 + $1.records.activities.count },
                planned: planned, executed: executed,
                statedPercent: weights > 0 ? weighted / weights : nil,
                computedPercent: planned.flatMap { p in p > 0 ? executed.map { 100 * $0 / p } : nil },
                errors: figures.reduce(0) { $0 + $1.errors }, warnings: figures.reduce(0) { $0 + $1.warnings })
        }.sorted { $0.group.folded < $1.group.folded }
    }

    static let headers = ["group", "documents", "activities", "planned", "executed", "stated_percent", "computed_percent", "errors", "warnings"]

    static func localizedHeaders(_ grouping: CompareGrouping, _ w: Words) -> [String] {
        let g: String
        switch grouping {
        case .entity: g = w("Entidad", "Entity")
        case .year: g = w("Año", "Year")
        case .document: g = w("Documento", "Document")
        }
        return [g, w("Docs", "Docs"), w("Actividades", "Activities"), w("Programado", "Planned"), w("Ejecutado", "Executed"),
                w("% declarado", "Stated %"), w("% recalculado", "Recomputed %"), w("Errores", "Errors"), w("Advertencias", "Warnings")]
    }

    /// An aligned plain-text table for the terminal (numbers right-aligned).
    public static func text(_ rows: [CompareRow], by grouping: CompareGrouping, language: Language = .es) -> String {
        let w = Words(language: language)
        let header = localizedHeaders(grouping, w)
        let body = rows.map { r in
            [r.group, String(r.documents), String(r.activities), w.number(r.planned), w.number(r.executed),
             w.percent(r.statedPercent), w.percent(r.computedPercent), String(r.errors), String(r.warnings)]
        }
        let all = [header] + body
        let widths = (0..<header.count).map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, s in
                let pad = String(repeating: " ", count: widths[c] - s.count)
                return c == 0 ? s + pad : pad + s
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var out = line(header) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for r in body { out += line(r) + "\n" }
        return out
    }

    /// RFC 4180 CSV with machine headers and plain numbers (decimal point), empty when unknown.
    public static func csv(_ rows: [CompareRow]) -> String {
        CSV.render([headers] + rows.map { r in
            [r.group, String(r.documents), String(r.activities), CSV.number(r.planned), CSV.number(r.executed),
             CSV.number(r.statedPercent.map(round2)), CSV.number(r.computedPercent.map(round2)), String(r.errors), String(r.warnings)]
        })
    }
}

func round2(_ d: Double) -> Double { (d * 100).rounded() / 100 }
