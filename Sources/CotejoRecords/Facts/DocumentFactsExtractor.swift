import CotejoSpanish
import Foundation
import CotejoModel

/// Reads the document-level facts: the publishing entity, the title, the kind of document and its
/// year, each with the place it was read from.
public struct DocumentFactsExtractor: Sendable {
    /// How many leading pages are searched for the entity and title (cover and first page).
    public var leadingPages = 3

    public init() {}

    public func extract(from content: DocumentContent) -> DocumentFacts {
        var facts = DocumentFacts()
        let leading = content.pages.prefix(leadingPages)
        let bodyLeading = leading.flatMap(\.bodyLines)

        if let (title, source) = title(content: content, bodyLines: bodyLeading) {
            facts.title = title; facts.sources["title"] = source
        }
        if let (entity, source) = entity(pages: Array(leading), metadataTitle: content.metadata["title"]) {
            facts.entity = entity; facts.sources["entity"] = source
        }
        let kindText = [facts.title ?? ""] + bodyLeading.prefix(40).map(\.text)
        if let (kind, index) = kind(texts: kindText) {
            facts.kind = kind
            facts.sources["kind"] = index == 0 ? facts.sources["title"] : bodyLeading.prefix(40)[index - 1].source
        } else {
            facts.kind = .other
        }
        if let (year, source) = year(content: content, title: facts.title, titleSource: facts.sources["title"]) {
            facts.year = year; facts.sources["year"] = source
        }
        return facts
    }

    // MARK: Title

    private func title(content: DocumentContent, bodyLines: [TextLine]) -> (String, Source)? {
        if let meta = content.metadata["title"]?.collapsedWhitespace, meta.count >= 8,
           !meta.folded.hasPrefix("microsoft"), !meta.contains(".doc"), !meta.contains(".pdf") {
            let source = bodyLines.first { $0.text.folded.contains(meta.folded.prefix(20)) }?.source.quoting(meta)
                ?? Source(text: meta)
            return (meta, source)
        }
        // A line near the top that names a kind of document reads as the title.
        let top = bodyLines.prefix(30)
        if let line = top.first(where: { Self.kindWord(in: $0.text.folded) != nil && $0.text.count >= 6 }) {
            return (line.text.collapsedWhitespace, line.source)
        }
        // Otherwise the largest type on the first page.
        if let biggest = top.max(by: { $0.fontSize < $1.fontSize }), biggest.fontSize > 0 {
            return (biggest.text.collapsedWhitespace, biggest.source)
        }
        return top.first.map { ($0.text.collapsedWhitespace, $0.source) }
    }

    // MARK: Kind

    /// Words that tell what a document is. A report word anywhere in a text decides ("Informe de
    /// cumplimiento del Plan …" and "Plan … - Informe de cumplimiento" are reports about a plan);
    /// otherwise the first policy or plan word decides ("Estrategia …  Política …" is a plan).
    static let kindWords: [(String, DocumentKind)] = [
        ("informe", .report), ("seguimiento", .report), ("reporte", .report), ("rendicion de cuentas", .report),
        ("evaluacion", .report), ("balance", .report),
        ("politica", .policy), ("lineamiento", .policy), ("manual", .policy),
        ("plan", .plan), ("estrategia", .plan), ("programa", .plan), ("cronograma", .plan),
    ]

    static func kindWord(in folded: String) -> (String, DocumentKind)? {
        let words = Set(folded.split(whereSeparator: { !$0.isLetter }).map(String.init))
        var best: (String.Index, String, DocumentKind)?
        for (word, kind) in kindWords {
            let hit = word.contains(" ") ? folded.range(of: word) : (words.contains(word) || words.contains(word + "es") || words.contains(word + "s") ? folded.range(of: word) : nil)
            guard let hit else { continue }
            if kind == .report { return (word, kind) }
            if best == nil || hit.lowerBound < best!.0 { best = (hit.lowerBound, word, kind) }
        }
        return best.map { ($0.1, $0.2) }
    }

    private func kind(texts: [String]) -> (DocumentKind, Int)? {
        for (i, text) in texts.enumerated() {
            if let (_, kind) = Self.kindWord(in: text.folded) { return (kind, i) }
        }
        return nil
    }

    // MARK: Entity

    /// Words that open the name of a Colombian public entity that publishes in its own name.
    static let entityOpeners = [
        "alcaldia", "gobernacion", "municipio", "instituto", "fondo", "ministerio", "departamento administrativo",
        "unidad administrativa", "agencia", "superintendencia", "contraloria", "personeria", "procuraduria",
        "defensoria", "veeduria", "empresa", "empresas", "hospital", "universidad", "corporacion", "servicio nacional",
        "registraduria", "caja",
    ]
    /// Openers of a dependency of an entity, or of a body that adopts or oversees what an entity
    /// publishes: named in the document more often as an author's office or an addressee.
    static let dependencyOpeners = ["secretaria", "concejo", "asamblea", "consejo", "camara"]
    /// Short words that may stand inside a proper name without capitals.
    static let connectors: Set<String> = ["de", "del", "la", "las", "los", "el", "y", "e", "para", "en", "-", "–", "a"]

    /// A name found in a line, and how the line holds it.
    struct EntityCandidate {
        var name: String
        var source: Source
        var line: Int
        /// The name is most of its line, among the first lines of its page: a letterhead, a cover
        /// or a running header.
        var isLetterhead: Bool
        var isDependency: Bool
    }

    /// Lines at the top of a page where a letterhead stands.
    static let letterheadLines = 8

    /// The publishing entity: of the names in the leading pages, an entity before one of its
    /// dependencies or a body that oversees it; then one a letterhead states (a line of its own at
    /// the top of a page); then the name stated most often (a document names its publisher as the
    /// subject of its sentences); then the first. A body (concejo, asamblea) mentioned only in prose
    /// ("al Honorable Concejo Municipal") is an addressee, never the publisher.
    private func entity(pages: [Page], metadataTitle: String?) -> (String, Source)? {
        // Headers name the entity too, so furniture counts here (it never makes a record).
        let lines = pages.flatMap(\.lines)
        let lineInPage = pages.flatMap { $0.lines.indices.map { $0 } }
        var candidates: [EntityCandidate] = []
        for (i, line) in lines.enumerated() {
            guard let (opener, found) = Self.entityName(in: line.text) else { continue }
            var name = found
            // A name broken over lines ("Secretaría General Alcaldía Mayor de" / "Bogotá") goes on
            // when it ran to the end of its line and the next line is more of a proper name, not the
            // document's title ("Informe SIAU").
            var next = i + 1
            var tail = Self.tailAfter(name, in: line.text.collapsedWhitespace)
            while next < lines.count, let connectors = tail, Self.continuesName(lines[next].text),
                  Self.kindWord(in: lines[next].text.folded) == nil, name.split(separator: " ").count < 16 {
                let more = lines[next].text.collapsedWhitespace
                name += (connectors.isEmpty ? "" : " " + connectors) + " " + more
                tail = ""
                next += 1
            }
            // An acronym on the next line or after a dash completes the name ("… Juventud" / "IDIPRON").
            if !name.contains(" - "), next < lines.count {
                let acronym = lines[next].text.trimmingCharacters(in: .whitespacesAndNewlines)
                if Self.isAcronym(acronym) { name += " - " + acronym }
            }
            let lineText = line.text.collapsedWhitespace
            let standsAlone = name.count * 10 >= min(lineText.count, name.count + 200) * 6
            let isDependency = Self.dependencyOpeners.contains(opener)
            if isDependency, !standsAlone, ["concejo", "asamblea", "consejo", "camara"].contains(opener) { continue }
            candidates.append(EntityCandidate(name: name, source: line.source, line: i,
                                              isLetterhead: standsAlone && lineInPage[i] < Self.letterheadLines, isDependency: isDependency))
        }
        func count(_ c: EntityCandidate) -> Int { candidates.filter { $0.name.folded == c.name.folded }.count }
        func rank(_ c: EntityCandidate) -> (Int, Int, Int, Int) { (c.isDependency ? 0 : 1, c.isLetterhead ? 1 : 0, count(c), -c.line) }
        if let best = candidates.max(by: { rank($0) < rank($1) }) { return (best.name, best.source) }
        // A title such as "Política … - FONDESER" names the entity by its acronym.
        if let meta = metadataTitle, let dash = meta.range(of: " - ", options: .backwards) {
            let tail = meta[dash.upperBound...].trimmingCharacters(in: .whitespaces)
            if Self.isAcronym(tail) { return (tail, Source(text: meta)) }
        }
        return nil
    }

    /// What follows `name` at the end of `line` when it is only connectors ("de", "del", "la"), so
    /// that the name may go on over the next line; nil when other words follow.
    static func tailAfter(_ name: String, in line: String) -> String? {
        guard let r = line.lastUTF8Range(of: name) else { return nil }
        let rest = line[r.upperBound...].split(separator: " ").map(String.init)
        return rest.allSatisfy { connectors.contains($0.folded) } ? rest.joined(separator: " ") : nil
    }

    /// A line that only carries more of a proper name: capitalised words and connectors, no
    /// figures, no sentence punctuation, short. An acronym alone is not (it is added after a dash).
    static func continuesName(_ text: String) -> Bool {
        let t = text.collapsedWhitespace
        let tokens = t.split(separator: " ").map(String.init)
        guard !tokens.isEmpty, tokens.count <= 6, !isAcronym(t), !t.contains(where: { $0.isNumber || ".:;".contains($0) }) else { return false }
        guard tokens.first?.first?.isUppercase == true else { return false }
        return tokens.allSatisfy { $0.first?.isUppercase == true || connectors.contains($0.folded) }
    }

    static func isAcronym(_ s: String) -> Bool {
        s.count >= 3 && s.count <= 12 && s.allSatisfy { $0.isUppercase || $0.isNumber } && s.contains { $0.isLetter }
    }

    /// The proper name that starts at an entity opener: capitalised words and connectors, up to
    /// punctuation or the first lower-case word; "- ACRONYM" and "(ACRONYM)" after it are kept.
    /// An "E.S.E." (empresa social del estado) before the opener is part of the name. Returns the opener
    /// that matched with the name.
    /// The openers (entity ones first, as the search prefers them) by their first word, split
    /// once: the search runs over every line of every document.
    static let openersByFirstWord: [String: [(opener: String, parts: [String])]] = {
        var index: [String: [(opener: String, parts: [String])]] = [:]
        for o in entityOpeners + dependencyOpeners {
            let parts = o.split(separator: " ").map(String.init)
            guard let first = parts.first else { continue }
            index[first, default: []].append((o, parts))
        }
        return index
    }()

    static func entityName(in text: String) -> (opener: String, name: String)? {
        // Most lines name no entity: a line without any opener's first word among its folded
        // letters is passed over before it is split and each word folded.
        let foldedLine = text.folded
        guard openersByFirstWord.keys.contains(where: { foldedLine.containsUTF8($0) }) else { return nil }
        let tokens = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        let folded = tokens.map { $0.folded.trimmingCharacters(in: .punctuationCharacters) }
        for start in tokens.indices {
            guard tokens[start].first?.isUppercase == true,
                  let candidates = openersByFirstWord[folded[start]] else { continue }
            let opener = candidates.first { o in
                start + o.parts.count <= tokens.count && zip(o.parts, folded[start...]).allSatisfy { $0 == $1 }
            }?.opener
            guard let opener else { continue }
            var end = start
            var k = start + 1
            while k < tokens.count {
                let t = tokens[k]
                let bare = t.trimmingCharacters(in: .punctuationCharacters)
                if t == "-" || t == "–" {
                    // "… de El Retiro - FONDESER" goes on; "… de Chía - Plan Operativo …" is a title after it.
                    guard k + 1 < tokens.count, isAcronym(tokens[k + 1].trimmingCharacters(in: .punctuationCharacters)) else { break }
                    k += 1; continue
                }
                if connectors.contains(t.folded) {
                    k += 1; continue
                }
                guard let first = bare.first, first.isUppercase || first.isNumber else { break }
                end = k
                if t.last.map({ ",.;:".contains($0) }) == true { break }
                k += 1
            }
            guard end > start else { continue }
            let first = start > 0 && ["ese", "e.s.e", "e.s.e."].contains(tokens[start - 1].folded) ? start - 1 : start
            var name = tokens[first...end].joined(separator: " ")
            name = name.trimmingCharacters(in: CharacterSet(charactersIn: ",.;: "))
            return (opener, name)
        }
        return nil
    }

    // MARK: Year

    /// Words that introduce legal instruments: the year that follows them dates the norm, not the document.
    static let instrumentWords: Set<String> = [
        "ley", "decreto", "resolucion", "acuerdo", "constitucion", "conpes", "circular", "directiva",
        "ordenanza", "sentencia", "articulo", "codigo", "norma", "iso", "ntc",
    ]

    private func year(content: DocumentContent, title: String?, titleSource: Source?) -> (Int, Source)? {
        if let title, let y = Self.years(in: title).last { return (y.year, titleSource ?? Source(text: title)) }
        var counts: [Int: (count: Int, source: Source)] = [:]
        for line in content.pages.flatMap(\.lines) {
            for y in Self.years(in: line.text) {
                let prior = counts[y.year]
                counts[y.year] = ((prior?.count ?? 0) + 1, prior?.source ?? line.source)
            }
        }
        for table in content.tables {
            for cell in table.cells {
                for y in Self.years(in: cell.text) {
                    let prior = counts[y.year]
                    counts[y.year] = ((prior?.count ?? 0) + 1, prior?.source ?? cell.source)
                }
            }
        }
        guard let best = counts.max(by: { ($0.value.count, $0.key) < ($1.value.count, $1.key) }) else { return nil }
        return (best.key, best.value.source)
    }

    /// Years stated in a text, leaving out those that date a legal instrument ("Ley 1757 de 2015").
    static func years(in text: String) -> [(year: Int, offset: Int)] {
        // A year is a word of four digits: most cells of a sheet ("12", "45.5", "1234567,89") have
        // no run of exactly four that is a year, and are passed over without being split into words.
        guard hasFourDigitRun(text) else { return [] }
        let tokens = text.split(whereSeparator: { !$0.isWordCharacter }).map(String.init)
        var found: [(Int, Int)] = []
        for (i, token) in tokens.enumerated() {
            guard let y = CalendarYear.of(token) else { continue }
            let before = tokens[max(0, i - 4)..<i].map(\.folded)
            if before.contains(where: instrumentWords.contains) { continue }
            found.append((y, i))
        }
        return found
    }

    /// A run of exactly four ASCII digits whose value is a calendar year.
    private static func hasFourDigitRun(_ text: String) -> Bool {
        var run = 0, value = 0
        for u in text.utf8 {
            if u >= 0x30 && u <= 0x39 {
                // Only a run's first four digits make a year's value (a longer run is none).
                run += 1
                if run <= 4 { value = value * 10 + Int(u - 0x30) }
            } else {
                if run == 4 && CalendarYear.contains(value) { return true }
                run = 0; value = 0
            }
        }
        return run == 4 && CalendarYear.contains(value)
    }
}
