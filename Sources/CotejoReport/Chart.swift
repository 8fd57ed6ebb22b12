import Foundation
import CotejoModel

/// An inline SVG bar chart of compliance by group: for each group a bar of the recomputed
/// percentage and one of the stated percentage, with a line at 100 %. Inline SVG needs no script
/// or library, prints, and scales with the page.
struct ComplianceChart {
    var rows: [CompareRow]
    var words: Words

    static let computedColour = "#2a6fb0"
    static let statedColour = "#e0a030"

    func svg() -> String {
        let rows = rows.filter { $0.computedPercent != nil || $0.statedPercent != nil }
        let w = words
        guard !rows.isEmpty else {
            return "<p class=\"muted\">\(w("Ningún grupo declara ni permite calcular un cumplimiento.", "No group states or allows computing a compliance."))</p>"
        }
        let labelWidth = 330.0, barArea = 520.0, barHeight = 14.0, gap = 3.0, groupGap = 14.0, top = 28.0
        let maxValue = max(100, rows.flatMap { [$0.computedPercent ?? 0, $0.statedPercent ?? 0] }.max() ?? 100)
        // Round the axis up to the next 25 % so that the 100 % line sits at a readable place.
        let axisMax = (maxValue / 25).rounded(.up) * 25
        func x(_ v: Double) -> Double { labelWidth + barArea * min(v, axisMax) / axisMax }
        let groupHeight = 2 * barHeight + gap + groupGap
        let height = top + Double(rows.count) * groupHeight + 8
        let width = labelWidth + barArea + 70
        var s = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" xmlns=\"http://www.w3.org/2000/svg\">"
        s += "<title>\(escapeHTML(w("Cumplimiento por entidad", "Compliance by entity")))</title>"
        // Legend.
        s += "<rect x=\"\(Int(labelWidth))\" y=\"4\" width=\"12\" height=\"12\" fill=\"\(Self.computedColour)\"/>"
        s += "<text x=\"\(Int(labelWidth) + 16)\" y=\"14\">\(escapeHTML(w("recalculado (Σ ejecutado / Σ programado)", "recomputed (Σ executed / Σ planned)")))</text>"
        s += "<rect x=\"\(Int(labelWidth) + 300)\" y=\"4\" width=\"12\" height=\"12\" fill=\"\(Self.statedColour)\"/>"
        s += "<text x=\"\(Int(labelWidth) + 316)\" y=\"14\">\(escapeHTML(w("declarado", "stated")))</text>"
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * groupHeight
            let label = r.group.count > 48 ? String(r.group.prefix(47)) + "…" : r.group
            s += "<text x=\"\(Int(labelWidth) - 8)\" y=\"\(fmt(y + barHeight + 2))\" text-anchor=\"end\"><title>\(escapeHTML(r.group))</title>\(escapeHTML(label))</text>"
            for (k, value, colour) in [(0, r.computedPercent, Self.computedColour), (1, r.statedPercent, Self.statedColour)] {
                let by = y + Double(k) * (barHeight + gap)
                if let value {
                    s += "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(by))\" width=\"\(fmt(max(1, x(value) - labelWidth)))\" height=\"\(fmt(barHeight))\" fill=\"\(colour)\"/>"
                    s += "<text x=\"\(fmt(x(value) + 4))\" y=\"\(fmt(by + barHeight - 3))\" class=\"v\">\(escapeHTML(w.percent(value)))</text>"
                } else {
                    s += "<text x=\"\(fmt(labelWidth + 4))\" y=\"\(fmt(by + barHeight - 3))\" class=\"v muted\">\(escapeHTML(w("sin dato", "no figure")))</text>"
                }
            }
        }
        let hundred = x(100)
        s += "<line x1=\"\(fmt(hundred))\" y1=\"\(fmt(top - 6))\" x2=\"\(fmt(hundred))\" y2=\"\(fmt(height - 4))\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>"
        s += "<text x=\"\(fmt(hundred))\" y=\"\(fmt(height))\" text-anchor=\"middle\" class=\"v\">100 %</text>"
        s += "</svg>"
        return s
    }

    private func fmt(_ d: Double) -> String { String(format: "%.1f", d) }
}
