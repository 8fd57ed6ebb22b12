import Foundation
import CotejoModel

/// One thing a batch tells its user as it goes: a document done (read, failed, unchanged, skipped),
/// a retry, an entry passed over, or how far the reading of a long document has got. The CLI
/// prints it as a line in the user's language (`BatchMessages.line`) or as JSON (`--progress json`).
public struct ProgressEvent: Sendable, Encodable, Equatable {
    public enum Kind: String, Sendable, Encodable {
        case read, failed, unchanged, skipped, retrying, pages
        case passedOver = "passed_over"
    }

    public var event: Kind
    public var path: String
    /// Documents finished so far and in all, for the events that finish one: numbered in the
    /// order they finish, so the lines count up whatever order the workers end in.
    public var done: Int?
    public var total: Int?
    /// For `pages`: the page read and the document's page count. For `read`: the page count.
    public var page: Int?
    public var pages: Int?
    public var status: String?
    public var activities: Int?
    public var findings: Int?
    public var reason: String?
    public var seconds: Double?
    /// The batch's time left, at the pace of the documents finished so far.
    public var etaSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case event, path, done, total, page, pages, status, activities, findings, reason, seconds
        case etaSeconds = "eta_seconds"
    }

    public init(_ event: Kind, path: String) { self.event = event; self.path = path }

    /// One compact JSON line (no newline).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}

/// Says "page k of n" at most once a second per document, and never the last page (the
/// document's own line follows at once).
final class PageThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast
    let interval: TimeInterval

    init(interval: TimeInterval = 1) { self.interval = interval }

    func allows(page: Int, of count: Int, now: Date = Date()) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard page < count, now.timeIntervalSince(last) >= interval else { return false }
        last = now
        return true
    }
}
