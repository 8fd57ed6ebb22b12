import CotejoModel

/// Turns the words that fall in a cell into its text, by geometry rather than by the order of the
/// text stream: spreadsheet PDFs interleave neighbouring cells' lines, and Word breaks a word that
/// is wider than its cell across lines ("Caracterizació" / "n de los").
enum CellText {
    /// Words grouped into visual lines, top to bottom, each left to right.
    static func lines(_ words: [Word]) -> [[Word]] {
        let lines = words.sorted(by: { ($0.bbox.midY, $0.bbox.x0) < ($1.bbox.midY, $1.bbox.x0) })
            .visualRows(box: \.bbox, anchor: .band)
        return lines.map { $0.sorted { $0.bbox.x0 < $1.bbox.x0 } }
    }

    /// The cell's text: words of a line joined with a space, lines joined with a space, except a
    /// word broken across lines, which is joined without one. A word is broken only where it did
    /// not fit its line: alone on the line and reaching the cell's right padding, so the break can
    /// only be told when the cell's drawn box is known.
    static func text(_ words: [Word], box: BBox? = nil) -> String {
        let rows = lines(words)
        guard !rows.isEmpty else { return "" }
        var text = ""
        for (i, row) in rows.enumerated() {
            let lineText = row.map(\.text).joined(separator: " ")
            if i > 0 {
                let previous = rows[i - 1]
                // A lone word that fills the line, followed by a line that starts in lower case:
                // the word did not fit and was broken, not two words.
                var broken = false
                if let box, previous.count == 1, let w = previous.first,
                   w.text.last?.isLetter == true, lineText.first?.isLowercase == true {
                    let em = max(w.fontSize, w.bbox.height * 0.8, 1)
                    let padding = max(0, w.bbox.x0 - box.x0)
                    // What did not fit is short: a letter or two ("Caracterizació" / "n").
                    broken = box.x1 - w.bbox.x1 <= padding + 0.5 * em && row[0].text.count <= 3
                }
                // A date or code broken after one of its hyphens ("15-junio-" / "2023"): the
                // hyphen is the text's own, not a hyphenation mark, and the parts join as written.
                if let w = previous.last, w.text.count >= 2, w.text.last == "-",
                   w.text.dropLast().last?.isLetter == true || w.text.dropLast().last?.isNumber == true,
                   lineText.first?.isNumber == true {
                    broken = true
                }
                text += broken ? "" : " "
            }
            text += lineText
        }
        return text
    }

    /// True when most of the words are bold.
    static func isBold(_ words: [Word]) -> Bool {
        !words.isEmpty && words.filter(\.bold).count * 2 > words.count
    }
}
