/// One operation of the CRM API: method, path template and the `operationId` of
/// `docs/openapi.yaml`. The catalog lets the sandbox, the client and their tests check that every
/// one of the 68 operations is covered, rather than trusting a count.
public struct APIOperation: Sendable, Hashable, CustomStringConvertible {
    public enum Method: String, Sendable, Hashable { case GET, POST, PUT, PATCH, DELETE }

    public let id: String
    public let method: Method
    /// With `{id}` where the path takes an id.
    public let path: String

    public init(_ id: String, _ method: Method, _ path: String) {
        self.id = id
        self.method = method
        self.path = path
    }

    public var description: String { "\(method.rawValue) \(path)" }

    /// Whether repeating the request has the same effect as sending it once. Creates, merges,
    /// conversions and bulk actions are not: a retry after a lost answer could act twice.
    public var isIdempotent: Bool {
        method != .POST
    }
}

extension APIOperation {
    /// The 68 operations of the reference, in its order.
    public static let all: [APIOperation] = leads + opportunities + contacts + organizations + cases + bulkActions

    static let leads: [APIOperation] = [
        .init("listLeads", .GET, "/pipeline/leads"),
        .init("createLead", .POST, "/pipeline/leads"),
        .init("getLead", .GET, "/pipeline/leads/{id}"),
        .init("updateLead", .PATCH, "/pipeline/leads/{id}"),
        .init("deleteLead", .DELETE, "/pipeline/leads/{id}"),
        .init("archiveLead", .PATCH, "/pipeline/leads/{id}/archive"),
        .init("unarchiveLead", .PATCH, "/pipeline/leads/{id}/unarchive"),
        .init("convertLead", .POST, "/pipeline/leads/{id}/convert"),
        .init("listLeadTags", .GET, "/pipeline/tags/leads"),
        .init("createLeadTag", .POST, "/pipeline/tags/leads"),
        .init("updateLeadTag", .PATCH, "/pipeline/tags/leads/{id}"),
        .init("deleteLeadTag", .DELETE, "/pipeline/tags/leads/{id}"),
    ]

    static let opportunities: [APIOperation] = [
        .init("listOpportunities", .GET, "/pipeline/opportunities"),
        .init("createOpportunity", .POST, "/pipeline/opportunities"),
        .init("getOpportunity", .GET, "/pipeline/opportunities/{id}"),
        .init("updateOpportunity", .PATCH, "/pipeline/opportunities/{id}"),
        .init("deleteOpportunity", .DELETE, "/pipeline/opportunities/{id}"),
        .init("updateOpportunityStatus", .PATCH, "/pipeline/opportunities/{id}/updateStatus"),
        .init("updateOpportunityStage", .PATCH, "/pipeline/opportunities/{id}/updateStage"),
        .init("listPipelines", .GET, "/pipeline/pipelines/opportunities"),
        .init("getPipeline", .GET, "/pipeline/pipelines/opportunities/{id}"),
        .init("getOpportunityForm", .GET, "/pipeline/forms/opportunities"),
        .init("putOpportunityForm", .PUT, "/pipeline/forms/opportunities"),
        .init("listOpportunityTags", .GET, "/pipeline/tags/opportunities"),
        .init("createOpportunityTag", .POST, "/pipeline/tags/opportunities"),
        .init("updateOpportunityTag", .PATCH, "/pipeline/tags/opportunities/{id}"),
        .init("deleteOpportunityTag", .DELETE, "/pipeline/tags/opportunities/{id}"),
    ]

    static let contacts: [APIOperation] = [
        .init("listContacts", .GET, "/directory/contacts"),
        .init("createContact", .POST, "/directory/contacts"),
        .init("getContact", .GET, "/directory/contacts/{id}"),
        .init("updateContact", .PATCH, "/directory/contacts/{id}"),
        .init("deleteContact", .DELETE, "/directory/contacts/{id}"),
        .init("mergeContacts", .POST, "/directory/contacts/{id}/merge"),
        .init("getContactForm", .GET, "/directory/forms/contacts"),
        .init("putContactForm", .PUT, "/directory/forms/contacts"),
        .init("listContactTags", .GET, "/directory/tags/contacts"),
        .init("createContactTag", .POST, "/directory/tags/contacts"),
        .init("updateContactTag", .PATCH, "/directory/tags/contacts/{id}"),
        .init("deleteContactTag", .DELETE, "/directory/tags/contacts/{id}"),
    ]

    static let organizations: [APIOperation] = [
        .init("listOrganizations", .GET, "/directory/organizations"),
        .init("createOrganization", .POST, "/directory/organizations"),
        .init("getOrganization", .GET, "/directory/organizations/{id}"),
        .init("updateOrganization", .PATCH, "/directory/organizations/{id}"),
        .init("deleteOrganization", .DELETE, "/directory/organizations/{id}"),
        .init("mergeOrganizations", .POST, "/directory/organizations/{id}/merge"),
        .init("getOrganizationForm", .GET, "/directory/forms/organizations"),
        .init("putOrganizationForm", .PUT, "/directory/forms/organizations"),
        .init("listOrganizationTags", .GET, "/directory/tags/organizations"),
        .init("createOrganizationTag", .POST, "/directory/tags/organizations"),
        .init("updateOrganizationTag", .PATCH, "/directory/tags/organizations/{id}"),
        .init("deleteOrganizationTag", .DELETE, "/directory/tags/organizations/{id}"),
    ]

    static let cases: [APIOperation] = [
        .init("listCases", .GET, "/cases/cases"),
        .init("createCase", .POST, "/cases/cases"),
        .init("getCase", .GET, "/cases/cases/{id}"),
        .init("updateCase", .PATCH, "/cases/cases/{id}"),
        .init("deleteCase", .DELETE, "/cases/cases/{id}"),
        .init("listCaseTypes", .GET, "/cases/types/cases"),
        .init("createCaseType", .POST, "/cases/types/cases"),
        .init("deleteCaseType", .DELETE, "/cases/types/cases/{id}"),
        .init("getCaseType", .GET, "/cases/types/cases/{id}"),
        .init("updateCaseType", .PATCH, "/cases/types/cases/{id}"),
        .init("listCaseTags", .GET, "/cases/tags/cases"),
        .init("createCaseTag", .POST, "/cases/tags/cases"),
        .init("updateCaseTag", .PATCH, "/cases/tags/cases/{id}"),
        .init("deleteCaseTag", .DELETE, "/cases/tags/cases/{id}"),
    ]

    static let bulkActions: [APIOperation] = [
        .init("bulkPipelineAction", .POST, "/pipeline/bulk-actions"),
        .init("bulkDirectoryAction", .POST, "/directory/bulk-actions"),
        .init("bulkCaseAction", .POST, "/cases/bulk-actions"),
    ]
}
