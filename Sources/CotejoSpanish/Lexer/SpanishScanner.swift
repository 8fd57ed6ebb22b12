// One lexing pass shared by every scanner. Each `scan(in:)` lexes its input; a caller that wants
// numbers, dates, periods and pairs from the same page should lex it once here instead.

/// A text lexed once, ready for every Spanish scanner. Results are the same as the scanners'
/// `scan(in:)` on the same text; ranges are indices of the text given (or its base string for a
/// Substring).
public struct SpanishScanner: Sendable {
    public let text: Substring
    let tokens: [SpanishToken]

    public init(_ text: String) { self.init(text[...]) }

    public init(_ text: Substring) {
        self.text = text
        self.tokens = SpanishLexer.tokens(text)
    }

    /// Same as `SpanishNumber.scan(in:)`.
    public func numbers() -> [SpanishNumber] { SpanishNumber.scan(tokens: tokens, in: text) }

    /// Same as `SpanishDate.scan(in:)`.
    public func dates() -> [SpanishDate] { SpanishDate.scan(tokens: tokens, in: text) }

    /// Same as `SpanishPeriod.scan(in:)`.
    public func periods() -> [SpanishPeriod] { SpanishPeriod.scan(tokens: tokens, in: text) }

    /// Same as `MonthRange.scan(in:)`.
    public func monthRanges() -> [MonthRange] { MonthRange.scan(tokens: tokens, in: text) }

    /// Same as `NumberWords.pairs(in:)`.
    public func numberWordPairs() -> [NumberWordPair] { NumberWords.pairs(tokens: tokens, in: text) }
}
