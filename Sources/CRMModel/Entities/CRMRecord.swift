/// What every record of the CRM (lead, opportunity, contact, organization, case) has in common.
public protocol CRMRecord: JSONObjectModel {
    static var kind: EntityKind { get }
}

extension CRMRecord {
    public typealias RecordID = Identifier<Self>

    public var id: Identifier<Self>? {
        get { field("id") }
        set { setField("id", newValue) }
    }
    /// ISO 8601 text as the server wrote it; kept as text so it round-trips exactly.
    public var createdOn: String? {
        get { field("createdOn") }
        set { setField("createdOn", newValue) }
    }
    public var updatedOn: String? {
        get { field("updatedOn") }
        set { setField("updatedOn", newValue) }
    }
    public var owner: User? {
        get { field("owner") }
        set { setField("owner", newValue) }
    }
    public var creator: User? {
        get { field("creator") }
        set { setField("creator", newValue) }
    }
    public var lastUpdatedBy: User? {
        get { field("lastUpdatedBy") }
        set { setField("lastUpdatedBy", newValue) }
    }
    public var tenantId: String? {
        get { field("tenantId") }
        set { setField("tenantId", newValue) }
    }
    public var note: String? {
        get { field("note") }
        set { setField("note", newValue) }
    }
    /// Responses carry tag objects; requests may also send ids or labels (see api-notes #12).
    public var tags: [TagOption]? {
        get { field("tags") }
        set { setField("tags", newValue) }
    }
    /// Custom field values by field id; each value's shape depends on the field type of the form.
    public var customFields: JSONObject? {
        get { field("customFields") }
        set { setField("customFields", newValue) }
    }
}

/// The five kinds of record, with where each lives in the API.
public enum EntityKind: String, Codable, Sendable, CaseIterable, Hashable, JSONConvertible {
    case lead, opportunity, contact, organization, `case`

    /// The collection path, e.g. `/directory/contacts`.
    public var collectionPath: String {
        switch self {
        case .lead: return "/pipeline/leads"
        case .opportunity: return "/pipeline/opportunities"
        case .contact: return "/directory/contacts"
        case .organization: return "/directory/organizations"
        case .case: return "/cases/cases"
        }
    }

    /// The tags path of this entity, e.g. `/directory/tags/contacts`.
    public var tagsPath: String {
        switch self {
        case .lead: return "/pipeline/tags/leads"
        case .opportunity: return "/pipeline/tags/opportunities"
        case .contact: return "/directory/tags/contacts"
        case .organization: return "/directory/tags/organizations"
        case .case: return "/cases/tags/cases"
        }
    }

    /// The bulk-action endpoint of this entity's service.
    public var bulkActionPath: String {
        switch self {
        case .lead, .opportunity: return "/pipeline/bulk-actions"
        case .contact, .organization: return "/directory/bulk-actions"
        case .case: return "/cases/bulk-actions"
        }
    }

    /// The form that governs this entity. Leads and opportunities share one; cases use the form of
    /// their case type instead, so they have none here.
    public var formPath: String? {
        switch self {
        case .lead, .opportunity: return "/pipeline/forms/opportunities"
        case .contact: return "/directory/forms/contacts"
        case .organization: return "/directory/forms/organizations"
        case .case: return nil
        }
    }

    /// The plural the CLI and paths use: leads, opportunities, contacts, organizations, cases.
    public var plural: String {
        switch self {
        case .lead: return "leads"
        case .opportunity: return "opportunities"
        case .contact: return "contacts"
        case .organization: return "organizations"
        case .case: return "cases"
        }
    }

    public init?(plural: String) {
        guard let kind = EntityKind.allCases.first(where: { $0.plural == plural }) else { return nil }
        self = kind
    }

    /// The entity whose form governs this one (leads use the opportunities form).
    public var formEntity: EntityKind? {
        switch self {
        case .lead, .opportunity: return .opportunity
        case .contact, .organization: return self
        case .case: return nil
        }
    }
}
