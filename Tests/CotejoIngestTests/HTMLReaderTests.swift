import Foundation
import Testing
import CLibXML2
@testable import CotejoIngest
import CotejoModel

/// Evaluates `xpath` with libxml2 over the same bytes and returns the text of every node it selects,
/// white space collapsed: the independent check that a source's XPath really points at its element.
private func selectedTexts(_ data: Data, _ xpath: String) -> [String] {
    let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue)
    guard let doc = data.withUnsafeBytes({ raw in
        htmlReadMemory(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), "test.html", "UTF-8", options)
    }) else { return [] }
    defer { xmlFreeDoc(doc) }
    guard let ctx = xmlXPathNewContext(doc) else { return [] }
    defer { xmlXPathFreeContext(ctx) }
    guard let result = xmlXPathEvalExpression(xpath, ctx) else { return [] }
    defer { xmlXPathFreeObject(result) }
    guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0 else { return [] }
    return (0..<Int(set.pointee.nodeNr)).map { i -> String in
        guard let node = set.pointee.nodeTab[i] else { return "" }
        return textOf(node).collapsedWhitespace
    }
}

/// Descendant text of a libxml2 node (what a browser's textContent gives).
private func textOf(_ node: xmlNodePtr) -> String {
    if node.pointee.type == XML_TEXT_NODE { return node.pointee.content.map { String(cString: $0) } ?? "" }
    var s = ""
    var c = node.pointee.children
    while let n = c {
        s += textOf(n) + (n.pointee.type == XML_ELEMENT_NODE && String(cString: n.pointee.name) == "br" ? " " : "")
        c = n.pointee.next
    }
    return s
}

private func readHTML(_ html: String, reader: HTMLReader = HTMLReader()) throws -> DocumentContent {
    try reader.read(url: URL(fileURLWithPath: "/tmp/test.html"), data: Data(html.utf8))
}

@Suite struct HTMLReaderTests {
    @Test func planTableHasTwoHeaderRowsAndMergedCriteria() throws {
        let data = try officeFixtureData("003.html")
        let content = try HTMLReader().read(url: officeFixture("003.html"), data: data)
        #expect(content.format == .html)
        #expect(content.pages.count == 1 && content.pages[0].number == 1)
        #expect(content.metadata["title"] == "ESTRATEGIA DE PARTICIPACIÓN CIUDADANA EN EL DESEMPEÑO INSTITUCIONAL")
        #expect(content.tables.count == 2)
        let plan = try #require(content.tables.last)
        #expect(plan.columnCount == 16)
        #expect(plan.headerRowCount == 2)
        #expect(plan.rowCount - plan.headerRowCount == 13)

        // "2021" spans the five period columns above their sub-headers.
        let year = try #require(plan.cells.first { $0.text == "2021" })
        #expect(year.row == 0 && year.column == 11 && year.columnSpan == 5 && year.isHeader)
        #expect(plan.cell(row: 1, column: 11)?.text == "META TRIMESTRE 1")
        #expect(plan.cell(row: 1, column: 15)?.text == "RESULTADO")
        // Row-spanning header cells keep their place; sub-headers land right of them.
        #expect(plan.cell(row: 1, column: 0)?.text == "ITEM")
        // <br> inside a cell is a line break.
        #expect(plan.cell(row: 0, column: 2)?.text == "CICLO DE PROCESO\nP: Planear\nH: Hacer\nV: Verificar\nA: Actuar")

        let grid = plan.grid
        let itemRows = Dictionary(grid.enumerated().map { ($0.element[0], $0.offset) }, uniquingKeysWith: { a, _ in a })
        let r2 = try #require(itemRows["2"])
        let criteria = try #require(plan.cell(row: r2, column: 1))
        #expect(criteria.rowSpan == 5)
        #expect(criteria.text.hasPrefix("Construir la estrategias de Participación"))
        for item in ["3", "5", "6", "7"] {
            let r = try #require(itemRows[item])
            #expect(plan.cell(row: r, column: 1) == criteria, "item \(item) is covered by item 2's criteria")
            #expect(grid[r][1] == criteria.text)
        }
        // Cells after the spanned column shift right: item 3's cycle is in column 2, not 1.
        #expect(grid[try #require(itemRows["3"])][2] == "P:")
        let r8 = try #require(itemRows["8"])
        #expect(plan.cell(row: r8, column: 1) != criteria)
        #expect(plan.cell(row: r8, column: 1)?.rowSpan == 5)
        #expect(grid[r2 - 1][7] == "01-febrero-2021")   // item 1's start date, as written
    }

    @Test func everyCellXPathSelectsThatCell() throws {
        let data = try officeFixtureData("003.html")
        let content = try HTMLReader().read(url: officeFixture("003.html"), data: data)
        var checked = 0
        for table in content.tables {
            for cell in table.cells {
                let xpath = try #require(cell.source.xpath)
                let hits = selectedTexts(data, xpath)
                #expect(hits.count == 1, "\(xpath) selects \(hits.count) nodes")
                #expect(hits.first == cell.text.collapsedWhitespace, "\(xpath)")
                checked += 1
            }
        }
        #expect(checked > 200)
    }

    @Test func everyLineXPathSelectsItsElement() throws {
        let data = try officeFixtureData("001.html")
        let content = try HTMLReader().read(url: officeFixture("001.html"), data: data)
        let lines = content.pages[0].lines
        #expect(lines.count > 50)
        for line in lines {
            let xpath = try #require(line.source.xpath)
            let hits = selectedTexts(data, xpath)
            #expect(hits.count == 1, "\(xpath)")
            #expect(hits.first?.contains(line.text.collapsedWhitespace) == true, "\(xpath): \(line.text)")
        }
    }

    @Test func slideDeckPageKeepsCardsFurnitureAndTablesApart() throws {
        let read = try HTMLReader().read(url: officeFixture("001.html"), data: try officeFixtureData("001.html"))
        #expect(read.pages[0].blocks.first { $0.text == "GRACIAS" }?.declaredFurniture == .htmlFooter)
        #expect(!read.pages[0].blocks.contains { $0.role == .furniture })
        let content = FurnitureDetector().apply(to: read)
        let page = content.pages[0]
        let header = try #require(page.blocks.first { $0.text.contains("Transparencia y acceso") })
        #expect(header.role == .furniture && header.reason == .htmlHeader)
        let footer = try #require(page.blocks.first { $0.text == "GRACIAS" })
        #expect(footer.role == .furniture && footer.reason == .htmlFooter)
        let h1 = try #require(page.blocks.first { $0.text.hasPrefix("Informe de cumplimiento tercer cuatrimestre") })
        #expect(h1.role == .heading)
        // Inline spans join their paragraph: the card reads as one sentence.
        #expect(page.bodyLines.contains { $0.text == "Se programaron 69 productos para la vigencia y se ejecutaron 78" })
        #expect(!content.bodyText.contains("Transparencia y acceso"))

        // Table text lives only in tables.
        #expect(!content.bodyText.contains("Desarrollar la estrategia de difusión"))
        let first = try #require(content.tables.first)
        #expect(first.headerRowCount == 1 && first.columnCount == 4 && first.rowCount == 6)
        #expect(first.grid[1][0].hasPrefix("Desarrollar la estrategia de difusión"))
        #expect(first.grid[1][1...3] == ["29", "20", "145%"])
        #expect(first.cell(row: 1, column: 3)?.source.xpath == "/html/body/table[1]/tr[1]/td[4]")
    }

    @Test func browserGridPlacementForOverlappingSpans() throws {
        let html = """
        <table>
          <tr><th>A</th><th colspan="2">B</th><th rowspan="3">C</th></tr>
          <tr><td rowspan="2">a1<br>a2</td><td>b1</td><td>b2</td></tr>
          <tr><td colspan="2">x</td></tr>
          <tr><td rowspan="0">tail</td><td>y</td><td>z</td><td>w</td></tr>
          <tr><td>y2</td></tr>
        </table>
        """
        let content = try readHTML(html)
        let t = try #require(content.tables.first)
        #expect(t.rowCount == 5 && t.columnCount == 4)
        #expect(t.headerRowCount == 1)
        #expect(t.cell(row: 0, column: 3)?.text == "C" && t.cell(row: 2, column: 3)?.text == "C")
        #expect(t.cell(row: 1, column: 0)?.text == "a1\na2")
        // Row 2: column 0 is taken by a1's row span, so "x" starts at column 1.
        let x = try #require(t.cells.first { $0.text == "x" })
        #expect(x.row == 2 && x.column == 1 && x.columnSpan == 2)
        // rowspan="0" reaches the end of the row group.
        let tail = try #require(t.cells.first { $0.text == "tail" })
        #expect(tail.rowSpan == 2)
        #expect(t.cells.first { $0.text == "y2" }?.column == 1)
        #expect(t.cells.first { $0.text == "B" }?.isHeader == true)
        #expect(t.cells.first { $0.text == "b1" }?.isHeader == false)
    }

    @Test func skipsScriptsStylesAndHiddenContent() throws {
        let html = """
        <html><head><title> Informe  2021 </title><style>p{color:red}</style><script>var x = "SECRETO";</script></head>
        <body><noscript>sin scripts</noscript><template><p>plantilla</p></template>
        <p hidden>oculto</p><div>Texto directo <span>en línea</span><p>párrafo</p>después</div>
        <nav><a href="/">Inicio</a></nav><article><header><h2>Sección</h2></header></article></body></html>
        """
        let content = try readHTML(html)
        #expect(content.metadata["title"] == "Informe 2021")
        let texts = content.pages[0].blocks.map(\.text)
        #expect(!texts.joined().contains("SECRETO") && !texts.joined().contains("color"))
        #expect(!texts.contains("sin scripts") && !texts.contains("plantilla") && !texts.contains("oculto"))
        #expect(texts.contains("Texto directo en línea"))
        #expect(texts.contains("párrafo"))
        #expect(texts.contains("después"))
        let direct = try #require(content.pages[0].blocks.first { $0.text == "después" })
        #expect(direct.source.xpath == "/html/body/div[1]")
        #expect(content.pages[0].blocks.first { $0.text == "Inicio" }?.declaredFurniture == .htmlNav)
        // A header inside an article heads the article, not the page.
        #expect(content.pages[0].blocks.first { $0.text == "Sección" }?.role == .heading)
    }

    @Test func externalEntitiesAreNotExpanded() throws {
        let html = "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><html><body><p>a &xxe; b</p></body></html>"
        let content = try readHTML(html)
        #expect(!content.bodyText.contains("root:"))
    }

    @Test func deepNestingIsCutNotCrashed() throws {
        let depth = 5000
        let html = String(repeating: "<div>", count: depth) + "fondo" + String(repeating: "</div>", count: depth)
        let content = try readHTML("<html><body><p>arriba</p>" + html + "</body></html>", reader: HTMLReader(maxDepth: 100))
        #expect(content.bodyText.contains("arriba"))
        // What was cut is a problem, so the document is partial, not read.
        #expect(!content.bodyText.contains("fondo"))
        #expect(content.problems.map(\.kind) == [.partNotRead])
        #expect(content.status == .partial)
    }

    @Test func refusesEmptyAndOversizedInput() throws {
        #expect(throws: ReadError.empty) { try readHTML("") }
        #expect(throws: ReadError.self) { try readHTML("<p>" + String(repeating: "x", count: 2000) + "</p>", reader: HTMLReader(maxBytes: 1000)) }
        do {
            _ = try readHTML("<p>" + String(repeating: "x", count: 2000) + "</p>", reader: HTMLReader(maxBytes: 1000))
        } catch let error as ReadError {
            guard case .tooLarge = error else { Issue.record("expected tooLarge, got \(error)"); return }
        }
    }

    @Test func undeclaredUTF8IsReadAsUTF8() throws {
        let content = try readHTML("<p>Participación ciudadana</p>")
        #expect(content.bodyText == "Participación ciudadana")
    }
}
