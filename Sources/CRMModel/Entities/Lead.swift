/// A lead in the sales pipeline, before it is converted into an opportunity.
public struct Lead: CRMRecord {
    public static let kind = EntityKind.lead
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(title: String) {
        self.fields = [:]
        self.title = title
    }

    public var title: String? { get { field("title") } set { setField("title", newValue) } }
    public var value: Money? { get { field("value") } set { setField("value", newValue) } }
    public var origin: String? { get { field("origin") } set { setField("origin", newValue) } }
    public var leadRating: String? { get { field("leadRating") } set { setField("leadRating", newValue) } }
    public var organizationId: OrganizationID? { get { field("organizationId") } set { setField("organizationId", newValue) } }
    public var contactId: ContactID? { get { field("contactId") } set { setField("contactId", newValue) } }
    public var followers: [User]? { get { field("followers") } set { setField("followers", newValue) } }
    public var participants: [User]? { get { field("participants") } set { setField("participants", newValue) } }
    public var isArchived: Bool? { get { field("isArchived") } set { setField("isArchived", newValue) } }
    public var isConverted: Bool? { get { field("isConverted") } set { setField("isConverted", newValue) } }
    public var convertedOpportunityId: OpportunityID? {
        get { field("convertedOpportunityId") }
        set { setField("convertedOpportunityId", newValue) }
    }
}
