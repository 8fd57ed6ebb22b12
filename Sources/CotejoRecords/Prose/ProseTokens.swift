import CotejoSpanish
import CotejoModel

/// A region's text as words, each number parsed, for "a number near a word" questions. Every word
/// knows the line it stands on and the sentence it belongs to, so that a reader never pairs a figure
/// with a word of the next sentence.
struct ProseTokens {
    var words: [String]            // folded words, numbers kept as written
    var written: [String]          // the same words as written, for labels
    var numbers: [Int: SpanishNumber]
    var sources: [Source]          // the line each word stands on
    var sentence: [Int]            // the sentence each word belongs to, counted from 0
    /// The sentence the next line would open in: past the last one when the text ended with a
    /// full stop or a heading.
    var nextSentence = 0

    init(lines: [TextLine]) {
        words = []; written = []; numbers = [:]; sources = []; sentence = []
        var current = 0
        defer { nextSentence = current }
        for line in lines {
            let text = line.text.collapsedWhitespace
            // A line in capitals is a heading ("AFILIACIONES"): it is a sentence of its own.
            var letters = 0, capitals = 0
            for c in text where c.isWordLetter {
                letters += 1
                if c.asciiValue.map({ $0 >= 0x41 && $0 <= 0x5A }) ?? c.isUppercase { capitals += 1 }
            }
            let heading = letters >= 3 && capitals * 10 >= letters * 8
            if heading { current += 1 }
            defer { if heading { current += 1 } }
            let found = SpanishNumber.scan(in: text)
            var cursor = text.startIndex
            func addWords(_ s: Substring) {
                var rest = s[...]
                while !rest.isEmpty {
                    // A full stop, "?" or "!" followed by a space (or the end of the text) closes a
                    // sentence; a dot inside a figure never reaches here, figures are cut out first.
                    guard let end = rest.firstIndex(where: { $0 == "." || $0 == "?" || $0 == "!" }) else { break }
                    add(rest[..<end])
                    let next = rest.index(after: end)
                    if next == rest.endIndex || rest[next].isWhitespace { current += 1 }
                    rest = rest[next...]
                }
                add(rest)
            }
            func add(_ s: Substring) {
                for w in s.split(whereSeparator: { !$0.isWordCharacter }) {
                    let word = String(w)
                    words.append(word.folded); written.append(word); sources.append(line.source); sentence.append(current)
                }
            }
            for n in found {
                addWords(text[cursor..<n.range.lowerBound])
                numbers[words.count] = n
                words.append(n.text); written.append(n.text); sources.append(line.source.quoting(n.text)); sentence.append(current)
                cursor = n.range.upperBound
            }
            addWords(text[cursor...])
        }
    }

    /// The tokens of the parts' lines read one after another, as `init(lines:)` would give them
    /// for all those lines, without reading them again.
    init(joining parts: [ProseTokens]) {
        words = []; written = []; numbers = [:]; sources = []; sentence = []
        for part in parts {
            let offset = words.count, sentences = nextSentence
            words += part.words; written += part.written; sources += part.sources
            sentence += part.sentence.map { $0 + sentences }
            for (k, n) in part.numbers { numbers[k + offset] = n }
            nextSentence += part.nextSentence
        }
    }

    /// The first plain figure (not a percent, not a year) within `span` words after (or before) `i`.
    func figure(near i: Int, after: Bool, span: Int = 5) -> (SpanishNumber, Int)? {
        let range = after ? Array((i + 1)..<min(words.count, i + 1 + span)) : Array(stride(from: i - 1, through: max(0, i - span), by: -1))
        for k in range {
            if let n = numbers[k], !n.isPercent, !n.isLikelyYear { return (n, k) }
        }
        return nil
    }

    /// The word indices of the sentence `i` belongs to.
    func sentenceRange(of i: Int) -> Range<Int> {
        var lo = i, hi = i + 1
        while lo > 0, sentence[lo - 1] == sentence[i] { lo -= 1 }
        while hi < words.count, sentence[hi] == sentence[i] { hi += 1 }
        return lo..<hi
    }
}
