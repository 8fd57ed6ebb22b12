import CotejoSpanish
import Testing
import CotejoModel
@testable import CotejoRecords

/// A table from rows of texts; `merges` lists header cells spanning columns (row, column, span).
func measureTable(_ rows: [[String]], headerRows: Int, merges: [(Int, Int, Int)] = []) -> Table {
    var cells: [Cell] = []
    var covered = Set<[Int]>()
    for (r, c, span) in merges { for k in (c + 1)..<(c + span) { covered.insert([r, k]) } }
    for (r, row) in rows.enumerated() {
        for (c, text) in row.enumerated() where !covered.contains([r, c]) {
            let span = merges.first { $0.0 == r && $0.1 == c }?.2 ?? 1
            cells.append(Cell(row: r, column: c, columnSpan: span, text: text, isHeader: r < headerRows,
                              source: Source(sheet: "Plan", cell: "\(Character(UnicodeScalar(65 + c)!))\(r + 1)", text: text)))
        }
    }
    return Table(index: 1, pages: [1], rowCount: rows.count, columnCount: rows.map(\.count).max() ?? 0,
                 headerRowCount: headerRows, cells: cells)
}

@Suite("Measures per period from column headers")
struct PeriodMeasuresTests {
    @Test("header periods", arguments: [
        ("META 2024", "2024"), ("Trimestre I - 2025 Resultado", "2025-Q1"), ("META EJECUTADA – TRIMESTRES 3", "Q3"),
        ("Ejecutado T2", "Q2"), ("Meta cuatrienio 2024-2027", "2024/2027"), ("Avance II semestre 2021", "2021-H2"),
        ("Ejecutado enero 2021", "2021-01"),
    ])
    func periods(header: String, period: String) {
        #expect(ColumnPeriod.period(of: header) == period)
    }

    @Test("no period: a plain target, a base year, a date column")
    func noPeriod() {
        for h in ["Meta del indicador", "Año base", "Fecha de actualización", "Responsable"] { #expect(ColumnPeriod.period(of: h) == nil, "\(h)") }
    }

    @Test("a quarterly report table: the year's target and the result of each quarter")
    func quarterlyReport() throws {
        let t = measureTable([["NOMBRE DEL INDICADOR", "META PROGRAMADA 2026", "META EJECUTADA – TRIMESTRES", "", "", ""],
                              ["", "", "1", "2", "3", "4"],
                              ["Jornadas de participación ciudadana realizadas", "12", "3", "4", "", ""]],
                             headerRows: 2, merges: [(0, 2, 4)])
        let a = try #require(TableActivityExtractor().activities(in: t).first)
        #expect(a.measures.map(\.period) == ["2026", "Q1", "Q2"])
        #expect(a.measures[0].planned == 12 && a.measures[1].executed == 3 && a.measures[2].executed == 4)
        #expect(a.measures[1].fieldSources["executed"]?.cell == "C3")
    }

    @Test("a multi-year plan workbook: baseline, targets and results per year, the plan's target")
    func multiYearPlan() throws {
        let t = measureTable([["Indicador de producto", "Línea base", "Meta cuatrienio 2024-2027", "Meta 2024", "Ejecutado 2024", "Meta 2025", "Ejecutado 2025"],
                              ["Sedes educativas mejoradas", "10", "40", "10", "12", "10", "4"]], headerRows: 1)
        let a = try #require(TableActivityExtractor().activities(in: t).first)
        let byPeriod = Dictionary(uniqueKeysWithValues: a.measures.map { ($0.period, $0) })
        #expect(byPeriod["2024/2027"]?.planned == 40)
        #expect(byPeriod["2024"]?.planned == 10 && byPeriod["2024"]?.executed == 12)
        #expect(byPeriod["2025"]?.planned == 10 && byPeriod["2025"]?.executed == 4)
        #expect(byPeriod.count == 3)
        // The row's own figures are those of the period it reports on: the latest year with a result.
        #expect(a.planned == 10 && a.executed == 4 && a.fieldSources["executed"]?.cell == "G2", "\(String(describing: a.planned)) \(String(describing: a.executed)) \(String(describing: a.reportedPercent))")
    }

    @Test("the reported period: the latest one with a result, a year after its quarters, never the plan period")
    func reportedPeriod() {
        let ms = [Measure(period: "2024/2027", planned: 40, executed: 16), Measure(period: "2025", planned: 10, executed: 4),
                  Measure(period: "2025-Q2", planned: 3, executed: 2), Measure(period: "2026-Q1", planned: 3)]
        #expect(TableActivityExtractor.reportedMeasure(ms)?.period == "2025")
        #expect(TableActivityExtractor.periodEnd("2025-Q2")! < TableActivityExtractor.periodEnd("2025")!)
        #expect(TableActivityExtractor.reportedMeasure([Measure(period: "2024/2027", planned: 40, executed: 16)]) == nil)
    }
}

extension PeriodMeasuresTests {
    @Test("a weighted project sheet: the weight, baseline and accumulated columns are the row's, per-year figures its measures")
    func weightedSheet() throws {
        let t = measureTable([["Actividad", "Ponderación", "Línea base", "Meta 2025", "Ejecutado 2025", "% avance ponderado", "Acumulado"],
                              ["Mantenimiento de vías terciarias", "30%", "12", "10", "8", "24%", "20"]], headerRows: 1)
        let a = try #require(TableActivityExtractor().activities(in: t).first)
        #expect(a.weight == 30 && a.baseline == 12 && a.accumulated == 20)
        #expect(a.fieldSources["weight"]?.cell == "B2")
        #expect(a.measures.first { $0.period == "2025" }?.executed == 8)
    }
}
