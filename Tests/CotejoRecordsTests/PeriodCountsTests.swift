import Testing
import CotejoModel
@testable import CotejoRecords

@Suite("Period counts: how many things a report says happened in its period")
struct PeriodCountsTests {
    let reader = PeriodCounts()
    let title = "Informe de gestión III trimestre 2022"

    func read(_ paragraphs: [String], headers: [String] = []) -> [StatedTotal] {
        let regions = paragraphs.enumerated().map { paragraph([$1], page: 12 + $0) }
        let table = headers.isEmpty ? [] : [Table(index: 1, pages: [13], rowCount: 2, columnCount: 1, headerRowCount: 1,
                                                   cells: headers.map { Cell(row: 0, column: 0, text: $0, isHeader: true, source: Source(page: 13, text: $0)) }
                                                       + [Cell(row: 1, column: 0, text: "x", source: Source(page: 13, text: "x"))])]
        return reader.totals(in: DocumentContent(format: .pdf, pages: [], tables: table), regions: regions, title: title, year: 2022)
    }

    @Test("a sentence opening on the report's period and a TOTAL heading give counts of that period")
    func counts() throws {
        let t = read(["En este trimestre, se realizaron 50 solicitudes descritas así:",
                      "Afiliación transicional) En este Segundo trimestre se realizaron 37 afiliaciones institucionales."],
                     headers: ["TOTAL AFILIACIONES III TRIMESTRE 2022: 32"])
        #expect(t.map(\.label) == ["solicitudes", "afiliaciones", "afiliaciones"])
        #expect(t.map(\.executed) == [50, 37, 32] && t.allSatisfy { $0.period == "2022-Q3" && $0.planned == nil })
        #expect(t[2].source.first?.page == 13)
    }

    @Test("near misses: a part's count, a period named but not the report's, a qualified TOTAL, another quarter's TOTAL, no period in the title")
    func nearMisses() {
        #expect(read(["En el área administrativa se presentaron en este trimestre 30 comunicaciones.",
                      "En el II trimestre se presentaron 37 comunicaciones y en este se presentaron 30."],
                     headers: ["Total usuarios no satisfechos: 77", "TOTAL AFILIACIONES II TRIMESTRE 2022: 40"]).isEmpty)
        let untitled = reader.totals(in: DocumentContent(format: .pdf, pages: []),
                                     regions: [paragraph(["En este trimestre se realizaron 50 solicitudes."])], title: "Informe de gestión", year: 2022)
        #expect(untitled.isEmpty)
    }

    @Test("the previous period's count a report quotes is a total of that period")
    func previousPeriod() throws {
        let t = read(["Comparado con el trimestre anterior hubo una disminución del 10% (trimestre anterior se realizaron 45 afiliaciones)."])
        let x = try #require(t.first)
        #expect(t.count == 1 && x.label == "afiliaciones" && x.executed == 45 && x.period == "2022-Q2")
    }
}

@Suite("Period indicators: an indicator's percentage for a period")
struct PeriodIndicatorsTests {
    let reader = PeriodIndicators()

    @Test("a labelled figure and a sentence on this quarter with the previous quarter's figure")
    func indicators() {
        let page = Page(number: 7, blocks: [
            Block(lines: [TextLine(text: "Oportunidad de Respuesta II trimestre", source: Source(page: 7, bbox: BBox(x0: 50, y0: 100, x1: 250, y1: 112), text: "x"))]),
            Block(lines: [TextLine(text: ": 62%", source: Source(page: 7, bbox: BBox(x0: 400, y0: 100, x1: 430, y1: 112), text: "y"))]),
        ])
        let sentence = paragraph(["Como resultado, para este Tercer trimestre se obtuvo un indicador de oportunidad de respuesta del",
                                  "90% comparado con el primer trimestre. trimestre anterior 60%."], page: 7)
        let t = reader.totals(in: DocumentContent(format: .pdf, pages: [page]), regions: [sentence],
                              title: "Informe de gestión III trimestre 2022", year: 2022)
        #expect(Set(t.map { "\($0.label)|\($0.period!)|\(Int($0.reportedPercent!))" })
                == ["oportunidad respuesta|2022-Q3|90", "oportunidad respuesta|2022-Q2|60", "oportunidad respuesta|2022-Q2|62"])
    }

    @Test("near misses: a one-word name, a sentence read as a label, another kind of period")
    func nearMisses() {
        let sentence = paragraph(["En este trimestre se obtuvo un indicador de satisfacción del 70%, trimestre anterior 76%.",
                                  "De las comunicaciones de nuestros usuarios en este primer trimestre, un 3%"])
        let t = reader.totals(in: DocumentContent(format: .pdf, pages: []), regions: [sentence],
                              title: "Informe de gestión III trimestre 2022", year: 2022)
        #expect(t.isEmpty)
    }
}

@Suite("Prose shares: a percentage the text gives a table row")
struct ProseSharesTests {
    let table = Table(index: 1, pages: [70], rowCount: 4, columnCount: 3, headerRowCount: 1, cells: [
        ["LÍNEA", "INVERSIÓN", "%"], ["EJE TERRITORIAL", "2.927.582.004", "23.01%"], ["EJE SOCIAL", "7.845.644.374", "61.61%"],
        ["EJE SOCIAL", "100", "5%"],
    ].enumerated().flatMap { r, row in row.enumerated().map { c, t in
        Cell(row: r, column: c, text: t, isHeader: r == 0, source: Source(page: 70, bbox: BBox(x0: Double(c) * 90, y0: Double(r) * 20, x1: Double(c) * 90 + 80, y1: Double(r) * 20 + 15), text: t))
    } })

    @Test("«un 23.1% al Eje Territorial» restates the row EJE TERRITORIAL, with both places")
    func restates() throws {
        let t = ProseShares().totals(in: [paragraph(["el plan orientará sus recursos en un 23.1% al Eje Territorial, suelo y calidad ambiental"], page: 69)],
                                     tables: [table])
        let x = try #require(t.first)
        #expect(t.count == 1 && x.reportedPercent == 23.1 && x.restates == "eje territorial" && x.source.map(\.text) == ["23.1%", "23.01%"])
    }

    @Test("near misses: a label whose rows state two percentages, words that name no row")
    func nearMisses() {
        let t = ProseShares().totals(in: [paragraph(["un 61.61% al Eje Social y un 1.27% al Eje Económico"], page: 69)], tables: [table])
        #expect(t.isEmpty)
    }
}
