import CotejoModel
import CotejoArithmetic
import CotejoSpanish

/// `text.figure_mismatch`: the document states how many things happened in its period twice, with two
/// figures: "En este trimestre, se realizaron 50 solicitudes" on one page and "En este primer trimestre
/// se realizaron 55 solicitudes de portabilidad" on the next; "En este trimestre se realizaron 37
/// afiliaciones" above a table headed "TOTAL AFILIACIONES III TRIMESTRE 2022: 32".
///
/// Only counts the record stage tied to the document's own period and to the thing counted (see
/// `PeriodCounts`): one figure each, the same period, the same counted noun. Counts of a part ("en el
/// área administrativa …") are never read as such, so they cannot clash with the whole.
public struct TextFigureMismatchRule: Rule {
    public let id = "text.figure_mismatch"
    public let defaultSeverity = Severity.error
    public let summary = "El texto dice otra cifra que la tabla o que el mismo texto / the text states another figure than the table or itself"

    public init() {}

    public func check(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        // A count ("50 solicitudes") or an indicator's percentage ("oportunidad de respuesta: 62 %").
        func figure(_ t: StatedTotal) -> Double? {
            guard t.planned == nil, t.period != nil else { return nil }
            if let e = t.executed, t.reportedPercent == nil { return e }
            if let p = t.reportedPercent, t.executed == nil { return p }
            return nil
        }
        var groups: [String: [StatedTotal]] = [:]
        var order: [String] = []
        for t in input.records.totals where figure(t) != nil {
            let key = "\(t.label.folded)|\(t.period!)|\(t.executed == nil ? "%" : "n")"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(t)
        }
        var findings: [Finding] = []
        for key in order {
            let group = groups[key]!
            let values = group.map { figure($0)! }
            // Two figures for one thing: one of them is wrong. More than two: the name covers several
            // things, and nothing is said.
            guard Set(values).count == 2 else { continue }
            let unit = key.hasSuffix("|%") ? " %" : ""
            let t = group[0]
            findings.append(diagnose(.differentFigures(t, group.map { (figure($0)!, $0.source.first) }, unit: unit),
                                     values: ["label": .text(t.label), "period": .text(t.period!),
                                              "figures": .text(values.map { Figures.en($0) }.joined(separator: " / "))],
                                     at: group.flatMap(\.source).uniqued(), settings))
        }
        return findings + restatedShares(input, settings: settings)
    }

    /// A share the text gives a table row ("un 23.1% al Eje Territorial") against the row's own
    /// percentage (23,01 %): each figure stands for its rounding interval, and they must meet.
    func restatedShares(_ input: CheckInput, settings: RuleSettings) -> [Finding] {
        input.records.totals.compactMap { t -> Finding? in
            guard let key = t.restates, let stated = t.reportedPercent, t.source.count == 2, t.planned == nil, t.executed == nil,
                  let text = StatedPrecision.statedNumber(stated, in: t.source[0].text) ?? SpanishNumber.parse(t.source[0].text),
                  let row = SpanishNumber.parse(t.source[1].text.collapsedWhitespace) else { return nil }
            let a = StatedInterval.rounding(stated, decimals: text.decimals), b = StatedInterval.rounding(row.value, decimals: row.decimals)
            guard a.upper < b.lower - 1e-9 || b.upper < a.lower - 1e-9 else { return nil }
            return diagnose(.shareRestatedOtherwise(t.label, text: stated, decimals: text.decimals, row: row),
                            values: ["label": .text(t.label), "text_percent": .number(stated), "table_percent": .number(row.value), "restates": .text(key)],
                            at: t.source, settings)
        }
    }
}

extension Bilingual {
    fileprivate static func differentFigures(_ t: StatedTotal, _ figures: [(Double, Source?)], unit: String) -> Bilingual {
        func place(_ src: Source?) -> Bilingual { .place(of: src) ?? Bilingual(es: "", en: "") }
        let es = figures.map { "\(Figures.es($0.0))\(unit) (\(place($0.1).es))" }.joined(separator: ", ")
        let en = figures.map { "\(Figures.en($0.0))\(unit) (\(place($0.1).en))" }.joined(separator: ", ")
        return Bilingual(es: "El documento da cifras distintas de «\(t.label)» en el periodo \(t.period!): \(es)",
                         en: "The document states different figures for “\(t.label)” in period \(t.period!): \(en)")
    }

    fileprivate static func shareRestatedOtherwise(_ label: String, text stated: Double, decimals: Int, row: SpanishNumber) -> Bilingual {
        Bilingual(es: "El texto da \(Figures.es(stated, decimals: decimals)) % a «\(label)»; su fila de la tabla dice \(Figures.es(row.value, decimals: row.decimals)) %",
                  en: "The text gives \(Figures.en(stated, decimals: decimals)) % to “\(label)”; its table row says \(Figures.en(row.value, decimals: row.decimals)) %")
    }
}
