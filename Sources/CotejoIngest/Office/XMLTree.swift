import Foundation
import CLibXML2
import CotejoModel

/// A parsed libxml2 document that frees itself. Nodes keep a strong reference to it, so a node can
/// never outlive the tree it points into; batches read thousands of files and must not leak trees.
final class XMLTree {
    let doc: xmlDocPtr

    init(owning doc: xmlDocPtr) { self.doc = doc }
    deinit { xmlFreeDoc(doc) }

    var root: XMLNode? {
        guard let r = xmlDocGetRootElement(doc) else { return nil }
        return XMLNode(r, tree: self)
    }

    /// Parses an XML part. Entities are left unexpanded and nothing is fetched from the network, so a
    /// hostile part cannot read local files or amplify itself; libxml2's own message is kept when the
    /// bytes are not well-formed, because that is what a user needs to find the fault.
    /// libxml2 must set up its global state once, before threads parse at the same time.
    static let ready: Void = { xmlInitParser() }()

    /// No network, no entity expansion (not asked for), no messages on stderr; shared by `XMLStream`.
    static let parseOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                                    | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    static func parseXML(_ data: Data, name: String) throws(ReadError) -> XMLTree {
        _ = ready
        guard !data.isEmpty else { throw ReadError.damaged("\(name) is empty") }
        guard data.count <= Int(Int32.max) else { throw ReadError.tooLarge("\(name) has \(data.count) bytes") }
        guard let ctxt = xmlNewParserCtxt() else { throw ReadError.damaged("libxml2 could not start a parser") }
        defer { xmlFreeParserCtxt(ctxt) }
        // An allocation failure stops libxml2 like a syntax error and a later message ("Extra
        // content at the end of the document") replaces it: mark the context when one happens.
        ctxt.pointee.sax.pointee.serror = { userData, error in
            guard let error, error.pointee.code == Int32(XML_ERR_NO_MEMORY.rawValue), let userData else { return }
            userData.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private = UnsafeMutableRawPointer(bitPattern: 1)
        }
        let doc: xmlDocPtr? = data.withUnsafeBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            return xmlCtxtReadMemory(ctxt, base, Int32(raw.count), name, nil, parseOptions)
        }
        let wellFormed = ctxt.pointee.wellFormed != 0
        guard let doc, wellFormed else {
            if let doc { xmlFreeDoc(doc) }
            // libxml2 stops the same way when an allocation fails: say memory, not malformed XML.
            if ctxt.pointee._private != nil || ctxt.pointee.lastError.code == Int32(XML_ERR_NO_MEMORY.rawValue) {
                throw ReadError.tooLarge("\(name) does not fit in the memory limit of one document (raise limits.memory_mb_per_document to read it)")
            }
            throw ReadError.damaged("\(name) is not well-formed XML: \(lastMessage(ctxt))")
        }
        return XMLTree(owning: doc)
    }

    private static func lastMessage(_ ctxt: xmlParserCtxtPtr) -> String {
        let err = ctxt.pointee.lastError
        var text = err.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown error"
        if err.line > 0 && !text.contains("line") { text += " (line \(err.line))" }
        return text
    }
}

/// An element (or text node) of an `XMLTree`, matched by local name so that the transitional and
/// strict OOXML namespaces (same names, different URIs) read alike.
struct XMLNode {
    let ptr: xmlNodePtr
    let tree: XMLTree

    init(_ ptr: xmlNodePtr, tree: XMLTree) { self.ptr = ptr; self.tree = tree }

    var isElement: Bool { ptr.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { ptr.pointee.type == XML_TEXT_NODE || ptr.pointee.type == XML_CDATA_SECTION_NODE }

    /// Local name (no prefix).
    var name: String { ptr.pointee.name.map { String(cString: $0) } ?? "" }

    /// Compares the local name without building a Swift string (sheets hold hundreds of thousands of cells).
    func `is`(_ local: StaticString) -> Bool { Self.name(ptr.pointee.name, is: local) }

    /// Whether a libxml2 name (NUL-terminated) is `local`, byte for byte, without building a string.
    static func name(_ n: UnsafePointer<xmlChar>?, is local: StaticString) -> Bool {
        guard let n else { return false }
        return local.withUTF8Buffer { buf in
            var i = 0
            while i < buf.count {
                if n[i] != buf[i] { return false }   // also stops at the name's terminating NUL
                i += 1
            }
            return n[buf.count] == 0
        }
    }

    var namespaceURI: String? { ptr.pointee.ns?.pointee.href.map { String(cString: $0) } }

    /// The text of a text node, or "" for other nodes.
    var rawText: String {
        guard isText, let c = ptr.pointee.content else { return "" }
        return String(cString: c)
    }

    var parent: XMLNode? {
        guard let p = ptr.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLNode(p, tree: tree)
    }

    /// All child nodes (elements and text) in order.
    var childNodes: [XMLNode] {
        var out: [XMLNode] = []
        var c = ptr.pointee.children
        while let n = c { out.append(XMLNode(n, tree: tree)); c = n.pointee.next }
        return out
    }

    /// Child elements in order.
    var children: [XMLNode] {
        var out: [XMLNode] = []
        var c = ptr.pointee.children
        while let n = c {
            if n.pointee.type == XML_ELEMENT_NODE { out.append(XMLNode(n, tree: tree)) }
            c = n.pointee.next
        }
        return out
    }

    func children(_ local: StaticString) -> [XMLNode] { children.filter { $0.is(local) } }
    func child(_ local: StaticString) -> XMLNode? {
        var c = ptr.pointee.children
        while let n = c {
            let node = XMLNode(n, tree: tree)
            if n.pointee.type == XML_ELEMENT_NODE, node.is(local) { return node }
            c = n.pointee.next
        }
        return nil
    }

    /// Follows a path of child local names: `node.path("spPr", "xfrm", "off")`.
    func path(_ names: StaticString...) -> XMLNode? {
        var cur: XMLNode? = self
        for n in names { cur = cur?.child(n) }
        return cur
    }

    /// Every descendant element with that local name, in document order.
    func descendants(_ local: StaticString) -> [XMLNode] {
        var out: [XMLNode] = []
        func walk(_ p: xmlNodePtr, depth: Int) {
            guard depth < 256 else { return }
            var c = p.pointee.children
            while let n = c {
                if n.pointee.type == XML_ELEMENT_NODE {
                    let node = XMLNode(n, tree: tree)
                    if node.is(local) { out.append(node) }
                    walk(n, depth: depth + 1)
                }
                c = n.pointee.next
            }
        }
        walk(ptr, depth: 0)
        return out
    }

    /// An attribute by local name: one without a namespace first (`id` beside `r:id`), else any.
    func attr(_ local: String) -> String? {
        var fallback: String?
        var a = ptr.pointee.properties
        while let p = a {
            if let n = p.pointee.name, Self.equals(n, local) {
                let value = Self.value(of: p)
                if p.pointee.ns == nil { return value }
                if fallback == nil { fallback = value }
            }
            a = p.pointee.next
        }
        return fallback
    }

    /// A relationship id attribute (`r:id`, `r:embed`), whatever prefix or OOXML flavour names it.
    func relAttr(_ local: String = "id") -> String? {
        var a = ptr.pointee.properties
        while let p = a {
            if let n = p.pointee.name, Self.equals(n, local),
               let href = p.pointee.ns?.pointee.href, String(cString: href).hasSuffix("relationships") {
                return Self.value(of: p)
            }
            a = p.pointee.next
        }
        return nil
    }

    /// Compares a libxml2 name with a Swift string without allocating.
    private static func equals(_ name: UnsafePointer<xmlChar>, _ s: String) -> Bool {
        var s = s
        return s.withUTF8 { buf in
            var i = 0
            while i < buf.count {
                if name[i] != buf[i] { return false }
                i += 1
            }
            return name[buf.count] == 0
        }
    }

    private static func value(of attr: xmlAttrPtr) -> String {
        var s = ""
        var c = attr.pointee.children
        while let n = c {
            if let content = n.pointee.content { s += String(cString: content) }
            c = n.pointee.next
        }
        return s
    }

    func intAttr(_ local: String) -> Int? { attr(local).flatMap { Int($0.trimmed) } }
    func doubleAttr(_ local: String) -> Double? { attr(local).flatMap { Double($0.trimmed) } }

    /// OOXML on/off attribute: absent `val` means on; "0", "false", "off" mean off.
    var isOn: Bool {
        guard let v = attr("val")?.lowercased() else { return true }
        return !(v == "0" || v == "false" || v == "off" || v == "none")
    }

    /// All descendant text concatenated (for small elements such as `dc:title`).
    var textContent: String {
        var s = ""
        func walk(_ p: xmlNodePtr, depth: Int) {
            guard depth < 256 else { return }
            var c = p.pointee.children
            while let n = c {
                if n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE {
                    if let content = n.pointee.content { s += String(cString: content) }
                } else if n.pointee.type == XML_ELEMENT_NODE {
                    walk(n, depth: depth + 1)
                }
                c = n.pointee.next
            }
        }
        if isText { return rawText }
        walk(ptr, depth: 0)
        return s
    }
}
