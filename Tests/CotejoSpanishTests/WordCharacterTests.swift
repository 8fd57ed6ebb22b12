import Testing
import CotejoModel

/// The fast word predicates answer exactly as `isLetter` and `isNumber` do, ASCII or not.
@Suite struct WordCharacterTests {
    @Test("isWordLetter and isWordCharacter agree with isLetter and isNumber on ASCII, Spanish, decomposed and other scripts")
    func agreeWithUnicode() {
        var characters: [Character] = (0..<128).compactMap { Unicode.Scalar($0).map(Character.init) }
        characters += ["á", "É", "ñ", "Ñ", "ü", "º", "ª", "²", "½", "٣", "Ⅳ", "ß", "€", "—", "«", "\u{00A0}", "e\u{0301}", "\r\n", "😀"]
        for c in characters {
            #expect(c.isWordLetter == c.isLetter, "\(c.unicodeScalars.map { $0.value })")
            #expect(c.isWordCharacter == (c.isLetter || c.isNumber), "\(c.unicodeScalars.map { $0.value })")
        }
    }
}
