// Quantities written twice, in words and digits: "Dos (2) espacios", "tres (3)", "(1)Una herramienta".
// The two must agree; "tres (4)" is a finding (numberword.mismatch).

/// A number stated in words and in parenthesised digits.
public struct NumberWordPair: Hashable, Sendable {
    public enum Order: String, Hashable, Sendable {
        /// "Dos (2)": the usual legal form.
        case wordsFirst
        /// "(1)Una", "(1) Una".
        case digitsFirst
    }

    public var wordValue: Int
    public var digitValue: Int
    public var order: Order
    /// The words as written: "Dos", "treinta y dos".
    public var wordText: String
    /// The digits as written, without parentheses: "2".
    public var digitText: String
    /// The whole pair as written: "Dos (2)", "(1)Una".
    public var text: String
    public var range: Range<String.Index>
    public var wordRange: Range<String.Index>
    public var digitRange: Range<String.Index>

    public init(wordValue: Int, digitValue: Int, order: Order, wordText: String, digitText: String, text: String,
                range: Range<String.Index>, wordRange: Range<String.Index>, digitRange: Range<String.Index>) {
        self.wordValue = wordValue; self.digitValue = digitValue; self.order = order; self.wordText = wordText
        self.digitText = digitText; self.text = text; self.range = range; self.wordRange = wordRange
        self.digitRange = digitRange
    }

    public var agrees: Bool { wordValue == digitValue }
}

extension NumberWords {
    /// Longest run of words a cardinal may take ("doscientos treinta y cinco mil cuatrocientos ochenta y
    /// nueve" is the longest in range, at 9).
    static let maxWords = 9

    /// Every words-and-digits pair in running text, in order. Words before the parenthesis win over words
    /// after it ("tres (3) cuatro" pairs "tres"); the words must be a whole cardinal, the longest one that
    /// ends at the parenthesis ("grupo de diez (10)" pairs "diez", "treinta y dos (32)" pairs all three).
    /// The digits must be a whole number, grouping allowed ("mil (1.000)").
    public static func pairs(in text: String) -> [NumberWordPair] { pairs(in: text[...]) }

    public static func pairs(in text: Substring) -> [NumberWordPair] {
        pairs(tokens: SpanishLexer.tokens(text), in: text)
    }

    static func pairs(tokens t: [SpanishToken], in text: Substring) -> [NumberWordPair] {
        SpanishLexer.leftmostMatches(count: t.count) { i in pair(t, at: i, in: text) }
    }

    /// A pair whose "(" is token `i` (words-first) or which starts there (digits-first).
    static func pair(_ t: [SpanishToken], at i: Int, in text: Substring) -> (NumberWordPair, Int)? {
        guard t[i].isSymbol("("), i + 2 < t.count, t[i + 1].kind == .digits,
              case .number(let body) = NumberBody.read(t, at: i + 1), body.listGroups == nil, body.decimals == 0,
              body.end < t.count, t[body.end].isSymbol(")"), let digits = Int(body.integerDigits)
        else { return nil }
        let close = body.end
        let digitRange = t[i + 1].lower..<t[body.end - 1].upper
        // Words before "(".
        if i > 0, t[i - 1].kind == .word, t[i - 1].info.isCardinal {
            var k = i - 1
            while k > 0, i - k < maxWords, t[k - 1].kind == .word, t[k].gap != .none,
                  t[k - 1].info.isCardinal || t[k - 1].key == "y" { k -= 1 }
            for start in k..<i {
                let words = t[start..<i].map(\.key)
                if let v = value(words[...]) {
                    let p = NumberWordPair(wordValue: v, digitValue: digits, order: .wordsFirst,
                                           wordText: t.text(start, i, in: text), digitText: String(text[digitRange]),
                                           text: t.text(start, close + 1, in: text),
                                           range: t[start].lower..<t[close].upper,
                                           wordRange: t[start].lower..<t[i - 1].upper, digitRange: digitRange)
                    return (p, close + 1)
                }
            }
        }
        // Words after ")".
        let w0 = close + 1
        guard w0 < t.count, t[w0].kind == .word, t[w0].info.isCardinal else { return nil }
        var k = w0 + 1
        while k < t.count, k - w0 < maxWords, t[k].kind == .word, t[k].gap != .none,
              t[k].info.isCardinal || t[k].key == "y" { k += 1 }
        for end in stride(from: k, to: w0, by: -1) {
            let words = t[w0..<end].map(\.key)
            if let v = value(words[...]) {
                let p = NumberWordPair(wordValue: v, digitValue: digits, order: .digitsFirst,
                                       wordText: t.text(w0, end, in: text), digitText: String(text[digitRange]),
                                       text: t.text(i, end, in: text), range: t[i].lower..<t[end - 1].upper,
                                       wordRange: t[w0].lower..<t[end - 1].upper, digitRange: digitRange)
                return (p, end)
            }
        }
        return nil
    }
}
