import Foundation
import Testing
import CotejoModel
@testable import CotejoChecks

@Suite("Rule registry")
struct RuleRegistryTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The text of every Swift file under a folder of the repository.
    static func swiftFiles(under folder: String) throws -> [(name: String, text: String)] {
        let root = repo.appendingPathComponent(folder)
        let files = (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "swift" }
        return try files.map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
    }

    @Test("the registry is complete: every type that conforms to Rule is registered, and each rule has a test that names its id")
    func complete() throws {
        let declared = try Self.swiftFiles(under: "Sources/CotejoChecks").flatMap { file in
            file.text.matches(of: /struct (\w+): Rule\b/).map { String($0.1) }
        }
        #expect(declared.count >= 18)
        let registered = RuleRegistry.allRules.map { String(describing: type(of: $0)) }
        #expect(Set(declared) == Set(registered), "declared but not registered: \(Set(declared).subtracting(registered).sorted())")
        let tests = try Self.swiftFiles(under: "Tests/CotejoChecksTests").map(\.text).joined()
        for rule in RuleRegistry.allRules { #expect(tests.contains("\"\(rule.id)\"") || tests.contains("\(type(of: rule))()"), "\(rule.id) has no test") }
    }

    @Test("every contract rule is registered once")
    func ids() {
        let ids = RuleRegistry.allRules.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ["percent.mismatch", "sum.mismatch", "total.mismatch", "date.reversed", "date.outside_period",
                   "sequence.gap", "period.label_mismatch", "reference.conflict", "numberword.mismatch",
                   "value.missing", "text.unreadable", "percent.over_100", "figure.order_inferred", "percent.capped", "summary.mismatch", "text.figure_mismatch", "value.outlier", "formula.inconsistent"] {
            #expect(ids.contains(id), "\(id)")
        }
    }

    @Test("a disabled rule gives nothing; a severity from the settings wins")
    func settings() {
        let rows = [Make.row("a", planned: 69, executed: 78, percent: 118)]
        let input = Make.input(DocumentRecords(activities: rows))
        let off = RuleRegistry(settings: ["percent.mismatch": RuleSettings(enabled: false)])
        #expect(!off.process(input).contains { $0.rule == "percent.mismatch" })
        let warn = RuleRegistry(settings: ["percent.mismatch": RuleSettings(severity: .warning)])
        #expect(warn.process(input).first { $0.rule == "percent.mismatch" }?.severity == .warning)
    }

    @Test("every finding carries a source and both messages")
    func sources() {
        let rows = [Make.row("a", item: "1", planned: 69, executed: 78, percent: 118),
                    Make.row("b", item: "2", planned: 20, executed: 29, percent: 145),
                    Make.row("c", item: "4", planned: 3, executed: 3, percent: 100)]
        let page = Make.page(1, blocks: [["tres (4) foros", "IV cuatrimestre"]])
        let findings = RuleRegistry().process(Make.input(pages: [page], records: DocumentRecords(activities: rows)))
        #expect(findings.count >= 4)
        #expect(findings.allSatisfy { !$0.source.isEmpty && !$0.message.isEmpty && !$0.messageEN.isEmpty })
    }

    @Test("every rule has a name in Spanish and in English for the report")
    func names() {
        let names = RuleRegistry.names
        for id in RuleRegistry.allRuleIDs {
            let name = names[id]
            #expect(name != nil, "\(id) has no name")
            #expect(name?.es.isEmpty == false && name?.en.isEmpty == false && name?.es != name?.en, "\(id): \(String(describing: name))")
        }
    }
}
