/// Checks one value against one form field, by the rules of api-notes "Validation rules per field
/// type". Pure and free of import concepts so that the sandbox (server side) and the importer
/// (client side) apply exactly the same rules: a record that passes here is not refused there.
///
/// `check` answers the value as the CRM would store it, so callers can send exactly that.
public enum FieldValueValidator {
    public static func check(_ value: JSONValue?, for field: FormField) -> FieldCheck {
        check(value, for: PreparedFormField(field))
    }

    /// The type's rule alone, for a value that is present (even `""` or `[]`). The sandbox calls
    /// this: it checks required fields once per record, after every member, and must report a
    /// blank string where the type refuses one (a blank `combobox` id is `invalid_type`).
    public static func checkValue(_ value: JSONValue, for field: FormField) -> FieldCheck {
        checkValue(value, for: PreparedFormField(field))
    }

    /// A value of the wrong JSON shape: says what was expected and what came.
    static func wrongType(_ expected: String, _ value: JSONValue) -> FieldCheck {
        .refused(.invalidType, "expected \(expected), got \(value.kindName)")
    }
}

extension FormField {
    /// `Label (id)` for messages; whichever of the two exists.
    public var displayName: String {
        switch (label, id?.rawValue) {
        case let (label?, id?) where label != id: return "\(label) (\(id))"
        case let (label?, _): return label
        case let (nil, id?): return id
        default: return "field"
        }
    }
}

extension JSONValue {
    /// `a string`, `a number`, … for messages.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
