import Foundation
import Testing
import CotejoReport
import CPoppler

/// Debian's `chromium`, when installed (the Makefile's test target installs it).
let chromiumPath: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Opens a document page in headless Chromium, as a reader would, and checks what it shows.
@Suite(.serialized) struct ChromiumTests {
    func chromium(_ arguments: [String], profile: URL) throws -> (status: Int32, output: String) {
        // Own profile folder: other Chromium runs on the machine must not share its lock.
        try runProcess(chromiumPath!, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                                       "--user-data-dir=\(profile.path)"] + arguments, timeout: 90)
    }

    @Test(.enabled(if: chromiumPath != nil, "chromium is not installed"))
    func theDocumentPageShowsAFindingAndItsCrop() throws {
        let corpus = ReportCorpus.shared
        let page = try #require(corpus.page("003.pdf"))
        let work = try Repo.temporaryDirectory()
        let profile = work.appendingPathComponent("profile")

        // The DOM as Chromium built it: the finding's text and the <img> of its crop.
        let dom = try chromium(["--dump-dom", page.absoluteString], profile: profile).output
        #expect(dom.contains("El ítem 7 empieza el 1-octubre-2021 y termina el 30-septiembre-2021, antes de empezar"))
        let regex = try NSRegularExpression(pattern: "<img src=\"(crops/[^\"]+\\.png)\"")
        let match = try #require(regex.firstMatch(in: dom, range: NSRange(dom.startIndex..., in: dom)), "no crop <img> in the DOM")
        let src = String(dom[Range(match.range(at: 1), in: dom)!])
        let crop = URL(fileURLWithPath: corpus.report.folder).appendingPathComponent(src)
        let size = try #require(pngSize(try Data(contentsOf: crop)), "\(src) is not a PNG")
        #expect(size.width > 100 && size.height > 50)
        let cropPixels = try #require(Pixels(path: crop.path))
        #expect(cropPixels.width == size.width && cropPixels.height == size.height)
        #expect(cropPixels.count(near: Highlight.stroke, tolerance: 30) > 100, "the crop lacks the highlight outline")
        #expect(cropPixels.nonWhite > 1000)

        // The page as Chromium paints it: the crop, highlight and all, within the first screen.
        let shot = work.appendingPathComponent("003-pdf.png")
        let result = try chromium(["--screenshot=\(shot.path)", "--window-size=1280,2000", page.absoluteString], profile: profile)
        #expect(result.status == 0, "\(result.output.suffix(500))")
        print("screenshot: \(shot.path)")
        let screen = try #require(Pixels(path: shot.path), "no screenshot")
        #expect(screen.width == 1280 && screen.height == 2000)
        #expect(screen.count(near: Highlight.stroke, tolerance: 60) > 50, "the highlighted crop is not visible in the screenshot")
        #expect(screen.nonWhite > 10_000)

        // The finding's crop opened from its link, as a reader clicks it: Chromium shows it at
        // its full resolution, every highlighted pixel of the file on the screen.
        #expect(dom.contains("href=\"\(src)\""), "no link to the crop at full size")
        let full = work.appendingPathComponent("crop-full.png")
        let opened = try chromium(["--screenshot=\(full.path)", "--window-size=\(size.width + 40),\(size.height + 40)", crop.absoluteString], profile: profile)
        #expect(opened.status == 0, "\(opened.output.suffix(500))")
        let fullScreen = try #require(Pixels(path: full.path), "no screenshot of the crop")
        let inFile = cropPixels.count(near: Highlight.stroke, tolerance: 30)
        let onScreen = fullScreen.count(near: Highlight.stroke, tolerance: 30)
        #expect(Double(onScreen) > 0.9 * Double(inFile) && Double(onScreen) < 1.1 * Double(inFile),
                "the crop is not shown at full width: \(onScreen) highlight pixels on screen, \(inFile) in the file")
        #expect(fullScreen.width >= size.width)

        // The whole page the crop was cut from, linked beside it.
        let pageRegex = try NSRegularExpression(pattern: "<a href=\"(crops/[^\"]+-page1\\.png)\"")
        let pageMatch = try #require(pageRegex.firstMatch(in: dom, range: NSRange(dom.startIndex..., in: dom)), "no link to the whole page")
        let wholeFile = URL(fileURLWithPath: corpus.report.folder).appendingPathComponent(String(dom[Range(pageMatch.range(at: 1), in: dom)!]))
        let whole = try #require(pngSize(try Data(contentsOf: wholeFile)))
        // Its shape is the page's, as poppler measures it.
        let pdf = try #require(poppler_document_new_from_file(Repo.fixtures.appendingPathComponent("003.pdf").absoluteString, nil, nil))
        defer { g_object_unref(UnsafeMutableRawPointer(pdf)) }
        let first = try #require(poppler_document_get_page(pdf, 0))
        defer { g_object_unref(UnsafeMutableRawPointer(first)) }
        var (pageWidth, pageHeight) = (0.0, 0.0)
        poppler_page_get_size(first, &pageWidth, &pageHeight)
        #expect(whole.width > size.width / 2)
        #expect(abs(Double(whole.width) / Double(whole.height) - pageWidth / pageHeight) < 0.02, "\(whole) is not the shape of a \(pageWidth) × \(pageHeight) page")
    }

    /// The filter in the address keeps only the matching rows, as the inline script applies it.
    @Test(.enabled(if: chromiumPath != nil, "chromium is not installed"))
    func theIndexFiltersItsDocumentsFromTheAddress() throws {
        let corpus = ReportCorpus.shared
        let index = URL(fileURLWithPath: corpus.report.index)
        let profile = try Repo.temporaryDirectory().appendingPathComponent("profile")
        let dom = try chromium(["--dump-dom", index.absoluteString + "#filtro=cartagena"], profile: profile).output
        let table = try #require(dom.components(separatedBy: "id=\"documents\"").last?.components(separatedBy: "</table>").first)
        let rows = table.components(separatedBy: "<tr").filter { $0.contains("href=\"doc-") }
        #expect(rows.count == corpus.documents.count)
        let shown = rows.filter { !$0.contains("display: none") }
        #expect(!shown.isEmpty && shown.count < rows.count, "the filter hid nothing or everything")
        #expect(shown.allSatisfy { $0.lowercased().contains("cartagena") })
    }
}
