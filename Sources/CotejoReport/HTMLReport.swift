import Foundation
import CotejoModel
import CotejoStore
import CotejoIngest

/// What writing the report did, for the command's summary line and for tests.
public struct ReportResult: Sendable {
    public var folder: String
    public var index: String
    /// Document pages by document path.
    public var pages: [String: String]
    public var crops: Int
    /// Documents whose file was missing or changed, so that their findings have no crop.
    public var withoutCrops: [String]
    public var seconds: Double
}

/// The HTML report an auditor reads: a static folder — `index.html` (the corpus), `compare.html`,
/// one page per document, and `crops/` with the PNG crops of the PDF pages where findings stand.
/// Every link is relative and nothing is loaded from elsewhere, so the folder can be zipped and
/// opened anywhere.
public struct HTMLReport {
    public var language: Language
    public var version: String
    /// Where relative document paths are resolved (the directory the corpus was ingested from);
    /// the working directory when nil.
    public var baseDirectory: String?
    /// Rule names for readers by rule id (Spanish, English); a rule without one shows its id.
    public var ruleNames: [String: (es: String, en: String)]

    public init(language: Language = .es, version: String, baseDirectory: String? = nil,
                ruleNames: [String: (es: String, en: String)] = [:]) {
        self.language = language; self.version = version; self.baseDirectory = baseDirectory; self.ruleNames = ruleNames
    }

    /// Writes the report into `folder` (created when missing). Pages and crops an earlier report
    /// left there are removed first, so that no stale crop survives; other files are left alone.
    @discardableResult
    public func write(_ docs: [StoredDocument], to folder: String) throws -> ReportResult {
        let started = Date()
        let fm = FileManager.default
        let root = URL(fileURLWithPath: folder, isDirectory: true)
        let crops = root.appendingPathComponent("crops", isDirectory: true)
        try fm.createDirectory(at: crops, withIntermediateDirectories: true)
        for name in (try? fm.contentsOfDirectory(atPath: crops.path)) ?? [] where name.hasSuffix(".png") {
            try? fm.removeItem(at: crops.appendingPathComponent(name))
        }
        for name in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] where name.hasPrefix("doc-") && name.hasSuffix(".html") {
            try? fm.removeItem(at: root.appendingPathComponent(name))
        }

        let w = Words(language: language, ruleNames: ruleNames)
        let shell = PageShell(words: w, version: version)
        var problems: [String: CropUnavailable] = [:]
        var pages: [String: String] = [:]
        var cropCount = 0
        for d in docs {
            var cropper: PageCropper?
            var problem: CropUnavailable?
            if Readers.format(d.format, has: .croppedInReport) && d.status != .failed {
                do { cropper = try PageCropper(path: resolve(d.path), sha256: d.sha256) } catch { problem = error }
            }
            if let problem { problems[d.path] = problem }
            var page = DocumentPage(document: d, words: w, folder: root, cropper: cropper, cropProblem: problem)
            let (title, body) = page.render()
            cropCount += page.cropsWritten
            let name = ReportNames.page(d)
            try writeText(shell.page(title: title, body: body), to: root.appendingPathComponent(name))
            pages[d.path] = name
        }
        let corpus = CorpusPage(documents: docs, words: w, cropProblems: problems).render()
        let index = root.appendingPathComponent("index.html")
        try writeText(shell.page(title: corpus.title, body: corpus.body), to: index)
        let compare = ComparePage(documents: docs, words: w).render()
        try writeText(shell.page(title: compare.title, body: compare.body), to: root.appendingPathComponent("compare.html"))
        return ReportResult(folder: root.path, index: index.path, pages: pages, crops: cropCount,
                            withoutCrops: problems.keys.sorted(), seconds: Date().timeIntervalSince(started))
    }

    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = baseDirectory ?? FileManager.default.currentDirectoryPath
        return URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent(path).path
    }

    private func writeText(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
