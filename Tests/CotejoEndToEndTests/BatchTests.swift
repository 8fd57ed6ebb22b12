import Foundation
import Testing
import CotejoModel
import CotejoStore
import CotejoPipeline

/// Bad input never stops a batch, never loses what was stored, and each failure says why.
@Suite struct BatchTests {
    func pipeline() -> Pipeline { Pipeline(config: PipelineConfig(inputs: [])) }

    @Test func badInputsFailWithReasonsAndTheBatchGoesOn() throws {
        let dir = try Repo.temporaryDirectory()
        let fm = FileManager.default
        fm.createFile(atPath: dir.appendingPathComponent("a_empty.pdf").path, contents: Data())
        let pdf = try Data(contentsOf: Repo.fixtures.appendingPathComponent("003.pdf"))
        fm.createFile(atPath: dir.appendingPathComponent("b_truncated.pdf").path, contents: pdf.prefix(3000))
        try fm.copyItem(at: Repo.root.appendingPathComponent("Tests/Fixtures/encrypted.pdf"), to: dir.appendingPathComponent("c_encrypted.pdf"))
        fm.createFile(atPath: dir.appendingPathComponent("d_text.pdf").path, contents: Data("Informe de gestión 2021\nSe programaron 10 actividades.\n".utf8))
        try fm.copyItem(at: Repo.fixtures.appendingPathComponent("003.pdf"), to: dir.appendingPathComponent("e_good.pdf"))
        // A GIF (animations, icons) is not read; PNG, JPEG and TIFF images are, by OCR.
        fm.createFile(atPath: dir.appendingPathComponent("f_icon.gif").path, contents: Data("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8))
        let missing = dir.appendingPathComponent("z_missing.pdf").path

        // The store lives outside the folder read, or its own files would be read too.
        let store = try Store(path: try Repo.temporaryDirectory().appendingPathComponent("db.sqlite").path)
        let summary = try pipeline().ingest(paths: [dir.path, missing], store: store)
        let docs = Dictionary(uniqueKeysWithValues: try store.documents().map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0) })

        // Reasons are in the pipeline's language, Spanish by default.
        #expect(docs["a_empty.pdf"]?.status == .failed)
        #expect(docs["a_empty.pdf"]?.error?.contains("vacío") == true)
        #expect(docs["b_truncated.pdf"]?.status == .failed)
        #expect(docs["b_truncated.pdf"]?.error?.contains("dañado") == true)
        #expect(docs["c_encrypted.pdf"]?.status == .failed)
        #expect(docs["c_encrypted.pdf"]?.error?.contains("cifrado") == true)
        #expect(docs["z_missing.pdf"]?.status == .failed)
        #expect(docs["z_missing.pdf"]?.error == "el archivo no existe")
        // A text file named .pdf is read as text, and the store says so.
        #expect(docs["d_text.pdf"]?.status == .ok)
        #expect(docs["d_text.pdf"]?.format == .txt)
        #expect(docs["d_text.pdf"]?.notes.contains { $0.contains("el contenido es TXT") } == true)
        // The good file after the bad ones is stored whole.
        #expect(docs["e_good.pdf"]?.status == .ok)
        #expect(docs["e_good.pdf"]?.records.facts.year == 2021)
        // A type Cotejo does not read is skipped, not a failed document.
        #expect(docs["f_icon.gif"] == nil)
        #expect(summary.skipped.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["f_icon.gif"])
        #expect(summary.failed == 4)
        #expect(summary.processed == 2)
    }

    @Test func anUnchangedCorpusIsSkippedOnTheSecondRun() throws {
        let dir = try Repo.temporaryDirectory()
        try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent("003.html"), to: dir.appendingPathComponent("003.html"))
        try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent("003.pdf"), to: dir.appendingPathComponent("003.pdf"))
        let store = try Store(path: try Repo.temporaryDirectory().appendingPathComponent("db.sqlite").path)
        let first = try pipeline().ingest(paths: [dir.path], store: store)
        #expect(first.processed == 2)
        let second = try pipeline().ingest(paths: [dir.path], store: store)
        #expect(second.processed == 0 && second.unchanged == 2)
        // A changed pipeline version processes them again.
        var config = PipelineConfig(inputs: [])
        config.digest = "changed"
        let third = try Pipeline(config: config).ingest(paths: [dir.path], store: store)
        #expect(third.processed == 2)
        #expect(try store.documents().count == 2)
    }
}
