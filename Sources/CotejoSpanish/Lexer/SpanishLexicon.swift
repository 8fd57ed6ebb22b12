// The words the scanners care about, looked up once per word when text is lexed: month names,
// ordinals, Roman numerals, period kinds and cardinal words. Without it every scanner hashed every word
// several times, which dominated the cost of scanning long documents.

struct SpanishWordInfo {
    /// 1…12 when the word names a month.
    var month: Int8 = 0
    var monthAbbreviated = false
    /// 1…12 when the word is an ordinal ("tercer").
    var ordinal: Int8 = 0
    /// 1…12 when the word is a Roman numeral ("ii").
    var roman: Int8 = 0
    var kind: PeriodKind? = nil
    var isCardinal = false

    static let none = SpanishWordInfo()
}

enum SpanishLexicon {
    static let table: [String: SpanishWordInfo] = {
        var t: [String: SpanishWordInfo] = [:]
        func update(_ key: String, _ change: (inout SpanishWordInfo) -> Void) {
            var info = t[key] ?? SpanishWordInfo()
            change(&info)
            t[key] = info
        }
        for (key, m) in SpanishMonth.table { update(key) { $0.month = Int8(m.month); $0.monthAbbreviated = m.abbreviated } }
        for (key, v) in SpanishOrdinal.words { update(key) { $0.ordinal = Int8(v) } }
        for (key, v) in SpanishOrdinal.romans { update(key) { $0.roman = Int8(v) } }
        for (key, k) in PeriodKind.names { update(key) { $0.kind = k } }
        for key in NumberWords.table.keys { update(key) { $0.isCardinal = true } }
        return t
    }()

    /// No known word is longer than this many bytes; longer words skip the lookup.
    static let longest: Int = table.keys.map(\.utf8.count).max() ?? 0

    @inline(__always)
    static func info(_ key: String) -> SpanishWordInfo {
        key.utf8.count <= longest ? (table[key] ?? .none) : .none
    }
}
