/// The type of a form field. The reference shows text, text-area, email_labeled, tel_labeled, url,
/// dropdown, monetary and combobox by name; the other identifiers are crmkit's (api-notes).
/// An identifier crmkit does not know is kept as `.other` so a form round-trips unchanged.
public enum FieldType: Hashable, Sendable, Codable, JSONConvertible, CustomStringConvertible {
    case text, textArea, email, emailLabeled, tel, telLabeled, url, number
    case date, dateRange, dateTime, dateTimeRange, time, timeRange
    case dropdown, monetary, peoplePicker, tagPicker, combobox
    case other(String)

    public static let known: [FieldType] = [
        .text, .textArea, .email, .emailLabeled, .tel, .telLabeled, .url, .number,
        .date, .dateRange, .dateTime, .dateTimeRange, .time, .timeRange,
        .dropdown, .monetary, .peoplePicker, .tagPicker, .combobox,
    ]

    public var rawValue: String {
        switch self {
        case .text: return "text"
        case .textArea: return "text-area"
        case .email: return "email"
        case .emailLabeled: return "email_labeled"
        case .tel: return "tel"
        case .telLabeled: return "tel_labeled"
        case .url: return "url"
        case .number: return "number"
        case .date: return "date"
        case .dateRange: return "date-range"
        case .dateTime: return "datetime"
        case .dateTimeRange: return "datetime-range"
        case .time: return "time"
        case .timeRange: return "time-range"
        case .dropdown: return "dropdown"
        case .monetary: return "monetary"
        case .peoplePicker: return "people-picker"
        case .tagPicker: return "tag-picker"
        case .combobox: return "combobox"
        case .other(let raw): return raw
        }
    }

    public init(rawValue: String) {
        self = FieldType.known.first { $0.rawValue == rawValue } ?? .other(rawValue)
    }

    public var description: String { rawValue }

    public init?(json: JSONValue) {
        guard let raw = json.stringValue else { return nil }
        self.init(rawValue: raw)
    }
    public var json: JSONValue { .string(rawValue) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
