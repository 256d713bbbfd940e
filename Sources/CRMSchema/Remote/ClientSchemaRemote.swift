import CRMClient
import CRMModel

/// `SchemaRemote` over the typed `CRMClient` (retries, key failover and errors come with it).
public struct ClientSchemaRemote: SchemaRemote {
    public var client: CRMClient
    /// Records per page when scanning for the data-aware warnings.
    public var scanPageSize: Int

    public init(client: CRMClient, scanPageSize: Int = 1000) {
        self.client = client
        self.scanPageSize = scanPageSize
    }

    /// The tenant id the CRM stamps on its objects (one per instance, api-notes #23); the base
    /// URL when no object carries one yet.
    public func instanceIdentity(fetched: LiveSchema) async throws -> String {
        let tenants =
            fetched.caseTypes.map(\.tenantId)
            + EntityKind.tagEntities.flatMap { (fetched.tags[$0] ?? []).map(\.tenantId) }
        if let tenant = tenants.compactMap({ $0 }).first(where: { !$0.isEmpty }) { return "tenant:\(tenant)" }
        return client.baseURL
    }

    public func form(_ form: SchemaForm) async throws -> [FormField] {
        try await client.forms.get(form.formName)
    }

    public func putForm(_ form: SchemaForm, fields: [FormField]) async throws -> [FormField] {
        try await client.forms.put(form.formName, fields: fields)
    }

    public func tags(of entity: EntityKind) async throws -> [TagOption] {
        try await client.tags(for: entity).list()
    }

    public func createTag(_ tag: TagOption, for entity: EntityKind) async throws -> TagOption {
        try await client.tags(for: entity).create(tag)
    }

    public func updateTag(id: TagID, _ tag: TagOption, for entity: EntityKind) async throws -> TagOption {
        try await client.tags(for: entity).update(id, tag)
    }

    public func deleteTag(id: TagID, for entity: EntityKind) async throws {
        try await client.tags(for: entity).delete(id)
    }

    public func caseTypes() async throws -> [CaseType] {
        try await client.caseTypes.list()
    }

    public func createCaseType(_ caseType: CaseType) async throws -> CaseType {
        try await client.caseTypes.create(caseType)
    }

    public func updateCaseType(id: CaseTypeID, _ caseType: CaseType) async throws -> CaseType {
        try await client.caseTypes.update(id, caseType)
    }

    public func deleteCaseType(id: CaseTypeID) async throws {
        try await client.caseTypes.delete(id)
    }

    public func scanRecords(of entity: EntityKind, _ visit: (JSONObject) -> Void) async throws {
        switch entity {
        case .lead: try await scan(Lead.self, visit)
        case .opportunity: try await scan(Opportunity.self, visit)
        case .contact: try await scan(Contact.self, visit)
        case .organization: try await scan(Organization.self, visit)
        case .case: try await scan(Case.self, visit)
        }
    }

    private func scan<Record: ListableRecord>(_ type: Record.Type, _ visit: (JSONObject) -> Void) async throws {
        for try await record in client.records(type).list(pageSize: scanPageSize) { visit(record.fields) }
    }
}

extension SchemaForm {
    /// The client's name of this form.
    var formName: FormName {
        switch self {
        case .contacts: return .contacts
        case .organizations: return .organizations
        case .opportunities: return .opportunities
        }
    }
}
