/// Why a value was refused. The raw values are the `details[].reason` codes of the API's
/// `validation_failed` errors (api-notes), so a client-side rejection and a server-side one read alike.
public enum FieldProblemReason: String, Sendable, Hashable, Codable, CaseIterable {
    case required
    case invalidType = "invalid_type"
    case invalidFormat = "invalid_format"
    case tooLong = "too_long"
    case unknownOption = "unknown_option"
    case unknownReference = "unknown_reference"
    case duplicate
    case notAllowed = "not_allowed"
}

/// One problem with one value of one field.
public struct FieldProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Where inside the field's value, e.g. `[1].value` for the second e-mail; empty for the value itself.
    public var path: String
    public var reason: FieldProblemReason
    /// What is wrong, in words a user can act on.
    public var message: String

    public init(path: String = "", reason: FieldProblemReason, message: String) {
        self.path = path
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(path.isEmpty ? "" : path + ": ")\(reason.rawValue): \(message)" }

    /// The same problem one level further out (`[1]` + `.value`).
    func nested(in prefix: String) -> FieldProblem {
        FieldProblem(path: prefix + path, reason: reason, message: message)
    }
}

/// The outcome of checking one value: the value as the CRM stores it (trimmed e-mails, numbers as
/// JSON numbers, option ids, default labels filled in) and the problems found. `value` is nil when
/// there is nothing to store.
public struct FieldCheck: Sendable, Hashable {
    public var value: JSONValue?
    public var problems: [FieldProblem]

    public init(value: JSONValue?, problems: [FieldProblem] = []) {
        self.value = value
        self.problems = problems
    }

    public var isValid: Bool { problems.isEmpty }

    static func refused(_ reason: FieldProblemReason, _ message: String) -> FieldCheck {
        FieldCheck(value: nil, problems: [FieldProblem(reason: reason, message: message)])
    }
}

extension FieldCheck {
    /// `value` when there are no problems, nothing otherwise. (A plain `cond ? value : nil` with
    /// a `JSONValue` would turn `nil` into JSON `null`, which is a value.)
    static func outcome(_ value: JSONValue, _ problems: [FieldProblem]) -> FieldCheck {
        problems.isEmpty ? FieldCheck(value: value) : FieldCheck(value: nil, problems: problems)
    }
}
