/// One field of a form (contacts, organizations, leads/opportunities, or a case type's form).
/// Default fields map to record properties by id (`name`, `email`); custom fields hold their
/// values under `customFields[id]`.
public struct FormField: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(
        id: FieldID, label: String, type: FieldType, category: FieldCategory = .custom,
        required: Bool = false, options: [FormOption]? = nil, labelOptions: [String]? = nil
    ) {
        self.fields = [:]
        self.id = id
        self.label = label
        self.type = type
        self.category = category
        self.required = required
        self.options = options
        self.labelOptions = labelOptions
    }

    public var id: FieldID? {
        get { field("id") }
        set { setField("id", newValue) }
    }
    public var label: String? {
        get { field("label") }
        set { setField("label", newValue) }
    }
    public var category: FieldCategory? {
        get { field("category") }
        set { setField("category", newValue) }
    }
    public var type: FieldType? {
        get { field("type") }
        set { setField("type", newValue) }
    }
    public var required: Bool? {
        get { field("required") }
        set { setField("required", newValue) }
    }
    /// Dropdown choices; the reference writes them as plain strings, custom dropdowns as objects.
    public var options: [FormOption]? {
        get { field("options") }
        set { setField("options", newValue) }
    }
    /// Allowed labels of a labeled e-mail or phone field ("Work", "Mobile", …).
    public var labelOptions: [String]? {
        get { field("labelOptions") }
        set { setField("labelOptions", newValue) }
    }

    public var isCustom: Bool { category == .custom }
    public var isRequired: Bool { required ?? false }
}

/// Whether a field is one of the form's built-in fields or one the tenant added.
public enum FieldCategory: String, Codable, Sendable, CaseIterable, JSONConvertible {
    case `default`, custom
}

/// A dropdown choice. Written either as a string (its id and label at once) or as an object
/// `{"id": …, "label": …}`; the written form is kept so a form round-trips unchanged.
public struct FormOption: Hashable, Sendable, Codable, JSONConvertible {
    public var json: JSONValue

    public init?(json: JSONValue) {
        switch json {
        case .string: self.json = json
        case .object(let object) where object["id"] != nil || object["label"] != nil || object["value"] != nil:
            self.json = json
        default: return nil
        }
    }

    public init(_ value: String) { self.json = .string(value) }

    public init(id: String, label: String) { self.json = .object(["id": .string(id), "label": .string(label)]) }

    /// What a record stores when this option is chosen.
    public var id: String {
        json.stringValue ?? json["id"]?.stringValue ?? json["value"]?.stringValue ?? json["label"]?.stringValue ?? ""
    }

    /// What a person sees.
    public var label: String {
        json.stringValue ?? json["label"]?.stringValue ?? json["value"]?.stringValue ?? id
    }

    public init(from decoder: any Decoder) throws {
        let raw = try JSONValue(from: decoder)
        guard let option = FormOption(json: raw) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a dropdown option is a string or {id, label}"))
        }
        self = option
    }

    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}

/// The body of `PUT …/forms/…`: the whole list of fields, and who changed it.
public struct FormUpdate: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(formFields: [FormField], creator: User? = nil, tenantId: String? = nil) {
        self.fields = [:]
        self.formFields = formFields
        self.creator = creator
        self.tenantId = tenantId
    }

    /// Named `formFields` in Swift because `fields` is the JSON storage; `"fields"` on the wire.
    public var formFields: [FormField]? {
        get { field("fields") }
        set { setField("fields", newValue) }
    }
    public var creator: User? {
        get { field("creator") }
        set { setField("creator", newValue) }
    }
    public var tenantId: String? {
        get { field("tenantId") }
        set { setField("tenantId", newValue) }
    }
}
