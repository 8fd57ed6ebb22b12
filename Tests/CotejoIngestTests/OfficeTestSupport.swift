import Foundation
import ZIPFoundation

/// Shared by the HTML, DOCX, XLSX and PPTX reader tests: fixture paths and zips built on the fly.

/// A file of the repository's fixtures/ folder, found from this source file's path.
func officeFixture(_ name: String, filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures").appendingPathComponent(name)
}

func officeFixtureData(_ name: String) throws -> Data { try Data(contentsOf: officeFixture(name)) }

/// A zip archive in memory with the given parts (deflated), as Office writes them.
func makeOfficeZip(_ parts: [(String, Data)]) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, bytes) in parts {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                             compressionMethod: .deflate) { position, size in
            bytes.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    return archive.data ?? Data()
}

func makeOfficeZip(_ parts: [(String, String)]) throws -> Data {
    try makeOfficeZip(parts.map { ($0.0, Data($0.1.utf8)) })
}

/// A temporary directory for a test, removed by the caller.
func officeTempDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cotejo-office-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
