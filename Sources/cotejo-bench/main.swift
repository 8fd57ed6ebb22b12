import Foundation
import CotejoModel
import CotejoIngest
import CotejoTables

// cotejo-bench: runs the table stage in page mode over the table benchmark and scores it.
//
//   cotejo-bench [BENCH_DIR] [--out DIR] [--per-case]   write <case>.csv per case, run score.py
//   cotejo-bench doc FILE.pdf                           whole-document tables (stitched), as grids
//   cotejo-bench dump FILE.pdf PAGE                     a page's lines, rulings and tables

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

func read(_ path: String) -> DocumentContent {
    let url = URL(fileURLWithPath: path)
    guard let data = try? Data(contentsOf: url) else { fail("\(path): cannot be read") }
    do {
        return FurnitureDetector().apply(to: try PDFReader().read(url: url, data: data))
    } catch {
        fail("\(path): \(error)")
    }
}

/// RFC 4180: fields quoted when they hold a comma, quote or line break.
func csv(_ rows: [[String]]) -> String {
    func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
}

/// The grid with a merged cell's text in its top-left slot only: the score counts a merged cell
/// found at any slot it covers, and copies where the truth has no merge would be false positives.
func anchoredGrid(_ t: Table) -> [[String]] {
    var g = Array(repeating: Array(repeating: "", count: t.columnCount), count: t.rowCount)
    for c in t.cells where c.row < t.rowCount && c.column < t.columnCount { g[c.row][c.column] = c.text }
    return g
}

func printTable(_ t: Table) {
    print("table \(t.index): pages \(t.pages), \(t.rowCount) rows × \(t.columnCount) columns, \(t.headerRowCount) header rows")
    for (r, row) in t.grid.enumerated() {
        let mark = r < t.headerRowCount ? "H" : String(r - t.headerRowCount + 1)
        print("  \(mark)\t" + row.map { String($0.prefix(30)) }.joined(separator: " | "))
    }
}

var args = Array(CommandLine.arguments.dropFirst())

if args.first == "doc", args.count >= 2 {
    let content = TableStage().apply(to: read(args[1]), laidOut: true)
    print("\(args[1]): \(content.tables.count) tables")
    content.tables.forEach(printTable)
    exit(0)
}

if args.first == "dump", args.count >= 3, let n = Int(args[2]) {
    let content = read(args[1])
    guard n >= 1, n <= content.pages.count else { fail("no page \(n)") }
    let page = content.pages[n - 1]
    print("page \(n): \(page.width) × \(page.height), \(page.rulings.count) rulings")
    for r in page.rulings {
        print(String(format: "  ruling %@ %.1f,%.1f – %.1f,%.1f", r.isHorizontal ? "H" : "V", r.x0, r.y0, r.x1, r.y1))
    }
    for b in page.blocks {
        for l in b.lines {
            let box = l.bbox!
            print(String(format: "  %@ [%.1f %.1f %.1f %.1f] %@%@", b.role.rawValue.prefix(4) as CVarArg, box.x0, box.y0, box.x1, box.y1,
                         l.bold ? "*" : "", l.text))
        }
    }
    for (t, box) in TableStage().detectTablesWithBoxes(on: page) {
        print(String(format: "box %.1f %.1f %.1f %.1f", box.x0, box.y0, box.x1, box.y1))
        printTable(t)
    }
    exit(0)
}

// Benchmark mode.
var outDir: String? = nil
var perCase = false
var bench = ProcessInfo.processInfo.environment["BENCH"] ?? "../shared/bench/tables"
var positional: [String] = []
var i = 0
while i < args.count {
    switch args[i] {
    case "--out": i += 1; outDir = i < args.count ? args[i] : nil
    case "--per-case": perCase = true
    default: positional.append(args[i])
    }
    i += 1
}
if let b = positional.first { bench = b }
let benchURL = URL(fileURLWithPath: bench)
guard let manifestData = try? Data(contentsOf: benchURL.appendingPathComponent("manifest.json")),
      let manifest = try? JSONSerialization.jsonObject(with: manifestData) as? [String: Any],
      let cases = manifest["cases"] as? [[String: Any]] else { fail("\(bench)/manifest.json: not found or not JSON") }
let out = outDir ?? NSTemporaryDirectory() + "cotejo-bench-\(ProcessInfo.processInfo.processIdentifier)"
try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

let stage = TableStage()
var pagesRead = 0
var seconds = 0.0
var cache: [String: DocumentContent] = [:]
for c in cases {
    guard let id = c["id"] as? String, let pdf = c["pdf"] as? String, let pageList = c["pages"] as? [Int] else { continue }
    let region = (c["region_topleft"] as? [Double]).flatMap { $0.count == 4 ? BBox(x0: $0[0], y0: $0[1], x1: $0[2], y1: $0[3]) : nil }
    let started = Date()
    let content: DocumentContent
    if let cached = cache[pdf] { content = cached } else {
        content = read(benchURL.appendingPathComponent(pdf).path)
        cache[pdf] = content
        pagesRead += content.pages.count
    }
    var best: (Table, Double)? = nil
    for n in pageList where n >= 1 && n <= content.pages.count {
        for (t, box) in stage.detectTablesWithBoxes(on: content.pages[n - 1]) {
            // Overlap with the region as a share of the union: the table that is the region, not
            // one that merely touches it.
            let inter = region.flatMap { box.intersection($0)?.area } ?? 0
            let union = box.area + (region?.area ?? 0) - inter
            let score = union > 0 ? inter / union : 0
            if best == nil || score > best!.1 { best = (t, score) }
        }
    }
    seconds += Date().timeIntervalSince(started)
    let rows = best.map { anchoredGrid($0.0) } ?? [[""]]
    let name = ((c["expected_csv"] as? String).map { ($0 as NSString).lastPathComponent }) ?? "\(id).csv"
    try? csv(rows).write(toFile: (out as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
}

let process = Process()
process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
process.arguments = ["python3", benchURL.appendingPathComponent("score.py").path, out] + (perCase ? ["--per-case"] : [])
do { try process.run(); process.waitUntilExit() } catch { fail("score.py could not run: \(error)") }
print(String(format: "table stage: %d pages in %.2fs, %.1f pages/s (reading included); CSVs in %@",
             pagesRead, seconds, Double(pagesRead) / max(seconds, 1e-9), out))
