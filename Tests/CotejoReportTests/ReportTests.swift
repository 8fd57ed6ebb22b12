import Foundation
import Testing
import CotejoModel
import CotejoStore
import CotejoPipeline
import CotejoReport

/// The `src` and `href` values of an HTML text.
func references(_ html: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: "(?:src|href)=\"([^\"]*)\"")
    let ns = html as NSString
    return regex.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
}

@Suite struct ReportTests {
    @Test func theFolderIsSelfContained() throws {
        let corpus = ReportCorpus.shared
        let folder = URL(fileURLWithPath: corpus.report.folder)
        print("report of \(corpus.documents.count) documents: \(String(format: "%.2f", corpus.reportSeconds)) s, \(corpus.report.crops) crops")
        #expect(corpus.report.pages.count == corpus.documents.count)
        #expect(corpus.report.crops >= 8)
        #expect(corpus.report.withoutCrops.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.contains("index.html") && names.contains("compare.html") && names.contains("crops"))
        var images = 0
        var seenImages = Set<String>()
        for name in names where name.hasSuffix(".html") {
            let html = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            // One script, inline (sorting and filtering): nothing loaded from anywhere.
            #expect(html.components(separatedBy: "<script").count == 2 && html.contains("<script>(function(){"), "\(name) has another script")
            #expect(!html.contains("<link"), "\(name) loads a style sheet")
            for ref in references(html) {
                #expect(!ref.contains("://") && !ref.hasPrefix("/"), "\(name) refers outside the folder: \(ref)")
                let target = ref.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                if target.isEmpty { continue }
                let file = folder.appendingPathComponent(String(target))
                #expect(FileManager.default.fileExists(atPath: file.path), "\(name): \(ref) does not exist")
                // A crop is both shown and linked (to open it at full size): count each file once.
                // Whole-page images are linked beside crops, not shown: checked as PNGs, not counted.
                let wholePage = target.range(of: #"-page\d+\.png$"#, options: .regularExpression) != nil
                if target.hasSuffix(".png"), ref.hasPrefix("crops/"), seenImages.insert(name + String(target)).inserted, !wholePage {
                    images += 1
                    let size = pngSize(try Data(contentsOf: file))
                    #expect(size != nil && size!.width > 50 && size!.height > 50, "\(ref) is not a PNG of some size")
                }
            }
        }
        #expect(images == corpus.report.crops)
    }

    @Test func aPDFFindingShowsItsPageAndACropWithTheFiguresHighlighted() throws {
        let corpus = ReportCorpus.shared
        let page = try #require(corpus.page("003.pdf"))
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("date.reversed"))
        #expect(html.contains("El ítem 7 empieza el 1-octubre-2021 y termina el 30-septiembre-2021"))
        #expect(html.contains("<b>Página 1</b>"))
        let crops = references(html).filter { $0.hasPrefix("crops/") }
        #expect(crops.count >= 3)
        let first = try #require(crops.first)
        let pixels = try #require(Pixels(path: URL(fileURLWithPath: corpus.report.folder).appendingPathComponent(first).path))
        #expect(pixels.count(near: Highlight.stroke, tolerance: 30) > 100, "no highlight outline in \(first)")
        #expect(pixels.nonWhite > pixels.width * pixels.height / 50, "the crop is (nearly) blank")
    }

    @Test func otherFormatsQuoteTheTextWithItsLocator() throws {
        let corpus = ReportCorpus.shared
        let xlsx = try String(contentsOf: try #require(corpus.page("003.xlsx")), encoding: .utf8)
        #expect(xlsx.contains("hoja «ESTRATEGIA PARTICIPACION», celda A16"))
        #expect(!xlsx.contains("crops/"))
        let html = try String(contentsOf: try #require(corpus.page("003.html")), encoding: .utf8)
        #expect(html.contains("XPath /html/body/table[2]/tbody[1]/tr[6]/td[7]"))
        let txt = try String(contentsOf: try #require(corpus.page("003_35bbe965a2704bee.txt")), encoding: .utf8)
        #expect(txt.contains("línea "))
    }

    @Test func aMovedOrChangedFileGivesNoCropAndSaysSo() throws {
        let dir = try Repo.temporaryDirectory()
        let pdf = dir.appendingPathComponent("plan.pdf")
        try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent("003.pdf"), to: pdf)
        let store = try Store(path: dir.appendingPathComponent("s.sqlite").path)
        _ = try Pipeline(config: PipelineConfig(inputs: [pdf.path])).ingest(paths: [pdf.path], store: store)
        let docs = try store.documents()
        #expect(docs.first?.findings.isEmpty == false)

        let report = HTMLReport(version: "t")
        let ok = try report.write(docs, to: dir.appendingPathComponent("r1").path)
        #expect(ok.crops > 0)

        try Data("not the same bytes".utf8).write(to: pdf)
        let changed = try report.write(docs, to: dir.appendingPathComponent("r2").path)
        #expect(changed.crops == 0 && changed.withoutCrops == [pdf.path])
        let changedHTML = try String(contentsOf: URL(fileURLWithPath: changed.folder).appendingPathComponent(changed.pages[pdf.path]!), encoding: .utf8)
        #expect(changedHTML.contains("cambió desde que se leyó"))

        try FileManager.default.removeItem(at: pdf)
        // Writing again into the first folder also removes the crops it held.
        let gone = try report.write(docs, to: ok.folder)
        #expect(gone.crops == 0)
        let html = try String(contentsOf: URL(fileURLWithPath: gone.folder).appendingPathComponent(gone.pages[pdf.path]!), encoding: .utf8)
        #expect(html.contains("El archivo ya no está en"))
        #expect(!html.contains("<img"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: gone.folder).appendingPathComponent("crops").path).isEmpty)
        // The quoted text and page still stand in for the crop.
        #expect(html.contains("«1-octubre-2021»") && html.contains("página 1"))
    }

    @Test func textFromDocumentsIsEscaped() throws {
        let store = try Store()
        try store.save(hostileDocument(), runID: store.beginRun(pipeline: "t", version: "v"), pipelineVersion: "v")
        let dir = try Repo.temporaryDirectory()
        for lang in Language.allCases {
            let result = try HTMLReport(language: lang, version: "<v>").write(store.documents(), to: dir.appendingPathComponent(lang.rawValue).path)
            for name in try FileManager.default.contentsOfDirectory(atPath: result.folder) where name.hasSuffix(".html") {
                let html = try String(contentsOfFile: result.folder + "/" + name, encoding: .utf8)
                #expect(html.components(separatedBy: "<script").count == 2, "\(name)")
                #expect(!html.contains("<img src=x"), "\(name)")
                #expect(!html.contains("<b>falsa"), "\(name)")
            }
            let page = try String(contentsOfFile: result.folder + "/" + result.pages.values.first!, encoding: .utf8)
            #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(page.contains(lang == .en ? "Stated 125 %" : "Se reporta 125 %"))
            #expect(page.contains(lang == .en ? "The file is no longer at" : "El archivo ya no está en"))
        }
    }

    @Test func compareGroupsAndComputes() throws {
        let docs = ReportCorpus.shared.documents
        let byYear = Compare.rows(docs, by: .year)
        let y2021 = try #require(byYear.first { $0.group == "2021" })
        #expect(y2021.documents >= 7)
        #expect((y2021.computedPercent ?? 0) > 100 && (y2021.statedPercent ?? 0) > 100)
        #expect(y2021.errors >= 1)
        let byEntity = Compare.rows(docs, by: .entity)
        // Spellings that differ only in case and accents fall into one group.
        #expect(byEntity.filter { $0.group.folded == "alcaldia distrital de cartagena de indias" }.count == 1)
        let text = Compare.text(byEntity, by: .entity)
        let lines = text.split(separator: "\n")
        #expect(lines.count == byEntity.count + 2)
        #expect(Set(lines.map { $0.count }).count == 1) // aligned: every line pads to the same columns
        let csv = parseCSV(Compare.csv(byYear))
        #expect(csv[0] == ["group", "documents", "activities", "planned", "executed", "stated_percent", "computed_percent", "errors", "warnings"])
        #expect(csv.count == byYear.count + 1)
    }

    @Test func theCropRegionStaysOnThePageAndReadable() {
        let r = CropRegion.around([BBox(x0: 2, y0: 2, x1: 12, y1: 10)], pageWidth: 600, pageHeight: 800)!
        #expect(r.x0 == 0 && r.y0 == 0 && r.width >= 320 && r.height >= 70)
        let edge = CropRegion.around([BBox(x0: 590, y0: 790, x1: 599, y1: 799)], pageWidth: 600, pageHeight: 800)!
        #expect(edge.x1 == 600 && edge.y1 == 800 && edge.width >= 320)
        #expect(CropRegion.around([], pageWidth: 600, pageHeight: 800) == nil)
    }
}
