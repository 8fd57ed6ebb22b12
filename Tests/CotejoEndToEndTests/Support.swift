import Foundation
import CotejoModel
import CotejoStore
import CotejoPipeline

enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("fixtures")

    /// A fresh temporary folder for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cotejo-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The truth file of a seed, as `../shared/truth` writes them (copied under fixtures/truth).
struct Truth: Decodable {
    var seed: String
    var entity: String
    var year: Int
    var kind: String
    var activity_count: Int

    static func all() throws -> [Truth] {
        let dir = Repo.fixtures.appendingPathComponent("truth")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".truth.json") }.sorted().map {
            try JSONDecoder().decode(Truth.self, from: Data(contentsOf: dir.appendingPathComponent($0)))
        }
    }

    /// The seed's three-digit prefix: every fixture named "<prefix>." or "<prefix>_" belongs to it.
    func covers(_ path: String) -> Bool {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let prefix = String(seed.prefix(3))
        return name.hasPrefix(prefix + ".") || name.hasPrefix(prefix + "_")
    }
}

/// Ingests the repository's fixtures once per test process into a temporary store.
final class FixtureCorpus: @unchecked Sendable {
    static let shared = FixtureCorpus()
    let store: Store
    let summary: RunSummary
    let documents: [StoredDocument]
    let dbPath: String

    private init() {
        let dir = try! Repo.temporaryDirectory()
        dbPath = dir.appendingPathComponent("cotejo.sqlite").path
        store = try! Store(path: dbPath)
        let pipeline = Pipeline(config: try! PipelineConfig.load(path: Repo.root.appendingPathComponent("pipelines/default.yaml").path))
        summary = try! pipeline.ingest(paths: [Repo.fixtures.path], store: store)
        documents = try! store.documents()
    }
}

func folded(_ s: String?) -> String { (s ?? "").folded }
