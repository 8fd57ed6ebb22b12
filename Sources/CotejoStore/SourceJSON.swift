import Foundation
import CotejoModel

/// A source as the JSON the store keeps in `cells.source` and `blocks.source`, written by hand:
/// the bytes `JSONEncoder` writes with sorted keys and unescaped slashes, at a fraction of its
/// cost. A 5,000-row workbook has 200,000 cells, and encoding their sources one `JSONEncoder`
/// call at a time was most of the store's time. A test holds the two byte for byte.
enum SourceJSON {
    static func encode(_ s: Source) -> String {
        var out = "{"
        var first = true
        func key(_ name: String) {
            if !first { out += "," }
            first = false
            out += "\"" + name + "\":"
        }
        // Keys in sorted order, as `.sortedKeys` writes them.
        if let b = s.bbox {
            key("bbox")
            out += "{\"x0\":" + number(b.x0) + ",\"x1\":" + number(b.x1) + ",\"y0\":" + number(b.y0) + ",\"y1\":" + number(b.y1) + "}"
        }
        if let v = s.cell { key("cell"); string(v, into: &out) }
        if let v = s.column { key("column"); out += String(v) }
        if let v = s.confidence { key("confidence"); out += number(v) }
        if let v = s.file { key("file"); string(v, into: &out) }
        if let v = s.formula { key("formula"); string(v, into: &out) }
        if let v = s.hidden { key("hidden"); out += v ? "true" : "false" }
        if let v = s.line { key("line"); out += String(v) }
        if let v = s.ocr { key("ocr"); out += v ? "true" : "false" }
        if let v = s.page { key("page"); out += String(v) }
        if let v = s.paragraph { key("paragraph"); out += String(v) }
        if let v = s.row { key("row"); out += String(v) }
        if let v = s.sheet { key("sheet"); string(v, into: &out) }
        if let v = s.table { key("table"); out += String(v) }
        key("text"); string(s.text, into: &out)
        if let v = s.xpath { key("xpath"); string(v, into: &out) }
        return out + "}"
    }

    /// A double as JSONEncoder writes it: whole numbers without a fraction, others in Swift's
    /// shortest form that reads back to the same double; what is not finite as the string
    /// `JSONCoding` names it with.
    static func number(_ d: Double) -> String {
        if !d.isFinite { return d.isNaN ? "\"NaN\"" : d > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        if d == 0 && d.sign == .minus { return "-0" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// An activity's periods, written for every activity of every table: by hand, the bytes
    /// JSONEncoder writes with sorted keys (a test holds them equal).
    static func measures(_ values: [Measure]) -> String {
        var out = "["
        for (i, m) in values.enumerated() {
            if i > 0 { out += "," }
            out += "{"
            if let v = m.executed { out += "\"executed\":" + number(v) + "," }
            out += "\"fieldSources\":{"
            for (k, key) in m.fieldSources.keys.sorted(by: sortedKeysOrder).enumerated() {
                if k > 0 { out += "," }
                string(key, into: &out)
                out += ":" + encode(m.fieldSources[key]!)
            }
            out += "},\"period\":"
            string(m.period, into: &out)
            if let v = m.planned { out += ",\"planned\":" + number(v) }
            if let v = m.reportedPercent { out += ",\"reportedPercent\":" + number(v) }
            out += ",\"source\":["
            for (k, source) in m.source.enumerated() {
                if k > 0 { out += "," }
                out += encode(source)
            }
            out += "]}"
        }
        return out + "]"
    }

    /// An array of strings.
    static func array(_ values: [String]) -> String {
        var out = "["
        for (i, v) in values.enumerated() {
            if i > 0 { out += "," }
            string(v, into: &out)
        }
        return out + "]"
    }

    /// An object of strings, keys in the order JSONEncoder's `sortedKeys` gives them.
    static func object(_ values: [String: String]) -> String {
        var out = "{"
        for (i, key) in values.keys.sorted(by: sortedKeysOrder).enumerated() {
            if i > 0 { out += "," }
            string(key, into: &out)
            out += ":"
            string(values[key] ?? "", into: &out)
        }
        return out + "}"
    }

    /// JSONEncoder's `sortedKeys` order.
    static func sortedKeysOrder(_ a: String, _ b: String) -> Bool { a < b }

    /// A string literal with JSON's escapes: the quote, the backslash and control characters.
    static func string(_ s: String, into out: inout String) {
        out += "\""
        var plain = true
        for u in s.utf8 where u < 0x20 || u == 0x22 || u == 0x5C { plain = false; break }
        if plain { out += s; out += "\""; return }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
