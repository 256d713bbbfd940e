/// A form field with the properties validation reads decoded once. `FormField` keeps its
/// properties as JSON and decodes them on every access (options are rebuilt from JSON each
/// time), which made checking a record cost more than mapping it; a validator that checks many
/// values against the same form prepares its fields once and checks against these.
public final class PreparedFormField: Sendable {
    public let field: FormField
    /// `field.id?.rawValue`.
    public let id: String?
    public let type: FieldType
    public let category: FieldCategory?
    public let isRequired: Bool
    public let isCustom: Bool
    public let options: [FormOption]
    public let labelOptions: [String]
    /// `options` with ids and labels read once, for dropdowns.
    let preparedOptions: PreparedOptions

    public init(_ field: FormField) {
        self.field = field
        self.id = field.id?.rawValue
        self.type = field.type ?? .text
        self.category = field.category
        self.isRequired = field.isRequired
        self.isCustom = field.isCustom
        self.options = field.options ?? []
        self.labelOptions = field.labelOptions ?? []
        self.preparedOptions = PreparedOptions(options)
    }
}

extension FieldValueValidator {
    /// `check(_:for:)` against a prepared field: the same rules, without decoding the field.
    public static func check(_ value: JSONValue?, for prepared: PreparedFormField) -> FieldCheck {
        guard let value, !value.isEmptyValue else {
            if prepared.isRequired {
                return .refused(.required, "\(prepared.field.displayName) is required and has no value")
            }
            return FieldCheck(value: nil)
        }
        return checkValue(value, for: prepared)
    }

    /// `checkValue(_:for:)` against a prepared field.
    public static func checkValue(_ value: JSONValue, for prepared: PreparedFormField) -> FieldCheck {
        switch prepared.type {
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
        case .emailLabeled, .telLabeled:
            guard let rules = entryRules(prepared.type) else { return FieldCheck(value: value) }
            return labeledValues(
                value, labelOptions: prepared.labelOptions, element: rules.element, identity: rules.identity)
        case .dropdown: return dropdown(value, options: prepared.preparedOptions, category: prepared.category)
        case .monetary: return monetary(value)
        case .peoplePicker: return people(value)
        case .tagPicker: return tags(value)
        case .combobox: return combobox(value)
        case .other: return FieldCheck(value: value)
        }
    }
}
