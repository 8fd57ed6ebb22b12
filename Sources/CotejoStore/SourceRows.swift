import GRDB
import CotejoModel

/// Rows of `sources`, written through one statement for a whole document: a workbook writes tens
/// of thousands, and finding GRDB's cached statement by its text for each cost as much as the
/// insert.
struct SourceRows {
    private var insert: DirectInsert

    init(_ db: Database) throws {
        insert = try DirectInsert(db, sql: """
            INSERT INTO sources (document_id, owner, owner_id, field, ordinal, page, x0, y0, x1, y1, xpath, sheet, cell,
              line, paragraph, tbl, row, col, text, formula, file, ocr, confidence, hidden)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// A record's sources: the places of the whole record, then one per field (`fields`).
    mutating func write(_ sources: [Source], fields: [String: Source] = [:], owner: String, ownerID: Int64,
                        docID: Int64, db: Database) throws {
        for (i, s) in sources.enumerated() {
            try write(s, owner: owner, ownerID: ownerID, field: nil, ordinal: i, docID: docID, db: db)
        }
        for (field, s) in fields.sorted(by: { $0.key < $1.key }) {
            try write(s, owner: owner, ownerID: ownerID, field: field, ordinal: 0, docID: docID, db: db)
        }
    }

    mutating func write(_ s: Source, owner: String, ownerID: Int64, field: String?, ordinal: Int, docID: Int64,
                        db: Database) throws {
        let b = s.bbox?.rounded
        insert.int64(docID); insert.text(owner); insert.int64(ownerID); insert.text(field); insert.int(ordinal)
        insert.int(s.page); insert.double(b?.x0); insert.double(b?.y0); insert.double(b?.x1); insert.double(b?.y1)
        insert.text(s.xpath); insert.text(s.sheet); insert.text(s.cell); insert.int(s.line); insert.int(s.paragraph)
        insert.int(s.table); insert.int(s.row); insert.int(s.column); insert.text(s.text); insert.text(s.formula)
        insert.text(s.file); insert.bool(s.ocr); insert.double(s.confidence.map { ($0 * 1000).rounded() / 1000 })
        insert.bool(s.hidden)
        try insert.run(db)
    }
}
