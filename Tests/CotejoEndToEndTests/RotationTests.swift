import Foundation
import Testing
import CotejoModel
import CotejoPipeline

/// Pages turned with `/Rotate` (as `qpdf --rotate` does, as scanners and "save as PDF" in landscape
/// do) read as the originals: the same records and findings, at the same places.
@Suite struct RotationTests {
    static let qpdf = ["/usr/bin/qpdf", "/usr/local/bin/qpdf"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// What must not change: every record's figures and places, every finding.
    struct Reading: Equatable {
        var activities: [String]
        var findings: [String]
        var boxes: [[Double]]
    }

    static func reading(_ doc: ProcessedDocument) -> Reading {
        let r = doc.records
        func figure(_ value: Double?) -> String { value.map { String($0) } ?? "-" }
        let activities = r.activities.map { (a: Activity) -> String in
            let pages = a.source.compactMap(\.page).map(String.init).joined(separator: ",")
            return "\(a.description) | \(figure(a.planned)) | \(figure(a.executed)) | \(figure(a.reportedPercent)) | p\(pages)"
        }
        let findings = doc.findings.map { "\($0.rule) \($0.severity) \($0.message)" }.sorted()
        let boxes = r.activities.flatMap { $0.source.compactMap { $0.bbox?.array } }
            + doc.findings.sorted { $0.message < $1.message }.flatMap { $0.source.compactMap { $0.bbox?.array } }
        return Reading(activities: activities, findings: findings, boxes: boxes)
    }

    @Test(.enabled(if: qpdf != nil, "qpdf is not installed (make test installs it)"),
          arguments: ["000.pdf", "001.pdf", "003.pdf", "004.pdf"])
    func aTurnedPDFReadsAsTheOriginal(name: String) throws {
        let dir = try Repo.temporaryDirectory()
        let original = Repo.fixtures.appendingPathComponent(name)
        let pipeline = Pipeline(config: PipelineConfig(inputs: []))
        let expected = Self.reading(pipeline.process(path: original.path, data: try Data(contentsOf: original), sha256: "-"))
        #expect(!expected.activities.isEmpty || !expected.findings.isEmpty)

        for degrees in [90, 180, 270] {
            let turned = dir.appendingPathComponent("\(degrees)-\(name)")
            let (status, _, _) = try Repo.run(Self.qpdf!, ["--rotate=\(degrees)", original.path, turned.path])
            #expect(status == 0)
            let doc = pipeline.process(path: turned.path, data: try Data(contentsOf: turned), sha256: "-")
            let got = Self.reading(doc)
            #expect(got.activities == expected.activities, "\(name) turned \(degrees)°")
            #expect(got.findings == expected.findings, "\(name) turned \(degrees)°")
            // Places agree to within a point and a half: images and rulings are found on a render.
            #expect(got.boxes.count == expected.boxes.count)
            for (a, b) in zip(got.boxes, expected.boxes) {
                #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1.5 }, "\(name) turned \(degrees)°: \(a) against \(b)")
            }
            // The page says how it was read, and the document's notes say so.
            #expect(doc.content?.pages.first?.readingFrame?.quarterTurns == (360 - degrees) / 90 % 4)
            #expect(doc.notes.contains { $0.contains("read turned") })
        }
    }
}
