/// Records that have a title and point at a contact and an organization: leads, opportunities
/// and cases. Merges of contacts and organizations move these references to the survivor.
public protocol LinkedRecord: CRMRecord {
    init(title: String)
}

extension LinkedRecord {
    public init(title: String) {
        self.init(fields: [:])
        self.title = title
    }

    public var title: String? {
        get { field("title") }
        set { setField("title", newValue) }
    }
    public var organizationId: OrganizationID? {
        get { field("organizationId") }
        set { setField("organizationId", newValue) }
    }
    public var contactId: ContactID? {
        get { field("contactId") }
        set { setField("contactId", newValue) }
    }
}

/// What leads and opportunities share: they move through the sales pipeline with a value,
/// an origin, a rating and the people following them.
public protocol PipelineRecord: LinkedRecord {}

extension PipelineRecord {
    public var value: Money? {
        get { field("value") }
        set { setField("value", newValue) }
    }
    public var origin: String? {
        get { field("origin") }
        set { setField("origin", newValue) }
    }
    public var leadRating: String? {
        get { field("leadRating") }
        set { setField("leadRating", newValue) }
    }
    public var followers: [User]? {
        get { field("followers") }
        set { setField("followers", newValue) }
    }
    public var participants: [User]? {
        get { field("participants") }
        set { setField("participants", newValue) }
    }
}
