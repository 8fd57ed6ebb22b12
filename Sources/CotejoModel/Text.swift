import Foundation

extension String {
    /// Lower-cased, accents removed, runs of white space collapsed: for matching words, never for display.
    public var folded: String {
        let base = self.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "es"))
        return base.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// White space runs collapsed to one space, ends trimmed.
    public var collapsedWhitespace: String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
