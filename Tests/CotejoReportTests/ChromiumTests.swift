import Foundation
import Testing
import CotejoReport

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
    }
}
