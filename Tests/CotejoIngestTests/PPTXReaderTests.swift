import Foundation
import Testing
@testable import CotejoIngest
import CotejoModel

private let pNS = """
xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
"""
private let relsNS = "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""
private let relType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

private func textShape(_ name: String, x: Int, y: Int, cx: Int, cy: Int, _ runs: String, ph: String = "") -> String {
    let xfrm = x < 0 ? "" : "<a:xfrm><a:off x=\"\(x)\" y=\"\(y)\"/><a:ext cx=\"\(cx)\" cy=\"\(cy)\"/></a:xfrm>"
    return """
    <p:sp><p:nvSpPr><p:cNvPr id="2" name="\(name)"/><p:cNvSpPr/><p:nvPr>\(ph)</p:nvPr></p:nvSpPr>
    <p:spPr>\(xfrm)</p:spPr><p:txBody><a:bodyPr/>\(runs)</p:txBody></p:sp>
    """
}

/// A deck of one slide (plus a notes slide that must not be read) on a layout with a title placeholder.
private func deck(slideTree: String) throws -> Data {
    try makeOfficeZip([
        ("ppt/presentation.xml", """
         <p:presentation \(pNS)><p:sldIdLst><p:sldId id="256" r:id="rId7"/></p:sldIdLst>
         <p:sldSz cx="12700000" cy="6350000"/></p:presentation>
         """),
        ("ppt/_rels/presentation.xml.rels", "<Relationships \(relsNS)><Relationship Id=\"rId7\" Type=\"\(relType)/slide\" Target=\"slides/slide1.xml\"/></Relationships>"),
        ("ppt/slides/slide1.xml", "<p:sld \(pNS)><p:cSld><p:spTree>\(slideTree)</p:spTree></p:cSld></p:sld>"),
        ("ppt/slides/_rels/slide1.xml.rels", """
         <Relationships \(relsNS)><Relationship Id="rId1" Type="\(relType)/slideLayout" Target="../slideLayouts/slideLayout1.xml"/>
         <Relationship Id="rId2" Type="\(relType)/notesSlide" Target="../notesSlides/notesSlide1.xml"/></Relationships>
         """),
        ("ppt/slideLayouts/slideLayout1.xml", "<p:sldLayout \(pNS)><p:cSld><p:spTree>"
            + textShape("Title", x: 127000, y: 254000, cx: 2540000, cy: 508000, "<a:p/>", ph: "<p:ph type=\"title\"/>")
            + "</p:spTree></p:cSld></p:sldLayout>"),
        ("ppt/notesSlides/notesSlide1.xml", "<p:notes \(pNS)><p:cSld><p:spTree>"
            + textShape("Notes", x: 0, y: 0, cx: 100, cy: 100, "<a:p><a:r><a:t>NOTA PRIVADA</a:t></a:r></a:p>")
            + "</p:spTree></p:cSld></p:notes>"),
    ])
}

@Suite struct PPTXReaderTests {
    @Test func deckHasASlidePerPageWithFiguresInTheirOwnShapes() throws {
        let content = try PPTXReader().read(url: officeFixture("001.pptx"), data: try officeFixtureData("001.pptx"))
        #expect(content.format == .pptx)
        #expect(content.pages.count == 33)
        #expect(content.pages.map(\.number) == Array(1...33))
        #expect(content.metadata["title"] == "Informe de cumplimiento Plan Institucional de Participación Ciudadana 2021")
        let first = content.pages[0]
        #expect(abs(first.width - 12191695 / 12700.0) < 0.01 && first.height == 540)

        let page = try #require(content.pages.first { p in p.lines.contains { $0.text == "145%" } })
        let percentBlock = try #require(page.blocks.firstIndex { $0.lines.contains { $0.text == "145%" } })
        let activityBlock = try #require(page.blocks.firstIndex {
            $0.text.hasPrefix("Desarrollar la estrategia de difusión")
        })
        #expect(percentBlock != activityBlock)
        let percent = try #require(page.blocks[percentBlock].lines.first)
        let activity = try #require(page.blocks[activityBlock].lines.first)
        #expect(percent.source.page == page.number && activity.source.page == page.number)
        let pbox = try #require(percent.bbox), abox = try #require(activity.bbox)
        // Same row of the slide, the figure to the right of the activity.
        #expect(pbox.verticalOverlap(abox) > 0.5)
        #expect(pbox.x0 > abox.x1)
        #expect(pbox.x1 <= page.width && pbox.y1 <= page.height)
        #expect(percent.fontSize == 22 && percent.bold)
        #expect(activity.fontSize == 13 && !activity.bold)
    }

    @Test func slideTableHasCellsWithBoxes() throws {
        let content = try PPTXReader().read(url: officeFixture("001.pptx"), data: try officeFixtureData("001.pptx"))
        #expect(content.tables.count == 1)
        let t = try #require(content.tables.first)
        #expect(t.pages == [13])
        #expect(t.rowCount == 5 && t.columnCount == 5 && t.headerRowCount == 1)
        let header = try #require(t.cells.first { $0.text == "Cumplimiento vigencia" })
        #expect(header.row == 0 && header.column == 3 && header.columnSpan == 2 && header.isHeader)
        #expect(t.grid[1][2...4] == ["1", "1", "100%"])
        // Boxes from the frame offset, column widths and row heights, in points.
        let cell = try #require(t.cell(row: 1, column: 4))
        let box = try #require(cell.source.bbox)
        #expect(cell.source.page == 13)
        let x0 = (548640.0 + 457200 + 6949440 + 1188720 * 2) / 12700
        #expect(abs(box.x0 - x0) < 0.01 && abs(box.width - 1280160 / 12700.0) < 0.01)
        #expect(abs(box.y0 - (1463040.0 + 877824) / 12700) < 0.01)
        // The spanned header's box covers both columns.
        #expect(abs((header.source.bbox?.width ?? 0) - (1188720 + 1280160) / 12700.0) < 0.01)
    }

    @Test func groupsPlaceholdersAndNotes() throws {
        let group = """
        <p:grpSp><p:nvGrpSpPr><p:cNvPr id="5" name="G"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>
        <p:grpSpPr><a:xfrm><a:off x="1270000" y="1270000"/><a:ext cx="2540000" cy="1270000"/>
        <a:chOff x="0" y="0"/><a:chExt cx="1270000" cy="635000"/></a:xfrm></p:grpSpPr>
        \(textShape("Cifra", x: 127000, y: 127000, cx: 254000, cy: 127000, "<a:p><a:r><a:rPr sz=\"2400\" b=\"1\"/><a:t>29</a:t></a:r></a:p>"))
        </p:grpSp>
        """
        let title = textShape("Título", x: -1, y: 0, cx: 0, cy: 0,
                              "<a:p><a:r><a:t>Gobierno</a:t></a:r><a:br/><a:r><a:t>Abierto</a:t></a:r></a:p>",
                              ph: "<p:ph type=\"title\"/>")
        let content = try PPTXReader().read(url: URL(fileURLWithPath: "/tmp/t.pptx"), data: try deck(slideTree: group + title))
        let page = try #require(content.pages.first)
        #expect(page.width == 1000 && page.height == 500)
        // Child at (10, 10) pt in a group scaled ×2 from (0, 0) to (100, 100) pt → (120, 120)–(160, 140).
        let figure = try #require(page.lines.first { $0.text == "29" })
        #expect(figure.bbox == BBox(x0: 120, y0: 120, x1: 160, y1: 140))
        #expect(figure.fontSize == 24 && figure.bold)
        // A placeholder without its own frame stands where its layout puts it.
        let heading = try #require(page.blocks.first { $0.role == .heading })
        #expect(heading.lines.map(\.text) == ["Gobierno", "Abierto"])
        #expect(heading.lines.first?.bbox == BBox(x0: 10, y0: 20, x1: 210, y1: 60))
        #expect(!page.lines.contains { $0.text.contains("NOTA PRIVADA") })
    }

    @Test func missingPresentationIsDamagedAndBombRefused() throws {
        let reader = PPTXReader()
        #expect(throws: ReadError.damaged("no ppt/presentation.xml in the archive")) {
            try reader.read(url: URL(fileURLWithPath: "/tmp/t.pptx"), data: try makeOfficeZip([("ppt/slides/slide1.xml", "<x/>")]))
        }
        let bomb = try makeOfficeZip([("ppt/presentation.xml", Data(count: 4 * 1024 * 1024))])
        do {
            _ = try reader.read(url: URL(fileURLWithPath: "/tmp/t.pptx"), data: bomb)
            Issue.record("the bomb was inflated")
        } catch let error as ReadError {
            guard case .tooLarge = error else { Issue.record("expected tooLarge, got \(error)"); return }
        }
    }
}
