import Foundation
import Testing
import CotejoModel
@testable import CotejoIngest

/// Rulings read from what a page draws. Pages are 400 × 200 pt; PDF y grows upwards, rulings are
/// in points from the top-left corner, so a line drawn at PDF y = 150 lies at y = 50.
@Suite struct VectorRulingsTests {
    func rulings(_ draw: String) throws -> [Ruling] {
        let document = try #require(PathDocument(data: DrawnPDF.make(draw)))
        #expect(document.pageCount == 1)
        let drawing = try #require(document.drawing(page: 0))
        return VectorRulings.rulings(in: drawing)
    }

    func near(_ a: Double, _ b: Double, _ tolerance: Double = 0.6) -> Bool { abs(a - b) <= tolerance }

    @Test func aStrokedRuleIsARuling() throws {
        let found = try rulings("0 G 1 w 20 150 m 300 150 l S")
        #expect(found.count == 1)
        let r = try #require(found.first)
        #expect(r.isHorizontal && near(r.y0, 50) && near(r.x0, 20) && near(r.x1, 300), "\(r)")
    }

    @Test func aThinFilledRectangleIsARuling() throws {
        // A rule drawn as a 1 pt high filled rectangle, and a plumb one 0.8 pt wide.
        let found = try rulings("0 g 20 150 280 1 re f 100 20 0.8 120 re f")
        let horizontal = found.filter(\.isHorizontal), vertical = found.filter { !$0.isHorizontal }
        #expect(horizontal.count == 1 && vertical.count == 1, "\(found)")
        #expect(horizontal.allSatisfy { near($0.y0, 49.5) && near($0.x0, 20) && near($0.x1, 300) })
        #expect(vertical.allSatisfy { near($0.x0, 100.4) && near($0.y0, 60) && near($0.y1, 180) })
    }

    @Test func aBandIsNotALine() throws {
        // A 30 pt header band: its edges are the border of a patch of colour, not a line.
        #expect(try rulings("0.2 g 20 100 280 30 re f").isEmpty)
        // A stroke thicker than a line is a band too.
        #expect(try rulings("0 G 8 w 20 150 m 300 150 l S").isEmpty)
    }

    @Test func theGapBetweenColouredCellsIsARuling() throws {
        // Two grey cells side by side with 3 pt of paper between them, as slide tables draw a grid.
        let found = try rulings("0.6 g 20 100 100 40 re f 123 100 100 40 re f")
        #expect(found.count == 1, "\(found)")
        let r = try #require(found.first)
        #expect(!r.isHorizontal && near(r.x0, 121.5) && near(r.y0, 60) && near(r.y1, 100), "\(r)")
        // Cells that touch leave no gap, so no line.
        #expect(try rulings("0.6 g 20 100 100 40 re f 120 100 100 40 re f").isEmpty)
    }

    @Test func aBoxDrawnOverAnotherMakesNoGapLine() throws {
        // The second box starts 1 pt right of the first and covers it: their left edges are close
        // but both boxes lie on the same side, so there is no paper between them.
        #expect(try rulings("0.6 g 20 100 100 40 re f 0.4 g 21 100 100 40 re f").isEmpty)
    }

    @Test func whitePaintShowsOnlyOverColour() throws {
        // A white rule on white paper is not seen.
        #expect(try rulings("1 G 1 w 20 150 m 300 150 l S").isEmpty)
        // The same rule across a dark band is.
        let found = try rulings("0.2 g 10 130 300 40 re f 1 G 1 w 20 150 m 300 150 l S")
        #expect(found.contains { $0.isHorizontal && near($0.y0, 50) }, "\(found)")
    }

    @Test func piecesOfOneRuleJoin() throws {
        // A rule drawn cell by cell is one ruling.
        let found = try rulings("0 G 0.5 w 20 150 m 100 150 l S 100 150 m 200 150 l S 200 150 m 300 150 l S")
        #expect(found.count == 1, "\(found)")
        #expect(found.allSatisfy { near($0.x0, 20) && near($0.x1, 300) })
    }

    @Test func underscoresPrintALine() {
        func glyph(_ c: Character, x: Double) -> Glyph {
            Glyph(scalar: c.unicodeScalars.first!, box: BBox(x0: x, y0: 40, x1: x + 5, y1: 50), fontSize: 10,
                  bold: false, isSpace: c == " ", isLineEnd: false)
        }
        let label = "Firma: ".enumerated().map { glyph($0.element, x: 20 + Double($0.offset) * 5) }
        let blank = (0..<12).map { glyph("_", x: 55 + Double($0) * 5) }
        let short = (0..<1).map { glyph("_", x: 200 + Double($0) * 5) }
        let found = VectorRulings.underscoreRulings(label + blank + [glyph(" ", x: 115)] + short)
        #expect(found.count == 1, "\(found)")
        let r = found[0]
        #expect(r.isHorizontal && r.x0 == 55 && r.x1 == 115 && near(r.y0, 49))
    }

    /// The spreadsheet fixture's grid as drawn and as rendered: each long line one way finds has a
    /// line the other way along it.
    @Test func drawnAndRenderedGridsAgree() throws {
        let url = PDFReaderTests.fixtures.appendingPathComponent("003.pdf")
        let data = try Data(contentsOf: url)
        func page(fromPaths: Bool) throws -> Page {
            var reader = PDFReader()
            reader.detectRulings = true
            reader.rulingsFromPaths = fromPaths
            return try reader.read(url: url, data: data).pages[0]
        }
        let drawn = try page(fromPaths: true).rulings, rendered = try page(fromPaths: false).rulings
        #expect(drawn.count >= 18 && rendered.count >= 18, "\(drawn.count) drawn, \(rendered.count) rendered")
        func covered(_ r: Ruling, by others: [Ruling]) -> Bool {
            others.contains { o in
                o.isHorizontal == r.isHorizontal
                    && (r.isHorizontal ? abs(o.y0 - r.y0) <= 2 && o.x0 <= r.x0 + 3 && o.x1 >= r.x1 - 3
                                       : abs(o.x0 - r.x0) <= 2 && o.y0 <= r.y0 + 3 && o.y1 >= r.y1 - 3)
            }
        }
        for r in drawn where r.length > 50 { #expect(covered(r, by: rendered), "drawn only: \(r)") }
        for r in rendered where r.length > 50 { #expect(covered(r, by: drawn), "rendered only: \(r)") }
    }

    /// poppler-glib frees poppler's global parameters when its last document closes; drawings read
    /// on another thread meanwhile must not lose them (they hold their own count).
    @Test func drawingsReadWhileOtherThreadsOpenAndCloseDocuments() async throws {
        let pdf = DrawnPDF.make("0 G 1 w 20 150 m 300 150 l S BT /F1 12 Tf 20 160 Td (Meta 2024) Tj ET")
        let counts = await withTaskGroup(of: Int.self) { group in
            group.addTask {
                var read = 0
                for _ in 0..<300 {
                    var reader = PDFReader()
                    reader.rulingsFromPaths = false
                    if (try? reader.read(url: URL(fileURLWithPath: "a.pdf"), data: pdf)) != nil { read += 1 }
                }
                return read
            }
            for _ in 0..<2 {
                group.addTask {
                    var read = 0
                    for _ in 0..<300 {
                        if let drawing = PathDocument(data: pdf)?.drawing(page: 0), !drawing.segments.isEmpty { read += 1 }
                    }
                    return read
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == [300, 300, 300])
    }
}
