import Foundation
import Testing
@testable import CotejoIngest
import CotejoModel

private let ssNS = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
private let relNS = "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

/// A one-sheet workbook with the given sheet XML body, shared strings, styles and workbook properties.
private func workbook(sheetData: String, merges: String = "", shared: String = "", styles: String = "",
                      workbookPr: String = "<workbookPr/>", sheetName: String = "Hoja1") throws -> Data {
    try workbook(sheets: [(sheetName, "<worksheet \(ssNS)><sheetData>\(sheetData)</sheetData>\(merges)</worksheet>")],
                 shared: shared, styles: styles, workbookPr: workbookPr)
}

/// A workbook of several sheets, each with its worksheet XML, or none for a sheet whose part is missing.
private func workbook(sheets: [(name: String, xml: String?)], shared: String = "", styles: String = "",
                      workbookPr: String = "<workbookPr/>") throws -> Data {
    let listed = sheets.indices.map { "<sheet name=\"\(sheets[$0].name)\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
    let rels = sheets.indices.map {
        "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
    }.joined()
    var parts: [(String, String)] = [
        ("xl/workbook.xml", "<workbook \(ssNS) \(relNS)>\(workbookPr)<sheets>\(listed)</sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels", """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)
        <Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
        <Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
        </Relationships>
        """),
    ]
    for (i, sheet) in sheets.enumerated() { if let xml = sheet.xml { parts.append(("xl/worksheets/sheet\(i + 1).xml", xml)) } }
    if !shared.isEmpty { parts.append(("xl/sharedStrings.xml", "<sst \(ssNS)>\(shared)</sst>")) }
    if !styles.isEmpty { parts.append(("xl/styles.xml", "<styleSheet \(ssNS)>\(styles)</styleSheet>")) }
    return try makeOfficeZip(parts)
}

private func read(_ data: Data) throws -> DocumentContent {
    try XLSXReader().read(url: URL(fileURLWithPath: "/tmp/test.xlsx"), data: data)
}

@Suite struct XLSXReaderTests {
    @Test("a sheet whose worksheet part is missing makes the workbook partial; the other sheets are read")
    func missingWorksheetIsAProblem() throws {
        let data = try workbook(sheets: [
            ("Plan", "<worksheet \(ssNS)><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Meta</t></is></c><c r=\"B1\"><v>12</v></c></row></sheetData></worksheet>"),
            ("Perdida", nil),
        ])
        let content = try read(data)
        #expect(content.pages.count == 2)
        #expect(content.problems == [ReadProblem(.partNotRead, page: 2, "sheet Perdida has no worksheet part")])
        #expect(content.status == .partial)
        let whole = try read(workbook(sheetData: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"))
        #expect(whole.problems.isEmpty && whole.status == .ok)
    }

    @Test func planSheetTitlesHeaderAndMergedCriteria() throws {
        let content = try XLSXReader().read(url: officeFixture("003.xlsx"), data: try officeFixtureData("003.xlsx"))
        let sheet = "ESTRATEGIA PARTICIPACION"
        #expect(content.format == .xlsx)
        #expect(content.pages.map(\.number) == [1])
        #expect(content.tables.count == 1)
        let t = try #require(content.tables.first)
        #expect(t.pages == [1])
        #expect(t.columnCount == 16)
        #expect(t.headerRowCount == 2)
        #expect(t.rowCount - t.headerRowCount == 13)

        // The header starts at row 9: "2021" spans L9:P9 above the period sub-headers of row 10.
        let item = try #require(t.cell(row: 0, column: 0))
        #expect(item.text == "ITEM" && item.rowSpan == 2 && item.isHeader && item.source.cell == "A9")
        let year = try #require(t.cells.first { $0.text == "2021" })
        #expect(year.columnSpan == 5 && year.column == 11 && year.source.cell == "L9" && year.source.sheet == sheet)
        #expect(t.grid[1][11...15] == ["META TRIMESTRE 1", "META TRIMESTRE 2", "META TRIMESTRE 3", "META TRIMESTRE 4", "RESULTADO"])
        #expect(t.cell(row: 1, column: 15)?.source.cell == "P10")

        // Item 1's dates are text cells in this file ("01-febrero-2021"), kept as written.
        #expect(t.grid[2][0] == "1")
        let start = try #require(t.cell(row: 2, column: 7))
        #expect(start.text == "01-febrero-2021" && start.source.cell == "H11" && start.source.sheet == sheet)
        #expect(t.cell(row: 2, column: 8)?.text == "31-marzo-2021")

        // B12:B16 merges item 2's criteria over items 3, 5, 6 and 7.
        let criteria = try #require(t.cell(row: 3, column: 1))
        #expect(criteria.rowSpan == 5 && criteria.source.cell == "B12")
        #expect((4...7).map { t.grid[$0][0] } == ["3", "5", "6", "7"])
        for r in 4...7 { #expect(t.cell(row: r, column: 1) == criteria) }
        #expect(t.cell(row: 8, column: 1)?.source.cell == "B17")

        // Title rows above the table are text lines, not table rows.
        let lines = content.pages[0].lines
        let title = try #require(lines.first { $0.text == "ALCALDÍA DISTRITAL DE CARTAGENA DE INDIAS" })
        #expect(title.source.sheet == sheet && title.source.cell == "C2")
        #expect(lines.contains { $0.text.hasPrefix("Objetivo Conocer y registrar") && $0.source.cell == "A7" })
        #expect(!t.cells.contains { $0.text == "ALCALDÍA DISTRITAL DE CARTAGENA DE INDIAS" })
    }

    @Test func valuesAsDisplayed() throws {
        let styles = """
        <numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>
        <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="9"/><xf numFmtId="165"/></cellXfs>
        """
        let shared = """
        <si><t>Actividad</t></si><si><r><t>Meta </t></r><r><rPr><b/></rPr><t>anual</t></r><rPh><t>ヨミ</t></rPh></si><si><t>Línea_x000D_
        dos</t></si>
        """
        let sheetData = """
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Inicio</t></is></c><c r="D1" t="inlineStr"><is><t>Avance</t></is></c><c r="E1" t="s"><v>2</v></c></row>
        <row r="2"><c r="A2" t="str"><f>CONCAT("x","y")</f><v>xy</v></c><c r="B2"><f>SUM(1,2)</f><v>3</v></c><c r="C2" s="1"><v>44228</v></c><c r="D2" s="3"><v>1.45</v></c><c r="E2" t="b"><v>1</v></c></row>
        <row r="3"><c r="A3"><v>0.1</v></c><c r="B3"><v>1234567.5</v></c><c r="C3" s="2"><v>44561</v></c><c r="D3" s="4"><v>0.2999</v></c><c r="E3" t="e"><v>#DIV/0!</v></c></row>
        """
        let content = try read(try workbook(sheetData: sheetData, shared: shared, styles: styles))
        let t = try #require(content.tables.first)
        #expect(t.headerRowCount == 1)
        #expect(t.grid[0] == ["Actividad", "Meta anual", "Inicio", "Avance", "Línea\ndos"])
        #expect(t.grid[1] == ["xy", "3", "2021-02-01", "145%", "TRUE"])
        #expect(t.grid[2] == ["0.1", "1234567.5", "2021-12-31", "30.0%", "#DIV/0!"])
        #expect(t.cell(row: 1, column: 2)?.source == Source(sheet: "Hoja1", cell: "C2", text: "2021-02-01"))
    }

    @Test func serialDatesFollowExcel() {
        func d(_ serial: Double, _ is1904: Bool = false) -> String {
            NumberFormats.display(serial, kind: .date(time: false), date1904: is1904)
        }
        #expect(d(1) == "1900-01-01")
        #expect(d(59) == "1900-02-28")
        #expect(d(60) == "1900-02-29")   // the day Lotus invented
        #expect(d(61) == "1900-03-01")
        #expect(d(44228) == "2021-02-01")
        #expect(d(0, true) == "1904-01-01")
        #expect(d(42766, true) == "2021-02-01")
        #expect(NumberFormats.display(44228.75, kind: .date(time: true), date1904: false) == "2021-02-01 18:00")
        #expect(NumberFormats.kind(code: "[$-es-CO]d \"de\" mmmm \"de\" yyyy") == .date(time: false))
        #expect(NumberFormats.kind(code: "#,##0.00 \"días\"") == .decimals(2))
        #expect(NumberFormats.kind(code: "[h]:mm") == .time)
        #expect(NumberFormats.kind(code: "General") == .general)
    }

    @Test func workbookIn1904System() throws {
        let styles = "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>"
        let data = try workbook(sheetData: """
            <row r="1"><c r="A1" t="inlineStr"><is><t>Fecha</t></is></c><c r="B1" t="inlineStr"><is><t>Valor</t></is></c></row>
            <row r="2"><c r="A2" s="1"><v>42766</v></c><c r="B2"><v>7</v></c></row>
            """, styles: styles, workbookPr: "<workbookPr date1904=\"1\"/>")
        #expect(try read(data).tables.first?.grid[1] == ["2021-02-01", "7"])
    }

    @Test func rowsAfterTheTableAreText() throws {
        let data = try workbook(sheetData: """
            <row r="2"><c r="B2" t="inlineStr"><is><t>Informe</t></is></c></row>
            <row r="4"><c r="B4" t="inlineStr"><is><t>Programado</t></is></c><c r="C4" t="inlineStr"><is><t>Ejecutado</t></is></c></row>
            <row r="5"><c r="B5"><v>69</v></c><c r="C5"><v>78</v></c></row>
            <row r="8"><c r="B8" t="inlineStr"><is><t>Elaboró: Oficina de Planeación</t></is></c></row>
            """)
        let content = try read(data)
        let t = try #require(content.tables.first)
        #expect(t.rowCount == 2 && t.columnCount == 2)
        #expect(t.cell(row: 0, column: 0)?.source.cell == "B4")
        let lines = content.pages[0].lines
        #expect(lines.map(\.text) == ["Informe", "Elaboró: Oficina de Planeación"])
        #expect(lines.map { $0.source.cell } == ["B2", "B8"])
    }

    @Test("group headers merged above the header row join the table's headers; a title merged across stays text")
    func groupHeadersAboveTheHeaderRow() throws {
        func t(_ ref: String, _ s: String) -> String { "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(s)</t></is></c>" }
        let data = try workbook(sheetData: """
            <row r="1">\(t("A1", "PLAN DE ACCIÓN 2025"))</row>
            <row r="2">\(t("A2", "Identificación"))\(t("C2", "Trimestre I - 2025"))\(t("E2", "Trimestre II - 2025"))</row>
            <row r="3">\(t("A3", "Código"))\(t("B3", "Indicador"))\(t("C3", "Resultado"))\(t("D3", "Fuente"))\(t("E3", "Resultado"))\(t("F3", "Fuente"))</row>
            <row r="4">\(t("A4", "401"))\(t("B4", "Mesas de participación instaladas"))<c r="C4"><v>2</v></c>\(t("D4", "Actas"))<c r="E4"><v>3</v></c>\(t("F4", "Actas"))</row>
            """, merges: "<mergeCells><mergeCell ref=\"A1:F1\"/><mergeCell ref=\"A2:B2\"/><mergeCell ref=\"C2:D2\"/><mergeCell ref=\"E2:F2\"/></mergeCells>")
        let content = try read(data)
        let table = try #require(content.tables.first)
        #expect(table.headerRowCount == 2 && table.rowCount == 3)
        #expect(table.grid[0][4] == "Trimestre II - 2025" && table.grid[1][4] == "Resultado")
        #expect(content.pages[0].lines.map(\.text) == ["PLAN DE ACCIÓN 2025"])
    }

    @Test("a shared formula's followers carry the master's formula, moved to their own cell")
    func sharedFormulaFollowers() throws {
        func t(_ ref: String, _ s: String) -> String { "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(s)</t></is></c>" }
        let data = try workbook(sheetData: """
            <row r="1">\(t("A1", "Meta"))\(t("B1", "Ejecutado"))\(t("C1", "Avance"))</row>
            <row r="2"><c r="A2"><v>10</v></c><c r="B2"><v>5</v></c><c r="C2"><f t="shared" ref="C2:C4" si="0">B2/A2*$A$2</f><v>5</v></c></row>
            <row r="3"><c r="A3"><v>10</v></c><c r="B3"><v>8</v></c><c r="C3"><f t="shared" si="0"/><v>8</v></c></row>
            <row r="4"><c r="A4"><v>4</v></c><c r="B4"><v>2</v></c><c r="C4"><f t="shared" si="0"/><v>5</v></c></row>
            """)
        let table = try #require(try read(data).tables.first)
        let formulas = table.cells.filter { $0.column == 2 && !$0.isHeader }.map { $0.source.formula }
        #expect(formulas == ["=B2/A2*$A$2", "=B3/A3*$A$2", "=B4/A4*$A$2"])
    }

    @Test("hidden rows holding values are read and said in the document's notes")
    func hiddenRowsAreNoted() throws {
        let data = try workbook(sheetData: """
            <row r="1"><c r="A1" t="inlineStr"><is><t>Actividad</t></is></c><c r="B1" t="inlineStr"><is><t>Meta</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>Talleres</t></is></c><c r="B2"><v>10</v></c></row>
            <row r="3" hidden="1"><c r="A3" t="inlineStr"><is><t>Visitas</t></is></c><c r="B3"><v>4</v></c></row>
            """)
        let content = try read(data)
        #expect(content.tables.first?.rowCount == 3)
        #expect(content.notes.contains { $0.contains("hides 1 row") && $0.contains("3") })
    }

    @Test("a hidden sheet is read and said in the document's notes")
    func hiddenSheetIsNoted() throws {
        // The helper writes the sheet element; its name carries the state attribute.
        let data = try workbook(sheetData: """
            <row r="1"><c r="A1" t="inlineStr"><is><t>Actividad</t></is></c><c r="B1" t="inlineStr"><is><t>Meta</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>Talleres</t></is></c><c r="B2"><v>10</v></c></row>
            """, sheetName: "Cálculos\" state=\"hidden")
        let content = try read(data)
        #expect(content.tables.count == 1)
        #expect(content.notes.contains { $0.contains("Cálculos") && $0.contains("hidden") })
    }

    @Test func missingWorkbookIsDamagedAndBombRefused() throws {
        #expect(throws: ReadError.damaged("no xl/workbook.xml in the archive")) {
            try read(try makeOfficeZip([("xl/styles.xml", "<styleSheet/>")]))
        }
        let bomb = try makeOfficeZip([("xl/workbook.xml", Data(count: 4 * 1024 * 1024))])
        #expect(throws: ReadError.self) { try read(bomb) }
        do { _ = try read(bomb) } catch let error as ReadError {
            guard case .tooLarge = error else { Issue.record("expected tooLarge, got \(error)"); return }
        }
    }

    @Test("a sheet is read as a stream: inline rich text joins its runs without phonetic guides, empty and self-closed cells keep their columns, a chart sheet has no cells")
    func streamedSheetReadsLikeTheTree() throws {
        let sheetData = """
        <row r="1"><c r="A1" t="inlineStr"><is><t>Actividad</t></is></c><c r="B1" t="inlineStr"><is><r><t>Meta </t></r><r><rPr><b/></rPr><t>anual</t></r><rPh><t>ヨミ</t></rPh></is></c><c r="C1" t="inlineStr"><is><t xml:space="preserve"> Avance </t></is></c></row>
        <row r="2"><c r="A2" t="inlineStr"><is><t>Talleres</t></is></c><c r="B2"/><c r="C2"><v>7</v></c></row>
        <row r="3"><c t="inlineStr"><is><t>Visitas</t></is></c><c><v>4</v></c><c><f>B3*2</f><v>8</v></c></row>
        """
        let content = try read(try workbook(sheetData: sheetData))
        let table = try #require(content.tables.first)
        #expect(table.grid == [["Actividad", "Meta anual", "Avance"], ["Talleres", "", "7"], ["Visitas", "4", "8"]])
        #expect(table.cell(row: 2, column: 2)?.source.formula == "=B3*2")
        #expect(table.cell(row: 2, column: 0)?.source.cell == "A3")
        let chart = try read(try workbook(sheets: [("Gráfico", "<chartsheet \(ssNS)><sheetPr/></chartsheet>")]))
        #expect(chart.tables.isEmpty && chart.pages.first?.hasText == false)
    }

    @Test("a worksheet that is not well-formed XML fails the workbook, naming the part")
    func malformedWorksheetFails() throws {
        let data = try workbook(sheets: [("Plan", "<worksheet \(ssNS)><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData></worksheet>")])
        do {
            _ = try read(data)
            Issue.record("a malformed worksheet was read")
        } catch let error as ReadError {
            guard case .damaged(let why) = error else { Issue.record("expected damaged, got \(error)"); return }
            #expect(why.contains("xl/worksheets/sheet1.xml is not well-formed XML"), "\(why)")
        }
    }
}
