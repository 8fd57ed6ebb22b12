import Foundation
import Testing
import CotejoModel
import CotejoStore
import CotejoPipeline
import CotejoReport

@Suite struct FixtureCorpusTests {
    let corpus = FixtureCorpus.shared

    @Test func everyFixtureIsReadAndNothingElseIsStored() throws {
        let docs = corpus.documents
        #expect(corpus.summary.failed == 0, "failures: \(corpus.summary.failures.map { "\($0.path): \($0.reason)" })")
        // The manifest and the truth files are skipped, not stored as failed documents; the PNG
        // logos are images of text, read by OCR.
        #expect(corpus.summary.skipped.count == 5)
        #expect(docs.allSatisfy { $0.status == .ok })
        #expect(docs.count == corpus.summary.processed)
        #expect(Set(docs.compactMap(\.format)) == [.pdf, .html, .docx, .xlsx, .pptx, .txt, .image])
    }

    @Test func factsMatchTheTruthForEveryFormat() throws {
        for truth in try Truth.all() {
            let docs = corpus.documents.filter { truth.covers($0.path) }
            #expect(!docs.isEmpty)
            for d in docs {
                let f = d.records.facts
                #expect(folded(f.entity).contains(truth.entity.folded), "\(d.path): entity \(f.entity ?? "nil")")
                #expect(f.year == truth.year, "\(d.path): year \(f.year.map(String.init) ?? "nil")")
                #expect(f.kind?.rawValue == truth.kind, "\(d.path): kind \(f.kind?.rawValue ?? "nil")")
                #expect(f.sources["entity"] != nil && f.sources["year"] != nil, "\(d.path): facts need sources")
            }
            // One entity, one name, whatever the format: researchers group by it.
            #expect(Set(docs.compactMap(\.records.facts.entity)).count == 1, "\(truth.seed): \(Set(docs.compactMap(\.records.facts.entity)))")
        }
    }

    /// Page furniture must never reach body text: the IDIPRON header block, the FONDESER approval
    /// block, and page numbers.
    @Test func noFurnitureInBodyText() throws {
        for d in corpus.documents where d.status == .ok {
            let body = try corpus.store.blocks(documentID: d.id).filter { $0.role != .furniture }
            for b in body {
                let t = b.text.folded
                #expect(!t.contains("e-des-ft-014"), "\(d.path) p.\(b.page): IDIPRON header in body: \(b.text.prefix(80))")
                #expect(!t.contains("vigente desde"), "\(d.path) p.\(b.page): IDIPRON header in body: \(b.text.prefix(80))")
                #expect(!(t.hasPrefix("pagina ") && t.contains(" de ")), "\(d.path) p.\(b.page): page number in body: \(b.text.prefix(80))")
                #expect(!t.hasPrefix("elaboro") && !t.hasPrefix("reviso:") && !t.hasPrefix("aprobo"), "\(d.path) p.\(b.page): approval block in body: \(b.text.prefix(80))")
                #expect(!t.contains("sandy milena ramirez"), "\(d.path) p.\(b.page): approval block in body: \(b.text.prefix(80))")
            }
        }
    }

    @Test func searchFindsParticipationWithPages() throws {
        let hits = try corpus.store.search("participación", limit: 1000)
        #expect(hits.count >= 10)
        #expect(hits.contains { $0.path.hasSuffix("001.pdf") && $0.page > 1 })
    }

    @Test func imagesWithoutTextAreUnreadable() throws {
        let pdf = try #require(corpus.documents.first { $0.path.hasSuffix("000.pdf") })
        #expect(pdf.findings.contains { $0.rule == "text.unreadable" && $0.source.first?.bbox != nil })
        // The Word file holds the same screenshots but no page geometry; no claim is made there.
        // (The logos, read as images, are a line or two of text: too little to be called read.)
        let others = corpus.documents.filter { !$0.path.hasSuffix("000.pdf") && $0.format != .image }
        #expect(others.allSatisfy { !$0.findings.contains { $0.rule == "text.unreadable" } })
    }

    @Test func exportFollowsTheContract() throws {
        let data = try JSONExporter.encode(JSONExporter.export(corpus.documents, version: cotejoVersion, pipeline: "pipelines/default.yaml"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["format"] as? String == "cotejo.export/1")
        let docs = try #require(root["documents"] as? [[String: Any]])
        #expect(docs.count == corpus.documents.count)
        for d in docs {
            for key in ["sha256", "file", "format", "pages", "status", "error", "entity", "title", "kind", "year", "activities", "totals", "commitments", "findings"] {
                #expect(d.keys.contains(key), "missing \(key)")
            }
            // Unknown values are null, never "" or 0.
            #expect(!(d["error"] is String) || d["status"] as? String == "failed")
            for f in d["findings"] as? [[String: Any]] ?? [] {
                let sources = f["source"] as? [[String: Any]] ?? []
                #expect(!sources.isEmpty, "a finding with no source")
            }
        }
    }
}

@Suite struct CommandLineTests {
    @Test func findingsFilterByRuleSeverityAndDocument() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let db = FixtureCorpus.shared.dbPath
        let gaps = try Repo.run(exe.path, ["findings", "--db", db, "--rule", "sequence.gap"])
        #expect(gaps.status == 0)
        let lines = gaps.output.split(separator: "\n")
        // Items 4 and 13 are missing in 003, in each of its four formats.
        #expect(lines.count == 8)
        #expect(lines.allSatisfy { $0.contains("\tsequence.gap\t") && $0.contains("003") })
        let errors = try Repo.run(exe.path, ["findings", "--db", db, "--severity", "error", "--doc", "003.pdf"]).output
        #expect(errors.split(separator: "\n").map { $0.split(separator: "\t")[1] }.allSatisfy { $0 == "error" })
        #expect(errors.contains("date.reversed"))
        let english = try Repo.run(exe.path, ["findings", "--db", db, "--rule", "date.reversed", "--doc", "003.html", "--lang", "en"]).output
        #expect(english.contains("starts") || english.contains("ends"))
    }

    @Test func searchPrintsDocumentPageAndSnippet() throws {
        let exe = try #require(Repo.cotejoExecutable)
        let out = try Repo.run(exe.path, ["search", "--db", FixtureCorpus.shared.dbPath, "participacion", "--limit", "500"]).output
        #expect(out.split(separator: "\n").contains { $0.contains("001.pdf\tp. ") && $0.contains("[") })
    }
}
