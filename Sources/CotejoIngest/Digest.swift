import Foundation
import Crypto

/// SHA-256 of bytes as lower-case hex: a document's identity in the store.
public enum Digest {
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
