import XCTest
import Foundation
import CotejoTables
import CotejoIngest
import CotejoModel

/// The real fixtures that must come out whole: a spreadsheet printed on two pages and a Word
/// policy whose table runs over five pages under an approval block.
final class FixtureTableTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures")

    func tables(_ name: String) throws -> [Table] {
        let url = Self.fixtures.appendingPathComponent(name)
        let content = try PDFReader().read(url: url, data: Data(contentsOf: url))
        return TableStage().apply(to: FurnitureDetector().apply(to: content)).tables
    }

    func test003SpreadsheetOverTwoPages() throws {
        let all = try tables("003.pdf")
        let t = try XCTUnwrap(all.first { $0.columnCount == 16 })
        XCTAssertEqual(all.filter { $0.columnCount == 16 }.count, 1)
        XCTAssertEqual(t.pages, [1, 2])
        XCTAssertEqual(t.headerRowCount, 2)
        XCTAssertEqual(t.rowCount - t.headerRowCount, 13)
        let grid = t.grid
        let items = grid.dropFirst(t.headerRowCount).map { $0[0] }
        XCTAssertEqual(items, ["1", "2", "3", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15"])
        XCTAssertEqual(grid[0][11], "2021")
        XCTAssertEqual(grid[1][11].collapsedWhitespace, "META TRIMESTRE 1")
        XCTAssertEqual(grid[1][15], "RESULTADO")
        // The criteria of item 2 is one merged cell over items 2…7.
        let criteria = try XCTUnwrap(t.cell(row: 3, column: 1))
        XCTAssertEqual(criteria.rowSpan, 5)
        for r in 3...7 { XCTAssertEqual(grid[r][1], criteria.text) }
        XCTAssertNotEqual(grid[8][1], criteria.text)
    }

    func test004PolicyTableOverFivePages() throws {
        let all = try tables("004.pdf")
        let t = try XCTUnwrap(all.first { $0.columnCount == 6 })
        XCTAssertEqual(t.headerRowCount, 1)
        XCTAssertEqual(t.rowCount - t.headerRowCount, 31)
        XCTAssertEqual(t.grid[0], ["ACTIVIDADES DE GESTIÓN", "META", "UNIDAD DE MEDIDA", "INDICADOR", "RESPONSABLE", "PERIODICIDAD"])
        XCTAssertEqual(t.grid[1][1], "Diseñar la política de Participación Ciudadana")
        // Rows cut by a page break are one row holding both parts.
        XCTAssertTrue(t.grid.contains { $0[0].hasPrefix("Establecer el cronograma de ejecución de las actividades") })
        XCTAssertFalse(t.grid.contains { $0[0].hasPrefix("ejecución") || $0[0].hasPrefix("preparar la actividad") })
        XCTAssertFalse(t.cells.contains { $0.text.contains("Elaboró") || $0.text.contains("SANDY") })
        XCTAssertGreaterThan(t.pages.count, 1)
    }
}
