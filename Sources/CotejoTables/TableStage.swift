import CotejoModel

/// The table stage: finds tables in page layouts that the reader could not give as tables (PDF),
/// and hands on the tables readers of structured formats found (HTML, DOCX, XLSX, PPTX, TSV).
public struct TableStage: Sendable {
    public init() {}

    public func apply(to content: DocumentContent) -> DocumentContent {
        content
    }
}
