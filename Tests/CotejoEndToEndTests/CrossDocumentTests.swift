import Foundation
import Testing
import CotejoModel
import CotejoStore
import CotejoPipeline

/// crossdoc.mismatch runs over the whole store after every batch, and again when a document changes.
@Suite struct CrossDocumentTests {
    func report(_ quarter: String, _ body: String) -> String {
        "E.S.E. HOSPITAL SAN RAFAEL\nInforme de gestión \(quarter)\n\nAFILIACIONES\n\(body)\n"
    }

    @Test("a report quoting last quarter's count differently from last quarter's report fires, pointing into both files; fixing either clears it")
    func quotesLastQuarter() throws {
        let dir = try Repo.temporaryDirectory()
        let previous = dir.appendingPathComponent("iv.txt"), current = dir.appendingPathComponent("i.txt")
        try report("IV trimestre 2021", "En este trimestre se realizaron 43 afiliaciones institucionales.").write(to: previous, atomically: true, encoding: .utf8)
        try report("I trimestre 2022", "En este trimestre se realizaron 33 afiliaciones (trimestre anterior se realizaron 45 afiliaciones).")
            .write(to: current, atomically: true, encoding: .utf8)
        let store = try Store(path: try Repo.temporaryDirectory().appendingPathComponent("db.sqlite").path)
        let pipeline = Pipeline(config: PipelineConfig(inputs: []))
        _ = try pipeline.ingest(paths: [dir.path], store: store)
        let docs = try store.documents()
        let quoting = try #require(docs.first { $0.path.hasSuffix("i.txt") })
        let f = try #require(quoting.findings.first { $0.rule == "crossdoc.mismatch" })
        #expect(f.values["stated"] == .number(45) && f.values["other_stated"] == .number(43))
        #expect(f.source.contains { $0.file == nil && $0.text == "45" })
        #expect(f.source.contains { $0.file?.hasSuffix("iv.txt") == true && $0.text == "43" })
        #expect(!(docs.first { $0.path.hasSuffix("iv.txt") }?.findings.contains { $0.rule == "crossdoc.mismatch" } ?? true))

        // Last quarter's report corrected to 45: the next batch clears the finding.
        try report("IV trimestre 2021", "En este trimestre se realizaron 45 afiliaciones institucionales.").write(to: previous, atomically: true, encoding: .utf8)
        _ = try pipeline.ingest(paths: [dir.path], store: store)
        #expect(try store.documents().allSatisfy { !$0.findings.contains { $0.rule == "crossdoc.mismatch" } })
    }

    @Test("near misses: another entity, another period, the same figure")
    func nearMisses() throws {
        let dir = try Repo.temporaryDirectory()
        try report("IV trimestre 2021", "En este trimestre se realizaron 43 afiliaciones institucionales.")
            .replacingOccurrences(of: "SAN RAFAEL", with: "SANTA ANA").write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try report("I trimestre 2022", "En este trimestre se realizaron 33 afiliaciones (trimestre anterior se realizaron 45 afiliaciones).")
            .write(to: dir.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        try report("III trimestre 2021", "En este trimestre se realizaron 40 afiliaciones institucionales.")
            .write(to: dir.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
        try report("II trimestre 2022", "En este trimestre se realizaron 30 afiliaciones (trimestre anterior se realizaron 33 afiliaciones).")
            .write(to: dir.appendingPathComponent("d.txt"), atomically: true, encoding: .utf8)
        let store = try Store(path: try Repo.temporaryDirectory().appendingPathComponent("db.sqlite").path)
        _ = try Pipeline(config: PipelineConfig(inputs: [])).ingest(paths: [dir.path], store: store)
        #expect(try store.documents().allSatisfy { !$0.findings.contains { $0.rule == "crossdoc.mismatch" } })
    }

    @Test("two reports read into different stores contradict each other once the stores are merged and the check runs again")
    func acrossMergedStores() throws {
        let root = try Repo.temporaryDirectory()
        let a = root.appendingPathComponent("a"), b = root.appendingPathComponent("b")
        for d in [a, b] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        try report("IV trimestre 2021", "En este trimestre se realizaron 43 afiliaciones institucionales.")
            .write(to: a.appendingPathComponent("iv.txt"), atomically: true, encoding: .utf8)
        try report("I trimestre 2022", "En este trimestre se realizaron 33 afiliaciones (trimestre anterior se realizaron 45 afiliaciones).")
            .write(to: b.appendingPathComponent("i.txt"), atomically: true, encoding: .utf8)
        let pipeline = Pipeline(config: PipelineConfig(inputs: []))
        var stores: [String] = []
        for (name, folder) in [("a", a), ("b", b)] {
            let path = root.appendingPathComponent("\(name).sqlite").path
            _ = try pipeline.ingest(paths: [folder.path], store: Store(path: path))
            stores.append(path)
        }
        let merged = try Store(path: root.appendingPathComponent("all.sqlite").path)
        for path in stores { #expect(try merged.merge(from: path).copied == 1) }
        func crossdoc() throws -> [Finding] { try merged.documents().flatMap(\.findings).filter { $0.rule == "crossdoc.mismatch" } }
        #expect(try crossdoc().isEmpty, "each store alone has nothing to contradict")
        try pipeline.crossDocumentChecks(store: merged, runID: merged.beginRun(pipeline: "merge", version: pipeline.version))
        let f = try #require(try crossdoc().first)
        #expect(f.values["stated"] == .number(45) && f.values["other_stated"] == .number(43))
        #expect(f.source.contains { $0.file?.hasSuffix("iv.txt") == true })
        // Merging a store again copies nothing.
        #expect(try merged.merge(from: stores[0]) == { var s = MergeSummary(); s.alreadyHere = 1; return s }())
    }
}
