import Foundation
import CLibXML2
import CotejoModel

/// A forward-only reader over an XML part (libxml2's `xmlTextReader`), for parts too large to hold
/// as a tree: a worksheet of 10,000 rows × 40 columns is 400,000 `c` elements, and its tree took
/// more memory than the cells read from it. Same safety as `XMLTree.parseXML`: entities are not
/// expanded and nothing is fetched. Names are matched by local name, as `XMLNode` does.
final class XMLStream {
    enum Node { case start, end, text }

    private let reader: OpaquePointer
    private var failure: String?
    private var outOfMemory = false

    private init(_ reader: OpaquePointer) { self.reader = reader }

    /// Reads `data` as XML, handing the stream to `body`, which calls `next()` until it is nil.
    static func read<T>(_ data: Data, name: String, _ body: (XMLStream) throws -> T) throws -> T {
        _ = XMLTree.ready
        guard !data.isEmpty else { throw ReadError.damaged("\(name) is empty") }
        guard data.count <= Int(Int32.max) else { throw ReadError.tooLarge("\(name) has \(data.count) bytes") }
        return try data.withUnsafeBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            guard let r = xmlReaderForMemory(base, Int32(raw.count), name, nil, XMLTree.parseOptions) else {
                throw ReadError.damaged("libxml2 could not start a reader for \(name)")
            }
            defer { xmlFreeTextReader(r) }
            let stream = XMLStream(r)
            // The first error is the one a user needs; an allocation failure is said as memory.
            let me = Unmanaged.passUnretained(stream).toOpaque()
            xmlTextReaderSetStructuredErrorHandler(r, { arg, error in
                guard let arg, let error else { return }
                let s = Unmanaged<XMLStream>.fromOpaque(arg).takeUnretainedValue()
                if error.pointee.code == Int32(XML_ERR_NO_MEMORY.rawValue) { s.outOfMemory = true }
                guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, s.failure == nil else { return }
                var text = error.pointee.message.map { String(cString: $0) }?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown error"
                if error.pointee.line > 0 && !text.contains("line") { text += " (line \(error.pointee.line))" }
                s.failure = text
            }, me)
            let result = try body(stream)
            if stream.outOfMemory {
                throw ReadError.tooLarge("\(name) does not fit in the memory limit of one document (raise limits.memory_mb_per_document to read it)")
            }
            if let failure = stream.failure { throw ReadError.damaged("\(name) is not well-formed XML: \(failure)") }
            return result
        }
    }

    /// The next element start, element end or run of text; nil at the end of the part or at the
    /// first error (`read` then throws it). An empty element (`<c r="A1"/>`) is a start whose
    /// `isEmpty` is true, with no end.
    func next() -> Node? {
        while xmlTextReaderRead(reader) == 1 {
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue): return .start
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue): return .end
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                return .text
            default: continue
            }
        }
        if failure == nil, xmlTextReaderReadState(reader) == Int32(XML_TEXTREADER_MODE_ERROR.rawValue) {
            failure = "unknown error"
        }
        return nil
    }

    /// Whether the current element's local name is `local`, compared without building a string.
    func `is`(_ local: StaticString) -> Bool { XMLNode.name(xmlTextReaderConstLocalName(reader), is: local) }

    var isEmpty: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// How deep the current node stands (the root element is 0).
    var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// The current text run.
    var text: String { xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? "" }

    /// Attributes of the current element by local name, one without a namespace first (as
    /// `XMLNode.attr`). Read all at once: moving through attributes moves the reader.
    func attributes(_ locals: [String]) -> [String?] {
        var found = [String?](repeating: nil, count: locals.count)
        var prefixed = [Bool](repeating: false, count: locals.count)
        guard xmlTextReaderHasAttributes(reader) == 1 else { return found }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            guard let n = xmlTextReaderConstLocalName(reader) else { continue }
            // Compared as C strings: a String per attribute of every cell cost more than reading it.
            let name = UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self)
            guard let i = locals.firstIndex(where: { $0.withCString { strcmp($0, name) == 0 } }) else { continue }
            let hasPrefix = xmlTextReaderConstPrefix(reader) != nil
            guard found[i] == nil || (prefixed[i] && !hasPrefix) else { continue }
            found[i] = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
            prefixed[i] = hasPrefix
        }
        xmlTextReaderMoveToElement(reader)
        return found
    }
}
