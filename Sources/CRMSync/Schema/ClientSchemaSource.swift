import CRMClient
import CRMImport
import CRMModel

/// The `SchemaSource` of a real (or sandbox) CRM: the live forms, tags, pipelines and case types
/// read through `CRMClient`, so validation sees exactly what the CRM will enforce.
public struct ClientSchemaSource: SchemaSource {
    public let client: CRMClient

    public init(client: CRMClient) { self.client = client }

    public func form(_ entity: EntityKind) async throws -> [FormField] {
        guard let name = FormName(entity: entity) else { return [] }
        return try await client.forms.get(name)
    }

    public func tags(_ entity: EntityKind) async throws -> [TagOption] { try await client.tags(for: entity).list() }
    public func pipelines() async throws -> [Pipeline] { try await client.pipelines.list() }
    public func caseTypes() async throws -> [CaseType] { try await client.caseTypes.list() }

    public func organizationNames() async throws -> [String] {
        var names: [String] = []
        for try await organization in client.organizations.list(pageSize: 1000) {
            if let name = organization.name { names.append(name) }
        }
        return names
    }

    public func contactEmails() async throws -> [String] {
        var emails: [String] = []
        for try await contact in client.contacts.list(pageSize: 1000) {
            emails += (contact.email ?? []).compactMap(\.value)
        }
        return emails
    }
}
