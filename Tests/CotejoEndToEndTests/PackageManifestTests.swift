import Foundation
import Testing

/// `Package.swift` declares exactly what each target imports: a dependency nothing imports is an
/// arrow that is not there (Records → Tables was one), and an import reached only through another
/// target's dependency hides an arrow the manifest should show.
@Suite("the package manifest")
struct PackageManifestTests {
    struct Target { var name: String; var folder: String; var dependencies: Set<String> }

    /// The Swift targets of the manifest with their declared dependencies (targets and products).
    func targets() throws -> [Target] {
        let manifest = try String(contentsOf: Repo.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var out: [Target] = []
        let starts = manifest.ranges(of: /\.(target|executableTarget|testTarget)\(name: "([^"]+)"/)
        for (k, start) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1].lowerBound : manifest.endIndex
            let text = manifest[start.lowerBound..<end]
            guard let m = text.firstMatch(of: /\.(target|executableTarget|testTarget)\(name: "([^"]+)"/) else { continue }
            let name = String(m.2)
            let isTest = m.1 == "testTarget"
            var deps: Set<String> = []
            if let list = text.firstMatch(of: /dependencies: \[([^\]]*)\]/) {
                let body = String(list.1)
                for p in body.matches(of: /\.product\(name: "([^"]+)"/) { deps.insert(String(p.1)) }
                let withoutProducts = body.replacing(/\.product\([^)]*\)/, with: "")
                for t in withoutProducts.matches(of: /"([^"]+)"/) { deps.insert(String(t.1)) }
            }
            let path = text.firstMatch(of: /path: "([^"]+)"/).map { String($0.1) }
            out.append(Target(name: name, folder: path ?? (isTest ? "Tests/\(name)" : "Sources/\(name)"), dependencies: deps))
        }
        return out
    }

    /// The modules a folder's Swift files import, leaving out the system and toolchain's own; nil
    /// for a folder with no Swift (a C++ shim, which includes headers instead).
    func imports(in folder: String) throws -> Set<String>? {
        let root = Repo.root.appendingPathComponent(folder)
        var found: Set<String> = []
        let files = (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "swift" }
        guard !files.isEmpty else { return nil }
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for m in text.matches(of: /(?m)^(?:@testable )?import ([A-Za-z0-9_]+)/) { found.insert(String(m.1)) }
        }
        return found.subtracting(["Foundation", "Testing", "Glibc", "Dispatch", "FoundationEssentials", "Synchronization"])
    }

    @Test("every Swift target depends on exactly the modules its files import")
    func exact() throws {
        let all = try targets()
        #expect(all.count >= 20)
        #expect(all.contains { $0.name == "CotejoChecks" })
        for t in all {
            guard let used = try imports(in: t.folder) else { continue }
            #expect(t.dependencies.subtracting(used).isEmpty, "\(t.name) declares \(t.dependencies.subtracting(used).sorted()) but imports none of them")
            #expect(used.subtracting(t.dependencies).isEmpty, "\(t.name) imports \(used.subtracting(t.dependencies).sorted()) without declaring them")
        }
    }

    @Test("the check stage does not import the record stage, and no stage imports a later one")
    func forward() throws {
        let order = ["CotejoModel", "CotejoSpanish", "CotejoArithmetic", "CotejoIngest", "CotejoTables", "CotejoRecords",
                     "CotejoChecks", "CotejoStore", "CotejoStorePostgres", "CotejoReport", "CotejoPipeline"]
        for t in try targets() where order.contains(t.name) {
            let rank = order.firstIndex(of: t.name)!
            for d in t.dependencies { if let r = order.firstIndex(of: d) { #expect(r < rank, "\(t.name) → \(d)") } }
        }
        #expect(try imports(in: "Sources/CotejoChecks")?.contains("CotejoRecords") == false)
    }
}
