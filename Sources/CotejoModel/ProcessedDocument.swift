/// What the pipeline hands the store for one file: the file's identity, the outcome, and, when it
/// was read, its content, records and findings. The store writes it in one transaction.
public struct ProcessedDocument: Codable, Sendable {
    public var path: String
    /// Hex SHA-256 of the bytes; nil only when the file could not be read at all.
    public var sha256: String?
    public var format: DocumentFormat?
    public var byteCount: Int
    public var status: DocumentStatus
    /// Why the document failed, in words a user can act on.
    public var error: String?
    public var notes: [String]
    public var content: DocumentContent?
    public var records: DocumentRecords
    public var findings: [Finding]
    /// Seconds spent reading and checking, for the run's figures.
    public var seconds: Double

    public init(path: String, sha256: String?, format: DocumentFormat?, byteCount: Int, status: DocumentStatus,
                error: String? = nil, notes: [String] = [], content: DocumentContent? = nil,
                records: DocumentRecords = DocumentRecords(), findings: [Finding] = [], seconds: Double = 0) {
        self.path = path; self.sha256 = sha256; self.format = format; self.byteCount = byteCount
        self.status = status; self.error = error; self.notes = notes; self.content = content
        self.records = records; self.findings = findings; self.seconds = seconds
    }

    public var pageCount: Int { content?.pages.count ?? 0 }
}
