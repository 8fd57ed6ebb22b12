import Foundation
import Testing
@testable import CotejoPipeline

@Suite("pipeline file")
struct PipelineConfigTests {
    func load(_ yaml: String) throws -> PipelineConfig {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cotejo-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try PipelineConfig.load(path: path)
    }

    @Test("a rule's threshold is read from the file; one at or below 1 is refused, naming the rule")
    func thresholds() throws {
        let config = try load("inputs: [fixtures]\nrules:\n  value.outlier: { threshold: 25 }\n")
        #expect(config.rules["value.outlier"]?.options["threshold"] == 25)
        #expect(config.rules["value.outlier"]?.enabled == true)
        #expect(throws: PipelineError.self) { try load("inputs: [fixtures]\nrules:\n  value.outlier: { threshold: 0.5 }\n") }
        do { _ = try load("rules:\n  value.outlier: { threshold: 1 }\n") } catch {
            #expect("\(error)".contains("value.outlier"))
        }
    }

    @Test("a rule's own option is known only under that rule: a threshold for percent.mismatch is an unknown key")
    func optionsBelongToTheirRule() throws {
        do {
            _ = try load("inputs: [fixtures]\nrules:\n  percent.mismatch: { threshold: 25 }\n")
            Issue.record("a threshold under percent.mismatch was accepted")
        } catch {
            #expect("\(error)".contains("threshold") && "\(error)".contains("percent.mismatch"))
        }
        // The common keys stay known under every rule.
        let config = try load("inputs: [fixtures]\nrules:\n  percent.mismatch: { tolerance: 0.01, severity: warning }\n")
        #expect(config.rules["percent.mismatch"]?.tolerance == 0.01)
    }

    @Test("the ocr section: mode, languages, dpi and a time limit inside the document's own")
    func ocr() throws {
        let config = try load("inputs: [fixtures]\nlimits: { seconds_per_document: 60 }\nocr: { mode: always, languages: [spa], dpi: 200 }\n")
        #expect(config.ocrSettings.mode == .always)
        #expect(config.ocrSettings.languages == ["spa"])
        #expect(config.ocrSettings.dpi == 200)
        #expect(config.ocrSettings.secondsPerDocument == 45)
        #expect(try load("inputs: [fixtures]\nocr: { seconds_per_document: 500 }\n").ocrSettings.secondsPerDocument == 120)
        #expect(try load("inputs: [fixtures]\n").ocrSettings.mode == .auto)
        for bad in ["ocr: { mode: sometimes }", "ocr: { dpi: 20 }", "ocr: { languages: [\"spa+eng\"] }", "ocr: { seconds_per_document: 0 }"] {
            #expect(throws: PipelineError.self, "\(bad)") { try load("inputs: [fixtures]\n\(bad)\n") }
        }
    }

    @Test("a misspelled key or a limit at or below zero is refused, naming the key")
    func typos() throws {
        do { _ = try load("inputz: [fixtures]\n"); Issue.record("inputz was accepted") } catch {
            #expect("\(error)".contains("inputz"))
        }
        #expect(throws: PipelineError.self) { try load("inputs: [fixtures]\nlimits: { seconds_per_documen: 5 }\n") }
        #expect(throws: PipelineError.self) { try load("inputs: [fixtures]\nrules:\n  percent.mismatch: { tolerence: 1 }\n") }
        #expect(throws: PipelineError.self) { try load("inputs: [fixtures]\nlimits: { seconds_per_document: -5 }\n") }
        // Every shipped pipeline loads.
        for name in ["default.yaml", "corpus.yaml"] {
            let path = Repo.root.appendingPathComponent("pipelines").appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path) { _ = try PipelineConfig.load(path: path) }
        }
    }

    @Test("paths in a pipeline file are read from the file's folder, written as short as they can be")
    func pathsRelativeToTheFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cotejo-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("pipelines")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let path = folder.appendingPathComponent("p.yaml").path
        try "inputs: [../docs, /srv/other]\noutput: { database: ../out/s.sqlite, report: out/ }\n".write(toFile: path, atomically: true, encoding: .utf8)
        let config = try PipelineConfig.load(path: path)
        #expect(config.inputs == [root.path + "/docs", "/srv/other"])
        #expect(config.output.database == root.path + "/out/s.sqlite")
        #expect(config.output.path(of: HTMLReportOutput.self) == folder.path + "/out")
        #expect(config.output.path(of: JSONExportOutput.self) == nil)
        #expect(PipelineConfig.joined("pipelines", "../fixtures") == "fixtures")
        #expect(PipelineConfig.joined("", "fixtures") == "fixtures")
        #expect(PipelineConfig.joined("a/b", "../../../x") == "../x")
        #expect(PipelineConfig.joined("/a", "../../x") == "/x")
    }

    @Test("a misspelled key is named with its line")
    func unknownKeyLine() throws {
        do { _ = try load("inputs: [fixtures]\nlimits:\n  seconds_per_documen: 5\n"); Issue.record("accepted") } catch {
            #expect("\(error)".contains("seconds_per_documen"))
            #expect("\(error)".contains("line 3"), "\(error)")
        }
    }
}
