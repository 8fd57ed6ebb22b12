import Testing
import Foundation
@testable import CotejoTables
import CotejoIngest
import CotejoModel

@Suite struct UnruledMultiLineTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/unruled/plan_accion.pdf")

    @Test func dump() throws {
        let url = Self.fixture
        let content = FurnitureDetector().apply(to: try PDFReader().read(url: url, data: Data(contentsOf: url)))
        let text = PageText(content.pages[0])
        print("em", text.em)
        for row in TextRow.rows(of: text.lines) {
            print(String(format: "ROW %.1f-%.1f", row.box.y0, row.box.y1), row.pieces.map { p in
                p.words.map { String(format: "%@[%.1f-%.1f]", $0.text, $0.bbox.x0, $0.bbox.x1) }.joined(separator: " ")
            }.joined(separator: " || "))
        }
    }
}
