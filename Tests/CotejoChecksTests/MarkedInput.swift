import Testing
import CotejoModel
@testable import CotejoChecks

/// A rule's input with the places its findings must point at marked inline, as swift-format's tests
/// mark them: `"realizó 1️⃣tres (4) foros"`. The markers are taken out of the lines and cells before
/// the rule runs; each keeps the line or cell it stood in and where in its text.
struct MarkedInput {
    static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    /// Where a marker stood: the line's or cell's source and the text after the marker.
    struct Place { var source: Source; var rest: Substring }

    var pages: [Page] = []
    var tables: [Table] = []
    var places: [String: Place] = [:]

    /// Pages given as blocks of lines (page numbers from 1), tables as rows of cells (first row headers).
    init(pages: [[[String]]] = [], tables: [[[String]]] = []) {
        /// The text without its markers, noting each marker's offset in it.
        func clean(_ text: String) -> (String, [(String, Int)]) {
            var out = "", found: [(String, Int)] = []
            var rest = Substring(text)
            while !rest.isEmpty {
                if let m = Self.markers.first(where: { rest.hasPrefix($0) }) {
                    found.append((m, out.count)); rest = rest.dropFirst(m.count)
                } else {
                    out.append(rest.removeFirst())
                }
            }
            return (out, found)
        }
        for (p, blocks) in pages.enumerated() {
            var cleaned: [[String]] = []
            var lineMarks: [[(String, Int)]] = []
            for block in blocks {
                cleaned.append(block.map { line in let (t, m) = clean(line); lineMarks.append(m); return t })
            }
            let page = Make.page(p + 1, blocks: cleaned)
            for (line, m) in zip(page.blocks.flatMap(\.lines), lineMarks) {
                for (marker, offset) in m { places[marker] = Place(source: line.source, rest: line.text.dropFirst(offset)) }
            }
            self.pages.append(page)
        }
        for (t, rows) in tables.enumerated() {
            var cellMarks: [(row: Int, column: Int, marker: String, offset: Int)] = []
            let cleaned = rows.enumerated().map { r, row in
                row.enumerated().map { c, cell in
                    let (text, m) = clean(cell)
                    cellMarks += m.map { (r, c, $0.0, $0.1) }
                    return text
                }
            }
            let table = Make.table(cleaned, index: t + 1)
            for m in cellMarks {
                let cell = table.cells.first { $0.row == m.row && $0.column == m.column }!
                places[m.marker] = Place(source: cell.source, rest: cell.text.dropFirst(m.offset))
            }
            self.tables.append(table)
        }
    }

    /// The markers a finding points at: one of its sources stands where the marker's line or cell does
    /// and quotes the text that starts at the marker.
    func markers(of finding: Finding) -> Set<String> {
        Set(places.filter { _, place in
            finding.source.contains { s in
                s.page == place.source.page && s.bbox == place.source.bbox && !s.text.isEmpty && place.rest.hasPrefix(s.text)
            }
        }.keys)
    }
}

/// A finding a marked test expects: at its marker, with at least these values.
struct FindingSpec {
    var marker: String
    var values: [String: FindingValue] = [:]

    init(_ marker: String, _ values: [String: FindingValue] = [:]) { self.marker = marker; self.values = values }
}

/// Runs `rule` on `input` and requires exactly the expected findings: one per spec, pointing at its
/// marker and holding its values, and no finding that points at no expected marker.
func assertFindings(_ rule: some Rule, in input: MarkedInput, records: DocumentRecords = DocumentRecords(),
                    settings: RuleSettings = RuleSettings(), _ expected: [FindingSpec],
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let findings = rule.check(CheckInput(content: Make.content(input.pages, tables: input.tables), records: records), settings: settings)
    for spec in expected {
        guard input.places[spec.marker] != nil else {
            Issue.record("marker \(spec.marker) is not in the input", sourceLocation: sourceLocation); continue
        }
        let at = findings.filter { input.markers(of: $0).contains(spec.marker) }
        guard at.count == 1 else {
            Issue.record("\(at.count) findings at \(spec.marker), expected 1: \(findings.map(\.message))", sourceLocation: sourceLocation)
            continue
        }
        for (key, value) in spec.values where at[0].values[key] != value {
            Issue.record("finding at \(spec.marker): \(key) is \(at[0].values[key].map(\.description) ?? "missing"), expected \(value)",
                         sourceLocation: sourceLocation)
        }
    }
    let expectedMarkers = Set(expected.map(\.marker))
    for f in findings where input.markers(of: f).isDisjoint(with: expectedMarkers) {
        Issue.record("unexpected finding: \(f.message)", sourceLocation: sourceLocation)
    }
}
