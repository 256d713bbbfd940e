/// A person in the directory.
public struct Contact: CRMRecord {
    public static let kind = EntityKind.contact
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(name: String, email: [LabeledValue] = [], phone: [LabeledValue] = []) {
        self.fields = [:]
        self.name = name
        if !email.isEmpty { self.email = email }
        if !phone.isEmpty { self.phone = phone }
    }

    public var name: String? {
        get { field("name") }
        set { setField("name", newValue) }
    }
    public var email: [LabeledValue]? {
        get { field("email") }
        set { setField("email", newValue) }
    }
    public var phone: [LabeledValue]? {
        get { field("phone") }
        set { setField("phone", newValue) }
    }
    public var organizationId: OrganizationID? {
        get { field("organizationId") }
        set { setField("organizationId", newValue) }
    }
    public var linkedin: String? {
        get { field("linkedin") }
        set { setField("linkedin", newValue) }
    }
    public var jobTitle: String? {
        get { field("jobTitle") }
        set { setField("jobTitle", newValue) }
    }
    public var seniorityLevel: String? {
        get { field("seniorityLevel") }
        set { setField("seniorityLevel", newValue) }
    }
    public var department: String? {
        get { field("department") }
        set { setField("department", newValue) }
    }
}
