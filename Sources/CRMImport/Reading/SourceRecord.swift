/// Where a record came from: the file, the 1-based line on which the record starts, and its
/// 1-based number among the records the reader produced.
public struct SourceProvenance: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var record: Int

    public init(file: String, line: Int, record: Int) {
        self.file = file
        self.line = line
        self.record = record
    }

    /// `file:line`, as compilers print it.
    public var description: String { "\(file):\(line)" }
}

/// One parameter of a field (vCard `TYPE=work,pref`, or the non-value attributes of an XML
/// element). Parameter names keep their order of first appearance.
public struct SourceParameter: Sendable, Hashable, Codable {
    public var name: String
    public var values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}

/// One field of a source record.
///
/// - CSV: `name` is the (made unique) header, no parameters, no group.
/// - vCard: `name` is the upper-cased property name (`EMAIL`, `N.family`…), `parameters` the
///   property parameters, `group` the property group (`item1`).
/// - XML: see `docs/readers.md` ("XML field naming").
public struct SourceField: Sendable, Hashable, Codable {
    public var name: String
    public var value: String
    public var parameters: [SourceParameter]
    public var group: String?

    @inlinable
    public init(name: String, value: String, parameters: [SourceParameter] = [], group: String? = nil) {
        self.name = name
        self.value = value
        self.parameters = parameters
        self.group = group
    }

    /// The values of the parameter `name` (case-insensitive), or an empty array.
    public func parameter(_ name: String) -> [String] {
        for p in parameters where p.name.caseInsensitiveEquals(name) { return p.values }
        return []
    }

    /// Whether a parameter `name` holds `value` (both case-insensitive), e.g. `has("TYPE", "work")`.
    public func has(_ name: String, _ value: String) -> Bool {
        parameter(name).contains { $0.caseInsensitiveEquals(value) }
    }
}

/// A record read from a source file: its provenance and its fields in source order.
public struct SourceRecord: Sendable, Hashable, Codable {
    public var provenance: SourceProvenance
    public var fields: [SourceField]

    public init(provenance: SourceProvenance, fields: [SourceField]) {
        self.provenance = provenance
        self.fields = fields
    }

    /// The value of the first field called `name` (exact match), or nil.
    public func first(_ name: String) -> String? {
        for f in fields where f.name == name { return f.value }
        return nil
    }

    /// The value of the first field called `name`, ignoring case.
    public func firstIgnoringCase(_ name: String) -> String? {
        for f in fields where f.name.caseInsensitiveEquals(name) { return f.value }
        return nil
    }

    /// The values of every field called `name`, in source order.
    public func all(_ name: String) -> [String] {
        fields.compactMap { $0.name == name ? $0.value : nil }
    }

    /// Every field called `name`, in source order.
    public func fields(named name: String) -> [SourceField] {
        fields.filter { $0.name == name }
    }

    /// `first(name)`.
    public subscript(name: String) -> String? { first(name) }

    /// The field names in order of first appearance.
    public var names: [String] {
        var seen = Set<String>()
        return fields.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }
}

extension String {
    @usableFromInline
    func caseInsensitiveEquals(_ other: String) -> Bool {
        let a = self.utf8, b = other.utf8
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where x != y {
            let lx = (x >= 65 && x <= 90) ? x | 0x20 : x
            let ly = (y >= 65 && y <= 90) ? y | 0x20 : y
            if lx != ly { return false }
        }
        return true
    }
}
