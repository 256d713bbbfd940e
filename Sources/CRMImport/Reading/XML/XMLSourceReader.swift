import CXMLBridge
#if canImport(Glibc)
    import Glibc
#endif

/// A streaming XML reader over libxml2's SAX2 push parser (through `CXMLBridge`, which hands out
/// the document's nodes one at a time).
///
/// Records are the elements selected by the record path. Field naming (see docs/readers.md):
/// - attributes of the record element → `@attr`;
/// - an element with both `name` and `value` attributes (Dynamics CMT `<field name="x" value="y"/>`)
///   → a field named by its `name`, valued by its `value`, its other attributes as parameters;
/// - an element without child elements → a field named by its path below the record (`a/b/c`),
///   valued by its text, its attributes as parameters;
/// - attributes of an element that has child elements → `a/b/@attr`;
/// - `group` is the indexed path of the field's parent element below the record
///   (`contact-data[1]/phone-numbers[1]/phone-number[2]`), nil directly under the record.
public struct XMLSourceReader: SourceRecordReader {
    public let file: String
    public let options: ReadOptions
    private let handle: Handle
    private var reader: OpaquePointer? { handle.reader }

    /// Owns the C reader.
    private final class Handle {
        var reader: OpaquePointer?
        init(_ r: OpaquePointer) { reader = r }
        deinit { if let reader { cxml_close(reader) } }
    }
    private var path: XMLRecordPath?
    private var matched: [Bool] = []  // matched[d]: elements 0…d on the stack match steps 0…d
    private var recordNumber = 0
    private var ready: [ReadEvent] = []
    private var readyIndex = 0
    private var finished = false
    // Names by their libxml2 dictionary pointer (stable for the document's life).
    private var nameKeys = [UnsafeRawPointer?](repeating: nil, count: 1024)
    private var nameValues = [String](repeating: "", count: 1024)

    // The record being built.
    private var inRecord = false
    private var recordDepth = 0
    private var recordLine = 0
    private var fields: [SourceField] = []
    private var frames: [Frame] = []
    private var entityWarned = false
    private var recordIssues: [ReadIssue] = []
    private var lastFieldCount = 8
    /// Per open frame, how many children of each name it has had (a stack shared by all frames).
    private var siblingCounts: [(UnsafeRawPointer, Int)] = []

    private struct Frame {
        var name: String
        var path: String  // relative path, "" for the record element
        var indexedPath: String?  // group of its children; nil for the record element
        var text: String = ""
        var hasChildren = false
        var params: [SourceParameter] = []
        var countsStart = 0  // where its children's sibling counts start in `siblingCounts`
        var nameValue = false
        var index = 1
    }

    public init(path: String, options: ReadOptions = ReadOptions()) throws {
        var err = [CChar](repeating: 0, count: 512)
        let enc = options.encoding?.rawValue
        let r: OpaquePointer? = err.withUnsafeMutableBufferPointer { eb in
            if let enc {
                return enc.withCString { cxml_open_file(path, $0, eb.baseAddress, eb.count) }
            }
            return cxml_open_file(path, nil, eb.baseAddress, eb.count)
        }
        guard let r else {
            throw SourceReadError(
                file: path, message: Self.message(err), hint: "check the path and the file's permissions")
        }
        try self.init(reader: r, file: path, options: options)
    }

    public init(bytes: [UInt8], name: String = "<memory>", options: ReadOptions = ReadOptions()) throws {
        var err = [CChar](repeating: 0, count: 512)
        let enc = options.encoding?.rawValue
        let r: OpaquePointer? = bytes.withUnsafeBufferPointer { bp in
            err.withUnsafeMutableBufferPointer { eb in
                bp.withMemoryRebound(to: CChar.self) { cb in
                    if let enc {
                        return enc.withCString {
                            cxml_open_memory(cb.baseAddress, cb.count, name, $0, eb.baseAddress, eb.count)
                        }
                    }
                    return cxml_open_memory(cb.baseAddress, cb.count, name, nil, eb.baseAddress, eb.count)
                }
            }
        }
        guard let r else { throw SourceReadError(file: name, message: Self.message(err)) }
        try self.init(reader: r, file: name, options: options)
    }

    private static func message(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private init(reader: OpaquePointer, file: String, options: ReadOptions) throws {
        self.handle = Handle(reader)
        self.file = file
        self.options = options
        if let p = options.recordPath {
            do { path = try XMLRecordPath(p) } catch let e as XMLRecordPath.SyntaxError {
                throw SourceReadError(
                    file: file, message: e.description, hint: "e.g. /entities/entity[@name='contact']/records/record")
            }
        }
    }

    @inline(__always)
    private mutating func cached(_ p: UnsafePointer<CChar>?) -> String {
        guard let p else { return "" }
        let key = UnsafeRawPointer(p)
        let slot = (Int(bitPattern: key) >> 4) & 1023
        if nameKeys[slot] == key { return nameValues[slot] }
        let s = String(decoding: UnsafeRawBufferPointer(start: p, count: strlen(p)), as: UTF8.self)
        nameKeys[slot] = key
        nameValues[slot] = s
        return s
    }

    public mutating func next() throws -> ReadEvent? {
        while true {
            if readyIndex < ready.count {
                let e = ready[readyIndex]
                readyIndex += 1
                if readyIndex == ready.count { ready.removeAll(keepingCapacity: true); readyIndex = 0 }
                return e
            }
            if finished { return nil }
            try step()
        }
    }

    private mutating func step() throws {
        guard let r = reader else { finished = true; return }
        var node = cxml_node()
        let kind = cxml_next(r, &node)
        switch kind {
        case Int32(CXML_ELEMENT):
            if inRecord {
                childStart(r, node)
                return
            }
            outsideElement(r, node, leaf: false)
        case Int32(CXML_LEAF):
            if inRecord {
                leaf(r, node)
                return
            }
            outsideElement(r, node, leaf: true)
        case Int32(CXML_END_ELEMENT):
            if inRecord {
                if frames.count == 1 { endRecord() } else { childEnd() }
            }
        case Int32(CXML_TEXT):
            if inRecord, let p = node.text {
                let top = frames.count - 1
                // Whitespace between the children of a container is not data.
                if node.is_whitespace != 0 && frames[top].hasChildren { return }
                let t = p.withMemoryRebound(to: UInt8.self, capacity: node.text_length) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: node.text_length), as: UTF8.self)
                }
                if frames[top].text.isEmpty { frames[top].text = t } else { frames[top].text += t }
            }
        case Int32(CXML_ENTITY_REF):
            if inRecord {
                let name = cached(node.name)
                let top = frames.count - 1
                var text = ""
                switch expand(r, name, depth: 0, into: &text) {
                case .expanded:
                    frames[top].text += text
                case .notInternal:
                    if !entityWarned {
                        entityWarned = true
                        recordIssues.append(
                            issue(
                                .warning,
                                "entity &\(name); is not expanded: external entities are "
                                    + "never read; its text is missing from the value",
                                hint: "replace the entity by its text", line: Int(node.line), kind: .dropped,
                                field: frames[top].path.isEmpty ? nil : frames[top].path))
                    }
                case .tooLarge:
                    frames[top].text += text
                    recordIssues.append(
                        issue(
                            .warning,
                            "entity &\(name); expands beyond \(Self.maxEntityBytes) bytes in "
                                + "this document (an entity bomb?); the value is cut there",
                            hint: "replace the entities by their text", line: Int(node.line), kind: .altered,
                            field: frames[top].path.isEmpty ? nil : frames[top].path))
                }
            }
        case Int32(CXML_END):
            finished = true
            if inRecord {
                ready.append(.issue(issue(.error, "the document ends inside a record", hint: nil, line: recordLine)))
            }
        default:
            finished = true
            let msg =
                cxml_error_message(r).map {
                    String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self)
                        .trimmingSpaces()
                } ?? "XML error"
            let line = Int(cxml_error_line(r))
            if recordNumber == 0 && !inRecord {
                throw SourceReadError(
                    file: file, line: line > 0 ? line : nil, message: "not readable as XML: \(msg)",
                    hint: "check that the file is well-formed XML")
            }
            if inRecord { inRecord = false; frames.removeAll() }
            ready.append(
                .issue(
                    issue(
                        .error, "XML error: \(msg); reading stopped here",
                        hint: "the records before this point were read",
                        line: line > 0 ? line : recordLine)))
        }
    }

    /// A start tag outside any record: track the record path, start a record when it matches.
    private mutating func outsideElement(_ r: OpaquePointer, _ node: cxml_node, leaf: Bool) {
        let depth = Int(node.depth)
        if path == nil { path = XMLRecordPath.defaultPath(rootName: cached(node.name)) }
        if recordNumber == 0 { noteShape(r, node, depth: depth) }
        guard let steps = path?.steps else { return }
        if matched.count > depth { matched.removeSubrange(depth...) }
        var ok = depth < steps.count && (depth == 0 || matched[depth - 1])
        if ok { ok = matches(r, node, steps[depth]) }
        while matched.count < depth { matched.append(false) }
        matched.append(ok)
        if ok && depth == steps.count - 1 {
            startRecord(r, node, depth: depth)
            if leaf { frames[0].text = Self.text(node) }
            if leaf || node.is_empty != 0 { endRecord() }
        }
    }

    // MARK: Shape (for the error when no element matches the record path)

    private var outsidePath: [String] = []
    private var pathsSeen: [String] = []
    private var entityNames: [String] = []

    /// Remembers the first element paths and Dynamics entity names, while no record was found.
    private mutating func noteShape(_ r: OpaquePointer, _ node: cxml_node, depth: Int) {
        guard depth < 6 else { return }
        if outsidePath.count > depth { outsidePath.removeSubrange(depth...) }
        while outsidePath.count < depth { outsidePath.append("?") }
        let name = cached(node.name)
        outsidePath.append(name)
        let p = "/" + outsidePath.joined(separator: "/")
        if pathsSeen.count < 12 && !pathsSeen.contains(p) { pathsSeen.append(p) }
        if name == "entity", entityNames.count < 20, let n = attributes(r).first(where: { $0.0 == "name" })?.1,
            !entityNames.contains(n)
        {
            entityNames.append(n)
        }
    }

    public func describeNoRecords() -> String {
        let wanted = options.recordPath ?? path.map { "\($0)" } ?? "the default record path"
        if pathsSeen.isEmpty { return "the document has no element" }
        var s = "nothing matches the record path \(wanted)"
        if !entityNames.isEmpty { s += "; entities in the file: \(entityNames.joined(separator: ", "))" }
        s += "; element paths: \(pathsSeen.joined(separator: ", "))"
        return s
    }

    public func noRecordsHint(format: SourceFormat) -> String {
        if let first = entityNames.first {
            return
                "give --record-path (or the mapping's recordPath), e.g. "
                + "/entities/entity[@name='\(first)']/records/record"
        }
        return
            "give --record-path (or the mapping's recordPath) naming the elements that "
            + "are records, e.g. \(pathsSeen.dropFirst().first ?? "/root/item")"
    }

    @inline(__always)
    private static func text(_ node: cxml_node) -> String {
        guard node.text_length > 0, let p = node.text else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: p, count: node.text_length), as: UTF8.self)
    }

    /// `<name attr="…">text</name>` inside a record, in one step.
    private mutating func leaf(_ r: OpaquePointer, _ node: cxml_node) {
        guard let cname = node.name else { return }
        let name = cached(cname)
        let key = UnsafeRawPointer(cname)
        let top = frames.count - 1
        frames[top].hasChildren = true
        // Count it among its siblings: a later same-named container needs the right index.
        var k = frames[top].countsStart
        while k < siblingCounts.count && siblingCounts[k].0 != key { k += 1 }
        if k < siblingCounts.count { siblingCounts[k].1 += 1 } else { siblingCounts.append((key, 1)) }
        let parentPath = frames[top].path
        let path = parentPath.isEmpty ? name : parentPath + "/" + name
        let group = groupOf(top)
        if node.attribute_count > 0 {
            let attrs = attributes(r)
            var nameAttr: String? = nil, valueAttr: String? = nil
            for (n, v) in attrs {
                if n == "name" { nameAttr = v } else if n == "value" { valueAttr = v }
            }
            if let nameAttr, let valueAttr, !nameAttr.isEmpty {
                var params: [SourceParameter] = []
                for (n, v) in attrs where n != "name" && n != "value" {
                    params.append(SourceParameter(name: n, values: [v]))
                }
                add(SourceField(name: nameAttr, value: valueAttr, parameters: params, group: group))
                return
            }
            add(
                SourceField(
                    name: path, value: Self.text(node),
                    parameters: attrs.map { SourceParameter(name: $0.0, values: [$0.1]) }, group: group))
        } else {
            add(SourceField(name: path, value: Self.text(node), group: group))
        }
    }

    private func issue(
        _ s: IssueSeverity, _ m: String, hint: String?, line: Int, kind: ReadIssueKind? = nil, field: String? = nil
    ) -> ReadIssue {
        ReadIssue(
            provenance: SourceProvenance(file: file, line: line, record: recordNumber + 1), severity: s, message: m,
            hint: hint,
            kind: kind, field: field)
    }

    // MARK: Internal entities

    /// Internal entities (`<!ENTITY co "Acme">`) are expanded here, not by libxml2 (whose
    /// substitution option would also substitute external ones): at most this many bytes per
    /// document and this deep, so that "billion laughs" costs nothing.
    static let maxEntityBytes = 1 << 20
    static let maxEntityDepth = 16
    private var entityBytes = 0

    enum Expansion { case expanded, notInternal, tooLarge }

    private mutating func expand(_ r: OpaquePointer, _ name: String, depth: Int, into out: inout String) -> Expansion {
        guard depth < Self.maxEntityDepth else { return .tooLarge }
        guard let c = name.withCString({ cxml_internal_entity(r, $0) }) else { return .notInternal }
        return expandReferences(r, Array(UnsafeRawBufferPointer(start: c, count: strlen(c))), depth: depth, into: &out)
    }

    /// Appends `content` with its references resolved: character references and the predefined
    /// entities to their characters, internal entities expanded (one level deeper), any other
    /// reference kept as written.
    private mutating func expandReferences(_ r: OpaquePointer, _ content: [UInt8], depth: Int, into out: inout String)
        -> Expansion
    {
        var i = 0
        var plain: [UInt8] = []
        func flush(_ out: inout String) {
            if !plain.isEmpty { out += String(decoding: plain, as: UTF8.self); plain.removeAll() }
        }
        while i < content.count {
            let b = content[i]
            entityBytes += 1
            if entityBytes > Self.maxEntityBytes { flush(&out); return .tooLarge }
            if b == UInt8(ascii: "&"), let semi = content[i...].firstIndex(of: UInt8(ascii: ";")), semi - i <= 64 {
                let ref = String(decoding: content[(i + 1)..<semi], as: UTF8.self)
                if let ch = Self.characterReference(ref) {
                    plain.append(contentsOf: Array(ch.utf8))
                } else {
                    flush(&out)
                    let inner = expand(r, ref, depth: depth + 1, into: &out)
                    if inner == .tooLarge { return .tooLarge }
                    if inner == .notInternal { out += "&\(ref);" }
                }
                i = semi + 1
                continue
            }
            plain.append(b)
            i += 1
        }
        flush(&out)
        return .expanded
    }

    /// `#65`, `#x41` and the five predefined entities.
    static func characterReference(_ ref: String) -> String? {
        switch ref {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "apos": return "'"
        case "quot": return "\""
        default: break
        }
        guard ref.hasPrefix("#") else { return nil }
        let digits = ref.dropFirst()
        let value =
            digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init).map { String($0) }
    }

    private mutating func matches(_ r: OpaquePointer, _ node: cxml_node, _ step: XMLRecordPath.Step) -> Bool {
        if let n = step.name, cached(node.name) != n { return false }
        if let ns = step.namespace {
            let actual =
                node.ns.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) }
                ?? ""
            if actual != ns { return false }
        }
        for (an, av) in step.predicates {
            var found = false
            for i in 0..<Int(cxml_attribute_count(r)) {
                var l: UnsafePointer<CChar>? = nil, ns: UnsafePointer<CChar>? = nil, v: UnsafePointer<CChar>? = nil
                guard cxml_attribute(r, Int32(i), &l, &ns, &v) == 0 else { continue }
                if cached(l) == an, let v,
                    String(decoding: UnsafeRawBufferPointer(start: v, count: strlen(v)), as: UTF8.self) == av
                {
                    found = true; break
                }
            }
            if !found { return false }
        }
        return true
    }

    private mutating func attributes(_ r: OpaquePointer) -> [(String, String)] {
        let n = Int(cxml_attribute_count(r))
        guard n > 0 else { return [] }
        var out: [(String, String)] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            var l: UnsafePointer<CChar>? = nil, ns: UnsafePointer<CChar>? = nil, v: UnsafePointer<CChar>? = nil
            guard cxml_attribute(r, Int32(i), &l, &ns, &v) == 0 else { continue }
            guard let v else { out.append((cached(l), "")); continue }
            let raw = UnsafeRawBufferPointer(start: v, count: strlen(v))
            if cxml_attribute_is_escaped(r, Int32(i)) != 0 {
                // `org="&co; Ltd"`: the entities are expanded here, within the same bounds as in text.
                var value = ""
                if expandReferences(r, Array(raw), depth: 0, into: &value) == .tooLarge {
                    recordIssues.append(
                        issue(
                            .warning,
                            "an attribute's entities expand beyond \(Self.maxEntityBytes) bytes "
                                + "in this document (an entity bomb?); the value is cut there",
                            hint: "replace the entities by their text", line: recordLine, kind: .altered,
                            field: "@" + cached(l)))
                }
                out.append((cached(l), value))
            } else {
                out.append((cached(l), String(decoding: raw, as: UTF8.self)))
            }
        }
        return out
    }

    private mutating func startRecord(_ r: OpaquePointer, _ node: cxml_node, depth: Int) {
        inRecord = true
        recordDepth = depth
        recordLine = Int(node.line)
        fields = []
        fields.reserveCapacity(lastFieldCount + 4)
        entityWarned = false
        recordIssues = []
        for (n, v) in attributes(r) { fields.append(SourceField(name: "@" + n, value: v)) }
        frames.removeAll(keepingCapacity: true)
        siblingCounts.removeAll(keepingCapacity: true)
        frames.append(Frame(name: cached(node.name), path: "", indexedPath: nil))
    }

    private mutating func childStart(_ r: OpaquePointer, _ node: cxml_node) {
        let empty = node.is_empty != 0
        guard let cname = node.name else { return }
        let name = cached(cname)
        let key = UnsafeRawPointer(cname)
        let top = frames.count - 1
        frames[top].hasChildren = true
        var index = 1
        var k = frames[top].countsStart
        while k < siblingCounts.count && siblingCounts[k].0 != key { k += 1 }
        if k < siblingCounts.count {
            siblingCounts[k].1 += 1
            index = siblingCounts[k].1
        } else {
            siblingCounts.append((key, 1))
        }
        let parentPath = frames[top].path
        let path = parentPath.isEmpty ? name : parentPath + "/" + name
        var frame = Frame(name: name, path: path, indexedPath: nil)
        frame.index = index
        frame.countsStart = siblingCounts.count
        let attrs = node.attribute_count > 0 ? attributes(r) : []
        if !attrs.isEmpty {
            var nameAttr: String? = nil, valueAttr: String? = nil
            for (n, v) in attrs {
                if n == "name" { nameAttr = v } else if n == "value" { valueAttr = v }
            }
            if let nameAttr, let valueAttr, !nameAttr.isEmpty {
                // <field name="x" value="y" …/>: a field named x.
                var params: [SourceParameter] = []
                for (n, v) in attrs where n != "name" && n != "value" {
                    params.append(SourceParameter(name: n, values: [v]))
                }
                add(SourceField(name: nameAttr, value: valueAttr, parameters: params, group: groupOf(top)))
                frame.nameValue = true
            } else {
                frame.params = attrs.map { SourceParameter(name: $0.0, values: [$0.1]) }
            }
        }
        frames.append(frame)
        if empty { childEnd() }
    }

    /// The group of a frame's children: its indexed path below the record, built when needed.
    private mutating func groupOf(_ i: Int) -> String? {
        if i == 0 { return nil }
        if let g = frames[i].indexedPath { return g }
        let own = "\(frames[i].name)[\(frames[i].index)]"
        let g = i == 1 ? own : (groupOf(i - 1)! + "/" + own)
        frames[i].indexedPath = g
        return g
    }

    private mutating func add(_ f: SourceField) {
        if !options.nullTokens.isEmpty && options.nullTokens.contains(f.value) { return }
        fields.append(f)
    }

    private mutating func childEnd() {
        let last = frames.count - 1
        if frames[last].nameValue {
            let start = frames.removeLast().countsStart
            if siblingCounts.count > start { siblingCounts.removeSubrange(start...) }
            return
        }
        let ownGroup = frames[last].hasChildren && !frames[last].params.isEmpty ? groupOf(last) : nil
        let parentGroup = groupOf(last - 1)
        let frame = frames.removeLast()
        if siblingCounts.count > frame.countsStart { siblingCounts.removeSubrange(frame.countsStart...) }
        if !frame.hasChildren {
            add(SourceField(name: frame.path, value: frame.text, parameters: frame.params, group: parentGroup))
        } else {
            // A container: its attributes become path/@attr fields; stray text is kept trimmed.
            for p in frame.params {
                add(SourceField(name: frame.path + "/@" + p.name, value: p.values.first ?? "", group: ownGroup))
            }
            let t = frame.text.trimmingCharacters(in: " \t\r\n")
            if !t.isEmpty { add(SourceField(name: frame.path, value: t, group: parentGroup)) }
        }
    }

    private mutating func endRecord() {
        let root = frames.first
        inRecord = false
        frames.removeAll(keepingCapacity: true)
        if let root, !root.hasChildren {
            let t = root.text
            if !t.isEmpty { add(SourceField(name: "#text", value: t)) }
        }
        recordNumber += 1
        for i in recordIssues { ready.append(.issue(i)) }
        lastFieldCount = fields.count
        ready.append(
            .record(
                SourceRecord(
                    provenance: SourceProvenance(file: file, line: recordLine, record: recordNumber), fields: fields)))
        fields = []
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let s = Set(set.utf8)
        let u = Array(utf8)
        var a = 0, b = u.count
        while a < b && s.contains(u[a]) { a += 1 }
        while b > a && s.contains(u[b - 1]) { b -= 1 }
        if a == 0 && b == u.count { return self }
        return String(decoding: u[a..<b], as: UTF8.self)
    }
}
