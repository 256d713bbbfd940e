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
///
/// A record read from a CSV file is a row of the batch the reader parsed it in (see
/// `CSVRowBatch`): a value becomes a `String` only when asked for, and a field's name is its
/// column's. Records built from fields (vCard, XML, tests) hold the fields themselves. Both
/// answer the same questions the same way; `fields` lists a row's fields when asked.
public struct SourceRecord: Sendable {
    /// Where the record was read.
    public var provenance: SourceProvenance {
        get { SourceProvenance(file: ownFile ?? batch?.file ?? "", line: line, record: number) }
        set {
            ownFile = newValue.file
            line = newValue.line
            number = newValue.record
        }
    }
    /// The file a record built from fields was read from; nil for a CSV row, whose batch holds
    /// the file's name for all its rows. Not a string per row: every thread that copies records
    /// would change that one string's reference count for each of them.
    private var ownFile: String?
    private var line: Int
    private var number: Int
    /// The batch a CSV row is a row of (`row` its number there), or nil for a record that holds
    /// its fields itself (`ownFields`). Kept as plain members rather than an enum with payloads:
    /// a value is looked up through the batch in place, with nothing copied out of the record.
    private var batch: CSVRowBatch?
    private var row = 0
    private var ownFields: [SourceField] = []

    public init(provenance: SourceProvenance, fields: [SourceField]) {
        self.ownFile = provenance.file
        self.line = provenance.line
        self.number = provenance.record
        self.ownFields = fields
    }

    /// Row `row` of `batch`, read at line `line` as record number `record` of the file.
    init(batch: CSVRowBatch, row: Int, line: Int, record: Int) {
        self.line = line
        self.number = record
        self.batch = batch
        self.row = row
    }

    private var isRow: Bool { batch != nil }

    /// The fields in source order (for a CSV row, its values that are present, named by column).
    public var fields: [SourceField] {
        get { batch?.fields(row: row) ?? ownFields }
        set {
            if ownFile == nil { ownFile = batch?.file }
            batch = nil
            ownFields = newValue
        }
    }

    /// The value of the field at `position` when that field is called `name`; else the first
    /// field called `name`. A column bound to a header's position is found in one step.
    func value(at position: Int, named name: String) -> String? {
        if isRow { return batch?.value(row: row, at: position, named: name) }
        if position < ownFields.count, ownFields[position].name == name { return ownFields[position].value }
        return first(name)
    }

    /// The value of the first field called `name` (exact match), or nil.
    public func first(_ name: String) -> String? {
        if isRow { return batch?.first(name, row: row) }
        for f in ownFields where f.name == name { return f.value }
        return nil
    }

    /// The value of the first field called `name`, ignoring case.
    public func firstIgnoringCase(_ name: String) -> String? {
        if isRow, let exact = first(name) { return exact }
        for f in fields where f.name.caseInsensitiveEquals(name) { return f.value }
        return nil
    }

    /// The values of every field called `name`, in source order.
    public func all(_ name: String) -> [String] {
        if isRow { return first(name).map { [$0] } ?? [] }
        return ownFields.compactMap { $0.name == name ? $0.value : nil }
    }

    /// Every field called `name`, in source order.
    public func fields(named name: String) -> [SourceField] {
        if isRow { return first(name).map { [SourceField(name: name, value: $0)] } ?? [] }
        return ownFields.filter { $0.name == name }
    }

    /// The first value of parameter `parameter` of the first field called `name`.
    func parameter(_ parameter: String, ofFirst name: String) -> String? {
        if isRow { return nil }
        return ownFields.first { $0.name == name }?.parameter(parameter).first
    }

    /// Whether the record has no fields (a row the reader could not read is passed on as one).
    public var isEmpty: Bool {
        if isRow { return !(batch?.hasValues(row: row) ?? false) }
        return ownFields.isEmpty
    }

    /// `first(name)`.
    public subscript(name: String) -> String? { first(name) }

    /// The field names in order of first appearance.
    public var names: [String] {
        if let names = batch?.names(row: row) { return names }
        var seen = Set<String>()
        return ownFields.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }
}

extension SourceRecord: Hashable, Codable {
    public static func == (a: SourceRecord, b: SourceRecord) -> Bool {
        a.provenance == b.provenance && a.fields == b.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(provenance)
        hasher.combine(fields)
    }

    private enum CodingKeys: String, CodingKey {
        case provenance, fields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            provenance: try container.decode(SourceProvenance.self, forKey: .provenance),
            fields: try container.decode([SourceField].self, forKey: .fields))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(provenance, forKey: .provenance)
        try container.encode(fields, forKey: .fields)
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
