import CotejoSpanish
import Testing
import CotejoModel
@testable import CotejoRecords

/// A table from rows of texts (the first `headerRows` are headers), each cell with a PDF-style box.
func statementTable(_ rows: [[String]], headerRows: Int = 1, index: Int = 1) -> Table {
    var cells: [Cell] = []
    for (r, row) in rows.enumerated() {
        for (c, text) in row.enumerated() {
            cells.append(Cell(row: r, column: c, text: text, isHeader: r < headerRows,
                              source: Source(page: 4, bbox: BBox(x0: Double(c) * 80, y0: Double(r) * 20,
                                                                x1: Double(c) * 80 + 78, y1: Double(r) * 20 + 18), text: text)))
        }
    }
    return Table(index: index, pages: [4], rowCount: rows.count, columnCount: rows.map(\.count).max() ?? 0,
                 headerRowCount: headerRows, cells: cells)
}

@Suite("Table statements: shares, changes, TOTAL rows and columns")
struct TableStatementsTests {
    let reader = TableStatements()

    @Test("a count column with its % column over a TOTAL row gives one share per row, whole from the TOTAL")
    func sharesOverTotalRow() throws {
        let t = statementTable([["Área", "Cantidad", "%"],
                                ["Administrativa", "4", "21%"], ["Asistenciales", "13", "35%"], ["Mixtas", "2", "5%"],
                                ["TOTAL", "19", "51%"]])
        let r = reader.read(t)
        #expect(r.claims.count == 3)
        let asis = try #require(r.claims.first { $0.label == "Asistenciales" })
        #expect(asis.kind == .share && asis.part == 13 && asis.whole == 19 && asis.reportedPercent == 35)
        #expect(asis.fieldSources["whole"]?.text == "19")
        // Both columns add up to their TOTAL cell: counts to 19, percentages to 51.
        let counts = try #require(r.sums.first { !$0.isPercent })
        #expect(counts.total == 19 && counts.parts == [4, 13, 2] && counts.table == 1)
        #expect(r.sums.contains { $0.isPercent && $0.total == 51 && $0.parts == [21, 35, 5] })
    }

    @Test("without a TOTAL row, shares need percentages that add up to 100")
    func sharesWithoutTotal() {
        let dist = statementTable([["Estado", "N", "%"], ["Malo", "30", "30%"], ["Bueno", "70", "70%"]])
        #expect(reader.read(dist).claims.map(\.whole) == [100, 100])
        let notDist = statementTable([["Estado", "N", "%"], ["Malo", "30", "10%"], ["Bueno", "70", "45%"]])
        #expect(reader.read(notDist).claims.isEmpty)
    }

    @Test("a % column that is the ratio of two figures of its row is compliance, not a share (near miss)")
    func complianceIsNoShare() {
        let t = statementTable([["Actividad", "Programado", "Ejecutado", "%"],
                                ["Talleres", "10", "8", "80%"], ["Visitas", "20", "20", "100%"], ["Total", "30", "28", "93%"]])
        #expect(reader.read(t).claims.isEmpty)
    }

    @Test("a % column that is one count over another in most rows: every row a share, the row it misses included")
    func rowRatioShares() throws {
        let t = statementTable([["AÑO", "POBLACIÓN DANE", "NÚMERO DE AFILIADOS", "PORCENTAJE DE AFILIACIÓN"],
                                ["2016", "172.364", "163.440", "95%"], ["2017", "175.407", "165.317", "94%"],
                                ["2018", "178.450", "166.625", "93%"], ["2019", "181.493", "170.606", "90%"]])
        let claims = reader.read(t).claims
        #expect(claims.count == 4)
        let y2019 = try #require(claims.first { $0.label.hasPrefix("2019") })
        #expect(y2019.kind == .share && y2019.part == 170606 && y2019.whole == 181493 && y2019.reportedPercent == 90)
        // Two rows only: no pair is settled.
        let short = statementTable([["AÑO", "POBLACIÓN", "AFILIADOS", "%"], ["2016", "172.364", "163.440", "95%"], ["2017", "175.407", "165.317", "94%"]])
        #expect(reader.read(short).claims.isEmpty)
    }

    @Test("a row of percentages that is one row over another, year by year")
    func rowOfRatios() throws {
        let t = statementTable([["CONCEPTO", "2017", "2018", "2019"],
                                ["TOTAL INGRESOS (ICLD)", "37.869", "40.549", "42.196"],
                                ["GASTOS DE FUNCIONAMIENTO", "24.183", "28.153", "24.839"],
                                ["INDICADOR DE GF/ICLD", "64%", "75%", "59%"],
                                ["Valor máximo ley 617", "70%", "70%", "70%"]])
        let claims = reader.read(t).claims
        #expect(claims.count == 3)
        let y2018 = try #require(claims.first { $0.label.hasPrefix("2018") })
        #expect(y2018.part == 28153 && y2018.whole == 40549 && y2018.reportedPercent == 75)
    }

    @Test("the table's convention reads \"40,549\" as 40549 where commas group thousands, and the Spanish way otherwise")
    func conventionSettlesAmbiguousFigures() throws {
        let t = statementTable([["CONCEPTO", "2017", "2018", "2019"],
                                ["TOTAL INGRESOS (ICLD)", "37,869", "40,549", "42,196"],
                                ["GASTOS DE FUNCIONAMIENTO", "24,183", "28,153", "24,839"],
                                ["INDICADOR DE GF/ICLD", "64%", "69%", "59%"]])
        let english = try #require(reader.read(t, convention: .decimalPoint).claims.first { $0.label.hasPrefix("2018") })
        #expect(english.part == 28153 && english.whole == 40549)
        let spanish = try #require(reader.read(t).claims.first { $0.label.hasPrefix("2018") })
        #expect(spanish.part == 28.153)
        // The page around the table shows the convention when the table alone does not.
        let page = Page(number: 4, blocks: [Block(lines: [TextLine(text: "Deuda total 27,230,376,544 y 8,115,641,017 y 3,841,391,988",
                                                                   source: Source(page: 4, text: "Deuda"))])])
        #expect(NumberConvention.of(t, in: DocumentContent(format: .pdf, pages: [page], tables: [t]), document: .unknown) == .decimalPoint)
    }

    @Test("a table pasted from an English spreadsheet keeps its convention amid Spanish prose; a table that shows none takes the page's")
    func tableConventionAmidSpanishProse() {
        let english = statementTable([["CONCEPTO", "2018", "2019", "VARIACION"],
                                      ["GASTOS DE FUNCIONAMIENTO", "26,429,692", "33,352,882", "20.76%"],
                                      ["Deporte", "469,696", "436,938", "-7.50%"],
                                      ["Cultura", "268,280", "310,760", "13.67%"],
                                      ["TOTAL", "27,167,668", "34,100,580", "20.33%"]])
        let prose = Page(number: 4, blocks: [Block(lines: [TextLine(text: "creció en un 8,38 % y suma 1.234.567 y 2.345.678 y 12,5 %",
                                                                    source: Source(page: 4, text: "creció"))])])
        #expect(NumberConvention.of(english, in: DocumentContent(format: .pdf, pages: [prose], tables: [english]), document: .decimalComma) == .decimalPoint)
        // Percentages with a decimal point do not settle a table whose total is "4.438" (4438).
        let strata = statementTable([["ESTRATO", "VIVIENDAS", "%"], ["1. Bajo bajo", "3951", "89.03%"], ["2. Bajo", "234", "5.27%"],
                                     ["6. Alto", "9", "0.20%"], ["TOTAL", "4.438", "100%"]])
        #expect(NumberConvention.of(strata, in: DocumentContent(format: .pdf, pages: [prose], tables: [strata]), document: .decimalComma) != .decimalPoint)
        // The near miss: a table of ambiguous figures only ("469,696") reads as its page does.
        let bare = statementTable([["CONCEPTO", "2018", "2019"], ["Deporte", "469,696", "436,938"], ["Cultura", "268,280", "310,760"]])
        #expect(NumberConvention.of(bare, in: DocumentContent(format: .pdf, pages: [prose], tables: [bare]), document: .unknown) == .decimalComma)
    }

    @Test("a figure with its year beside it in one cell is the figure; other words beside a figure are not")
    func figureWithItsYear() {
        #expect(TableStatements.figureWithItsYear("175.407 año 2016")?.value == 175407)
        #expect(TableStatements.figureWithItsYear("181.493 (2018)")?.value == 181493)
        #expect(TableStatements.figureWithItsYear("175.407 personas 2016") == nil)
        #expect(TableStatements.figureWithItsYear("12 y 15 año 2016") == nil)
    }

    @Test("a column of rates headed by two years is a change between those years' columns")
    func changeColumns() throws {
        let t = statementTable([["Concepto", "2017", "2018", "2018-2017"],
                                ["Tributarios", "100", "110", "10,00%"], ["Capital", "200", "150", "-25,00%"]])
        let r = reader.read(t)
        let capital = try #require(r.claims.first { $0.label == "Capital" })
        #expect(capital.kind == .change && capital.from == 200 && capital.to == 150 && capital.reportedPercent == -25)
    }

    @Test("a TOTAL column adds up the figures left of it in each row")
    func totalColumn() throws {
        let t = statementTable([["Tipo", "I TRIM", "II TRIM", "III TRIM", "TOTAL"],
                                ["Quejas", "5", "6", "7", "18"], ["Reclamos", "1", "2", "3", "7"]])
        let r = reader.read(t)
        let reclamos = try #require(r.sums.first { $0.label == "Reclamos" })
        #expect(reclamos.total == 7 && reclamos.parts == [1, 2, 3])
    }

    @Test("a merged TOTAL cell counts once: its copies in the grid are no column totals")
    func mergedCellsCountOnce() {
        var t = statementTable([["Grupo", "A", "B"], ["x", "1", "2"], ["y", "3", "4"], ["TOTAL", "10", ""]])
        t.cells.removeAll { $0.row == 3 && $0.column == 2 }
        if let i = t.cells.firstIndex(where: { $0.row == 3 && $0.column == 1 }) { t.cells[i].columnSpan = 2 }
        #expect(reader.read(t).sums.isEmpty)
    }

    @Test("shares across a row: SI | % | NO | % with the whole the sum of the counts")
    func rowShares() throws {
        let t = statementTable([["SI", "%", "NO", "%", "NS/NR", "%"], ["24", "66,67", "9", "25", "3", "8,333"]])
        let r = reader.read(t)
        let si = try #require(r.claims.first { $0.label == "SI" })
        #expect(si.part == 24 && si.whole == 36 && si.reportedPercent == 66.67)
        let off = statementTable([["SI", "%", "NO", "%"], ["24", "50", "9", "25"]])
        #expect(reader.read(off).claims.isEmpty)
    }
}

@Suite("Formula ratios")
struct FormulaRatiosTests {
    @Test("a cell holding =121/228 shown as 53% states 121 of 228")
    func literalRatio() throws {
        var t = statementTable([["Indicador", "Resultado"], ["Establecimientos con plan", "53%"]])
        let i = try #require(t.cells.firstIndex { $0.row == 1 && $0.column == 1 })
        t.cells[i].source = Source(sheet: "Hoja1", cell: "B2", text: "53%", formula: "=121/228")
        let c = try #require(FormulaRatios().claims(in: t).first)
        #expect(c.part == 121 && c.whole == 228 && c.reportedPercent == 53 && c.label == "Establecimientos con plan")
        #expect(c.source.first?.formula == "=121/228")
    }

    @Test("formulas over cell references, or that are no plain ratio, state nothing by themselves")
    func referencesAreNoRatio() {
        #expect(FormulaRatios.literalRatio("=+(Y63*100)/U63") == nil)
        #expect(FormulaRatios.literalRatio("=158660+143997") == nil)
        #expect(FormulaRatios.literalRatio("=(121/228)*100")! == (121, 228))
    }
}

@Suite("Labelled figure rows")
struct LabelledFigureRowsTests {
    func line(_ text: String, x: Double, y: Double) -> TextLine {
        TextLine(text: text, source: Source(page: 7, bbox: BBox(x0: x, y0: y, x1: x + Double(text.count) * 5, y1: y + 10), text: text))
    }

    @Test("blocks on one baseline read as labels and their figures, under the indicator above them")
    func formRow() throws {
        let lines = [line("NÚMERO DE PERSONAS VINCULADAS AL SGSSS", x: 40, y: 100),
                     line("Valor Programado", x: 40, y: 120), line("951", x: 150, y: 120),
                     line("Valor Ejecutado", x: 250, y: 120), line("2", x: 350, y: 120),
                     line("% Cumplimiento", x: 420, y: 120), line("0", x: 520, y: 120)]
        let page = Page(number: 7, blocks: lines.map { Block(lines: [$0]) })
        let a = try #require(LabelledFigureRows().activities(in: DocumentContent(format: .pdf, pages: [page])).first)
        #expect(a.planned == 951 && a.executed == 2 && a.reportedPercent == 0)
        #expect(a.description == "NÚMERO DE PERSONAS VINCULADAS AL SGSSS")
        #expect(a.fieldSources["planned"]?.bbox?.x0 == 150)
    }

    @Test("a form leaves blank room between the indicator and its figures: the indicator is still theirs; text further up is not")
    func indicatorAboveAGap() throws {
        let lines = [line("Meta producto", x: 40, y: 40), line("DISMINUIR A 225 LOS CASOS DE ACCIDENTES", x: 40, y: 52),
                     line("Valor Programado", x: 40, y: 100), line("235", x: 150, y: 100),
                     line("Valor Ejecutado", x: 250, y: 100), line("255", x: 350, y: 100)]
        let page = Page(number: 7, blocks: lines.map { Block(lines: [$0]) })
        let a = try #require(LabelledFigureRows().activities(in: DocumentContent(format: .pdf, pages: [page])).first)
        #expect(a.description == "Meta producto DISMINUIR A 225 LOS CASOS DE ACCIDENTES")
        // Farther than a form's room: the figures stand alone.
        let far = [line("Texto de otra sección", x: 40, y: 20)] + lines.dropFirst(2).map { l in
            var m = l; m.source.bbox = l.source.bbox.map { BBox(x0: $0.x0, y0: $0.y0 + 60, x1: $0.x1, y1: $0.y1 + 60) }; return m
        }
        let farPage = Page(number: 7, blocks: far.map { Block(lines: [$0]) })
        let b = try #require(LabelledFigureRows().activities(in: DocumentContent(format: .pdf, pages: [farPage])).first)
        #expect(!b.description.contains("Texto de otra"))
    }

    @Test("a labelled indicator that ends a page gives its figures at the top of the next page their description, read column by column")
    func indicatorBeforeThePageBreak() throws {
        func at(_ page: Int, _ text: String, x: Double, y: Double) -> TextLine {
            TextLine(text: text, source: Source(page: page, bbox: BBox(x0: x, y0: y, x1: x + Double(text.count) * 4, y1: y + 10), text: text))
        }
        let p10 = Page(number: 10, blocks: [
            at(10, "Valor Programado", x: 40, y: 100), at(10, "7.934", x: 150, y: 100), at(10, "Valor Ejecutado", x: 250, y: 100),
            at(10, "7.577", x: 350, y: 100),
            at(10, "Meta producto", x: 40, y: 700), at(10, "Indicador", x: 400, y: 700),
            at(10, "CASOS DE MORBILIDAD EN", x: 400, y: 712),
            at(10, "DISMINUIR EN UN (3%) LOS FACTORES DE RIESGO", x: 40, y: 724), at(10, "ENFERMEDADES PREVALENTES", x: 400, y: 724),
        ].map { Block(lines: [$0]) })
        let p11 = Page(number: 11, blocks: [
            at(11, "Actividades Realizadas", x: 40, y: 60), at(11, "2014-CT-182 REALIZAR AUDITORIA", x: 40, y: 72),
            at(11, "Valor Programado", x: 40, y: 130), at(11, "3.416", x: 150, y: 130), at(11, "Valor Ejecutado", x: 250, y: 130),
            at(11, "2.819", x: 350, y: 130),
        ].map { Block(lines: [$0]) })
        let activities = LabelledFigureRows().activities(in: DocumentContent(format: .pdf, pages: [p10, p11]))
        let cut = try #require(activities.first { $0.planned == 3416 })
        #expect(cut.description == "Meta producto DISMINUIR EN UN (3%) LOS FACTORES DE RIESGO Indicador CASOS DE MORBILIDAD EN ENFERMEDADES PREVALENTES")
        // The near miss: without the labelled block at the foot of page 10 the figures keep the text above them.
        let plain = Page(number: 10, blocks: [p10.blocks[0], p10.blocks[1], p10.blocks[2], p10.blocks[3]])
        let alone = LabelledFigureRows().activities(in: DocumentContent(format: .pdf, pages: [plain, p11]))
        #expect(alone.first { $0.planned == 3416 }?.description.hasPrefix("Actividades Realizadas") == true)
    }

    @Test("a sentence with figures is no form row (near miss)")
    func proseIsNoForm() {
        let text = "En la vigencia se programaron actividades con la comunidad y se ejecutaron 12 de ellas en 2021"
        let page = Page(number: 1, blocks: [Block(lines: [line(text, x: 40, y: 100)])])
        #expect(LabelledFigureRows().activities(in: DocumentContent(format: .pdf, pages: [page])).isEmpty)
    }

    @Test("plain text lines: 'Meta: 12  Ejecutado: 10  Avance: 83 %'")
    func textLine() throws {
        let l = TextLine(text: "Meta: 12   Ejecutado: 10   Avance: 83 %", source: Source(line: 5, text: "x"))
        let page = Page(number: 1, blocks: [Block(lines: [TextLine(text: "Talleres de formación", source: Source(line: 4, text: "x")), l])])
        let a = try #require(LabelledFigureRows().activities(in: DocumentContent(format: .txt, pages: [page])).first)
        #expect(a.planned == 12 && a.executed == 10 && a.reportedPercent == 83)
    }
}

@Suite("Measure labels")
struct MeasureLabelTests {
    @Test("the field's words for targets, results, percentages, weights and budgets", arguments: [
        ("Valor Programado", MeasureKind.planned), ("META PROGRAMADA 2026", .planned), ("Meta del indicador", .planned),
        ("META EJECUTADA", .executed), ("Resultado", .executed), ("Logro", .executed), ("% Cumplimiento", .percent),
        ("Porcentaje de avance", .percent), ("Ponderación", .weight), ("Línea base", .baseline), ("Acumulado", .accumulated),
        ("Presupuesto ejecutado", .budgetExecuted), ("Presupuesto programado", .budgetPlanned),
    ])
    func kinds(_ label: String, _ kind: MeasureKind) {
        #expect(MeasureLabel.kind(of: label) == kind)
    }

    @Test("words that measure nothing", arguments: ["Responsable", "Actividad", "Observaciones", "Fuente de verificación"])
    func none(_ label: String) { #expect(MeasureLabel.kind(of: label) == nil) }
}

extension TableStatementsTests {
    @Test("a run of status columns that adds up to the count column in most rows is a split; the rows off are kept")
    func splits() throws {
        let t = statementTable([["EPS", "CANT", "Aprobadas", "no aprobadas", "en trámite", "sin respuesta", "SIAU", "USUARIO"],
                                ["AIC", "1", "1", "", "", "", "1", ""],
                                ["COMFACHOCO", "5", "", "", "", "5", "5", ""],
                                ["NUEVA EPS", "17", "17", "", "", "", "17", ""],
                                ["SURA", "9", "9", "", "", "", "", "9"],
                                ["CAJACOPI", "4", "4", "", "1", "", "4", ""],
                                ["total", "36", "31", "", "1", "5", "27", "9"]])
        let sums = reader.read(t).sums.filter { $0.label.contains("CANT =") }
        // Statuses split CANT in 4 of 6 rows; SIAU + USUARIO in all of them. Rows with one figure that
        // equals the whole say nothing and are not kept.
        let caja = try #require(sums.first { $0.label.hasPrefix("CAJACOPI: CANT = Aprobadas") })
        #expect(caja.total == 4 && caja.parts == [4, 1] && caja.table == 1)
        #expect(sums.contains { $0.label.hasPrefix("total: CANT = Aprobadas") && $0.parts == [31, 1, 5] })
        #expect(sums.contains { $0.label == "total: CANT = SIAU + USUARIO" && $0.parts == [27, 9] })
        #expect(!sums.contains { $0.label.hasPrefix("AIC") })
    }

    @Test("a split holding in two thirds of a long table's rows, the misses first, is found; one miss more and it is not",
          arguments: [(66, true), (67, false)])
    func splitAtTheThreshold(misses: Int, found: Bool) {
        // The search stops early once no run can reach two thirds with the rows left; the threshold
        // itself must still be reached when every miss comes before the first fit.
        let rows = (0..<200).map { i in ["sede \(i)", "10"] + (i < misses ? ["3", "3"] : ["4", "6"]) }
        let t = statementTable([["Sede", "Casos", "Urbanos", "Rurales"]] + rows)
        #expect(!reader.read(t).sums.filter { $0.label.contains("Casos = Urbanos + Rurales") }.isEmpty == found)
    }

    @Test("near misses: year columns never split a plan target; columns of zeros prove nothing")
    func splitNearMisses() {
        let years = statementTable([["Indicador", "Meta cuatrienio", "2024", "2025", "2026", "2027"],
                                    ["Cobertura", "100", "100", "100", "100", "100"],
                                    ["Talleres", "40", "10", "10", "10", "10"], ["Visitas", "20", "5", "5", "5", "5"],
                                    ["Jornadas", "8", "2", "2", "2", "2"]])
        let zeros = statementTable([["Área", "Total", "A", "B"], ["x", "0", "0", "0"], ["y", "0", "0", "0"],
                                    ["z", "0", "0", "0"], ["w", "3", "1", "1"]])
        #expect(reader.read(years).sums.isEmpty)
        #expect(reader.read(zeros).sums.filter { $0.label.contains("=") }.isEmpty)
    }

    @Test("a row of percentages under the TOTAL leaves the count columns counts")
    func percentRowBelowTotal() {
        let t = statementTable([["AREA", "Q", "S", "total", "Rta oport", "No oport"],
                                ["médico", "9", "1", "10", "10", ""], ["PYP", "2", "", "2", "1", "1"],
                                ["administrativas", "3", "", "3", "1", "2"], ["adm/asist", "2", "", "2", "1", "1"],
                                ["total", "16", "1", "17", "14", "4"], ["%", "94%", "6%", "100%", "82%", "24%"]])
        let sums = reader.read(t).sums
        // "Rta oport" adds up to 13, not its TOTAL of 14; the split of the whole finds the same row off.
        #expect(sums.contains { $0.label == "Rta oport" && $0.total == 14 && $0.parts == [10, 1, 1, 1] })
        #expect(sums.contains { $0.label.hasPrefix("total: total = Rta oport") && $0.parts == [14, 4] })
    }

    @Test("a TOTAL row that every column falls short of belongs to a table cut from its first rows (near miss)")
    func cutTable() {
        let t = statementTable([["Especialidad", "Enero", "Febrero"], ["Ortopedia", "3", "2"], ["Pediatría", "1", "1"],
                                ["Total", "29", "50"]])
        #expect(reader.read(t).sums.isEmpty)
    }

    @Test("a row of percentages under the TOTAL row gives each total as a share of the one at 100 %")
    func percentRowShares() throws {
        let t = statementTable([["EPS", "CANT", "Aprobadas", "en trámite", "SIAU", "USUARIO"],
                                ["AIC", "7", "7", "", "7", ""], ["SURA", "29", "26", "3", "", "29"], ["NUEVA EPS", "58", "57", "1", "58", ""],
                                ["total", "94", "90", "4", "65", "29"], ["", "100%", "96%", "4%", "69%", "35%"]])
        let claims = reader.read(t).claims
        let siau = try #require(claims.first { $0.label == "total: SIAU" })
        #expect(siau.part == 65 && siau.whole == 94 && siau.reportedPercent == 69)
        #expect(siau.fieldSources["whole"]?.text == "94" && siau.fieldSources["reported_percent"]?.text == "69%")
        #expect(claims.filter { $0.label.hasPrefix("total:") }.count == 4)
    }

    @Test("a TOTAL row and a TOTAL column: the corner is the sum of every figure inside, a sparse column's too")
    func grandTotal() throws {
        let t = statementTable([["AREA", "P", "Q", "S", "total"],
                                ["médico", "", "11", "1", "12"], ["enfermería", "", "2", "", "2"],
                                ["citas", "1", "2", "", "3"], ["total", "", "15", "1", "16"]])
        let corner = try #require(reader.read(t).sums.first { $0.label.hasSuffix("todas las celdas") })
        #expect(corner.total == 16 && corner.parts.reduce(0, +) == 17)
    }

    @Test("a count that looks like a year (1903) is added with the others")
    func yearLikeCounts() throws {
        let t = statementTable([["PERSONAS ATENDIDAS", "2016", "2017"],
                                ["NIÑOS", "3187", "1418"], ["ADOLESCENTES", "1903", "548"], ["ADULTOS", "607", "228"],
                                ["AFRO", "9", "0"], ["TOTAL POR AÑO", "5706", "2194"]])
        let sums = reader.read(t).sums.filter { $0.label == "2016" }
        let s2016 = try #require(sums.first)
        #expect(s2016.parts == [3187, 1903, 607, 9] && s2016.total == 5706)
    }
}
