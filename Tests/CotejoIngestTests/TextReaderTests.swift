import Foundation
import Testing
import CotejoModel
@testable import CotejoIngest

@Suite struct TextReaderTests {
    let reader = TextReader()

    @Test func linesKeepTheirNumbers() throws {
        let text = "Primera línea\n\n# **Título**\nTercera\ncuarta\n"
        let content = try reader.read(url: URL(fileURLWithPath: "x.txt"), data: Data(text.utf8))
        let lines = content.pages[0].lines
        #expect(lines.map(\.text) == ["Primera línea", "Título", "Tercera", "cuarta"])
        #expect(lines.map(\.source.line) == [1, 3, 4, 5])
        // The source quotes the line as it stands, Markdown and all.
        #expect(lines[1].source.text == "# **Título**")
        #expect(content.pages[0].blocks.map(\.role) == [.body, .heading, .body])
    }

    @Test func formFeedsStartPages() throws {
        let content = try reader.read(url: URL(fileURLWithPath: "x.txt"), data: Data("uno\u{0C}dos\ntres".utf8))
        #expect(content.pages.count == 2)
        #expect(content.pages[1].lines.first?.text == "dos")
        #expect(content.pages[1].lines.first?.source.line == 1)
    }

    @Test func tabSeparatedRunsAreTables() throws {
        let text = "Título\nITEM\tACTIVIDAD\tFECHA\n1\tAplicar\t01-febrero-2021\n\n2\tDefinir\t1-julio-2021\nFin"
        let content = try reader.read(url: URL(fileURLWithPath: "x.txt"), data: Data(text.utf8))
        #expect(content.tables.count == 1)
        let table = try #require(content.tables.first)
        #expect(table.rowCount == 3)
        #expect(table.columnCount == 3)
        #expect(table.cell(row: 2, column: 1)?.text == "Definir")
        #expect(table.cell(row: 2, column: 1)?.source.line == 5)
        #expect(content.pages[0].lines.map(\.text) == ["Título", "Fin"])
    }

    @Test func latin1IsReadWithANote() throws {
        let data = "Participación ciudadana".data(using: .isoLatin1)!
        let content = try reader.read(url: URL(fileURLWithPath: "x.txt"), data: data)
        #expect(content.pages[0].lines.first?.text == "Participación ciudadana")
        #expect(content.notes.contains { $0.contains("not valid UTF-8") })
    }

    @Test func emptyFails() {
        #expect(throws: ReadError.empty) { try reader.read(url: URL(fileURLWithPath: "x.txt"), data: Data()) }
    }

    @Test func seedTableOf003() throws {
        let content = try reader.read(url: Fixtures.url("seeds/003_35bbe965a2704bee.txt"),
                                      data: Fixtures.data("seeds/003_35bbe965a2704bee.txt"))
        let table = try #require(content.tables.first)
        // Two header lines and thirteen item rows.
        #expect(table.rowCount == 15)
        #expect(table.grid.dropFirst(2).map { $0[0] } == ["1", "2", "3", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15"])
    }
}
