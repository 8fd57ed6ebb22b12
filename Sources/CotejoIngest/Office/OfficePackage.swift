import Foundation
import ZIPFoundation
import CotejoModel

/// How much an Office file may expand to. A zip bomb (a tiny archive whose entries inflate to
/// gigabytes) must be refused before it is inflated, and a lying central directory must be caught
/// while inflating, since the sizes it declares are only claims.
///
/// The absolute caps are what protect; the ratio only catches what no real part does. Deflate tops
/// out near 1032:1, and real documents come close: a DOCX of many side-by-side empty table cells
/// compresses at 251:1, which a ratio of 200 refused as a bomb.
public struct ZipLimits: Sendable, Hashable {
    /// The most bytes the reader inflates from one archive, all parts it reads together.
    public var maxTotalBytes: UInt64
    /// The most bytes one entry may inflate to.
    public var maxEntryBytes: UInt64
    /// The highest uncompressed/compressed ratio an entry may declare…
    public var maxRatio: Double
    /// …once it is larger than this (small XML parts legitimately compress very well).
    public var ratioFloorBytes: UInt64

    public init(maxTotalBytes: UInt64 = 200 * 1024 * 1024, maxEntryBytes: UInt64 = 100 * 1024 * 1024,
                maxRatio: Double = 1000, ratioFloorBytes: UInt64 = 1024 * 1024) {
        self.maxTotalBytes = maxTotalBytes; self.maxEntryBytes = maxEntryBytes
        self.maxRatio = maxRatio; self.ratioFloorBytes = ratioFloorBytes
    }

    public static let `default` = ZipLimits()
}

/// An OPC package (the zip container of DOCX, XLSX and PPTX): its part names, size-guarded part
/// reading, XML parts through libxml2, and relationship resolution.
final class OfficePackage {
    private let archive: Archive
    private let limits: ZipLimits
    private var entries: [String: Entry] = [:]
    private var inflated: UInt64 = 0

    /// Part names as stored (no leading slash).
    private(set) var partNames: [String] = []

    init(data: Data, limits: ZipLimits) throws(ReadError) {
        guard !data.isEmpty else { throw ReadError.empty }
        // Password-protected Office files (and pre-2007 .doc/.xls/.ppt) are OLE compound files, not
        // zips: say so instead of calling them damaged.
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw ReadError.unsupported("an OLE compound file: a password-protected or pre-2007 binary Office document")
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw ReadError.damaged("not a zip archive (\(error))")
        }
        self.archive = archive
        self.limits = limits
        for entry in archive where entry.type == .file {
            // Every entry is vetted, read or not: a bomb anywhere marks the file as hostile.
            try Self.vet(entry, limits: limits)
            let name = entry.path.hasPrefix("/") ? String(entry.path.dropFirst()) : entry.path
            if entries[name] == nil { partNames.append(name) }
            entries[name] = entry
        }
    }

    private static func vet(_ entry: Entry, limits: ZipLimits) throws(ReadError) {
        let size = entry.uncompressedSize
        if size > min(limits.maxEntryBytes, limits.maxTotalBytes) {
            throw ReadError.tooLarge("zip entry \(entry.path) would expand to \(size) bytes, past the limit of \(min(limits.maxEntryBytes, limits.maxTotalBytes)) for one part")
        }
        let packed = max(entry.compressedSize, 1)
        if size > limits.ratioFloorBytes, Double(size) / Double(packed) > limits.maxRatio {
            throw ReadError.tooLarge("zip entry \(entry.path) would expand to \(size) bytes (\(size / packed):1)")
        }
    }

    func has(_ part: String) -> Bool { lookup(part) != nil }

    private func lookup(_ part: String) -> Entry? {
        let key = part.hasPrefix("/") ? String(part.dropFirst()) : part
        if let e = entries[key] { return e }
        // Part names are case-insensitive in OPC; producers differ in case ("[Content_Types].xml").
        let lower = key.lowercased()
        return entries.first { $0.key.lowercased() == lower }?.value
    }

    /// The part's bytes, or nil when the archive has no such part.
    func data(_ part: String) throws(ReadError) -> Data? {
        guard let entry = lookup(part) else { return nil }
        let declared = entry.uncompressedSize
        if inflated + declared > limits.maxTotalBytes {
            throw ReadError.tooLarge("zip entry \(entry.path) would expand to \(declared) bytes, past \(limits.maxTotalBytes) in all")
        }
        var out = Data()
        out.reserveCapacity(Int(min(declared, 64 * 1024 * 1024)))
        let budget = min(limits.maxTotalBytes - inflated, limits.maxEntryBytes)
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                out.append(chunk)
                // The central directory can lie about sizes: stop at the real count, not the claim.
                if UInt64(out.count) > budget || UInt64(out.count) > declared {
                    throw SizeExceeded()
                }
            }
        } catch is SizeExceeded {
            throw ReadError.tooLarge("zip entry \(entry.path) would expand to more than \(min(budget, declared)) bytes")
        } catch {
            throw ReadError.damaged("zip entry \(entry.path) cannot be inflated (\(error))")
        }
        inflated += UInt64(out.count)
        return out
    }

    private struct SizeExceeded: Error {}

    /// The part parsed as XML, or nil when absent.
    func xml(_ part: String) throws(ReadError) -> XMLTree? {
        guard let bytes = try data(part) else { return nil }
        return try XMLTree.parseXML(bytes, name: part)
    }

    /// The part parsed as XML; a missing part is damage.
    func requiredXML(_ part: String) throws(ReadError) -> XMLTree {
        guard let tree = try xml(part) else { throw ReadError.damaged("no \(part) in the archive") }
        return tree
    }

    /// The relationships of a part: id → absolute part name (targets resolved against the part's folder).
    /// External targets (hyperlinks) are left out.
    func relationships(of part: String) throws(ReadError) -> [String: Relationship] {
        let folder = Self.folder(of: part)
        let file = part.split(separator: "/").last.map(String.init) ?? part
        let relsName = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        guard let tree = try xml(relsName), let root = tree.root else { return [:] }
        var out: [String: Relationship] = [:]
        for r in root.children("Relationship") {
            guard let id = r.attr("Id"), let target = r.attr("Target") else { continue }
            if r.attr("TargetMode")?.lowercased() == "external" { continue }
            out[id] = Relationship(type: r.attr("Type") ?? "", target: Self.resolve(target, from: folder))
        }
        return out
    }

    struct Relationship { let type: String; let target: String }

    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[..<slash])
    }

    /// Resolves a relationship target: absolute ("/xl/worksheets/sheet1.xml") or relative to the
    /// source part's folder, with "../" steps.
    static func resolve(_ target: String, from folder: String) -> String {
        var parts: [Substring]
        var t = Substring(target)
        if t.hasPrefix("/") {
            parts = []
            t = t.dropFirst()
        } else {
            parts = folder.split(separator: "/")
        }
        for step in t.split(separator: "/") {
            if step == "." || step.isEmpty { continue }
            if step == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(step)
        }
        return parts.joined(separator: "/").removingPercentEncoding ?? parts.joined(separator: "/")
    }

    /// Title, creator and subject from docProps/core.xml, when set.
    func coreMetadata() -> [String: String] {
        guard let tree = try? xml("docProps/core.xml"), let root = tree.root else { return [:] }
        var meta: [String: String] = [:]
        for node in root.children {
            let key: String
            switch node.name {
            case "title": key = "title"
            case "creator": key = "creator"
            case "subject": key = "subject"
            case "keywords": key = "keywords"
            case "created": key = "created"
            case "modified": key = "modified"
            default: continue
            }
            let value = node.textContent.collapsedWhitespace
            if !value.isEmpty { meta[key] = value }
        }
        return meta
    }
}

