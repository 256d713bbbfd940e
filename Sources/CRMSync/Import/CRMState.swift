import CRMClient
import CRMImport
import CRMModel

/// The records an import is planned against, fetched once per run through the list endpoints:
/// every record of the imported entity, and the organizations and contacts rows refer to by
/// name or e-mail.
public struct CRMState: Sendable {
    public var records: [JSONObject]
    /// Folded organization name → id (the oldest, when names repeat).
    public var organizationsByName: [String: String]
    /// Normalised e-mail → contact id (the oldest, when addresses repeat).
    public var contactsByEmail: [String: String]
    /// Organization id → name: the employer a contact's evidence compares by.
    public var organizationNames: [String: String] = [:]
    /// The ids of the organizations and contacts fetched for references: the records a
    /// reference by external id may name (`ExternalIDIndex`).
    public var referencedIDs: [EntityKind: Set<String>] = [:]
    /// Referenced records by the ids other systems gave them (empty until the caller loads it).
    public var externalIDs = ExternalIDIndex()

    public init(
        records: [JSONObject] = [], organizationsByName: [String: String] = [:], contactsByEmail: [String: String] = [:]
    ) {
        self.records = records
        self.organizationsByName = organizationsByName
        self.contactsByEmail = contactsByEmail
    }

    /// Fetches what planning `mapping` needs.
    public static func fetch(for mapping: Mapping, client: CRMClient) async throws -> CRMState {
        let references = Set(mapping.fields.compactMap(\.reference?.kind))
        var state = CRMState()
        state.records = try await RecordStore(client: client, entity: mapping.entity).all()
        if references.contains(.organization) {
            let organizations =
                mapping.entity == .organization
                ? state.records : try await RecordStore(client: client, entity: .organization).all()
            for organization in organizations {
                if let id = organization["id"].map(MatchKeyNormalizer.text),
                    let name = organization["name"]?.stringValue
                {
                    state.organizationNames[id] = name
                }
            }
            state.referencedIDs[.organization] = Set(organizations.compactMap { $0["id"].map(MatchKeyNormalizer.text) })
            try await state.indexExternalIDs(organizations, of: .organization, for: mapping, client: client)
            state.organizationsByName = index(organizations) {
                [$0["name"]?.stringValue].compactMap { $0 }.map(MatchKeyNormalizer.fold)
            }
        }
        if references.contains(.contact) {
            let contacts =
                mapping.entity == .contact
                ? state.records : try await RecordStore(client: client, entity: .contact).all()
            state.referencedIDs[.contact] = Set(contacts.compactMap { $0["id"].map(MatchKeyNormalizer.text) })
            try await state.indexExternalIDs(contacts, of: .contact, for: mapping, client: client)
            state.contactsByEmail = index(contacts) {
                MatchKeyNormalizer.entries($0["email"] ?? .null).map { $0.lowercased() }
            }
        }
        return state
    }

    /// Indexes `records` by the custom fields that references by external id read (fetching
    /// their entity's form only when the mapping has such a reference).
    private mutating func indexExternalIDs(
        _ records: [JSONObject], of entity: EntityKind, for mapping: Mapping, client: CRMClient
    ) async throws {
        let wanted = ExternalIDIndex.references(of: mapping).contains {
            if case .customField = $0.key { return $0.entity == entity }
            return false
        }
        guard wanted else { return }
        let form = try await ClientSchemaSource(client: client).form(entity)
        try externalIDs.index(records, of: entity, form: form, for: mapping)
    }

    static func index(_ records: [JSONObject], keys: (JSONObject) -> [String]) -> [String: String] {
        var result: [String: String] = [:]
        for record in records.sorted(by: RecordOrder.oldestFirst) {
            guard let id = record["id"].map(MatchKeyNormalizer.text) else { continue }
            for key in keys(record) where result[key] == nil { result[key] = id }
        }
        return result
    }
}

/// Which of several matching records is the oldest: the survivor of a merge.
enum RecordOrder {
    static func oldestFirst(_ lhs: JSONObject, _ rhs: JSONObject) -> Bool {
        let left = (lhs["createdOn"]?.stringValue ?? "", Int(lhs["id"].map(MatchKeyNormalizer.text) ?? "") ?? .max)
        let right = (rhs["createdOn"]?.stringValue ?? "", Int(rhs["id"].map(MatchKeyNormalizer.text) ?? "") ?? .max)
        return left < right
    }
}
