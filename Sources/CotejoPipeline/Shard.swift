import Foundation
import CotejoIngest

/// Shard K of N of a batch: the documents whose SHA-256 falls in it. Shards are stable and depend
/// on content only, so any scheduler's array index can name one (Slurm's `SLURM_ARRAY_TASK_ID`, a
/// Kubernetes Job's `JOB_COMPLETION_INDEX`), N machines can read one corpus each its part with no
/// coordination, and re-running a shard redoes only its own documents. A file whose bytes cannot be
/// hashed (unreadable, over the size limit) and a file of a type Cotejo does not read fall in the
/// shard of their path, so that exactly one shard records each.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 1, index <= count else { return nil }
        self.index = index; self.count = count
    }

    /// "K/N", as the command line writes it.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the document with this SHA-256 (hexadecimal) is in the shard: its first 64 bits,
    /// modulo N.
    public func contains(sha256: String) -> Bool {
        guard let head = UInt64(sha256.prefix(16), radix: 16) else { return index == 1 }
        return Int(head % UInt64(count)) == index - 1
    }

    /// Whether a file that has no SHA-256 of its bytes is in the shard, by its path.
    public func contains(path: String) -> Bool { contains(sha256: Digest.sha256(Data(path.utf8))) }
}
