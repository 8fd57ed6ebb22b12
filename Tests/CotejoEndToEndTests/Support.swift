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

extension Repo {
    /// The command line speaks the locale's language; the tests read its Spanish, whatever the
    /// machine's locale, so the processes they start get a neutral one (tests ask --lang en
    /// when they want English).
    static let neutralLocale: Void = {
        setenv("LANG", "C.UTF-8", 1)
        unsetenv("LC_ALL")
        unsetenv("LC_MESSAGES")
    }()

    /// The `cotejo` executable built with the tests (SwiftPM builds it beside the test bundle).
    static var cotejoExecutable: URL? {
        _ = neutralLocale
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cotejo"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("cotejo"),
            root.appendingPathComponent(".build/debug/cotejo"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// What of a command's output `run` returns.
    enum Output { case standardOutput, standardError, both }

    /// Runs a command to the end, with `environment` added to this process's; returns its exit
    /// status and the output asked for (the rest is dropped).
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    output: Output = .standardOutput) throws -> (status: Int32, output: String, bytes: Data) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe()
        p.standardOutput = output == .standardError ? FileHandle.nullDevice : out
        p.standardError = output == .standardOutput ? FileHandle.nullDevice : out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self), data)
    }

    /// The export of a store with what differs between two runs of the same corpus left out
    /// (run ids), for comparing stores.
    static func comparableExport(_ store: Store) throws -> String {
        let docs = try store.documents().map { d -> String in
            var parts = ["\(d.path) \(d.sha256 ?? "-") \(d.status.rawValue) \(d.error ?? "") \(d.pages)"]
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            parts.append(String(decoding: try encoder.encode(d.records), as: UTF8.self))
            parts.append(String(decoding: try encoder.encode(d.findings), as: UTF8.self))
            return parts.joined(separator: "\n")
        }
        return docs.joined(separator: "\n\n")
    }
}
