import Foundation
import Testing
import CotejoModel
import CotejoStore
import CotejoPipeline

/// A plan follow-up laid out unlike any fixture (other header words, three date styles, a stated
/// total in prose), with one wrong percentage, one reversed date and one missing item.
@Suite struct UnseenLayoutTests {
    @Test func planFollowUpInHTML() throws {
        let dir = try Repo.temporaryDirectory()
        try FileManager.default.copyItem(at: Repo.root.appendingPathComponent("Tests/Fixtures/unruled/plan_accion.html"),
                                         to: dir.appendingPathComponent("plan_accion.html"))
        let store = try Store(path: try Repo.temporaryDirectory().appendingPathComponent("db.sqlite").path)
        _ = try Pipeline(config: PipelineConfig(inputs: [])).ingest(paths: [dir.path], store: store)
        let d = try #require(try store.documents().first)
        #expect(d.records.facts.entity == "Secretaría de Educación de Medellín")
        #expect(d.records.facts.year == 2023 && d.records.facts.kind == .report)
        let acts = d.records.activities
        #expect(acts.map(\.item) == ["1", "2", "3", "5"])
        #expect(acts[1].start == DayDate(year: 2023, month: 3, day: 1) && acts[1].responsible == "Subsecretaría Pedagógica")
        #expect(d.records.totals.first.map { ($0.planned, $0.executed, $0.reportedPercent) } ?? (nil, nil, nil) == (215, 163, 76))
        let rules = d.findings.filter { $0.severity != .info }.map(\.rule).sorted()
        // 90 % of 150/200 is wrong; item 5 ends before it starts; item 4 is missing. The rows add up
        // to the stated 215 and 163 (76 %), so the total stays silent.
        #expect(rules == ["date.reversed", "percent.mismatch", "sequence.gap"])
        #expect(d.findings.first { $0.rule == "percent.mismatch" }?.values["computed_percent"] == .number(75))
    }
}
