import CotejoModel
import CotejoSpanish

/// `crossdoc.mismatch`: the same count of the same entity and period stated with different figures in
/// two documents. A quarterly report quotes last quarter ("trimestre anterior se realizaron 45
/// afiliaciones") while last quarter's report said 43 ("TOTAL AFILIACIONES IV TRIMESTRE 2021 43").
///
/// It runs after a batch, over every document in the store (a document's figures can only be
/// contradicted by another's), and again whenever any document changes. Counts match on the entity
/// (as named by each document), the period and the thing counted. The finding goes to the document
/// that quotes a period other than its own; it names both figures and points to both places, the
/// other document's sources carrying its file.
public struct CrossDocumentMismatch: Sendable {
    public static let ruleID = "crossdoc.mismatch"
    public var severity: Severity = .error

    public init() {}

    public struct Document: Sendable {
        public var id: Int64
        public var path: String
        public var facts: DocumentFacts
        public var totals: [StatedTotal]

        public init(id: Int64, path: String, facts: DocumentFacts, totals: [StatedTotal]) {
            self.id = id; self.path = path; self.facts = facts; self.totals = totals
        }

        /// The period the document reports on, from its title, in the contract's form.
        var ownPeriod: String? { ReportPeriod(title: facts.title, year: facts.year)?.period }
    }

    /// The findings, each with the id of the document it belongs to.
    public func check(_ documents: [Document]) -> [(Int64, Finding)] {
        struct Stated { var doc: Document; var total: StatedTotal }
        var groups: [String: [Stated]] = [:]
        var order: [String] = []
        for d in documents {
            guard let entity = d.facts.entity?.folded.collapsedWhitespace, !entity.isEmpty else { continue }
            for t in d.totals where t.planned == nil && t.reportedPercent == nil {
                guard let period = t.period, t.executed != nil else { continue }
                let key = "\(entity)|\(period)|\(t.label.folded)"
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(Stated(doc: d, total: t))
            }
        }
        var out: [(Int64, Finding)] = []
        for key in order {
            let group = groups[key]!
            let docs = Set(group.map(\.doc.id))
            guard docs.count >= 2 else { continue }
            // Within a document, text.figure_mismatch speaks; here only figures of two documents.
            for quoting in group where quoting.doc.ownPeriod != quoting.total.period {
                let others = group.filter { $0.doc.id != quoting.doc.id && $0.total.executed != quoting.total.executed }
                guard let other = others.first(where: { $0.doc.ownPeriod == $0.total.period }) ?? others.first else { continue }
                let t = quoting.total, o = other.total
                let name = other.doc.path.split(separator: "/").last.map(String.init) ?? other.doc.path
                let message = Bilingual.otherDocumentSays(t, other: name, o.executed!)
                let theirs = o.source.map { s -> Source in var s = s; s.file = other.doc.path; return s }
                out.append((quoting.doc.id, Finding(
                    rule: Self.ruleID, severity: severity, message: message.es, messageEN: message.en,
                    values: ["label": .text(t.label), "period": .text(t.period!), "stated": .number(t.executed!),
                             "other_document": .text(other.doc.path), "other_stated": .number(o.executed!)],
                    source: t.source + theirs)))
            }
        }
        return out
    }
}

extension Bilingual {
    fileprivate static func otherDocumentSays(_ t: StatedTotal, other name: String, _ theirs: Double) -> Bilingual {
        Bilingual(es: "Este documento dice \(Figures.es(t.executed!)) «\(t.label)» en el periodo \(t.period!); «\(name)» dice \(Figures.es(theirs))",
                  en: "This document says \(Figures.en(t.executed!)) “\(t.label)” in period \(t.period!); “\(name)” says \(Figures.en(theirs))")
    }
}
