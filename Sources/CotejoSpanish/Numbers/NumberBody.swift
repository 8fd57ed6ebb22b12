// Reading the digits of one figure: which separators group thousands and which one marks decimals.
//
// Colombian documents write "66.223,84" (dot groups, comma decimals) but spreadsheets exported with
// English settings write "1,234.5", and older ones group millions with an apostrophe ("1'500.000").
// A lone dot followed by exactly three digits ("1.234", "7.704") is read as grouping, as Spanish
// writing does; a lone comma is always the decimal mark ("2,5", "1,234" = 1.234). Both readings of a
// lone separator before three digits are flagged ambiguous so a check can try the other one.

struct NumberBody {
    /// Index of the first and one past the last token of the digit groups.
    let first: Int
    let end: Int
    let integerDigits: String
    let fractionDigits: String
    let grouped: Bool
    let pointDecimal: Bool
    let ambiguous: Bool
    /// The groups as written, when the separators only make sense as a list ("1,2,3").
    let listGroups: [Int]?

    var decimals: Int { fractionDigits.count }

    var value: Double {
        Double(fractionDigits.isEmpty ? integerDigits : integerDigits + "." + fractionDigits) ?? .nan
    }

    /// The body's groups read as a section number ("3.1", "10.2"): one or two digits each, dots only.
    let sectionShaped: Bool

    enum Outcome {
        case number(NumberBody)
        /// Separators that fit no number reading ("3.1.2", "12.34,5"): not a figure.
        case invalid(end: Int)
    }

    static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        s == "." || s == "," || s == "'" || s == "\u{2019}"
    }

    /// Reads the glued run digits (sep digits)* starting at the digits token `d`.
    static func read(_ t: [SpanishToken], at d: Int) -> Outcome {
        var groups: [Int] = [d]
        var seps: [Unicode.Scalar] = []
        var j = d
        while j + 2 < t.count, t[j + 1].kind == .symbol, t[j + 1].gap == .none, isSeparator(t[j + 1].scalar),
              t[j + 2].kind == .digits, t[j + 2].gap == .none {
            seps.append(t[j + 1].scalar)
            groups.append(j + 2)
            j += 2
        }
        let end = j + 1
        let digits = groups.map { t[$0].key }
        if seps.isEmpty {
            return .number(NumberBody(first: d, end: end, integerDigits: digits[0], fractionDigits: "",
                                      grouped: false, pointDecimal: false, ambiguous: false, listGroups: nil,
                                      sectionShaped: digits[0].count <= 2 && digits[0].first != "0"))
        }
        let dots = seps.filter { $0 == "." }.count
        let commas = seps.filter { $0 == "," }.count
        var decimalAt: Int? = nil   // index into seps
        var pointDecimal = false
        var ambiguous = false
        if dots > 0 && commas > 0 {
            // Mixed: the last separator is the decimal mark and must be the only one of its kind.
            let last = seps[seps.count - 1]
            guard last == "." || last == ",", (last == "." ? dots : commas) == 1 else { return .invalid(end: end) }
            decimalAt = seps.count - 1
            pointDecimal = last == "."
        } else if dots + commas == 1 {
            let k = seps.firstIndex(where: { $0 == "." || $0 == "," })!
            let mark = seps[k]
            let isLast = k == seps.count - 1
            let lead = digits[0]
            let threeAfter = digits[k + 1].count == 3
            // "0.750" and "01.234" cannot be thousands; neither can a group after a longer lead.
            let groupingFits = isLast && threeAfter && (k > 0 || (lead.count <= 3 && lead.first != "0"))
            if mark == "." {
                if groupingFits {
                    ambiguous = k == 0
                } else {
                    guard isLast else { return .invalid(end: end) }
                    decimalAt = k
                    pointDecimal = true
                }
            } else {
                guard isLast else { return .invalid(end: end) }
                decimalAt = k
                ambiguous = groupingFits && k == 0
            }
        } else if dots + commas > 1 {
            // Several of one kind: only grouping makes sense ("1.500.000", "1,500,000").
            decimalAt = nil
        }
        let groupEnd = decimalAt.map { $0 + 1 } ?? digits.count   // groups before the decimal mark
        var validGrouping = groupEnd <= 1 || (digits[0].count <= 3 && digits[0].first != "0")
        if validGrouping && groupEnd > 1 {
            for g in 1..<groupEnd where digits[g].count != 3 { validGrouping = false; break }
            if let decimalAt {
                // Grouping separators must all be of the other kind (or apostrophes).
                let mark = seps[decimalAt]
                for s in seps[0..<decimalAt] where s == mark { validGrouping = false }
                let kinds = Set(seps[0..<decimalAt].filter { $0 == "." || $0 == "," })
                if kinds.count > 1 { validGrouping = false }
            }
        }
        let sectionShaped = commas == 0 && !seps.contains("'") && !seps.contains("\u{2019}")
            && digits.allSatisfy { $0.count <= 2 } && digits[0].first != "0"
        if !validGrouping {
            if commas > 1 && dots == 0 && !seps.contains("'") && !seps.contains("\u{2019}") {
                // "1,2,3" in running text is a list of small numbers, not one figure.
                return .number(NumberBody(first: d, end: end, integerDigits: digits[0], fractionDigits: "",
                                          grouped: false, pointDecimal: false, ambiguous: false,
                                          listGroups: groups, sectionShaped: false))
            }
            return .invalid(end: end)
        }
        let integer = digits[0..<groupEnd].joined()
        let fraction = decimalAt.map { digits[$0 + 1] } ?? ""
        return .number(NumberBody(first: d, end: end, integerDigits: integer, fractionDigits: fraction,
                                  grouped: groupEnd > 1, pointDecimal: pointDecimal, ambiguous: ambiguous,
                                  listGroups: nil, sectionShaped: sectionShaped))
    }
}
