/// A model backed by the JSON object the API sent. Typed properties read and write that object,
/// so fields the API adds later, and fields crmkit does not know, survive a read-modify-write,
/// and "absent" stays distinct from "null" (which matters for partial updates).
public protocol JSONObjectModel: Codable, Hashable, JSONConvertible {
    var fields: JSONObject { get set }
    init(fields: JSONObject)
}

extension JSONObjectModel {
    public init() { self.init(fields: [:]) }

    public init(from decoder: any Decoder) throws {
        self.init(fields: try JSONObject(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
    }

    public init?(json: JSONValue) {
        guard case .object(let object) = json else { return nil }
        self.init(fields: object)
    }

    public var json: JSONValue { .object(fields) }

    /// The typed value of a field, or `nil` when it is absent, null or of another shape.
    public func field<Value: JSONConvertible>(_ key: String, as type: Value.Type = Value.self) -> Value? {
        guard let raw = fields[key], raw != .null else { return nil }
        return Value(json: raw)
    }

    /// Sets a field; `nil` removes it (absent, not null). Use `fields[key] = .null` to send null.
    public mutating func setField<Value: JSONConvertible>(_ key: String, _ value: Value?) {
        fields[key] = value?.json
    }
}
