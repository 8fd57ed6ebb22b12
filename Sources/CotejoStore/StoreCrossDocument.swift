import Foundation
import GRDB
import CotejoModel

/// What a cross-document check needs of each stored document: its facts and the totals it states
/// for a period, with their sources.
public struct StoredPeriodTotals: Sendable {
    public var documentID: Int64
    public var path: String
    public var facts: DocumentFacts
    public var totals: [StatedTotal]
}

extension Store {
    /// Every document's totals that carry a period, with the document's facts. Read in one pass, so
    /// that a check over the whole store costs one query per table, not one per document.
    public func periodTotals() throws -> [StoredPeriodTotals] {
        try writer.read { db in
            var byDoc: [Int64: StoredPeriodTotals] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, path, entity, title, kind, year FROM documents WHERE status != 'failed'") {
                let id: Int64 = row["id"]
                let facts = DocumentFacts(entity: row["entity"], title: row["title"],
                                          kind: (row["kind"] as String?).flatMap(DocumentKind.init(rawValue:)), year: row["year"])
                byDoc[id] = StoredPeriodTotals(documentID: id, path: row["path"], facts: facts, totals: [])
            }
            var sources: [Int64: [Source]] = [:]
            for s in try Row.fetchAll(db, sql: """
                SELECT s.* FROM sources s JOIN totals t ON s.owner = 'total' AND s.owner_id = t.id
                WHERE t.period IS NOT NULL AND s.field IS NULL ORDER BY s.owner_id, s.ordinal
                """) {
                sources[s["owner_id"], default: []].append(Self.source(from: s))
            }
            for t in try Row.fetchAll(db, sql: "SELECT * FROM totals WHERE period IS NOT NULL ORDER BY document_id, ordinal") {
                let docID: Int64 = t["document_id"]
                let id: Int64 = t["id"]
                byDoc[docID]?.totals.append(StatedTotal(label: t["label"], planned: t["planned"], executed: t["executed"],
                                                        reportedPercent: t["reported_percent"], source: sources[id] ?? [],
                                                        period: t["period"], restates: t["restates"]))
            }
            return byDoc.values.sorted { $0.path < $1.path }
        }
    }

    /// Replaces every finding of `rule` in the store with `findings` (document id, finding), in one
    /// transaction: a check over the whole store is run again whenever any document changes.
    public func replaceFindings(rule: String, runID: Int64, with findings: [(Int64, Finding)]) throws {
        try writer.write { db in
            let old = try Int64.fetchAll(db, sql: "SELECT id FROM findings WHERE rule = ?", arguments: [rule])
            for id in old {
                try db.execute(sql: "DELETE FROM sources WHERE owner = 'finding' AND owner_id = ?", arguments: [id])
            }
            try db.execute(sql: "DELETE FROM findings WHERE rule = ?", arguments: [rule])
            var sources = try SourceRows(db)
            for (docID, f) in findings {
                let ordinal = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(ordinal), -1) + 1 FROM findings WHERE document_id = ?",
                                               arguments: [docID]) ?? 0
                try db.execute(sql: """
                    INSERT INTO findings (document_id, run_id, ordinal, rule, severity, message, message_en, "values")
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [docID, runID, ordinal, f.rule, f.severity.rawValue, f.message, f.messageEN, Self.json(f.values)])
                try sources.write(f.source, owner: "finding", ownerID: db.lastInsertedRowID, docID: docID, db: db)
            }
        }
    }
}
