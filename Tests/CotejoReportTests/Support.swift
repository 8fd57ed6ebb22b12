import Foundation
import CotejoModel
import CotejoStore
import CotejoPipeline
import CotejoReport
import CPoppler

enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("fixtures")
    static let schema = root.appendingPathComponent("schema/cotejo.export-1.schema.json")

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cotejo-report-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The repository's fixtures, ingested once per test process, with the report written from them.
final class ReportCorpus: @unchecked Sendable {
    static let shared = ReportCorpus()
    let directory: URL
    let store: Store
    let documents: [StoredDocument]
    let report: ReportResult
    let reportSeconds: Double

    private init() {
        directory = try! Repo.temporaryDirectory()
        store = try! Store(path: directory.appendingPathComponent("cotejo.sqlite").path)
        let config = try! PipelineConfig.load(path: Repo.root.appendingPathComponent("pipelines/default.yaml").path)
        _ = try! Pipeline(config: config).ingest(paths: [Repo.fixtures.path], store: store, jobs: 2)
        documents = try! store.documents()
        let started = Date()
        report = try! HTMLReport(language: .es, version: "test").write(documents, to: directory.appendingPathComponent("report").path)
        reportSeconds = Date().timeIntervalSince(started)
    }

    func document(_ name: String) -> StoredDocument? {
        documents.first { $0.path.hasSuffix("/" + name) || $0.path == name }
    }

    func page(_ name: String) -> URL? {
        guard let d = document(name), let page = report.pages[d.path] else { return nil }
        return URL(fileURLWithPath: report.folder).appendingPathComponent(page)
    }
}

// MARK: PNG

/// Width and height from a PNG's IHDR chunk, read straight from the bytes; nil when the file is not a PNG.
func pngSize(_ data: Data) -> (width: Int, height: Int)? {
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    let b = [UInt8](data.prefix(24))
    guard b.count == 24, Array(b[0..<8]) == signature, String(bytes: b[12..<16], encoding: .ascii) == "IHDR" else { return nil }
    func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
    return (be32(16), be32(20))
}

/// A decoded PNG's pixels, read with cairo's PNG loader (libpng), independent of how the report
/// drew them.
struct Pixels {
    let width: Int
    let height: Int
    private let rgb: [(UInt8, UInt8, UInt8)]

    init?(path: String) {
        guard let surface = cairo_image_surface_create_from_png(path) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return nil }
        cairo_surface_flush(surface)
        let format = cairo_image_surface_get_format(surface)
        guard format == CAIRO_FORMAT_RGB24 || format == CAIRO_FORMAT_ARGB32, let base = cairo_image_surface_get_data(surface) else { return nil }
        width = Int(cairo_image_surface_get_width(surface)); height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        var out: [(UInt8, UInt8, UInt8)] = []
        out.reserveCapacity(width * height)
        for y in 0..<height {
            let row = base + y * stride
            for x in 0..<width {
                // Native-endian 32-bit pixels, 0xAARRGGBB; on little-endian machines: B, G, R, A.
                let p = row + 4 * x
                out.append((p[2], p[1], p[0]))
            }
        }
        rgb = out
    }

    func at(_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8) { rgb[y * width + x] }

    /// How many pixels lie within `tolerance` of `colour` on every channel.
    func count(near colour: (r: UInt8, g: UInt8, b: UInt8), tolerance: Int = 40) -> Int {
        rgb.reduce(0) { n, p in
            abs(Int(p.0) - Int(colour.r)) <= tolerance && abs(Int(p.1) - Int(colour.g)) <= tolerance
                && abs(Int(p.2) - Int(colour.b)) <= tolerance ? n + 1 : n
        }
    }

    /// Pixels that are not (near) white.
    var nonWhite: Int { rgb.reduce(0) { $0 + ($1.0 < 235 || $1.1 < 235 || $1.2 < 235 ? 1 : 0) } }
}

// MARK: CSV

/// A small RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks inside quotes,
/// CRLF or LF record ends.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var inQuotes = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if inQuotes {
            if c == "\"" {
                if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { inQuotes = false }
            } else { field.unicodeScalars.append(c) }
            continue
        }
        switch c {
        case "\"": inQuotes = true
        case ",": row.append(field); field = ""
        case "\r": if chars.first == "\n" { chars.removeFirst() }; row.append(field); rows.append(row); row = []; field = ""
        case "\n": row.append(field); rows.append(row); row = []; field = ""
        default: field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

// MARK: A document with hostile text, for escaping and CSV quoting

func hostileDocument(path: String = "/nonexistent/folder/hostil.pdf") -> ProcessedDocument {
    let evil = "<script>alert('x')</script> & \"comillas\", coma\nsalto"
    let src = Source(page: 1, bbox: BBox(x0: 10, y0: 20, x1: 110, y1: 40), text: evil)
    let records = DocumentRecords(
        facts: DocumentFacts(entity: "Entidad <b>falsa</b>", title: "Plan \"2021\" <img src=x onerror=alert(1)>", kind: .plan, year: 2021,
                             sources: ["entity": src]),
        activities: [Activity(item: "1", description: evil, planned: 10, executed: 12, reportedPercent: 120, source: [src],
                              fieldSources: ["planned": src.quoting("10")])],
        totals: [StatedTotal(label: "vigencia, \"total\"", planned: 10, executed: 12, reportedPercent: 125, source: [src])],
        commitments: [Commitment(period: "2021-05", collected: 3, inCharge: 1, notInCharge: 2, source: [src])])
    let finding = Finding(rule: "percent.mismatch", severity: .error, message: "Se reporta 125 % <script>x</script>",
                          messageEN: "Stated 125 % <script>x</script>", values: ["planned": .number(10), "text": .text("<b>,\"\n")],
                          source: [src])
    return ProcessedDocument(path: path, sha256: String(repeating: "ab", count: 32), format: .pdf, byteCount: 10, status: .ok,
                             records: records, findings: [finding])
}
