/// Whether a failure may go away on its own. A transient failure (a time or memory limit under
/// machine load, a worker killed, an I/O error) is retried on the next run, up to the pipeline's
/// `limits.attempts_per_document`; a permanent one (damaged, encrypted, unsupported, too large)
/// is not, until the file or the pipeline changes or the run is `--force`d.
public enum FailureKind: String, Codable, Sendable {
    case transient, permanent
}

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
    /// Whether the failure may go away on a retry; nil unless failed.
    public var failureKind: FailureKind?
    public var notes: [String]
    public var content: DocumentContent?
    public var records: DocumentRecords
    public var findings: [Finding]
    /// Seconds spent reading and checking, for the run's figures.
    public var seconds: Double

    public init(path: String, sha256: String?, format: DocumentFormat?, byteCount: Int, status: DocumentStatus,
                error: String? = nil, failureKind: FailureKind? = nil, notes: [String] = [], content: DocumentContent? = nil,
                records: DocumentRecords = DocumentRecords(), findings: [Finding] = [], seconds: Double = 0) {
        self.path = path; self.sha256 = sha256; self.format = format; self.byteCount = byteCount
        self.status = status; self.error = error; self.notes = notes; self.content = content
        self.records = records; self.findings = findings; self.seconds = seconds
        // A failure says which kind it is; one that does not is taken as permanent (never retried in a loop).
        self.failureKind = status == .failed ? (failureKind ?? .permanent) : nil
    }

    public var pageCount: Int { content?.pages.count ?? 0 }
}
