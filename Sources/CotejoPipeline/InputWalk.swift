import Foundation
import CotejoStore
import CotejoModel

/// The files a batch reads under the paths it was given, and every entry it does not read with the
/// reason: nothing under an input folder is left out without a word.
///
/// Folders are walked in sorted order. Symbolic links are followed (to files and to folders), and a
/// link that leads back into a folder already being walked is reported as a loop, not walked again.
/// Hidden entries (a leading dot: `.git`, `.DS_Store`), FIFOs, sockets and devices, folders that
/// cannot be opened and names that are not valid UTF-8 are not read, and are listed as passed over.
public struct InputWalk: Sendable {
    public var files: [String] = []
    public var passedOver: [SkippedFile] = []
    /// The language the reasons are written in.
    public let language: Language

    public init(paths: [String], language: Language = .es) {
        self.language = language
        var seen = Set<String>()
        for path in paths {
            var info = stat()
            // A path given that does not exist is kept: it becomes a failed document, as the user named it.
            guard stat(path, &info) == 0 else { add(path, &seen); continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
                walk(folder: trimmed, ancestors: [Self.identity(info)], seen: &seen)
            } else {
                add(path, &seen)
            }
        }
    }

    private mutating func add(_ path: String, _ seen: inout Set<String>) {
        if seen.insert(path).inserted { files.append(path) }
    }

    private func say(_ es: String, _ en: String) -> String { language.pick(es, en) }

    private static func identity(_ info: stat) -> String { "\(info.st_dev):\(info.st_ino)" }

    /// Walks one folder; `ancestors` are the folders (device and inode) on the way down, so that
    /// a link back up is seen as the loop it is.
    private mutating func walk(folder: String, ancestors: Set<String>, seen: inout Set<String>) {
        guard let dir = opendir(folder) else {
            passedOver.append(SkippedFile(path: folder, reason: say("la carpeta no se puede abrir (\(String(cString: strerror(errno))))", "the folder cannot be opened (\(String(cString: strerror(errno))))")))
            return
        }
        var names: [(name: String?, raw: [CChar])] = []
        while let entry = readdir(dir) {
            let raw = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.bindMemory(to: CChar.self).prefix { $0 != 0 }) }
            let bytes = raw.map { UInt8(bitPattern: $0) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            names.append((String(validating: bytes, as: UTF8.self), raw))
        }
        closedir(dir)
        for (name, raw) in names.sorted(by: { ($0.name ?? "") < ($1.name ?? "") }) {
            guard let name else {
                let shown = String(decoding: raw.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                passedOver.append(SkippedFile(path: folder + "/" + shown, reason: say("el nombre no es UTF-8 válido; renombre el archivo para leerlo", "the name is not valid UTF-8; rename the file to read it")))
                continue
            }
            let path = folder + "/" + name
            if name.hasPrefix(".") {
                passedOver.append(SkippedFile(path: path, reason: say("oculto (su nombre empieza por un punto)", "hidden (its name starts with a dot)")))
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                var link = stat()
                let dangling = lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK
                passedOver.append(SkippedFile(path: path, reason: dangling ? say("un enlace simbólico que no lleva a nada", "a symbolic link to nothing")
                    : say("no se puede examinar (\(String(cString: strerror(errno))))", "cannot be examined (\(String(cString: strerror(errno))))")))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                add(path, &seen)
            case S_IFDIR:
                let id = Self.identity(info)
                if ancestors.contains(id) {
                    passedOver.append(SkippedFile(path: path, reason: say("un bucle de enlaces simbólicos (lleva de vuelta a una carpeta superior)", "a symbolic link loop (it leads back to a folder above it)")))
                } else {
                    walk(folder: path, ancestors: ancestors.union([id]), seen: &seen)
                }
            case S_IFIFO:
                passedOver.append(SkippedFile(path: path, reason: say("una tubería con nombre (FIFO), no un archivo", "a named pipe (FIFO), not a file")))
            case S_IFSOCK:
                passedOver.append(SkippedFile(path: path, reason: say("un socket, no un archivo", "a socket, not a file")))
            default:
                passedOver.append(SkippedFile(path: path, reason: say("un dispositivo, no un archivo", "a device, not a file")))
            }
        }
    }
}
