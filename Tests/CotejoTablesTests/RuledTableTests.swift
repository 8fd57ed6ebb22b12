import Testing
@testable import CotejoTables
import CotejoModel

/// Ruled grids built in code: each test is one of the known failures of other extractors.
@Suite struct RuledTableTests {
    typealias S = Synthetic

    @Test func multiLineCellStaysOneCell() {
        let xs = [50.0, 150, 400], ys = [100.0, 120, 160, 180]
        let lines = [
            S.line("Nombre", x: 55, y: 105, bold: true), S.line("Valor", x: 155, y: 105, bold: true),
            S.line("Meta", x: 55, y: 125), S.line("Diseñar la política de", x: 155, y: 125),
            S.line("Participación Ciudadana", x: 155, y: 140),
            S.line("Total", x: 55, y: 165), S.line("12", x: 155, y: 165),
        ]
        let tables = TableStage().detectTables(on: S.page(lines: lines, rulings: S.grid(xs: xs, ys: ys)))
        #expect(tables.count == 1)
        let t = tables[0]
        #expect(t.rowCount == 3)
        #expect(t.columnCount == 2)
        #expect(t.grid[1][1] == "Diseñar la política de Participación Ciudadana")
        #expect(t.headerRowCount == 1)
        #expect(t.cells.first { $0.row == 0 }!.isHeader)
        let cell = t.cell(row: 1, column: 1)!
        #expect(cell.source.page == 1)
        #expect(cell.source.bbox == BBox(x0: 150, y0: 120, x1: 400, y1: 160))
    }

    /// A two-row header: ITEM spans both rows, "2021" spans the quarter columns below it.
    @Test func mergedCellsAndTwoRowHeader() {
        let xs = [50.0, 100, 200, 300], ys = [100.0, 120, 140, 160, 180]
        var rulings: [Ruling] = [S.h(100, 50, 300), S.h(140, 50, 300), S.h(160, 50, 300), S.h(180, 50, 300)]
        rulings.append(S.h(120, 100, 300))                      // no line under ITEM: it spans two rows
        rulings += [S.v(50, 100, 180), S.v(100, 100, 180), S.v(300, 100, 180)]
        rulings.append(S.v(200, 120, 180))                      // no line through "2021": it spans two columns
        _ = xs; _ = ys
        let lines = [
            S.line("ITEM", x: 55, y: 115, bold: true), S.line("2021", x: 185, y: 105, bold: true),
            S.line("META T1", x: 105, y: 125, bold: true), S.line("META T2", x: 205, y: 125, bold: true),
            S.line("1", x: 55, y: 145), S.line("10", x: 105, y: 145), S.line("20", x: 205, y: 145),
            S.line("2", x: 55, y: 165), S.line("30", x: 105, y: 165), S.line("40", x: 205, y: 165),
        ]
        let tables = TableStage().detectTables(on: S.page(lines: lines, rulings: rulings))
        #expect(tables.count == 1)
        let t = tables[0]
        #expect(t.rowCount == 4)
        #expect(t.columnCount == 3)
        #expect(t.headerRowCount == 2)
        let year = t.cells.first { $0.text == "2021" }!
        #expect(year.columnSpan == 2)
        #expect(t.cells.first { $0.text == "ITEM" }!.rowSpan == 2)
        // Header rows joined per column read "2021 META T1".
        let joined = (0..<t.columnCount).map { c in (0..<t.headerRowCount).map { t.grid[$0][c] } }
        #expect(joined[1] == ["2021", "META T1"])
        #expect(joined[2] == ["2021", "META T2"])
        #expect(t.grid[3] == ["2", "30", "40"])
    }

    @Test func twoTablesOnOnePageStayTwo() {
        let first = S.grid(xs: [50, 150, 250], ys: [100, 120, 140])
        let second = S.grid(xs: [50, 200, 300, 400], ys: [300, 320, 340, 360])
        let lines = [
            S.line("A", x: 55, y: 105), S.line("B", x: 155, y: 105), S.line("1", x: 55, y: 125), S.line("2", x: 155, y: 125),
            S.line("X", x: 55, y: 305), S.line("Y", x: 205, y: 305), S.line("Z", x: 305, y: 305),
            S.line("7", x: 55, y: 325), S.line("8", x: 205, y: 325), S.line("9", x: 305, y: 325),
            S.line("4", x: 55, y: 345), S.line("5", x: 205, y: 345), S.line("6", x: 305, y: 345),
        ]
        let tables = TableStage().detectTables(on: S.page(lines: lines, rulings: first + second))
        #expect(tables.count == 2)
        #expect(tables.map(\.columnCount) == [2, 3])
        #expect(tables.map(\.rowCount) == [2, 3])
        #expect(tables[1].grid[2] == ["4", "5", "6"])
    }

    /// A frame around a paragraph, or a logo beside a title, is layout.
    @Test func frameIsNotATable() {
        let lines = [S.line("Un párrafo enmarcado que no es una tabla.", x: 60, y: 110)]
        let tables = TableStage().detectTables(on: S.page(lines: lines, rulings: S.grid(xs: [50, 400], ys: [100, 130])))
        #expect(tables.isEmpty)
    }
}
