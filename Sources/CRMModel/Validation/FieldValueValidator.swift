/// Checks one value against one form field, by the rules of api-notes "Validation rules per field
/// type". Pure and free of import concepts so that the sandbox (server side) and the importer
/// (client side) apply exactly the same rules: a record that passes here is not refused there.
///
/// `check` answers the value as the CRM would store it, so callers can send exactly that.
public enum FieldValueValidator {
    public static func check(_ value: JSONValue?, for field: FormField) -> FieldCheck {
        guard let value, !value.isEmptyValue else {
            if field.isRequired {
                return .refused(.required, "\(field.displayName) is required and has no value")
            }
            return FieldCheck(value: nil)
        }
        return checkValue(value, for: field)
    }

    /// The type's rule alone, for a value that is present (even `""` or `[]`). The sandbox calls
    /// this: it checks required fields once per record, after every member, and must report a
    /// blank string where the type refuses one (a blank `combobox` id is `invalid_type`).
    public static func checkValue(_ value: JSONValue, for field: FormField) -> FieldCheck {
        switch field.type ?? .text {
        case .text: return text(value, limit: 1000)
        case .textArea: return text(value, limit: 65_535)
        case .email: return email(value)
        case .tel: return telephone(value)
        case .url: return url(value)
        case .number: return number(value)
        case .date: return date(value)
        case .time: return time(value)
        case .dateTime: return dateTime(value)
        case .dateRange: return range(value, of: date, ordered: dateRangeIsOrdered)
        case .dateTimeRange: return range(value, of: dateTime, ordered: dateTimeRangeIsOrdered)
        case .timeRange: return range(value, of: time, ordered: nil)
        case .emailLabeled: return labeledValues(value, field: field, element: email, duplicateKey: { $0.lowercased() })
        case .telLabeled: return labeledValues(value, field: field, element: telephone, duplicateKey: TelephoneSyntax.digits(of:))
        case .dropdown: return dropdown(value, field: field)
        case .monetary: return monetary(value)
        case .peoplePicker: return people(value)
        case .tagPicker: return tags(value)
        case .combobox: return combobox(value)
        case .other: return FieldCheck(value: value)
        }
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
