import Foundation
import CotejoModel

/// Turns one file's bytes into pages of positioned text and tables. One reader per format.
///
/// Readers do not decide what is furniture or what a record is; they report what the file holds,
/// each line with its locator (page + box, XPath, sheet + cell, paragraph, line).
public protocol DocumentReader: Sendable {
    /// The format this reader handles.
    var format: DocumentFormat { get }
    /// Reads the file at `url` whose bytes are `data`. Throws `ReadError` with a reason a user can act on.
    func read(url: URL, data: Data) throws -> DocumentContent
}

/// Why a file could not be read. The description names the reason in plain words; the pipeline adds
/// the file's path.
public enum ReadError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case encrypted
    case damaged(String)
    case unsupported(String)
    case tooLarge(String)

    public var description: String {
        switch self {
        case .empty: "the file is empty (0 bytes)"
        case .encrypted: "the PDF is encrypted and needs a password"
        case .damaged(let why): "the file is damaged: \(why)"
        case .unsupported(let why): "unsupported content: \(why)"
        case .tooLarge(let why): "too large: \(why)"
        }
    }
}
