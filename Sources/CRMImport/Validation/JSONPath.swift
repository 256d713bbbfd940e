import CRMModel

/// Paths such as `[1].value` or `.start` into a field's value, to show the exact value a
/// problem is about.
enum JSONPath {
    static func value(at path: String, in root: JSONValue) -> JSONValue? {
        var current: JSONValue? = root
        var rest = Substring(path)
        while !rest.isEmpty, let value = current {
            if rest.hasPrefix("["), let close = rest.firstIndex(of: "]"),
                let index = Int(rest[rest.index(after: rest.startIndex)..<close])
            {
                current = value.arrayValue.flatMap { index < $0.count ? $0[index] : nil }
                rest = rest[rest.index(after: close)...]
            } else if rest.hasPrefix(".") {
                let name = rest.dropFirst().prefix { $0 != "." && $0 != "[" }
                current = value[String(name)]
                rest = rest.dropFirst(name.count + 1)
            } else {
                return current
            }
        }
        return current
    }

    static func text(_ value: JSONValue) -> String { value.stringValue ?? value.description }
}
