import Foundation
import Testing
import CotejoModel
import CotejoStore

/// `cotejo check` and the JSON output of the read commands, run as a user runs them.
@Suite(.serialized) struct CheckCommandTests {
    static let fixture = Repo.fixtures.appendingPathComponent("001.html").path

    @Test func checkPrintsTheFindingsOfOneFileAsIngestStoresThem() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let dir = try Repo.temporaryDirectory()
        let db = dir.appendingPathComponent("kept.sqlite").path
        let checked = try Repo.run(exe.path, ["check", "-q", "-j", "1", "--db", db, Self.fixture])
        #expect(checked.status == 0)
        // With --db the store is kept, and holds what was printed: one line per finding.
        let stored = try Store(path: db, readOnly: true).documents()
        let findings = stored.flatMap(\.findings)
        #expect(!findings.isEmpty)
        let lines = checked.output.split(separator: "\n")
        #expect(lines.count == findings.count)
        #expect(lines.allSatisfy { $0.hasPrefix(Self.fixture + "\t") })
        #expect(Set(lines.map { String($0.split(separator: "\t")[2]) }) == Set(findings.map(\.rule)))
    }

    @Test func jsonOutputIsTheExportsFindingsWithTheirDocumentAndSources() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let checked = try Repo.run(exe.path, ["check", "-q", "-j", "1", "--format", "json", Self.fixture])
        #expect(checked.status == 0)
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(checked.output.utf8)) as? [[String: Any]])
        #expect(!listed.isEmpty)
        for f in listed {
            #expect(f["document"] as? String == Self.fixture)
            #expect((f["sha256"] as? String)?.count == 64)
            #expect(!(f["rule"] as? String ?? "").isEmpty)
            #expect(["info", "warning", "error"].contains(f["severity"] as? String ?? ""))
            // Provenance: every finding says where it stands.
            let sources = try #require(f["source"] as? [[String: Any]])
            #expect(!sources.isEmpty && sources.allSatisfy { $0["xpath"] is String })
        }
        // The filter applies: only warnings and worse.
        let warnings = try Repo.run(exe.path, ["check", "-q", "-j", "1", "--format", "json", "--severity", "warning", Self.fixture])
        let kept = try #require(try JSONSerialization.jsonObject(with: Data(warnings.output.utf8)) as? [[String: Any]])
        #expect(kept.count == listed.filter { $0["severity"] as? String != "info" }.count)
        #expect(kept.count < listed.count)
    }

    @Test func findingsPrintsJSONFromAStore() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let db = try Repo.temporaryDirectory().appendingPathComponent("f.sqlite").path
        #expect(try Repo.run(exe.path, ["ingest", "-q", "-j", "1", "--db", db, Self.fixture]).status == 0)
        let out = try Repo.run(exe.path, ["findings", "--db", db, "--format", "json", "--rule", "period.label_mismatch"])
        #expect(out.status == 0)
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(out.output.utf8)) as? [[String: Any]])
        #expect(!listed.isEmpty && listed.allSatisfy { $0["rule"] as? String == "period.label_mismatch" })
    }

    @Test func searchShowAndComparePrintJSON() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let db = try Repo.temporaryDirectory().appendingPathComponent("r.sqlite").path
        #expect(try Repo.run(exe.path, ["ingest", "-q", "-j", "1", "--db", db, Self.fixture]).status == 0)
        func json(_ arguments: [String]) throws -> Any {
            let out = try Repo.run(exe.path, arguments + ["--db", db, "--format", "json"])
            #expect(out.status == 0, "\(arguments)")
            return try JSONSerialization.jsonObject(with: Data(out.output.utf8))
        }
        let hits = try #require(try json(["search", "cuatrimestre"]) as? [[String: Any]])
        #expect(!hits.isEmpty && hits.allSatisfy { $0["document"] as? String == Self.fixture && $0["page"] is Int })
        #expect(hits.allSatisfy { ($0["snippet"] as? String)?.folded.contains("cuatrimestre") == true })
        let shown = try #require(try json(["show", "001.html"]) as? [[String: Any]])
        #expect(shown.count == 1)
        #expect((shown.first?["findings"] as? [Any])?.isEmpty == false)
        #expect((shown.first?["sha256"] as? String)?.count == 64)
        let rows = try #require(try json(["compare", "--by", "document"]) as? [[String: Any]])
        #expect(rows.count == 1 && rows.first?["documents"] as? Int == 1)
        // No hit is an empty array, not an error.
        #expect((try json(["search", "zzzxqw"]) as? [Any])?.isEmpty == true)
    }

    /// Every usage error is exit 2, as documented: bad option values caught by the argument parser
    /// as well as Cotejo's own checks.
    @Test func usageErrorsExit2() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let db = try Repo.temporaryDirectory().appendingPathComponent("u.sqlite").path
        for arguments in [["ingest", "--jobs", "0", Self.fixture], ["ingest", "--shard", "0/3", Self.fixture],
                          ["check", "--shard", "2", Self.fixture], ["findings", "--severity", "bogus"], ["no-such-command"],
                          ["export", "--format", "csv"], ["ingest", "--lease", "0", Self.fixture],
                          // A lease means something only to a shared PostgreSQL store.
                          ["ingest", "--lease", "5", Self.fixture], ["check", "--lease", "5", Self.fixture]] {
            #expect(try Repo.run(exe.path, arguments + ["--db", db]).status == 2, "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: db))
        #expect(try Repo.run(exe.path, ["--help"]).status == 0)
    }

    @Test func aMissingFileIsAUsageErrorAndAFailedOneIsExit1() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let dir = try Repo.temporaryDirectory()
        let db = dir.appendingPathComponent("m.sqlite").path
        #expect(try Repo.run(exe.path, ["check", "--db", db, dir.appendingPathComponent("nope.pdf").path]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: db))
        let empty = dir.appendingPathComponent("empty.pdf")
        try Data().write(to: empty)
        #expect(try Repo.run(exe.path, ["check", "-q", "-j", "1", empty.path]).status == 1)
    }

    /// Runs cotejo with `environment` added; returns its status and what it wrote on stderr.
    func stderr(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, said: String) {
        let result = try Repo.run(try #require(Repo.cotejoExecutable).path, arguments, environment: environment, output: .standardError)
        return (result.status, result.output)
    }

    @Test func aPipelineThatSaysSomethingWrongIsAUsageErrorNamingTheKeyInOneLine() throws {
        let dir = try Repo.temporaryDirectory()
        func pipeline(_ yaml: String) throws -> String {
            let path = dir.appendingPathComponent("p-\(UUID().uuidString).yaml").path
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let typo = try stderr(["run", try pipeline("name: t\ninputz: [docs]\n")])
        #expect(typo.status == 2)
        #expect(typo.said.contains("'inputz'") && typo.said.contains("línea 2"), "\(typo.said)")
        let badValue = try stderr(["run", try pipeline("inputs: [docs]\nocr:\n  mode: sometimes\n")])
        #expect(badValue.status == 2)
        #expect(badValue.said.contains("ocr.mode") && !badValue.said.contains("DecodingError"), "\(badValue.said)")
        let wrongType = try stderr(["run", try pipeline("inputs: [docs]\nlimits: { seconds_per_document: mucho }\n")])
        #expect(wrongType.status == 2)
        #expect(wrongType.said.contains("limits.seconds_per_document"), "\(wrongType.said)")
        let missing = try stderr(["run", dir.appendingPathComponent("nope.yaml").path])
        #expect(missing.status == 2)
        for said in [typo.said, badValue.said, wrongType.said, missing.said] {
            #expect(said.split(separator: "\n").count == 1, "one line per failure: \(said)")
        }
    }

    @Test func theCommandLineSpeaksSpanishUnlessAskedOrTheLocaleIsEnglish() throws {
        let db = try Repo.temporaryDirectory().appendingPathComponent("none.sqlite").path
        let es = try stderr(["findings", "--db", db])
        #expect(es.status == 3)
        #expect(es.said.contains("aquí no hay ningún almacén"), "\(es.said)")
        let asked = try stderr(["findings", "--db", db, "--lang", "en"])
        #expect(asked.said.contains("there is no store here"), "\(asked.said)")
        let locale = try stderr(["findings", "--db", db], environment: ["LANG": "en_US.UTF-8"])
        #expect(locale.said.contains("there is no store here"), "\(locale.said)")
        let help = try Repo.run(try #require(Repo.cotejoExecutable).path, ["check", "--help"])
        #expect(help.output.contains("Archivos y carpetas que verificar"), "\(help.output)")
        let mistyped = try stderr(["ingest", "--db", db, "--jobs", "0", Self.fixture])
        #expect(mistyped.status == 2 && mistyped.said.contains("--jobs debe ser al menos 1"), "\(mistyped.said)")
    }
}
