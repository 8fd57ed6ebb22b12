import Foundation
import Testing
import CotejoModel

/// A table's grid is computed once and kept; changing the table makes a new one.
@Suite struct TableGridTests {
    static let table = Table(index: 1, pages: [1], rowCount: 2, columnCount: 2, headerRowCount: 1, cells: [
        Cell(row: 0, column: 0, columnSpan: 2, text: "Meta", source: Source(text: "Meta")),
        Cell(row: 1, column: 0, text: "10", source: Source(text: "10")),
        Cell(row: 1, column: 1, text: "8", source: Source(text: "8")),
    ])

    @Test("the grid follows the cells and the size, however often it was read before")
    func gridFollowsChanges() {
        var table = Self.table
        #expect(table.grid == [["Meta", "Meta"], ["10", "8"]])
        let copy = table
        table.cells[2].text = "9"
        #expect(table.grid == [["Meta", "Meta"], ["10", "9"]])
        #expect(copy.grid == [["Meta", "Meta"], ["10", "8"]])
        table.rowCount = 3
        #expect(table.grid == [["Meta", "Meta"], ["10", "9"], ["", ""]])
        table.columnCount = 1
        #expect(table.grid == [["Meta"], ["10"], [""]])
    }

    @Test("the cell index follows the cells and the size, however often it was read before")
    func cellIndexFollowsChanges() {
        var table = Self.table
        #expect(TableCellIndex(table).cell(0, 1)?.text == "Meta")
        #expect(TableCellIndex(table).cell(1, 1)?.text == "8")
        table.cells[0].columnSpan = 1
        #expect(TableCellIndex(table).cell(0, 1) == nil)
        #expect(TableCellIndex(table).isSingle(0, 0))
        table.cells.append(Cell(row: 2, column: 1, text: "7", source: Source(text: "7")))
        table.rowCount = 3
        #expect(TableCellIndex(table).cell(2, 1)?.text == "7")
        table.columnCount = 1
        #expect(TableCellIndex(table).cell(1, 1) == nil)
        #expect(TableCellIndex(table).cell(1, 0)?.text == "10")
    }

    @Test("what is kept is no part of the table's value: equality, hashing and JSON")
    func keptGridIsNotPartOfTheValue() throws {
        let read = Self.table
        _ = read.grid
        let unread = Self.table
        #expect(read == unread)
        #expect(read.hashValue == unread.hashValue)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(read)) as? [String: Any]
        #expect(Set(json?.keys ?? [:].keys) == ["index", "pages", "rowCount", "columnCount", "headerRowCount", "cells"])
        #expect(try JSONDecoder().decode(Table.self, from: JSONEncoder().encode(read)) == read)
    }
}
