/// A person as the API names one: an id, a display name and an e-mail (e.g. from Microsoft 365).
/// The API does not check that the three agree.
public struct User: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(id: UserID, name: String? = nil, email: String? = nil) {
        self.fields = [:]
        self.id = id
        self.name = name
        self.email = email
    }

    public var id: UserID? {
        get { field("id") }
        set { setField("id", newValue) }
    }
    public var name: String? {
        get { field("name") }
        set { setField("name", newValue) }
    }
    public var email: String? {
        get { field("email") }
        set { setField("email", newValue) }
    }
}

/// An amount in a currency (ISO 4217 code, e.g. "USD").
public struct Money: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(amount: Double, code: String) {
        self.fields = [:]
        self.amount = amount
        self.code = code
    }

    public var amount: Double? {
        get { field("amount") }
        set { setField("amount", newValue) }
    }
    public var code: String? {
        get { field("code") }
        set { setField("code", newValue) }
    }
}

/// One e-mail address or phone number with its label ("Work", "Mobile") and primary flag.
public struct LabeledValue: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(label: String? = nil, value: String, primary: Bool = false) {
        self.fields = [:]
        self.label = label
        self.value = value
        self.primary = primary
    }

    public var label: String? {
        get { field("label") }
        set { setField("label", newValue) }
    }
    public var value: String? {
        get { field("value") }
        set { setField("value", newValue) }
    }
    public var primary: Bool? {
        get { field("primary") }
        set { setField("primary", newValue) }
    }
}

/// A tag of one entity (leads, contacts, …): a label and a colour such as "#ff0000".
public struct TagOption: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(id: TagID? = nil, label: String, color: String? = nil) {
        self.fields = [:]
        self.id = id
        self.label = label
        self.color = color
    }

    public var id: TagID? {
        get { field("id") }
        set { setField("id", newValue) }
    }
    public var label: String? {
        get { field("label") }
        set { setField("label", newValue) }
    }
    public var color: String? {
        get { field("color") }
        set { setField("color", newValue) }
    }
    public var tenantId: String? {
        get { field("tenantId") }
        set { setField("tenantId", newValue) }
    }
}

/// An organization reference as opportunities carry it: `{"id": "7", "name": "Example Corp"}`.
public struct OrganizationRef: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public var id: OrganizationID? {
        get { field("id") }
        set { setField("id", newValue) }
    }
    public var name: String? {
        get { field("name") }
        set { setField("name", newValue) }
    }
}
