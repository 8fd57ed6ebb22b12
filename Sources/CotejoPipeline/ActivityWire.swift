import CotejoModel

/// An activity on the wire, written field by field instead of through `Codable`. A 30,000-row sheet
/// sends 30,000 of them. Through `Codable` each one asked its container for some twenty-five keys,
/// in both processes: about 2 s of CPU on that sheet, on the path between the worker and the store.
///
/// The plain fields follow `Activity.fields` in declaration order, each as a `FieldValue`, so a new
/// plain field needs nothing here. The lists follow in a fixed order: sources, field sources, notes,
/// measures, other columns. A test holds an activity with every field set equal after the trip, and
/// counts `Activity`'s stored properties, so a new list cannot be left off without a test failing.
extension WireSink {
    func rawActivity(_ a: Activity) {
        for field in Activity.fields { rawFieldValue(field.read(a)) }
        rawSources(a.source)
        rawSourceMap(a.fieldSources)
        rawInt(a.notes.count)
        for n in a.notes { rawString(n) }
        rawInt(a.measures.count)
        for m in a.measures { rawMeasure(m) }
        rawInt(a.otherColumns.count)
        for (k, v) in a.otherColumns { rawString(k); rawString(v) }
    }

    func rawMeasure(_ m: Measure) {
        rawString(m.period)
        rawFieldValue(m.planned.map(FieldValue.real) ?? .null)
        rawFieldValue(m.executed.map(FieldValue.real) ?? .null)
        rawFieldValue(m.reportedPercent.map(FieldValue.real) ?? .null)
        rawSources(m.source)
        rawSourceMap(m.fieldSources)
    }

    /// One byte for the kind (`WireFieldKind`), then the value, if any.
    func rawFieldValue(_ v: FieldValue) {
        switch v {
        case .null: bytes.append(WireFieldKind.null.rawValue)
        case .integer(let i): bytes.append(WireFieldKind.integer.rawValue); rawInt(i)
        case .real(let d): bytes.append(WireFieldKind.real.rawValue); rawDouble(d)
        case .text(let s): bytes.append(WireFieldKind.text.rawValue); rawString(s)
        case .boolean(let b): bytes.append((b ? WireFieldKind.yes : .no).rawValue)
        }
    }

    func rawSources(_ list: [Source]) {
        rawInt(list.count)
        for s in list { rawSource(s, cellText: nil) }
    }

    func rawSourceMap(_ map: [String: Source]) {
        rawInt(map.count)
        for (k, s) in map { rawString(k); rawSource(s, cellText: nil) }
    }
}

/// The kinds of a plain field's value on the wire.
enum WireFieldKind: UInt8 {
    case null, integer, real, text, no, yes
}

extension WireReader {
    func activity(at p: Int) throws -> Activity {
        let body = try body(at: p, .activity)
        var q = body.lowerBound
        var a = Activity.blank
        for field in Activity.fields { field.write(&a, try rawFieldValue(at: &q)) }
        a.source = try rawSources(at: &q)
        a.fieldSources = try rawSourceMap(at: &q)
        a.notes = try (0..<count(at: &q)).map { _ in try rawString(at: &q) }
        a.measures = try (0..<count(at: &q)).map { _ in try rawMeasure(at: &q) }
        let others = try count(at: &q)
        a.otherColumns.reserveCapacity(others)
        for _ in 0..<others { a.otherColumns[try rawString(at: &q)] = try rawString(at: &q) }
        guard q == body.upperBound else { throw damaged("an activity's fields do not fill its length") }
        return a
    }

    func rawMeasure(at p: inout Int) throws -> Measure {
        var m = Measure(period: try rawString(at: &p))
        m.planned = try rawFieldValue(at: &p).real
        m.executed = try rawFieldValue(at: &p).real
        m.reportedPercent = try rawFieldValue(at: &p).real
        m.source = try rawSources(at: &p)
        m.fieldSources = try rawSourceMap(at: &p)
        return m
    }

    func rawFieldValue(at p: inout Int) throws -> FieldValue {
        guard p < bytes.count, let kind = WireFieldKind(rawValue: bytes[p]) else { throw damaged("no field value at \(p)") }
        p += 1
        switch kind {
        case .null: return .null
        case .integer: return .integer(try rawInt(at: &p))
        case .real: return .real(try rawDouble(at: &p))
        case .text: return .text(try rawString(at: &p))
        case .no: return .boolean(false)
        case .yes: return .boolean(true)
        }
    }

    func rawSources(at p: inout Int) throws -> [Source] {
        try (0..<count(at: &p)).map { _ in try rawSource(at: &p, cellText: nil) }
    }

    func rawSourceMap(at p: inout Int) throws -> [String: Source] {
        let n = try count(at: &p)
        var map: [String: Source] = [:]
        map.reserveCapacity(n)
        for _ in 0..<n { map[try rawString(at: &p)] = try rawSource(at: &p, cellText: nil) }
        return map
    }

    /// A list's length: every entry takes at least a byte, so a count past the bytes left is a lie.
    func count(at p: inout Int) throws -> Int {
        let n = try rawInt(at: &p)
        guard n >= 0, n <= bytes.count - p else { throw damaged("\(n) entries in \(bytes.count - p) bytes") }
        return n
    }
}
