/// A company or other organization in the directory.
public struct Organization: CRMRecord {
    public static let kind = EntityKind.organization
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(name: String) {
        self.fields = [:]
        self.name = name
    }

    public var name: String? {
        get { field("name") }
        set { setField("name", newValue) }
    }
    public var address: String? {
        get { field("address") }
        set { setField("address", newValue) }
    }
    public var email: [LabeledValue]? {
        get { field("email") }
        set { setField("email", newValue) }
    }
    public var phone: [LabeledValue]? {
        get { field("phone") }
        set { setField("phone", newValue) }
    }
    public var industry: String? {
        get { field("industry") }
        set { setField("industry", newValue) }
    }
    public var size: String? {
        get { field("size") }
        set { setField("size", newValue) }
    }
    public var annualRevenue: String? {
        get { field("annualRevenue") }
        set { setField("annualRevenue", newValue) }
    }
    public var website: String? {
        get { field("website") }
        set { setField("website", newValue) }
    }
}
