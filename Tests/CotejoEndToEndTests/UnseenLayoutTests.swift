import Foundation
import Testing
import CotejoModel
import CotejoStore
import CotejoPipeline

/// A plan follow-up laid out unlike any fixture (other header words, three date styles, a stated
/// total in prose), with one wrong percentage, one reversed date and one missing item.
@Suite struct UnseenLayoutTests {
    /// The HTML page and the PDF Chromium printed from it (a borderless table whose cells wrap).
    @Test(arguments: ["plan_accion.html", "plan_accion.pdf"])
    func planFollowUp(file: String) throws {
        let dir = try Repo.temporaryDirectory()
        try FileManager.default.copyItem(at: Repo.root.appendingPathComponent("Tests/Fixtures/unruled/\(file)"),
                                         to: dir.appendingPathComponent(file))
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

extension UnseenLayoutTests {
    /// A TSV follow-up whose TOTAL row does not add up: the total is a stated total, and the check
    /// holds it against the rows.
    @Test func totalRowThatDoesNotAddUp() throws {
        let dir = try Repo.temporaryDirectory()
        let tsv = """
            Seguimiento Plan de Acción 2020 - Gobernación de Antioquia
            Nº\tActividad\tFecha inicio\tFecha fin\tProgramado\tEjecutado\t% Cumplimiento
            1\tRealizar jornadas de participación en los municipios\t01/07/2020\t30/09/2020\t30\t33\t110%
            2\tActualizar la caracterización de usuarios\t15/07/2020\t30/08/2020\t1\t1\t100%
            3\tCapacitar a servidores en lenguaje claro\t01/08/2020\t15/09/2020\t120\t60\t50%
            TOTAL\t\t\t\t160\t94\t62%

            """
        try tsv.write(to: dir.appendingPathComponent("seguimiento.tsv"), atomically: true, encoding: .utf8)
        let store = try Store(path: try Repo.temporaryDirectory().appendingPathComponent("db.sqlite").path)
        _ = try Pipeline(config: PipelineConfig(inputs: [])).ingest(paths: [dir.path], store: store)
        let d = try #require(try store.documents().first)
        #expect(d.records.activities.count == 3)
        let total = try #require(d.records.totals.first)
        #expect(total.label == "TOTAL" && total.planned == 160 && total.executed == 94 && total.reportedPercent == 62)
        #expect(total.source.contains { $0.line == 6 })
        let errors = d.findings.filter { $0.severity == .error }.map(\.rule)
        // 151 planned in the rows, 160 stated; and 94 of 160 is 58,75 %, not 62 %.
        #expect(errors.contains("total.mismatch"))
        #expect(d.findings.contains { $0.rule == "total.mismatch" && $0.values.values.contains(.number(151)) })
    }
}

extension UnseenLayoutTests {
    /// A 60-row ruled table printed by Chromium over three pages, its header repeated on each, rows
    /// with templated text ("Actividad número 24 …") at the same heights on two pages: no row is
    /// taken for a running header or a page number, and the one wrong percentage (item 37) is found.
    @Test func longTableOverThreePages() throws {
        let dir = try Repo.temporaryDirectory()
        try FileManager.default.copyItem(at: Repo.root.appendingPathComponent("Tests/Fixtures/paged/avance.pdf"),
                                         to: dir.appendingPathComponent("avance.pdf"))
        let store = try Store(path: try Repo.temporaryDirectory().appendingPathComponent("db.sqlite").path)
        _ = try Pipeline(config: PipelineConfig(inputs: [])).ingest(paths: [dir.path], store: store)
        let d = try #require(try store.documents().first)
        #expect(d.records.activities.map(\.item) == (1...60).map(String.init))
        #expect(d.records.activities.allSatisfy { $0.description.hasSuffix("palabras") && $0.planned != nil && $0.reportedPercent != nil })
        let alarms = d.findings.filter { $0.severity != .info }
        #expect(alarms.map(\.rule) == ["percent.mismatch"])
        #expect(alarms.first?.values["item"] == .text("37"))
    }
}
