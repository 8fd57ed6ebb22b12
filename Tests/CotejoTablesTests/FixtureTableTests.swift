import Testing
import Foundation
import CotejoTables
import CotejoIngest
import CotejoModel

/// The real fixtures that must come out whole: a spreadsheet printed on two pages and a Word
/// policy whose table runs over five pages under an approval block.
@Suite struct FixtureTableTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures")

    func tables(_ name: String) throws -> [Table] {
        let url = Self.fixtures.appendingPathComponent(name)
        let content = try PDFReader().read(url: url, data: Data(contentsOf: url))
        return TableStage().apply(to: FurnitureDetector().apply(to: content), laidOut: true).tables
    }

    @Test func fixture003SpreadsheetOverTwoPages() throws {
        let all = try tables("003.pdf")
        let t = try #require(all.first { $0.columnCount == 16 })
        #expect(all.filter { $0.columnCount == 16 }.count == 1)
        #expect(t.pages == [1, 2])
        #expect(t.headerRowCount == 2)
        #expect(t.rowCount - t.headerRowCount == 13)
        let grid = t.grid
        let items = grid.dropFirst(t.headerRowCount).map { $0[0] }
        #expect(items == ["1", "2", "3", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15"])
        #expect(grid[0][11] == "2021")
        #expect(grid[1][11].collapsedWhitespace == "META TRIMESTRE 1")
        #expect(grid[1][15] == "RESULTADO")
        // The criteria of item 2 is one merged cell over items 2…7.
        let criteria = try #require(t.cell(row: 3, column: 1))
        #expect(criteria.rowSpan == 5)
        for r in 3...7 { #expect(grid[r][1] == criteria.text) }
        #expect(grid[8][1] != criteria.text)
    }

    @Test func fixture004PolicyTableOverFivePages() throws {
        let all = try tables("004.pdf")
        let t = try #require(all.first { $0.columnCount == 6 })
        #expect(t.headerRowCount == 1)
        #expect(t.rowCount - t.headerRowCount == 31)
        #expect(t.grid[0] == ["ACTIVIDADES DE GESTIÓN", "META", "UNIDAD DE MEDIDA", "INDICADOR", "RESPONSABLE", "PERIODICIDAD"])
        #expect(t.grid[1][1] == "Diseñar la política de Participación Ciudadana")
        // Rows cut by a page break are one row holding both parts.
        #expect(t.grid.contains { $0[0].hasPrefix("Establecer el cronograma de ejecución de las actividades") })
        #expect(!(t.grid.contains { $0[0].hasPrefix("ejecución") || $0[0].hasPrefix("preparar la actividad") }))
        #expect(!(t.cells.contains { $0.text.contains("Elaboró") || $0.text.contains("SANDY") }))
        #expect(t.pages.count > 1)
    }
}
