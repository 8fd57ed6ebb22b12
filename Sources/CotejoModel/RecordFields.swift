/// The record schema, declared once: each record kind lists its plain fields in order, with the
/// name the store column, the JSON export key and the CSV header share, and how to read and write it.
/// The store's insert and read-back, the export, the CSV and the JSON Schema's check all walk these
/// lists. A new field is its property and one line in its kind's `fields` (beside the type), plus the
/// migration that adds its column and its entry in the JSON Schema (a test holds the two to the list).
///
/// What is not a plain value stays with each writer, written once per kind of structure: a record's
/// sources (`source`, `field_sources`), and lists (`notes`, `measures`, `parts`).

/// A plain field's value, as the store and the export hold it.
public enum FieldValue: Sendable, Equatable {
    case null
    case integer(Int)
    case real(Double)
    case text(String)
    case boolean(Bool)

    public var text: String? { if case .text(let s) = self { s } else { nil } }
    public var real: Double? {
        switch self { case .real(let d): d; case .integer(let i): Double(i); default: nil }
    }
    public var integer: Int? {
        switch self { case .integer(let i): i; case .real(let d): Int(exactly: d); default: nil }
    }
    public var boolean: Bool? {
        switch self { case .boolean(let b): b; case .integer(let i): i != 0; default: nil }
    }
}

/// Where a field goes besides the store.
public struct FieldOutputs: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let export = FieldOutputs(rawValue: 1)
    public static let csv = FieldOutputs(rawValue: 2)
    public static let all: FieldOutputs = [.export, .csv]
}

/// One plain field of a record kind.
public struct RecordField<Record>: Sendable {
    public enum Kind: String, Sendable { case integer, real, text, boolean }

    /// The export key and CSV header.
    public let name: String
    /// The store column: the name, unless SQL or an older schema wants another ("from_value").
    public let column: String
    public let kind: Kind
    /// False for fields every record has ("description", "label"): never null in the export.
    public let optional: Bool
    public let outputs: FieldOutputs
    public let read: @Sendable (Record) -> FieldValue
    public let write: @Sendable (inout Record, FieldValue) -> Void

    public init(_ name: String, column: String? = nil, kind: Kind, optional: Bool = true, outputs: FieldOutputs = .all,
                read: @escaping @Sendable (Record) -> FieldValue, write: @escaping @Sendable (inout Record, FieldValue) -> Void) {
        self.name = name; self.column = column ?? name; self.kind = kind; self.optional = optional; self.outputs = outputs
        self.read = read; self.write = write
    }

    public static func text(_ name: String, _ path: WritableKeyPath<Record, String?> & Sendable, column: String? = nil,
                            outputs: FieldOutputs = .all) -> Self {
        Self(name, column: column, kind: .text, outputs: outputs,
             read: { $0[keyPath: path].map(FieldValue.text) ?? .null }, write: { $0[keyPath: path] = $1.text })
    }

    public static func text(_ name: String, _ path: WritableKeyPath<Record, String> & Sendable) -> Self {
        Self(name, kind: .text, optional: false,
             read: { .text($0[keyPath: path]) }, write: { $0[keyPath: path] = $1.text ?? "" })
    }

    public static func real(_ name: String, _ path: WritableKeyPath<Record, Double?> & Sendable, column: String? = nil) -> Self {
        Self(name, column: column, kind: .real,
             read: { $0[keyPath: path].map(FieldValue.real) ?? .null }, write: { $0[keyPath: path] = $1.real })
    }

    public static func real(_ name: String, _ path: WritableKeyPath<Record, Double> & Sendable) -> Self {
        Self(name, kind: .real, optional: false,
             read: { .real($0[keyPath: path]) }, write: { $0[keyPath: path] = $1.real ?? 0 })
    }

    public static func integer(_ name: String, _ path: WritableKeyPath<Record, Int?> & Sendable, column: String? = nil,
                               outputs: FieldOutputs = .all) -> Self {
        Self(name, column: column, kind: .integer, outputs: outputs,
             read: { $0[keyPath: path].map(FieldValue.integer) ?? .null }, write: { $0[keyPath: path] = $1.integer })
    }

    public static func boolean(_ name: String, _ path: WritableKeyPath<Record, Bool> & Sendable) -> Self {
        Self(name, kind: .boolean, optional: false,
             read: { .boolean($0[keyPath: path]) }, write: { $0[keyPath: path] = $1.boolean ?? false })
    }

    /// A field stored as its raw value (an enum: phase, kind).
    public static func raw<V: RawRepresentable & Sendable>(_ name: String, _ path: WritableKeyPath<Record, V?> & Sendable,
                                                           outputs: FieldOutputs = .all) -> Self
    where V.RawValue == String {
        Self(name, kind: .text, outputs: outputs, read: { $0[keyPath: path].map { .text($0.rawValue) } ?? .null },
             write: { $0[keyPath: path] = $1.text.flatMap(V.init(rawValue:)) })
    }
}

/// A record kind the store, the export and the CSV write field by field.
public protocol PlainRecord: Sendable {
    /// A record with every field empty, for the store to fill in.
    static var blank: Self { get }
    static var fields: [RecordField<Self>] { get }
}

extension PlainRecord {
    /// Every field's value, in declaration order.
    public func values(for outputs: FieldOutputs? = nil) -> [(field: RecordField<Self>, value: FieldValue)] {
        Self.fields.filter { outputs == nil || $0.outputs.contains(outputs!) }.map { ($0, $0.read(self)) }
    }
}
