/// A Swift type that maps to and from a `JSONValue`. Typed accessors on the models use it so that
/// the JSON each model keeps stays the single source of truth.
public protocol JSONConvertible: Sendable {
    /// `nil` when the JSON does not have this shape; the raw value stays available on the model.
    init?(json: JSONValue)
    var json: JSONValue { get }
}

extension JSONValue: JSONConvertible {
    public init?(json: JSONValue) { self = json }
    public var json: JSONValue { self }
}

extension String: JSONConvertible {
    public init?(json: JSONValue) {
        guard case .string(let value) = json else { return nil }
        self = value
    }
    public var json: JSONValue { .string(self) }
}

extension Bool: JSONConvertible {
    public init?(json: JSONValue) {
        guard case .bool(let value) = json else { return nil }
        self = value
    }
    public var json: JSONValue { .bool(self) }
}

extension Int: JSONConvertible {
    public init?(json: JSONValue) {
        guard let value = json.int64Value else { return nil }
        self = Int(value)
    }
    public var json: JSONValue { .integer(Int64(self)) }
}

extension Double: JSONConvertible {
    public init?(json: JSONValue) {
        guard let value = json.doubleValue else { return nil }
        self = value
    }
    public var json: JSONValue {
        if rounded() == self, abs(self) < 9.0e15 { return .integer(Int64(self)) }
        return .double(self)
    }
}

extension Array: JSONConvertible where Element: JSONConvertible {
    /// Elements that do not have the expected shape are left out of the typed view only.
    public init?(json: JSONValue) {
        guard case .array(let values) = json else { return nil }
        self = values.compactMap(Element.init(json:))
    }
    public var json: JSONValue { .array(map(\.json)) }
}

extension Dictionary: JSONConvertible where Key == String, Value: JSONConvertible {
    public init?(json: JSONValue) {
        guard case .object(let values) = json else { return nil }
        self = values.compactMapValues(Value.init(json:))
    }
    public var json: JSONValue { .object(mapValues(\.json)) }
}

/// String-backed enums map to JSON strings by their raw value.
extension JSONConvertible where Self: RawRepresentable, Self.RawValue == String {
    public init?(json: JSONValue) {
        guard let raw = json.stringValue else { return nil }
        self.init(rawValue: raw)
    }
    public var json: JSONValue { .string(rawValue) }
}
