import CotejoModel
import CotejoSpanish

/// `numberword.mismatch`: a number in words that disagrees with its digits: "tres (4) foros".
/// "tres (3) foros" agrees and stays silent.
///
/// Digits first ("(2) una estrategia") is also how lists are numbered, so a digits-first pair is judged
/// only when it cannot be a list marker: its word is not the article "un/una/uno" and no neighbouring
/// marker ("(1)", "(3)") stands in the same text. Body lines, joined per block so a pair broken across
/// lines is read, and table cells whose text the lines do not already hold.
public struct NumberWordMismatchRule: Rule {
    public let id = "numberword.mismatch"
    public let defaultSeverity = Severity.warning
    public let summary = "Número en letras que no coincide con sus cifras / number in words that disagrees with its digits"

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        var hits: [(NumberWordPair, Source)] = []
        var seen: Set<String> = []
        for (_, block) in input.content.bodyBlockTexts {
            for p in NumberWords.pairs(in: block.text) {
                seen.insert(p.text.folded)
                if judged(p, in: block.text) { hits.append((p, block.source(for: p.range, quote: p.text))) }
            }
        }
        for cell in input.content.wordCells {
            for p in NumberWords.pairs(in: cell.text) where !seen.contains(p.text.folded) {
                seen.insert(p.text.folded)
                if judged(p, in: cell.text) { hits.append((p, cell.source.quoting(p.text))) }
            }
        }
        return hits.map { p, source in
            diagnose(.wordsAndDigitsDisagree(p),
                     values: ["words": .text(p.wordText), "digits": .text(p.digitText),
                              "word_value": .number(Double(p.wordValue)), "digit_value": .number(Double(p.digitValue)),
                              "text": .text(p.text)],
                     at: [source], settings)
        }
    }

    /// True for a pair that disagrees and is surely a pair, not a list marker before a quantity.
    private func judged(_ p: NumberWordPair, in text: String) -> Bool {
        guard !p.agrees else { return false }
        guard p.order == .digitsFirst else { return true }
        if ["un", "una", "uno"].contains(p.wordText.folded) { return false }
        let markers = [p.digitValue - 1, p.digitValue + 1].filter { $0 >= 0 }.map { "(\($0))" }
        return !markers.contains { text.contains($0) }
    }
}

extension Bilingual {
    fileprivate static func wordsAndDigitsDisagree(_ p: NumberWordPair) -> Bilingual {
        Bilingual(es: "«\(p.text)»: en letras dice \(p.wordValue) pero en cifras \(p.digitValue)",
                  en: "“\(p.text)”: the words say \(p.wordValue) but the digits \(p.digitValue)")
    }
}
