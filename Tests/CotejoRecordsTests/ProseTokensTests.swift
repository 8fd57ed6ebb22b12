import Testing
import CotejoModel
@testable import CotejoRecords

@Suite struct ProseTokensTests {
    static func lines(_ texts: [String], from first: Int) -> [TextLine] {
        texts.enumerated().map { i, t in TextLine(text: t, source: Source(line: first + i, text: t)) }
    }

    @Test("tokens joined from regions are the tokens of all their lines read at once: words, figures, sources and sentences")
    func joiningEqualsReadingOnce() {
        let parts = [
            Self.lines(["COMPROMISOS", "Durante el mes de mayo se recogieron 70 compromisos.", "De ellos, 50"], from: 1),
            Self.lines(["compromisos no están a cargo de la entidad", "AVANCE DEL PLAN"], from: 4),
            Self.lines(["Se ejecutaron 78 de 90 actividades (86,7 %). Fin", "sin punto final"], from: 6),
        ]
        let once = ProseTokens(lines: parts.flatMap { $0 })
        let joined = ProseTokens(joining: parts.map { ProseTokens(lines: $0) })
        #expect(joined.words == once.words)
        #expect(joined.written == once.written)
        #expect(joined.sentence == once.sentence)
        #expect(joined.nextSentence == once.nextSentence)
        #expect(joined.sources.map(\.line) == once.sources.map(\.line))
        #expect(joined.sources.map(\.text) == once.sources.map(\.text))
        #expect(joined.numbers.keys.sorted() == once.numbers.keys.sorted())
        #expect(joined.numbers.keys.sorted().map { joined.numbers[$0]!.value } == once.numbers.keys.sorted().map { once.numbers[$0]!.value })
        #expect(Set(once.sentence).count >= 5)
    }
}
