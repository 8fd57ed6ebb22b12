import Foundation
import CotejoModel

/// A numbered heading: "3. FORO POLÍTICAS PÚBLICAS", "3.1 EQUIPO GOBIERNO ABIERTO - …", or a
/// number alone ("3.1", "04") whose title is the next line, as slide decks set them.
public struct SectionHeading: Sendable, Equatable {
    /// "3", "3.1".
    public var number: String
    /// 1 for "3." and "04", 2 for "3.1".
    public var level: Int
    public var title: String

    /// Reads a heading from one line. A title must look like one: mostly capitals, or the line
    /// set as a heading. Table-of-contents lines ("3. FORO … 5") are not headings.
    public static func parse(_ text: String, isHeading: Bool = false) -> SectionHeading? {
        let t = text.collapsedWhitespace
        guard let first = t.first, first.isNumber else { return nil }
        let numberPart = t.prefix { $0.isNumber || $0 == "." }
        let parts = numberPart.split(separator: ".", omittingEmptySubsequences: true)
        guard !parts.isEmpty, parts.count <= 3, parts.allSatisfy({ $0.count <= 2 }) else { return nil }
        let rest = t.dropFirst(numberPart.count)
        // "2021" or "1.234" are figures, not section numbers.
        if parts.count == 1, numberPart.count >= 3 { return nil }
        if parts.count > 1, parts.last!.count > 2 { return nil }
        let title = rest.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "-–.:) "))
        let level = parts.count
        let number = parts.joined(separator: ".")
        if title.isEmpty {
            // A number alone is a section number only when shaped as one ("3.1", "3.", "04"):
            // a lone "29" on a slide is a figure.
            guard parts.count >= 2 || numberPart.hasSuffix(".") || numberPart.hasPrefix("0") else { return nil }
            return SectionHeading(number: number, level: level, title: "")
        }
        // A lone integer followed by words ("3 3 100%", "12 compromisos") is no heading unless
        // it ends with a dot ("3.") or has a leading zero ("04").
        if parts.count == 1, !numberPart.hasSuffix("."), !numberPart.hasPrefix("0"), !isHeading { return nil }
        guard rest.first == " " || rest.first == "\t" || numberPart.hasSuffix(".") else { return nil }
        guard title.first?.isLetter == true else { return nil }
        if Self.isTableOfContentsLine(title) { return nil }
        let letters = title.filter { $0.isLetter }
        let upper = letters.filter { $0.isUppercase }.count
        guard isHeading || (letters.count >= 3 && Double(upper) / Double(letters.count) >= 0.6) else { return nil }
        return SectionHeading(number: number, level: level, title: title)
    }

    static func isTableOfContentsLine(_ title: String) -> Bool {
        if title.contains("....") || title.contains("…") { return true }
        let tail = title.reversed().prefix { $0.isNumber }
        return !tail.isEmpty && title.dropLast(tail.count).hasSuffix(" ") && title.count > tail.count + 3
            && title.dropLast(tail.count).trimmingCharacters(in: .whitespaces).last?.isLetter == true
            && title.filter(\.isLetter).allSatisfy { $0.isUppercase }
    }

    /// Nouns that name participation events: a numbered section named by one is one event.
    static let eventNouns = ["foro", "taller", "mesa", "audiencia", "encuentro", "conversatorio", "jornada",
                             "evento", "feria", "sesion", "dialogo", "rendicion de cuentas", "cabildo", "webinar"]

    /// True when the title names an event ("FORO POLÍTICAS PÚBLICAS"), so the section is a record.
    public var namesEvent: Bool {
        let f = title.folded
        return Self.eventNouns.contains { f.hasPrefix($0 + " ") }
    }
}
