import Foundation
import Testing
import CotejoModel
import CotejoStore

/// The fixtures' truth files (what a correct run finds in each seed, whatever the format), checked
/// the way `shared/tools/score.py` checks an export: every listed field of every listed activity,
/// totals, commitments, expected findings present, and no error or warning that is not expected.
@Suite struct TruthTests {
    let corpus = FixtureCorpus.shared

    /// Lower-case ASCII words, as the scorer compares text.
    static func norm(_ s: String) -> String {
        let ascii = s.decomposedStringWithCompatibilityMapping.unicodeScalars.filter { $0.isASCII }
        let lowered = String(String.UnicodeScalarView(ascii)).lowercased()
        var out = ""
        var space = false
        for ch in lowered {
            if ch.isLetter || ch.isNumber || "%/.,".contains(ch) { if space && !out.isEmpty { out.append(" ") }; out.append(ch); space = false } else { space = true }
        }
        return out
    }

    static func truths() throws -> [[String: Any]] {
        let dir = Repo.fixtures.appendingPathComponent("truth")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".truth.json") }.sorted().map {
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent($0))) as! [String: Any]
        }
    }

    func documents(for truth: [String: Any]) -> [StoredDocument] {
        let prefix = String((truth["seed"] as! String).prefix(3))
        return corpus.documents.filter {
            let name = URL(fileURLWithPath: $0.path).lastPathComponent
            return name.hasPrefix(prefix + ".") || name.hasPrefix(prefix + "_")
        }
    }

    static func value(_ a: Activity, _ key: String) -> Any? {
        switch key {
        case "item": a.item
        case "unit": a.unit
        case "phase": a.phase?.rawValue
        case "start": a.start?.description
        case "end": a.end?.description
        case "responsible": a.responsible
        case "target": a.target
        case "target_quantity": a.targetQuantity
        case "indicator": a.indicator
        case "periodicity": a.periodicity
        case "planned": a.planned
        case "executed": a.executed
        case "reported_percent": a.reportedPercent
        default: nil
        }
    }

    static func equal(_ key: String, want: Any, got: Any?) -> Bool {
        guard let got else { return false }
        if let w = want as? Double { return (got as? Double).map { abs($0 - w) < 1e-6 } ?? false }
        if let w = want as? Int { return (got as? Double).map { abs($0 - Double(w)) < 1e-6 } ?? false }
        let w = norm("\(want)"), g = norm("\(got)")
        return ["start", "end", "item", "phase"].contains(key) ? w == g : g.contains(w)
    }

    @Test func activitiesTotalsAndCommitments() throws {
        for truth in try Self.truths() {
            for d in documents(for: truth) {
                let acts = d.records.activities
                #expect(acts.count == truth["activity_count"] as! Int, "\(d.path): activity count")
                for want in truth["activities"] as? [[String: Any]] ?? [] {
                    let match = Self.norm(want["match"] as! String)
                    guard let hit = acts.first(where: { Self.norm($0.description).contains(match) }) else {
                        Issue.record("\(d.path): no activity '\(want["match"]!)'"); continue
                    }
                    for (key, v) in want where key != "match" {
                        if key == "description_contains" {
                            #expect(Self.norm(hit.description).contains(Self.norm(v as! String)), "\(d.path): '\(match)' description")
                        } else {
                            #expect(Self.equal(key, want: v, got: Self.value(hit, key)), "\(d.path): '\(match)'.\(key) = \(v), got \(String(describing: Self.value(hit, key)))")
                        }
                    }
                }
                for t in truth["totals"] as? [[String: Any]] ?? [] {
                    let planned = (t["planned"] as! NSNumber).doubleValue, executed = (t["executed"] as! NSNumber).doubleValue
                    let hit = d.records.totals.first { $0.planned == planned && $0.executed == executed }
                    #expect(hit?.reportedPercent == (t["reported_percent"] as! NSNumber).doubleValue, "\(d.path): total \(planned)/\(executed)")
                }
                for c in truth["commitments"] as? [[String: Any]] ?? [] {
                    let hit = d.records.commitments.first { $0.period == c["period"] as! String }
                    #expect(hit != nil, "\(d.path): commitment \(c["period"]!)")
                    for (key, v) in c where key != "period" {
                        let got: Double? = key == "collected" ? hit?.collected : key == "in_charge" ? hit?.inCharge : hit?.notInCharge
                        #expect(got == (v as! NSNumber).doubleValue, "\(d.path): commitment \(c["period"]!).\(key)")
                    }
                }
            }
        }
    }

    @Test func expectedFindingsAndNoFalseAlarms() throws {
        for truth in try Self.truths() {
            for d in documents(for: truth) {
                let format = d.format?.rawValue ?? ""
                let wanted = (truth["findings"] as? [[String: Any]] ?? []).filter { ($0["formats"] as? [String])?.contains(format) ?? true }
                func haystack(_ f: Finding) -> String {
                    Self.norm(([f.message, f.values.map { "\($0.key) \($0.value)" }.joined(separator: " ")] + f.source.map(\.text)).joined(separator: " "))
                }
                for w in wanted {
                    let rule = w["rule"] as! String
                    let mentions = (w["mentions"] as? [String] ?? []).map(Self.norm)
                    #expect(d.findings.contains { $0.rule == rule && mentions.allSatisfy(haystack($0).contains) },
                            "\(d.path): missed \(rule) \(mentions)")
                }
                let expectedRules = Set(wanted.map { $0["rule"] as! String })
                for f in d.findings where f.severity != .info && !expectedRules.contains(f.rule) {
                    Issue.record("\(d.path): false alarm \(f.rule): \(f.message)")
                }
            }
        }
    }

    /// Every activity and finding points back to its place: page and box for PDF, a locator otherwise.
    @Test func everyRecordHasASource() {
        for d in corpus.documents {
            for a in d.records.activities { #expect(!a.source.isEmpty && a.source.allSatisfy { !$0.text.isEmpty }, "\(d.path): \(a.description.prefix(40))") }
            for f in d.findings { #expect(!f.source.isEmpty, "\(d.path): \(f.rule) has no source") }
            if d.format == .pdf {
                for a in d.records.activities { #expect(a.source.contains { $0.page != nil && $0.bbox != nil }, "\(d.path): \(a.description.prefix(40))") }
            }
        }
    }
}
