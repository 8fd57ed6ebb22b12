import CotejoModel

/// The record stage: from a document's content (furniture marked, tables built) to the records of
/// the export contract. Each extractor adds what it recognises; every value keeps its source.
public struct RecordExtractor: Sendable {
    public var facts = DocumentFactsExtractor()
    public var tables = TableActivityExtractor()

    public init() {}

    public func extract(from content: DocumentContent) -> DocumentRecords {
        var records = DocumentRecords(facts: facts.extract(from: content))
        for table in content.tables {
            records.activities += tables.activities(in: table)
        }
        return records
    }
}
