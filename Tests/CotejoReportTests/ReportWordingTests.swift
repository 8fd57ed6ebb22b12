import Foundation
import Testing
import CotejoModel
import CotejoStore
@testable import CotejoReport

/// The report reads as Spanish written by hand: numbers grouped, counts in agreement, and a
/// document where nothing could be checked says so instead of saying its figures hold.
@Suite struct ReportWordingTests {
    @Test func amountsAreGroupedAsTheLanguageWritesThem() {
        #expect(formatNumber(2_165_912_629.05, language: .es) == "2.165.912.629,05")
        #expect(formatNumber(2_165_912_629.05, language: .en) == "2,165,912,629.05")
        #expect(formatNumber(-45_000, language: .es) == "-45.000")
        // Four digits or fewer are not grouped: years stay years.
        #expect(formatNumber(2021, language: .es) == "2021")
        #expect(formatNumber(12.5, language: .es) == "12,50")
        #expect(formatNumber(.infinity, language: .es) == "—")
    }

    @Test func countsAgreeWithTheirNouns() {
        let w = Words(language: .es)
        let one = Finding(rule: "sum.mismatch", severity: .error, message: "x")
        let two = Finding(rule: "value.missing", severity: .warning, message: "y")
        let counts = w.findingCounts([one, one, one, one, two])
        #expect(counts.contains("errores") && counts.contains("advertencia<"))
        #expect(!counts.contains("advertencias"))
        #expect(w.counted(1, ("documento", "document"), ("documentos", "documents")) == "1 documento")
        #expect(w.counted(3, ("documento", "document"), ("documentos", "documents")) == "3 documentos")
    }

    @Test func aDocumentWithNothingToCheckSaysNothingWasChecked() throws {
        let store = try Store()
        let run = try store.beginRun(pipeline: "t", version: "v")
        let prose = ProcessedDocument(path: "acta.txt", sha256: String(repeating: "a", count: 64), format: .txt, byteCount: 10, status: .ok,
                                      content: DocumentContent(format: .txt, pages: [Page(number: 1)]))
        try store.save(prose, runID: run, pipelineVersion: "v")
        let figures = ProcessedDocument(path: "plan.txt", sha256: String(repeating: "b", count: 64), format: .txt, byteCount: 10, status: .ok,
                                        content: DocumentContent(format: .txt, pages: [Page(number: 1)]),
                                        records: DocumentRecords(activities: [Activity(description: "Talleres", planned: 10, executed: 10,
                                                                                       source: [Source(line: 1, text: "Talleres 10 10")])]))
        try store.save(figures, runID: run, pipelineVersion: "v")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cotejo-wording-\(UUID().uuidString)")
        let docs = try store.documents()
        for d in docs {
            var page = DocumentPage(document: d, words: Words(language: .es), folder: folder, cropper: nil, cropProblem: nil)
            let body = page.render().body
            if d.path == "acta.txt" {
                #expect(body.contains("nada se comprobó"))
                #expect(!body.contains("cuadra"))
                #expect(body.contains("Cifras verificadas</td><td class=\"num\">0 de 0</td>"))
            } else {
                #expect(body.contains("el único grupo de cifras verificado cuadra"))
                #expect(body.contains("Cifras verificadas</td><td class=\"num\">1 de 1</td>"))
            }
        }
    }

    @Test func rulesAndValuesAreNamedForReaders() {
        let w = Words(language: .es, ruleNames: ["sum.mismatch": ("Total que no es la suma de sus partes", "total that is not the sum of its parts")])
        #expect(w.ruleName("sum.mismatch") == "Total que no es la suma de sus partes")
        #expect(Words(language: .en, ruleNames: w.ruleNames).ruleName("sum.mismatch") == "total that is not the sum of its parts")
        #expect(w.ruleName("new.rule") == "new.rule")
        #expect(w.valueName("start_date") == "fecha de inicio")
        #expect(w.valueName("missing_count") == "número de faltantes")
        #expect(Words(language: .en).valueName("start_date") == "start date")
        #expect(w.valueName("year_2") == "año 2")
    }

    /// Every value key a rule writes ("before": …, values["matches_slip"] = …) has a Spanish and
    /// an English name, so no English key shows in a Spanish report. Read from the rules' source:
    /// a rule that adds a key without naming it fails here.
    @Test func everyValueKeyTheRulesWriteHasAName() throws {
        let checks = Repo.root.appendingPathComponent("Sources/CotejoChecks")
        let files = FileManager.default.enumerator(at: checks, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" }
        #expect(files.count > 20)
        let pattern = try NSRegularExpression(pattern: #""([a-z][a-z0-9_]*)": \.(?:number|text)\(|values\["([a-z][a-z0-9_]*)"\] ="#)
        var keys = Set<String>()
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                for g in 1...2 { if let r = Range(m.range(at: g), in: text) { keys.insert(String(text[r])) } }
            }
        }
        #expect(keys.count > 40)
        let unnamed = keys.filter { Words(language: .es).valueName($0) == $0 && Words(language: .en).valueName($0) == $0 }
        #expect(unnamed.isEmpty, "value keys with no name: \(unnamed.sorted())")
    }
}
