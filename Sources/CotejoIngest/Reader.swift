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

    /// The reason in the user's language, with what to do where something can be done. The
    /// reader's own detail (a parser's message, a zip entry) is quoted as the reader gave it.
    public func message(in language: Language) -> String {
        guard language == .es else { return description }
        return switch self {
        case .empty: "el archivo está vacío (0 bytes)"
        case .encrypted: "el PDF está cifrado y pide contraseña: pida a la entidad una copia sin contraseña"
        case .damaged(let why): "el archivo está dañado (\(why)): pida a la entidad otra copia"
        case .unsupported(let why): "contenido que Cotejo no lee (\(why))"
        case .tooLarge(let why): "demasiado grande (\(why))"
        }
    }

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
