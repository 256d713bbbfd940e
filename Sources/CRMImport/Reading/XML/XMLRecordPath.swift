/// The record path of `crmkit read --record-path`: `/a/b/c`, where a step is a local name, `*`,
/// or `{namespace-uri}name`, and may carry `[@attr='value']` predicates (several are ANDed;
/// `"` quotes work too), e.g. `/entities/entity[@name='contact']/records/record`.
public struct XMLRecordPath: Sendable, Hashable, CustomStringConvertible {
    public struct Step: Sendable, Hashable {
        /// nil matches any name (`*`).
        public var name: String?
        /// nil matches any namespace.
        public var namespace: String?
        public var predicates: [(name: String, value: String)]

        public static func == (a: Step, b: Step) -> Bool {
            a.name == b.name && a.namespace == b.namespace && a.predicates.elementsEqual(b.predicates, by: { $0 == $1 })
        }

        public func hash(into h: inout Hasher) {
            h.combine(name)
            h.combine(namespace)
            for p in predicates { h.combine(p.name); h.combine(p.value) }
        }
    }

    public var steps: [Step]
    public let text: String

    public var description: String { text }

    public struct SyntaxError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(_ text: String) throws {
        self.text = text
        var steps: [Step] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        func fail(_ m: String) -> SyntaxError { SyntaxError(description: "record path \"\(text)\": \(m)") }
        guard chars.first == "/" else { throw fail("must start with '/'") }
        while i < chars.count {
            guard chars[i] == "/" else { throw fail("expected '/' at position \(i + 1)") }
            i += 1
            var ns: String? = nil
            if i < chars.count && chars[i] == "{" {
                var j = i + 1
                while j < chars.count && chars[j] != "}" { j += 1 }
                guard j < chars.count else { throw fail("unclosed '{'") }
                ns = String(String.UnicodeScalarView(chars[(i + 1)..<j]))
                i = j + 1
            }
            var name = ""
            while i < chars.count && chars[i] != "/" && chars[i] != "[" {
                name.unicodeScalars.append(chars[i])
                i += 1
            }
            name = name.trimmingSpaces()
            guard !name.isEmpty else { throw fail("empty step") }
            if let colon = name.firstIndex(of: ":"), ns == nil {
                // A prefix cannot be resolved without the document's declarations: match the local name.
                name = String(name[name.index(after: colon)...])
            }
            var preds: [(String, String)] = []
            while i < chars.count && chars[i] == "[" {
                var j = i + 1
                while j < chars.count && chars[j] != "]" {
                    if chars[j] == "'" || chars[j] == "\"" {
                        let q = chars[j]
                        j += 1
                        while j < chars.count && chars[j] != q { j += 1 }
                    }
                    j += 1
                }
                guard j < chars.count else { throw fail("unclosed '['") }
                let body = String(String.UnicodeScalarView(chars[(i + 1)..<j])).trimmingSpaces()
                guard body.hasPrefix("@"), let eq = body.firstIndex(of: "=") else {
                    throw fail("a predicate must look like [@attr='value']")
                }
                let an = String(body[body.index(after: body.startIndex)..<eq]).trimmingSpaces()
                var v = String(body[body.index(after: eq)...]).trimmingSpaces()
                guard v.count >= 2, let f = v.first, f == "'" || f == "\"", v.last == f else {
                    throw fail("the value of [@\(an)=…] must be quoted")
                }
                v = String(v.dropFirst().dropLast())
                preds.append((an, v))
                i = j + 1
            }
            steps.append(Step(name: name == "*" ? nil : name, namespace: ns, predicates: preds))
        }
        self.steps = steps
    }

    public static func == (a: XMLRecordPath, b: XMLRecordPath) -> Bool { a.steps == b.steps }
    public func hash(into h: inout Hasher) { h.combine(steps) }

    /// The record path used when none is given, from the root element's name: Dynamics CMT
    /// (`entities`) → its records; a plural or list-like root (`contacts`, `people`, `list`…) →
    /// its children; any other root → the root itself (a document holding one record).
    public static func defaultPath(rootName: String) -> XMLRecordPath {
        let n = rootName.lowercased()
        if n == "entities" {
            return XMLRecordPath(
                plainSteps: ["entities", "entity", "records", "record"], text: "/entities/entity/records/record")
        }
        let listy: Set<String> = [
            "list", "data", "export", "root", "people", "items", "dataroot", "collection", "feed",
        ]
        if n.hasSuffix("s") || listy.contains(n) { return XMLRecordPath(plainSteps: [nil, nil], text: "/*/*") }
        return XMLRecordPath(plainSteps: [nil], text: "/*")
    }

    /// A path of name steps (nil: `*`) without predicates, built without parsing so that the
    /// defaults above cannot fail.
    private init(plainSteps: [String?], text: String) {
        self.steps = plainSteps.map { Step(name: $0, namespace: nil, predicates: []) }
        self.text = text
    }
}
