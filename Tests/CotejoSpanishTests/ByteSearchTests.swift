import Testing
import CotejoModel

/// The byte searches that stand in for Foundation's on every line: same answers on texts cut from
/// one another, accents included.
@Suite struct ByteSearchTests {
    @Test("lastUTF8Range finds the last occurrence as a range of the string")
    func lastRange() throws {
        let line = "Alcaldía de Chía - Secretaría de Planeación de Chía de"
        let r = try #require(line.lastUTF8Range(of: "Chía"))
        #expect(line[r] == "Chía")
        #expect(line[r.upperBound...] == " de")
        #expect(line.lastUTF8Range(of: "Bogotá") == nil)
        #expect(line.lastUTF8Range(of: "") == nil)
        #expect("Chí".lastUTF8Range(of: "Chía") == nil)
    }

    @Test("containsUTF8 is plain substring containment")
    func contains() {
        #expect("alcaldia municipal de chia".containsUTF8("alcaldia"))
        #expect("la secretaria".containsUTF8("secretaria"))
        #expect(!"gobernacion".containsUTF8("alcaldia"))
        #expect(!"al".containsUTF8("alcaldia"))
    }

    @Test("hasWordLetter answers as contains(where: isWordLetter)",
          arguments: ["", "12.345,6", "2024-01-31", "$ 1.500", "A1", "x", "Ñ", "45 ½", "ñandú", "—", "3 × 4", "№ 5", "ª", "²"])
    func hasWordLetter(_ text: String) {
        #expect(text.hasWordLetter == text.contains(where: \.isWordLetter))
    }

    @Test("folded lowers, drops accents and collapses white space, as before it was built as bytes")
    func folded() {
        #expect("  Ejecución   del AÑO\t2023 ".folded == "ejecucion del ano 2023")
        #expect("ÑANDÚ Güiza".folded == "nandu guiza")
        #expect("".folded == "")
    }
}
