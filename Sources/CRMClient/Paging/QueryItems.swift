/// Builds a query string's name/value pairs, leaving out what is not set; lists are sent
/// comma-separated, as the API's filters expect.
public struct QueryItems: Sendable {
    public private(set) var pairs: [(String, String)] = []

    public init() {}

    public mutating func add(_ name: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        pairs.append((name, value))
    }

    public mutating func add<Value: CustomStringConvertible>(_ name: String, _ values: [Value]?) {
        guard let values, !values.isEmpty else { return }
        pairs.append((name, values.map(\.description).joined(separator: ",")))
    }

    public mutating func add(_ name: String, _ value: Bool?) {
        guard let value else { return }
        pairs.append((name, value ? "true" : "false"))
    }

    public mutating func add(_ name: String, _ value: Int?) {
        guard let value else { return }
        pairs.append((name, String(value)))
    }
}
