import Foundation
import GRDB
import CotejoModel

/// Why a store could not be used, in one line a user can act on. SQLite's own words ("database is
/// locked", "disk I/O error") name the symptom, not what to do.
public enum StoreProblem: Error, CustomStringConvertible, Sendable {
    case missing(String)
    case busy(String)
    case damaged(String, detail: String)
    case outdated(String)
    case full(String)
    case io(String, detail: String)
    case readOnly(String)
    case other(String, detail: String)

    /// The problem in the user's language: the path, what is wrong, what to do.
    public func message(in language: Language) -> String { text.text(in: language) }

    /// English, for logs and errors that reach no user.
    public var description: String { text.en }

    private var text: Bilingual {
        switch self {
        case .missing(let p):
            Bilingual(es: "\(p): aquí no hay ningún almacén (ejecute antes `cotejo run` o `cotejo ingest --db \(p)`)",
                      en: "\(p): there is no store here (run `cotejo run` or `cotejo ingest --db \(p)` first)")
        case .busy(let p):
            Bilingual(es: "\(p): otro proceso de cotejo está escribiendo en este almacén; espere a que termine o use otro --db",
                      en: "\(p): another cotejo process is writing to this store; wait for it to finish or use another --db")
        case .damaged(let p, let d):
            Bilingual(es: "\(p): el almacén está dañado (\(d)); recupérelo de una copia o empiece uno nuevo",
                      en: "\(p): the store is damaged (\(d)); restore it from a copy or start a new one")
        case .outdated(let p):
            Bilingual(es: "\(p): el almacén lo escribió un Cotejo anterior; ábralo una vez para escribir (cotejo ingest) para ponerlo al día",
                      en: "\(p): the store was written by an older Cotejo; open it once for writing (cotejo ingest) to update it")
        case .full(let p):
            Bilingual(es: "\(p): el disco está lleno; libere espacio y vuelva a ejecutar (los documentos ya guardados se conservan)",
                      en: "\(p): the disk is full; free space and run again (documents already stored are kept)")
        case .io(let p, let d):
            Bilingual(es: "\(p): no se pudo leer o escribir el almacén (\(d))", en: "\(p): the store could not be read or written (\(d))")
        case .readOnly(let p):
            Bilingual(es: "\(p): el almacén es de solo lectura; se puede exportar, consultar e informar, no escribir",
                      en: "\(p): the store is read-only; it can be exported, searched and reported on, not written")
        case .other(let p, let d):
            Bilingual(es: "\(p): \(d)", en: "\(p): \(d)")
        }
    }

    /// The problem behind a store error.
    public static func from(_ error: Error, path: String) -> StoreProblem {
        if let problem = error as? StoreProblem { return problem }
        guard let db = error as? DatabaseError else { return .other(path, detail: "\(error)") }
        switch db.resultCode {
        case .SQLITE_FULL: return .full(path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .damaged(path, detail: db.message ?? "not a database")
        case .SQLITE_READONLY, .SQLITE_PERM: return .readOnly(path)
        // Cannot open: a file that exists but may not be written is read-only; anything else is I/O.
        case .SQLITE_CANTOPEN where FileManager.default.fileExists(atPath: path) && !FileManager.default.isWritableFile(atPath: path):
            return .readOnly(path)
        case .SQLITE_IOERR, .SQLITE_CANTOPEN: return .io(path, detail: db.message ?? "I/O error")
        default: return .other(path, detail: db.message ?? "\(db)")
        }
    }
}

/// A batch's claim on a store: one writing batch at a time. A second `ingest` on the same store
/// fails at once with `StoreProblem.busy` instead of dying mid-batch on "database is locked". The
/// claim is an advisory lock on `<store>.lock`, released when the value goes away (or the process dies).
public final class StoreWriteClaim: Sendable {
    private let descriptor: Int32

    public init(storePath path: String) throws {
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreProblem.io(path, detail: "cannot create \(lockPath): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw StoreProblem.busy(path)
        }
        descriptor = fd
    }

    deinit { close(descriptor) }
}
