import Foundation
import Testing
import ZIPFoundation
@testable import CotejoIngest
import CotejoModel

private let wNS = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

private func docx(body: String, extra: [(String, String)] = []) throws -> Data {
    try makeOfficeZip([("word/document.xml", "<?xml version=\"1.0\"?><w:document \(wNS)><w:body>\(body)</w:body></w:document>")] + extra)
}

private func read(_ data: Data, reader: DOCXReader = DOCXReader()) throws -> DocumentContent {
    try reader.read(url: URL(fileURLWithPath: "/tmp/test.docx"), data: data)
}

@Suite struct DOCXReaderTests {
    @Test func policyMonitoringTableAndFooterApprovalBlock() throws {
        let content = try DOCXReader().read(url: officeFixture("004.docx"), data: try officeFixtureData("004.docx"))
        #expect(content.format == .docx)
        #expect(content.metadata["title"] == "Política de Participación Ciudadana en la Gestión Pública - FONDESER")
        #expect(content.metadata["creator"] == "SANDY MILENA RAMIREZ SERNA")

        let monitoring = try #require(content.tables.first { $0.columnCount == 6 })
        #expect(monitoring.headerRowCount == 1)
        #expect(monitoring.rowCount - monitoring.headerRowCount == 31)
        #expect(monitoring.grid[0] == ["ACTIVIDADES DE GESTIÓN", "META", "UNIDAD DE MEDIDA", "INDICADOR", "RESPONSABLE", "PERIODICIDAD"])
        #expect(monitoring.cells.filter { $0.row == 0 }.allSatisfy { $0.isHeader })
        #expect(!monitoring.cells.contains { $0.row > 0 && $0.isHeader })
        // Sources are 1-based table, row and column.
        let cell = try #require(monitoring.cell(row: 1, column: 5))
        #expect(cell.source.table == monitoring.index && cell.source.row == 2 && cell.source.column == 6)
        #expect(cell.source.text == cell.text && cell.text == "Diciembre")
        // Table text stays out of the body text.
        #expect(!content.bodyText.contains("ACTIVIDADES DE GESTIÓN"))

        // The reader says where the footer came from; the furniture stage marks it.
        let declared = try #require(content.pages.flatMap(\.blocks).first { $0.lines.contains { $0.text == "Elaboró:" } })
        #expect(declared.declaredFurniture == .wordPageFooter && declared.role != .furniture)
        let marked = FurnitureDetector().apply(to: content)
        let elaboro = try #require(marked.pages.flatMap(\.blocks).first { $0.lines.contains { $0.text == "Elaboró:" } })
        #expect(elaboro.role == .furniture)
        #expect(elaboro.reason == .wordPageFooter)
        #expect(!marked.bodyText.contains("Elaboró"))
    }

    @Test func paragraphsKeepTheirIndexAndListMarks() throws {
        let content = try DOCXReader().read(url: officeFixture("004.docx"), data: try officeFixtureData("004.docx"))
        let lines = content.pages.flatMap(\.bodyLines)
        // Indexes count every top-level paragraph, empty ones too (checked against the XML).
        #expect(lines.first { $0.text == "PRESENTACIÓN" }?.source.paragraph == 5)
        #expect(lines.first { $0.text == "MARCO LEGAL" }?.source.paragraph == 18)
        let law = try #require(lines.first { $0.text.contains("Ley 152 de 1994") })
        #expect(law.text == "• Ley 152 de 1994")
        #expect(lines.first { $0.text == "PRESENTACIÓN" }?.bold == true)
        #expect(lines.first { $0.text == "PRESENTACIÓN" }?.fontSize == 12)
    }

    @Test func reportHeaderTableIsFurnitureWithFieldResults() throws {
        let content = FurnitureDetector().apply(to: try DOCXReader().read(url: officeFixture("000.docx"), data: try officeFixtureData("000.docx")))
        let furniture = content.pages.flatMap(\.blocks).filter { $0.role == .furniture }
        let headerLines = furniture.filter { $0.reason == .wordPageHeader }.flatMap(\.lines).map(\.text)
        // PAGE / NUMPAGES fields read as their cached results, never as the field codes.
        #expect(headerLines.contains("PÁGINA 1 de 9"))
        #expect(headerLines.contains("CÓDIGO E-DES-FT-014"))
        #expect(!headerLines.joined().contains("NUMPAGES"))
        #expect(furniture.contains { $0.reason == .wordPageFooter && $0.text.contains("www.idipron.gov.co") })
        #expect(!content.bodyText.contains("PÁGINA"))
        // Eight hard page breaks: nine pages, as in the PDF rendering; the three screenshots are
        // images on pages of their own headings.
        #expect(content.pages.count == 9)
        #expect(content.pages.reduce(0) { $0 + $1.images.count } == 3)
        #expect(content.pages[0].bodyLines.contains { $0.text == "IDIPRON" })
        #expect(content.pages[1].bodyLines.contains { $0.text == "1. INTRODUCCIÓN" })
    }

    @Test func mergedCellsNestedTablesBreaksAndHeadings() throws {
        let tc = { (props: String, text: String) in "<w:tc><w:tcPr>\(props)</w:tcPr><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>" }
        let body = """
        <w:p><w:pPr><w:pStyle w:val="Ttulo1"/></w:pPr><w:r><w:t>Plan de acción</w:t></w:r></w:p>
        <w:p><w:r><w:t xml:space="preserve">Meta </w:t></w:r><w:r><w:tab/><w:t>20</w:t><w:br/><w:t>segunda línea</w:t></w:r></w:p>
        <w:p><w:r><w:delText>borrado</w:delText></w:r><w:ins><w:r><w:t>insertado</w:t></w:r></w:ins></w:p>
        <w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
          <w:tr><w:trPr><w:tblHeader/></w:trPr>\(tc("<w:gridSpan w:val=\"2\"/>", "Actividad"))\(tc("", "Meta"))</w:tr>
          <w:tr>\(tc("<w:vMerge w:val=\"restart\"/>", "Componente 1"))\(tc("", "a"))\(tc("", "1"))</w:tr>
          <w:tr>\(tc("<w:vMerge/>", ""))\(tc("", "b"))<w:tc><w:p><w:r><w:t>antes</w:t></w:r></w:p><w:tbl><w:tr>\(tc("", "n1"))\(tc("", "n2"))</w:tr></w:tbl></w:tc></w:tr>
        </w:tbl>
        <w:p><w:r><w:lastRenderedPageBreak/><w:t>Segunda página</w:t></w:r></w:p>
        """
        let styles = """
        <w:styles \(wNS)><w:style w:type="paragraph" w:styleId="Ttulo1"><w:name w:val="heading 1"/></w:style></w:styles>
        """
        let content = try read(try docx(body: body, extra: [("word/styles.xml", styles)]))
        let blocks = content.pages.flatMap(\.blocks)
        #expect(blocks.first?.role == .heading && blocks.first?.text == "Plan de acción")
        #expect(blocks[1].lines.map(\.text) == ["Meta \t20", "segunda línea"])
        #expect(blocks[1].lines.allSatisfy { $0.source.paragraph == 2 })
        #expect(blocks[2].text == "insertado")

        let t = try #require(content.tables.first)
        #expect(t.rowCount == 3 && t.columnCount == 3 && t.headerRowCount == 1)
        #expect(t.cell(row: 0, column: 0)?.columnSpan == 2)
        #expect(t.cell(row: 0, column: 2)?.text == "Meta")
        let merged = try #require(t.cell(row: 1, column: 0))
        #expect(merged.rowSpan == 2 && merged.text == "Componente 1")
        #expect(t.grid[2][0] == "Componente 1")
        #expect(t.cell(row: 2, column: 2)?.text == "antes\nn1\nn2")
        #expect(t.cell(row: 2, column: 1)?.source.row == 3 && t.cell(row: 2, column: 1)?.source.column == 2)

        // Word's own page marks give pages and source pages.
        #expect(content.pages.count == 2)
        let last = try #require(content.pages[1].bodyLines.first)
        #expect(last.text == "Segunda página" && last.source.page == 2 && last.source.paragraph == 4)
    }

    @Test func missingMainPartIsDamaged() throws {
        let data = try makeOfficeZip([("word/styles.xml", "<w:styles \(wNS)/>"), ("[Content_Types].xml", "<Types/>")])
        #expect(throws: ReadError.damaged("no word/document.xml in the archive")) { try read(data) }
    }

    @Test func malformedXMLIsDamagedWithLibxmlMessage() throws {
        let data = try makeOfficeZip([("word/document.xml", "<w:document \(wNS)><w:body><w:p></w:body>")])
        do {
            _ = try read(data)
            Issue.record("malformed XML was accepted")
        } catch let error as ReadError {
            guard case .damaged(let why) = error else { Issue.record("expected damaged, got \(error)"); return }
            #expect(why.contains("word/document.xml"))
            #expect(why.lowercased().contains("mismatch") || why.lowercased().contains("tag"))
        }
    }

    @Test func notAZipIsDamaged() throws {
        #expect(throws: ReadError.self) { try read(Data("esto no es un zip".utf8)) }
        #expect(throws: ReadError.empty) { try read(Data()) }
        let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504))
        #expect(throws: ReadError.unsupported("an OLE compound file: a password-protected or pre-2007 binary Office document")) {
            try read(ole)
        }
    }

    @Test func zipBombIsRefused() throws {
        // 8 MB of zeros deflates to a few kilobytes: far past the 200:1 ratio a real part shows.
        let dir = try officeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bomba.docx")
        let zeros = Data(count: 8 * 1024 * 1024)
        try makeOfficeZip([("word/document.xml", zeros)]).write(to: url)
        let bytes = try Data(contentsOf: url)
        #expect(bytes.count < 100_000)
        do {
            _ = try DOCXReader().read(url: url, data: bytes)
            Issue.record("the bomb was inflated")
        } catch let error as ReadError {
            guard case .tooLarge(let why) = error else { Issue.record("expected tooLarge, got \(error)"); return }
            #expect(why.contains("zip entry word/document.xml would expand to 8388608 bytes"))
        }
    }

    @Test func aRealPartThatCompressesVeryWellIsNotABomb() throws {
        // Many side-by-side empty table cells: repetitive XML that deflates at hundreds to one,
        // as a real DOCX did (251:1), refused by the old 200:1 ratio.
        let cell = "<w:tc><w:tcPr><w:tcW w:w=\"500\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>"
        let row = "<w:tr>" + String(repeating: cell, count: 60) + "</w:tr>"
        let body = "<w:tbl>" + String(repeating: row, count: 500) + "</w:tbl><w:p><w:r><w:t>Fin del informe</w:t></w:r></w:p>"
        let data = try docx(body: body)
        let xmlSize = body.utf8.count
        #expect(xmlSize > 2_000_000)
        #expect(Double(xmlSize) / Double(data.count) > 200, "ratio \(xmlSize / data.count):1 (the old limit refused past 200:1)")
        let content = try read(data)
        #expect(content.pages.flatMap(\.lines).contains { $0.text == "Fin del informe" })
    }

    @Test func totalInflationLimitApplies() throws {
        let small = DOCXReader(limits: ZipLimits(maxTotalBytes: 20_000))
        do {
            _ = try small.read(url: officeFixture("004.docx"), data: try officeFixtureData("004.docx"))
            Issue.record("the limit was not applied")
        } catch let error as ReadError {
            guard case .tooLarge = error else { Issue.record("expected tooLarge, got \(error)"); return }
        }
    }
}
