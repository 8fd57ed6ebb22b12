import Testing
import CotejoModel
@testable import CotejoRecords

/// The record stage on small documents built in code: each case one layout a real report uses.
@Suite struct RecordExtractionTests {
    // MARK: Helpers

    func line(_ text: String, page: Int = 1, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, size: Double = 12) -> TextLine {
        TextLine(text: text, source: Source(page: page, bbox: BBox(x0: x0, y0: y0, x1: x1, y1: y1), text: text), fontSize: size)
    }

    func flowLine(_ text: String, _ n: Int, heading: Bool = false) -> Block {
        Block(lines: [TextLine(text: text, source: Source(line: n, text: text))], role: heading ? .heading : .body)
    }

    func cell(_ r: Int, _ c: Int, _ text: String, header: Bool = false) -> Cell {
        Cell(row: r, column: c, text: text, isHeader: header, source: Source(xpath: "/html/body/table[1]/tr[\(r + 1)]/td[\(c + 1)]", text: text))
    }

    // MARK: Column roles

    @Test("Header words name the column's role", arguments: [
        ("ACTIVIDAD", ColumnRole.description), ("Actividades de gestión", .description), ("FECHA INICIO", .start),
        ("Fecha de terminación", .end), ("Fecha programada", .end), ("Fecha propuesta ", .end), ("Fecha prevista", .end), ("UNIDAD DE MEDIDA", .unitOfMeasure), ("META TRIMESTRE 1", .periodTarget),
        ("Meta programada", .planned), ("Meta ejecutada", .executed), ("% de avance", .percent), ("Cumplimiento vigencia", .percent),
        ("RESPONSABLE", .responsible), ("Dependencia", .unit), ("PERIODICIDAD", .periodicity), ("ITEM", .item), ("No.", .item),
        ("CICLO DE PROCESO P: Planear H: Hacer", .phase), ("DESCRIPCIÓN DEL INDICADOR", .indicator), ("META", .target),
        ("META DEL INDICADOR", .other), ("DESCRIPCIÓN DE LOS CRITERIOS", .criteria), ("Producto final", .product),
    ])
    func roles(header: String, role: ColumnRole) {
        #expect(ColumnRole.from(header: header) == role)
    }

    // MARK: Tables

    @Test func tableRowsBecomeActivitiesWithFieldSources() throws {
        let headers = ["No.", "Acción", "Fecha de inicio", "Fecha de terminación", "Meta programada", "Meta ejecutada", "% de avance", "Indicador"]
        var cells = headers.enumerated().map { cell(0, $0.offset, $0.element, header: true) }
        let rows = [["1", "Realizar mesas de trabajo con rectores", "01-febrero-2021", "31-marzo-2021", "12", "10", "83 %", "Dos (2) mesas realizadas"],
                    ["2", "Total", "", "", "12", "10", "83 %", ""]]
        for (r, row) in rows.enumerated() { for (c, t) in row.enumerated() { cells.append(cell(r + 1, c, t)) } }
        let table = Table(index: 1, pages: [1], rowCount: 3, columnCount: 8, headerRowCount: 1, cells: cells)
        let acts = TableActivityExtractor().activities(in: table)
        // The totals row is not an activity.
        #expect(acts.count == 1)
        let a = try #require(acts.first)
        #expect(a.item == "1" && a.planned == 12 && a.executed == 10 && a.reportedPercent == 83)
        #expect(a.start == DayDate(year: 2021, month: 2, day: 1) && a.end == DayDate(year: 2021, month: 3, day: 31))
        #expect(a.targetQuantity == 2)
        #expect(a.fieldSources["planned"]?.xpath == "/html/body/table[1]/tr[2]/td[5]")
        #expect(a.source.first?.xpath == "/html/body/table[1]/tr[2]")
        #expect(!a.figuresUnlabelled)
    }

    @Test func headerlessFiguresAreLeftForArithmetic() throws {
        var cells = [cell(0, 3, "Cumplimiento vigencia", header: true)]
        for (c, t) in ["Desarrollar la estrategia de difusión del modelo", "29", "20", "145%"].enumerated() { cells.append(cell(1, c, t)) }
        let acts = TableActivityExtractor().activities(in: Table(index: 1, pages: [1], rowCount: 2, columnCount: 4, headerRowCount: 1, cells: cells))
        let a = try #require(acts.first)
        #expect(a.figuresUnlabelled && a.planned == 29 && a.executed == 20 && a.reportedPercent == 145)
    }

    @Test func aKeyValueTableIsNoActivityTable() {
        let cells = [cell(0, 0, "NOMBRE DE LA POLÍTICA"), cell(0, 1, "Política de participación"),
                     cell(1, 0, "Objetivo"), cell(1, 1, "Conocer y registrar los avances de la política")]
        #expect(TableActivityExtractor().activities(in: Table(index: 1, pages: [1], rowCount: 2, columnCount: 2, headerRowCount: 0, cells: cells)).isEmpty)
    }

    // MARK: Slide rows

    @Test func slideRowsFromSeparateBoxes() throws {
        let blocks = [
            Block(lines: [line("Desarrollar la estrategia de difusión y posicionamiento", page: 9, 60, 160, 560, 190)]),
            Block(lines: [line("29", page: 9, 630, 162, 660, 194, size: 24)]),
            Block(lines: [line("20", page: 9, 726, 162, 753, 194, size: 24)]),
            Block(lines: [line("145%", page: 9, 805, 163, 861, 192, size: 24)]),
            // A description alone, with no figures beside it, is no row.
            Block(lines: [line("Nota: corte enero a diciembre de la vigencia", page: 9, 60, 480, 300, 500)]),
        ]
        let rows = FigureRowExtractor().rows(on: Page(number: 9, width: 960, height: 540, blocks: blocks))
        #expect(rows.count == 1)
        let a = try #require(rows[0])
        #expect(a.planned == 29 && a.executed == 20 && a.reportedPercent == 145 && a.figuresUnlabelled)
        #expect(a.source.first?.page == 9 && a.source.first?.bbox == BBox(x0: 60, y0: 160, x1: 861, y1: 194))
    }

    @Test func slideRowsInPlainTextAndUnitsFromSections() throws {
        let lines = ["3.1", "EQUIPO GOBIERNO ABIERTO - OFICINA ASESORA DE PLANEACIÓN",
                     "Realizar talleres de usabilidad de la plataforma", "3", "Cumplimiento", "3", "100%",
                     "04", "COMPROMISOS", "Realizar otra cosa distinta sin sección", "1", "1", "100%"]
        let content = DocumentContent(format: .txt, pages: [Page(number: 1, blocks: lines.enumerated().map { flowLine($1, $0 + 1) })])
        let acts = RecordExtractor().extract(from: content).activities
        #expect(acts.count == 2)
        #expect(acts[0].unit == "EQUIPO GOBIERNO ABIERTO - OFICINA ASESORA DE PLANEACIÓN")
        #expect(acts[0].planned == 3 && acts[0].reportedPercent == 100)
        // A level-1 section ends the unit.
        #expect(acts[1].unit == nil)
    }

    @Test func numberedEventSectionsAreActivitiesOnce() {
        let lines = ["1. INTRODUCCIÓN", "Se realizaron tres (3) foros.", "3. FORO POLÍTICAS PÚBLICAS", "texto", "4. FORO CAUSAS CIUDADANAS",
                     "texto", "5. CONCLUSIONES", "3. FORO POLÍTICAS PÚBLICAS"]
        let content = DocumentContent(format: .txt, pages: [Page(number: 1, blocks: lines.enumerated().map { flowLine($1, $0 + 1) })])
        let acts = RecordExtractor().extract(from: content).activities
        #expect(acts.map(\.description) == ["FORO POLÍTICAS PÚBLICAS", "FORO CAUSAS CIUDADANAS"])
        #expect(acts.first?.source.first?.line == 3)
    }

    @Test("Section headings", arguments: [
        ("3.1 EQUIPO GOBIERNO ABIERTO", "3.1", 2), ("3. FORO POLÍTICAS PÚBLICAS", "3", 1), ("04", "04", 1), ("3.1", "3.1", 2),
    ])
    func headings(text: String, number: String, level: Int) throws {
        let h = try #require(SectionHeading.parse(text))
        #expect(h.number == number && h.level == level)
    }

    @Test("Not headings", arguments: ["29", "2021", "12 compromisos a cargo", "3 3 100%", "1.234 personas", "3. FORO … 5"])
    func notHeadings(text: String) {
        #expect(SectionHeading.parse(text) == nil)
    }

    // MARK: Prose

    @Test func statedTotalsPairWithTheCardOfTheSamePeriod() throws {
        let blocks = [
            Block(lines: [line("Se programaron 69 productos para la vigencia y se ejecutaron 78", page: 4, 40, 130, 300, 420)]),
            Block(lines: [line("113 %", page: 4, 360, 136, 600, 216, size: 40), line("CUMPLIMIENTO", page: 4, 360, 216, 600, 252),
                          line("Ejecución de actividades enero – diciembre", page: 4, 360, 266, 600, 380)]),
            Block(lines: [line("125% CUMPLIMIENTO II CUATRIMESTRE", page: 4, 660, 122, 910, 220),
                          line("Para el cuatrimestre de septiembre – diciembre se tenían 28 actividades programadas y se ejecutaron 35", page: 4, 660, 220, 910, 340)]),
        ]
        let totals = ProseRecordExtractor().extract(from: DocumentContent(format: .pdf, pages: [Page(number: 4, width: 960, height: 540, blocks: blocks)]), year: 2021).totals
        #expect(totals.count == 2)
        let year = try #require(totals.first { $0.planned == 69 })
        #expect(year.executed == 78 && year.reportedPercent == 113 && year.months == 1...12)
        let period = try #require(totals.first { $0.planned == 28 })
        #expect(period.executed == 35 && period.reportedPercent == 125 && period.months == 9...12)
        #expect(year.source.count == 3 && year.source.allSatisfy { $0.page == 4 })
    }

    @Test func tableTextIsNoStatement() {
        let header = line("Meta programada", 300, 100, 380, 112)
        let figure = line("1", 300, 120, 310, 132)
        let table = Table(index: 1, pages: [1], rowCount: 2, columnCount: 1, headerRowCount: 1, cells: [
            Cell(row: 0, column: 0, text: header.text, isHeader: true, source: header.source),
            Cell(row: 1, column: 0, text: figure.text, source: figure.source),
        ])
        let page = Page(number: 1, width: 612, height: 792, blocks: [
            Block(lines: [header, figure]),
            Block(lines: [line("Se programaron 215 acciones y se ejecutaron 163, con un cumplimiento del 76 %", 40, 300, 560, 312)]),
        ])
        let totals = ProseRecordExtractor().extract(from: DocumentContent(format: .pdf, pages: [page], tables: [table]), year: 2023).totals
        #expect(totals.map(\.planned) == [215] && totals.first?.executed == 163 && totals.first?.reportedPercent == 76)
    }

    @Test func commitmentsByMonthWithTheirSplit() throws {
        let lines = ["Durante el mes de mayo de 2021, se recogieron 70 compromisos de los cuales:",
                     "50 compromisos no están a cargo de la ACPVR", "20 compromisos a cargo de la ACPVR",
                     "Durante el mes de octubre de 2021, No se recogieron compromisos.",
                     "Durante el mes de noviembre de 2021 se recogieron 25 compromisos"]
        let content = DocumentContent(format: .txt, pages: [Page(number: 1, blocks: lines.enumerated().map { flowLine($1, $0 + 1) })])
        let c = ProseRecordExtractor().extract(from: content, year: nil).commitments
        #expect(c.map(\.period) == ["2021-05", "2021-10", "2021-11"])
        #expect(c[0].collected == 70 && c[0].notInCharge == 50 && c[0].inCharge == 20)
        #expect(c[1].collected == 0 && c[1].inCharge == nil)
        #expect(c[2].collected == 25 && c[2].notInCharge == nil)
        #expect(c[0].source.contains { $0.line == 2 })
    }

    @Test("commitments by any plural preterite before the noun; a verb far from the noun opens nothing")
    func commitmentsByOtherVerbs() {
        let lines = ["En el mes de marzo de 2023 se pactaron 12 compromisos con la comunidad.",
                     "En abril de 2023 se realizaron 4 reuniones donde se habló de compromisos anteriores."]
        let content = DocumentContent(format: .txt, pages: [Page(number: 1, blocks: lines.enumerated().map { flowLine($1, $0 + 1) })])
        let c = ProseRecordExtractor().extract(from: content, year: nil).commitments
        #expect(c.map(\.period) == ["2023-03"] && c.first?.collected == 12)
    }
}

extension RecordExtractionTests {
    @Test("a year alone under a due-date header is due on its last day; other text is no date")
    func yearAsDeadline() {
        #expect(TableActivityExtractor.yearAsDeadline("2022") == DayDate(year: 2022, month: 12, day: 31))
        #expect(TableActivityExtractor.yearAsDeadline("2.022") == nil)
        #expect(TableActivityExtractor.yearAsDeadline("Permanente") == nil)
    }
}

extension RecordExtractionTests {
    @Test("a form row is an activity, never also a prose statement of the plan's totals")
    func formRowIsNoTotal() {
        func l(_ t: String, _ y: Double) -> Block {
            Block(lines: [TextLine(text: t, source: Source(page: 3, bbox: BBox(x0: 40, y0: y, x1: 560, y1: y + 11), text: t))])
        }
        let page = Page(number: 3, width: 612, height: 792, blocks: [
            l("IMPLEMENTAR EL PLAN OPERATIVO DEL PROGRAMA AMPLIADO DE INMUNIZACIONES", 100),
            l("Valor Programado 7.934 Valor Ejecutado 7.869 % Cumplimiento 99", 118),
            l("DISMINUIR A 0,85% LA TASA DE MORTALIDAD EN PRIMERA INFANCIA", 136)])
        let r = RecordExtractor().extract(from: DocumentContent(format: .pdf, pages: [page]))
        #expect(r.activities.contains { $0.planned == 7934 && $0.reportedPercent == 99 })
        #expect(r.totals.isEmpty)
    }
}

extension RecordExtractionTests {
    func splits(_ lines: [String]) -> [ColumnSum] {
        let content = DocumentContent(format: .txt, pages: [Page(number: 1, blocks: lines.enumerated().map { flowLine($1, $0 + 1) })])
        return ProseSplits().sums(in: TextRegions.regions(of: content))
    }

    @Test("a sentence splitting a whole: \"De las 43 afiliaciones 33 …, dos (5) … y 45 …\" is 43 = 33 + 5 + 45")
    func proseSplit() throws {
        let s = try #require(splits(["De las 43 afiliaciones 33 corresponden a recién nacidos, dos (5) afiliaciones a menores",
                                     "de edad y 45 afiliaciones a personas adultas."]).first)
        #expect(s.total == 43 && s.parts == [33, 5, 45] && s.table == nil)
        #expect(s.label == "De las 43 afiliaciones" && s.source.count == 4)
    }

    @Test("near misses: no closing \"y\", one part only, a percentage or a year among the figures")
    func proseSplitNearMisses() {
        #expect(splits(["De las 43 afiliaciones 33 corresponden a recién nacidos, 5 a menores de edad."]).isEmpty)
        #expect(splits(["De las 43 afiliaciones realizadas en el trimestre y 33 en el anterior se habla luego."]).isEmpty)
        #expect(splits(["De los 20 municipios visitados en 2021 y 2022 se habla luego en el informe."]).isEmpty)
    }
}
