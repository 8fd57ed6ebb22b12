import CotejoIngest
import Foundation
import Testing
import CotejoModel
import CotejoStore
import CotejoStoreTesting
import CotejoPipeline

@Suite struct ShardTests {
    @Test func shardsAreParsedAndRefuseWhatIsNotKOfN() {
        #expect(Shard("2/3") == Shard(index: 2, count: 3))
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1/2/3"] { #expect(Shard(bad) == nil, "\(bad)") }
    }

    /// Every SHA-256 falls in exactly one shard, and in the same one every time.
    @Test func everyDocumentFallsInOneShard() {
        let shards = (1...3).map { Shard(index: $0, count: 3)! }
        var counts = [0, 0, 0]
        for i in 0..<300 {
            let sha = Digest.sha256(Data("document \(i)".utf8))
            let holders = shards.filter { $0.contains(sha256: sha) }
            #expect(holders.count == 1)
            counts[holders[0].index - 1] += 1
        }
        // Content hashes spread evenly enough that no shard is idle.
        #expect(counts.allSatisfy { $0 >= 60 }, "\(counts)")
    }

    /// Three shards of a folder, each into its own store, hold together what one run holds: every
    /// document once, with the same records and findings; a file Cotejo does not read is listed by
    /// one shard only.
    @Test func threeShardsHoldWhatOneRunHolds() throws {
        let dir = try Repo.temporaryDirectory()
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for name in ["000.docx", "001.html", "003.html", "003.xlsx", "004.docx", "logo_bogota.png"] {
            try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent(name), to: corpus.appendingPathComponent(name))
        }
        try Data("not a document".utf8).write(to: corpus.appendingPathComponent("notes.json"))
        let pipeline = Pipeline(config: PipelineConfig(inputs: []))

        let whole = try Store(path: dir.appendingPathComponent("whole.sqlite").path)
        let single = try pipeline.ingest(paths: [corpus.path], store: whole)
        func key(_ d: StoredDocument) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return "\(d.path) \(d.sha256 ?? "-") \(d.status.rawValue) "
                + String(decoding: try encoder.encode(d.records), as: UTF8.self)
                + String(decoding: try encoder.encode(d.findings.filter { $0.rule != "crossdoc.mismatch" }), as: UTF8.self)
        }
        let expected = try whole.documents().map(key).sorted()

        var found: [String] = []
        var skipped: [String] = []
        var elsewhere = 0
        for k in 1...3 {
            let store = try Store(path: dir.appendingPathComponent("shard\(k).sqlite").path)
            let summary = try pipeline.ingest(paths: [corpus.path], store: store, shard: Shard(index: k, count: 3))
            found += try store.documents().map(key)
            skipped += summary.skipped.map(\.path)
            elsewhere += summary.otherShards
            #expect(summary.filesSeen == single.filesSeen)
        }
        #expect(found.sorted() == expected)
        #expect(skipped.sorted() == single.skipped.map(\.path).sorted())
        // Each file is read by one shard and left by the two others.
        #expect(elsewhere == 2 * (single.filesSeen))
    }

    /// Every row of every table of a store, ids and all, as text: what "changes nothing" compares.
    static func rows(_ path: String) throws -> String {
        let store = try Store(path: path, readOnly: true)
        return try store.everyRow()
    }

    /// The fixtures in three shards, each ingested into its own store by `cotejo ingest --shard`,
    /// then merged by `cotejo merge`: the merged store exports what one run over the whole folder
    /// exports (cross-document findings included, run again after the merge), search finds the
    /// shards' text, and merging the same shards again changes no row.
    @Test func mergedShardsExportWhatOneRunExportsAndASecondMergeChangesNothing() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let dir = try Repo.temporaryDirectory()
        let whole = dir.appendingPathComponent("whole.sqlite").path
        #expect(try Repo.run(exe.path, ["ingest", "-q", "--db", whole, Repo.fixtures.path]).status == 0)
        var shards: [String] = []
        for k in 1...3 {
            let path = dir.appendingPathComponent("shard\(k).sqlite").path
            #expect(try Repo.run(exe.path, ["ingest", "-q", "--shard", "\(k)/3", "--db", path, Repo.fixtures.path]).status == 0)
            shards.append(path)
        }
        let merged = dir.appendingPathComponent("all.sqlite").path
        #expect(try Repo.run(exe.path, ["merge"] + shards + ["--into", merged]).status == 0)
        let single = try Store(path: whole, readOnly: true), union = try Store(path: merged, readOnly: true)
        #expect(try union.documents().count == single.documents().count)
        #expect(try Repo.comparableExport(union) == Repo.comparableExport(single))
        #expect(try union.search("participacion").count == single.search("participacion").count)
        // The runs and their passed-over entries came along.
        let skipped = { (store: Store) in try store.count("skipped_files") }
        #expect(try skipped(union) == skipped(single))
        let runs = { (store: Store) in try store.count("runs", where: "pipeline != 'merge'") }
        #expect(try runs(union) == 3, "each shard's run is kept, even when two started in the same second")

        let before = try Self.rows(merged)
        #expect(try Repo.run(exe.path, ["merge"] + shards + ["--into", merged]).status == 0)
        #expect(try Self.rows(merged) == before, "a second merge changed the store")
        // A store cannot be merged into itself, and a missing one is a usage error.
        #expect(try Repo.run(exe.path, ["merge", merged, "--into", merged]).status == 2)
        #expect(try Repo.run(exe.path, ["merge", dir.appendingPathComponent("nope.sqlite").path, "--into", merged]).status == 2)
    }
}
