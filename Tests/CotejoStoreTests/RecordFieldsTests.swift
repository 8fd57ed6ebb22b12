import Foundation
import Testing
import GRDB
import CotejoModel
@testable import CotejoStore
import CotejoStoreTesting

/// The record schema is declared once (`PlainRecord.fields`): the store's tables must hold every
/// declared field, and every field must come back from the store as it went in.
@Suite("record fields: store")
struct RecordFieldsStoreTests {
    /// A record with every declared field set: for each field, the first sample value it keeps.
    func filled<R: PlainRecord>(_: R.Type) -> R {
        var r = R.blank
        for (n, f) in R.fields.enumerated() {
            // Distinct per field, so that two fields swapped on the way would show.
            let texts = ["texto \(n)", "2021-03-\(10 + n)"] + Phase.allCases.map(\.rawValue) + ClaimKind.allCases.map(\.rawValue)
                + FigureOrder.allCases.map(\.rawValue)
            let samples: [FieldValue] = switch f.kind {
            case .text: texts.map(FieldValue.text)
            case .real: [.real(Double(n) + 0.5)]
            case .integer: [.integer(n + 1)]
            case .boolean: [.boolean(true)]
            }
            for v in samples {
                var copy = r
                f.write(&copy, v)
                if f.read(copy) != .null && f.read(copy) != f.read(R.blank) { r = copy; break }
            }
        }
        return r
    }

    @Test("every declared field has its column in the migrated store")
    func columnsExist() throws {
        let store = try Store()
        func columns(_ table: String) throws -> Set<String> {
            try store.columns(of: table)
        }
        for (table, names) in [("activities", Activity.fields.map(\.column)), ("totals", StatedTotal.fields.map(\.column)),
                               ("commitments", Commitment.fields.map(\.column)), ("claims", Claim.fields.map(\.column)),
                               ("column_sums", ColumnSum.fields.map(\.column))] {
            let have = try columns(table)
            for n in names { #expect(have.contains(n), "\(table).\(n)") }
        }
    }

    @Test("every declared field comes back from the store as it went in")
    func roundTrip() throws {
        let store = try Store()
        let run = try store.beginRun(pipeline: "p", version: "v1")
        let records = DocumentRecords(activities: [filled(Activity.self)], totals: [filled(StatedTotal.self)],
                                      commitments: [filled(Commitment.self)], claims: [filled(Claim.self)],
                                      columnSums: [filled(ColumnSum.self)])
        // The sample really sets every field (a field the helper cannot fill would test nothing).
        #expect(records.activities[0].values().allSatisfy { $0.value != .null })
        try store.save(ProcessedDocument(path: "x.pdf", sha256: "f1", format: .pdf, byteCount: 1, status: .ok,
                                         content: DocumentContent(format: .pdf, pages: []), records: records, findings: []),
                       runID: run, pipelineVersion: "v1")
        let back = try #require(try store.documents().first).records
        func same<R: PlainRecord>(_ a: R, _ b: R) -> Bool { a.values().map(\.value) == b.values().map(\.value) }
        #expect(same(back.activities[0], records.activities[0]))
        #expect(same(back.totals[0], records.totals[0]))
        #expect(same(back.commitments[0], records.commitments[0]))
        #expect(same(back.claims[0], records.claims[0]))
        #expect(same(back.columnSums[0], records.columnSums[0]))
    }
}
