import CRMModel

/// The filters of a record list, as typed parameters that become the query string.
public protocol RecordFilter: Sendable {
    init()
    var queryItems: [(String, String)] { get }
}

/// A record type that has a list endpoint with its own filters.
public protocol ListableRecord: CRMRecord {
    associatedtype Filter: RecordFilter
}

/// Records that can be merged into one (`POST …/{id}/merge`).
public protocol MergeableRecord: ListableRecord {}

extension Lead: ListableRecord { public typealias Filter = LeadFilter }
extension Opportunity: ListableRecord { public typealias Filter = OpportunityFilter }
extension Contact: MergeableRecord { public typealias Filter = ContactFilter }
extension Organization: MergeableRecord { public typealias Filter = OrganizationFilter }
extension Case: ListableRecord { public typealias Filter = CaseFilter }

/// `GET /pipeline/leads` filters. Lists match any of their entries; filters combine with AND.
public struct LeadFilter: RecordFilter {
    /// Case-insensitive substring of the title.
    public var title: String?
    public var contactIds: [ContactID]?
    public var organizationIds: [OrganizationID]?
    /// Tag ids or labels; a lead matches if it has any.
    public var tags: [String]?
    public var isArchived: Bool?
    public var isConverted: Bool?

    public init() {}

    public init(
        title: String? = nil, contactIds: [ContactID]? = nil, organizationIds: [OrganizationID]? = nil,
        tags: [String]? = nil, isArchived: Bool? = nil, isConverted: Bool? = nil
    ) {
        self.title = title
        self.contactIds = contactIds
        self.organizationIds = organizationIds
        self.tags = tags
        self.isArchived = isArchived
        self.isConverted = isConverted
    }

    public var queryItems: [(String, String)] {
        var query = QueryItems()
        query.add("title", title)
        query.add("contactId", contactIds)
        query.add("organizationId", organizationIds)
        query.add("tags", tags)
        query.add("isArchived", isArchived)
        query.add("isConverted", isConverted)
        return query.pairs
    }
}

/// `GET /pipeline/opportunities` filters.
public struct OpportunityFilter: RecordFilter {
    public var title: String?
    public var contactIds: [ContactID]?
    public var organizationIds: [OrganizationID]?
    public var tags: [String]?
    public var ownerId: UserID?

    public init() {}

    public init(
        title: String? = nil, contactIds: [ContactID]? = nil, organizationIds: [OrganizationID]? = nil,
        tags: [String]? = nil, ownerId: UserID? = nil
    ) {
        self.title = title
        self.contactIds = contactIds
        self.organizationIds = organizationIds
        self.tags = tags
        self.ownerId = ownerId
    }

    public var queryItems: [(String, String)] {
        var query = QueryItems()
        query.add("title", title)
        query.add("contactId", contactIds)
        query.add("organizationId", organizationIds)
        query.add("tags", tags)
        query.add("ownerId", ownerId?.rawValue)
        return query.pairs
    }
}

/// `GET /directory/contacts` filters.
public struct ContactFilter: RecordFilter {
    public var ids: [ContactID]?
    public var name: String?
    /// Case-insensitive substring of any e-mail address.
    public var email: String?
    /// Its digits are matched against the digits of any phone number.
    public var phone: String?
    public var tags: [String]?
    public var organizationId: OrganizationID?
    /// Substring of the name, any e-mail, or the organization's name.
    public var searchValue: String?

    public init() {}

    public init(
        ids: [ContactID]? = nil, name: String? = nil, email: String? = nil, phone: String? = nil,
        tags: [String]? = nil, organizationId: OrganizationID? = nil, searchValue: String? = nil
    ) {
        self.ids = ids
        self.name = name
        self.email = email
        self.phone = phone
        self.tags = tags
        self.organizationId = organizationId
        self.searchValue = searchValue
    }

    public var queryItems: [(String, String)] {
        var query = QueryItems()
        query.add("ids", ids)
        query.add("name", name)
        query.add("email", email)
        query.add("phone", phone)
        query.add("tags", tags)
        query.add("organizationId", organizationId?.rawValue)
        query.add("searchValue", searchValue)
        return query.pairs
    }
}

/// `GET /directory/organizations` filters.
public struct OrganizationFilter: RecordFilter {
    public var name: String?
    public var address: String?
    public var tags: [String]?

    public init() {}

    public init(name: String? = nil, address: String? = nil, tags: [String]? = nil) {
        self.name = name
        self.address = address
        self.tags = tags
    }

    public var queryItems: [(String, String)] {
        var query = QueryItems()
        query.add("name", name)
        query.add("address", address)
        query.add("tags", tags)
        return query.pairs
    }
}

/// `GET /cases/cases` filters.
public struct CaseFilter: RecordFilter {
    public var title: String?
    /// A status node id or label of the case type's workflow.
    public var status: String?
    public var caseType: CaseTypeID?
    public var ownerId: UserID?
    public var contactIds: [ContactID]?
    public var organizationIds: [OrganizationID]?
    public var tags: [String]?
    /// ISO 8601 date or date-time, inclusive.
    public var createdAfter: String?
    public var createdBefore: String?

    public init() {}

    public init(
        title: String? = nil, status: String? = nil, caseType: CaseTypeID? = nil, ownerId: UserID? = nil,
        contactIds: [ContactID]? = nil, organizationIds: [OrganizationID]? = nil, tags: [String]? = nil,
        createdAfter: String? = nil, createdBefore: String? = nil
    ) {
        self.title = title
        self.status = status
        self.caseType = caseType
        self.ownerId = ownerId
        self.contactIds = contactIds
        self.organizationIds = organizationIds
        self.tags = tags
        self.createdAfter = createdAfter
        self.createdBefore = createdBefore
    }

    public var queryItems: [(String, String)] {
        var query = QueryItems()
        query.add("title", title)
        query.add("status", status)
        query.add("caseType", caseType?.rawValue)
        query.add("ownerId", ownerId?.rawValue)
        query.add("contactId", contactIds)
        query.add("organizationId", organizationIds)
        query.add("tags", tags)
        query.add("createdAfterDate", createdAfter)
        query.add("createdBeforeDate", createdBefore)
        return query.pairs
    }
}
