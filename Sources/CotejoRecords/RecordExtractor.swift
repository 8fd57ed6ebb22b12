import CotejoModel

/// The record stage: from a document's content (furniture marked, tables built) to the records of
/// the export contract. Each extractor adds what it recognises; every value keeps its source.
public struct RecordExtractor: Sendable {
    public var facts = DocumentFactsExtractor()

    public init() {}

    public func extract(from content: DocumentContent) -> DocumentRecords {
        DocumentRecords(facts: facts.extract(from: content))
    }
}
