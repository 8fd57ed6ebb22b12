/// How serious a finding is: `error` and `warning` claim a figure is wrong or missing; `info` notes
/// (over-100 % compliance, a column order inferred from arithmetic) do not.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, warning, error

    private var rank: Int { switch self { case .info: 0; case .warning: 1; case .error: 2 } }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A value a finding used or computed: a number or a text, exported as a JSON scalar.
public enum FindingValue: Codable, Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case text(String)

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) { self = .number(d) } else { self = .text(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let d): try c.encode(d)
        case .text(let s): try c.encode(s)
        }
    }

    public var description: String {
        switch self {
        case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .text(let s): s
        }
    }

    public var number: Double? { if case .number(let d) = self { d } else { nil } }
}

/// One claim about a document: which rule, how serious, what it says, the values it rests on,
/// and where each figure stands in the source.
public struct Finding: Codable, Hashable, Sendable {
    public var rule: String
    public var severity: Severity
    /// The message in Spanish, the default language of every user-facing text.
    public var message: String
    /// The same message in English, for `--lang en`.
    public var messageEN: String
    public var values: [String: FindingValue]
    public var source: [Source]

    public init(rule: String, severity: Severity, message: String, messageEN: String? = nil,
                values: [String: FindingValue] = [:], source: [Source] = []) {
        self.rule = rule; self.severity = severity; self.message = message; self.messageEN = messageEN ?? message
        self.values = values; self.source = source
    }

    public func message(in language: Language) -> String { language == .en ? messageEN : message }
}

/// The language of user-facing text: Spanish by default.
public enum Language: String, Codable, Sendable, CaseIterable {
    case es, en

    /// The text written in this language, of the same text in both.
    public func pick(_ es: String, _ en: String) -> String { self == .en ? en : es }
}

/// A sentence for people in both languages Cotejo speaks; `text(in:)` picks one.
public struct Bilingual: Sendable, Equatable, CustomStringConvertible {
    public var es: String
    public var en: String

    public init(es: String, en: String) { self.es = es; self.en = en }

    public func text(in language: Language) -> String { language.pick(es, en) }

    /// English, for logs.
    public var description: String { en }
}
