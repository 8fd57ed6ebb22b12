import Testing
@testable import CotejoTables
import CotejoModel

@Suite struct StitchAndProseTests {
    typealias S = Synthetic

    /// A table runs to the foot of page 1 above an approval block, and goes on at the top of page
    /// 2 with the header repeated; its last row on page 1 is cut, the rest of it has no key.
    @Test func tableContinuedAfterFurnitureIsStitched() {
        let xs = [50.0, 250, 450]
        let page1 = S.page(1, lines: [
            S.line("Texto antes de la tabla", x: 50, y: 60),
            S.line("ACTIVIDAD", x: 55, y: 105, page: 1, bold: true), S.line("META", x: 255, y: 105, page: 1, bold: true),
            S.line("Definir la política", x: 55, y: 125, page: 1), S.line("Diseñar", x: 255, y: 125, page: 1),
            S.line("Establecer el cronograma de", x: 55, y: 145, page: 1), S.line("Implementar la", x: 255, y: 145, page: 1),
        ], rulings: S.grid(xs: xs, ys: [100, 120, 140, 160]),
           furniture: [S.line("Elaboró: Sandy", x: 50, y: 740, page: 1), S.line("Revisó: Lorena", x: 250, y: 740, page: 1)])
        let page2 = S.page(2, lines: [
            S.line("ACTIVIDAD", x: 55, y: 45, page: 2, bold: true), S.line("META", x: 255, y: 45, page: 2, bold: true),
            S.line("ejecución de las actividades", x: 55, y: 65, page: 2), S.line("política", x: 255, y: 65, page: 2),
            S.line("Convocar a los ciudadanos", x: 55, y: 85, page: 2), S.line("Implementar", x: 255, y: 85, page: 2),
            S.line("Texto después", x: 50, y: 200, page: 2),
        ], rulings: S.grid(xs: xs, ys: [40, 60, 80, 100]))
        let tables = TableStage().tables(in: [page1, page2])
        #expect(tables.count == 1)
        let t = tables[0]
        #expect(t.pages == [1, 2])
        #expect(t.headerRowCount == 1)
        #expect(t.rowCount == 4)
        #expect(t.grid[2] == ["Establecer el cronograma de ejecución de las actividades", "Implementar la política"])
        #expect(t.grid[3] == ["Convocar a los ciudadanos", "Implementar"])
        // The merged cell keeps the first part's place.
        #expect(t.cell(row: 2, column: 0)!.source.page == 1)
        #expect(!(t.cells.contains { $0.text.contains("Elaboró") || $0.text.contains("Sandy") }))
    }

    /// A table's TOTAL row pushed alone to the top of the next page (too short to be found as a
    /// table there) is its last row; the sentence below it, which names figures too, is not. A
    /// typed line of underscores above the footer does not keep the table from ending its page.
    @Test func totalRowSpilledOntoTheNextPageIsJoined() {
        let xs = [50.0, 200, 300, 400]
        let body: [TextLine] = [
            S.line("EPS", x: 55, y: 105), S.line("CANT", x: 205, y: 105), S.line("Aprobadas", x: 305, y: 105),
            S.line("AIC", x: 55, y: 125), S.line("1", x: 205, y: 125), S.line("1", x: 305, y: 125),
            S.line("SURA", x: 55, y: 145), S.line("12", x: 205, y: 145), S.line("11", x: 305, y: 145),
            S.line("______________________", x: 50, y: 700),
        ]
        let page1 = S.page(1, lines: body, rulings: S.grid(xs: xs, ys: [100, 120, 140, 160]))
        let page2 = S.page(2, lines: [
            S.line("Total", x: 55, y: 45), S.line("13", x: 205, y: 45), S.line("12", x: 305, y: 45),
            S.line("realizaron 13", x: 55, y: 65), S.line("solicitudes y 12", x: 205, y: 65),
        ])
        let tables = TableStage().tables(in: [page1, page2])
        #expect(tables.count == 1)
        let t = tables[0]
        #expect(t.pages == [1, 2])
        #expect(t.rowCount == 4)
        #expect(t.grid[3] == ["Total", "13", "12"])
        #expect(t.cell(row: 3, column: 1)?.source.page == 2)
        // The near miss: prose after the table on page 1 and the same line is not taken.
        let page1b = S.page(1, lines: body + [S.line("Un párrafo después de la tabla.", x: 50, y: 300)],
                            rulings: S.grid(xs: xs, ys: [100, 120, 140, 160]))
        #expect(TableStage().tables(in: [page1b, page2]).first?.rowCount == 3)
    }

    /// A table followed by prose on its page is not continued by a table on the next page.
    @Test func tableNotAtFootIsNotStitched() {
        let xs = [50.0, 250, 450]
        let lines1 = [S.line("A", x: 55, y: 105), S.line("B", x: 255, y: 105), S.line("1", x: 55, y: 125), S.line("2", x: 255, y: 125),
                      S.line("Un párrafo después de la tabla.", x: 50, y: 300)]
        let lines2 = [S.line("3", x: 55, y: 45), S.line("4", x: 255, y: 45), S.line("5", x: 55, y: 65), S.line("6", x: 255, y: 65)]
        let tables = TableStage().tables(in: [
            S.page(1, lines: lines1, rulings: S.grid(xs: xs, ys: [100, 120, 140])),
            S.page(2, lines: lines2, rulings: S.grid(xs: xs, ys: [40, 60, 80])),
        ])
        #expect(tables.count == 2)
    }

    @Test func prosePageYieldsNoTable() {
        let text = "Conocer y registrar los avances en la implementación de la política de gestión y desempeño de su competencia en el marco del modelo integrado"
        let words = text.split(separator: " ").map(String.init)
        var lines: [TextLine] = []
        for i in 0..<30 {
            let n = 9 + (i % 3)
            let chunk = (0..<n).map { words[($0 + i) % words.count] }.joined(separator: " ")
            lines.append(S.line(chunk, x: 50, y: 80 + Double(i) * 14))
        }
        #expect(TableStage().detectTables(on: S.page(lines: lines)).isEmpty)
        // Two columns of prose side by side are not a table either.
        var twoColumns: [TextLine] = []
        for i in 0..<30 {
            twoColumns.append(S.line("registrar los avances en la implementación de", x: 40, y: 80 + Double(i) * 14))
            twoColumns.append(S.line("la política de gestión y desempeño de su", x: 320, y: 80 + Double(i) * 14))
        }
        #expect(TableStage().detectTables(on: S.page(lines: twoColumns)).isEmpty)
    }

    /// Columns from whitespace, a wrapped label merged into its row.
    @Test func unruledTable() {
        var lines = [S.line("Country", x: 50, y: 100, bold: true), S.line("2019", x: 250, y: 100, bold: true),
                     S.line("2020", x: 350, y: 100, bold: true)]
        let rows = [("Austria", "12,5", "13,1"), ("Belgium", "7,2", "8,0"), ("Czech Republic", "22,0", "21,4"), ("Denmark", "3,1", "2,9")]
        for (i, r) in rows.enumerated() {
            let y = 114 + Double(i) * 14
            lines += [S.line(r.0, x: 50, y: y), S.line(r.1, x: 250, y: y), S.line(r.2, x: 350, y: y)]
        }
        let tables = TableStage().detectTables(on: S.page(lines: lines))
        #expect(tables.count == 1)
        #expect(tables.first?.columnCount == 3)
        #expect(tables.first?.rowCount == 5)
        #expect(tables.first?.headerRowCount == 1)
        #expect(tables.first?.grid[3] == ["Czech Republic", "22,0", "21,4"])
    }
}
