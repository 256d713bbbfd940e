import CRMModel

/// A value on its way through a rule's transforms: text as read, a list after `split`, or JSON
/// once a transform has typed it (a number, an amount).
enum Flow: Sendable, Hashable {
    case text(String)
    case list([String])
    case json(JSONValue)

    var isEmpty: Bool {
        switch self {
        case .text(let text): return text.isEmpty
        case .list(let items): return items.isEmpty
        case .json(let value): return value.isEmptyValue
        }
    }

    /// The value as the API takes it.
    var json: JSONValue {
        switch self {
        case .text(let text): return .string(text)
        case .list(let items): return .array(items.map(JSONValue.string))
        case .json(let value): return value
        }
    }

    /// The value as one text, for messages and match keys.
    var text: String {
        switch self {
        case .text(let text): return text
        case .list(let items): return items.joined(separator: ", ")
        case .json(let value): return value.stringValue ?? value.description
        }
    }
}
