import Testing
@testable import CotejoRecords

@Suite struct LabelledFigureRowsWordsTests {
    @Test("a label's words are counted up to the limit, spaces of any run parting them")
    func counts() {
        #expect(!LabelledFigureRows.hasWords(" Meta programada", moreThan: 6))
        #expect(!LabelledFigureRows.hasWords(" uno dos  tres cuatro cinco seis ", moreThan: 6))
        #expect(LabelledFigureRows.hasWords("uno dos tres cuatro cinco seis siete", moreThan: 6))
        #expect(!LabelledFigureRows.hasWords("", moreThan: 0))
    }
}
