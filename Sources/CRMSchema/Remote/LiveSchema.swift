import CRMModel

/// The live configuration as fetched, with remote ids: what plans are made against.
public struct LiveSchema: Sendable, Hashable {
    public var instance: String
    public var forms: [SchemaForm: [FormField]]
    public var tags: [EntityKind: [TagOption]]
    public var caseTypes: [CaseType]

    public init(
        instance: String, forms: [SchemaForm: [FormField]] = [:], tags: [EntityKind: [TagOption]] = [:],
        caseTypes: [CaseType] = []
    ) {
        self.instance = instance
        self.forms = forms
        self.tags = tags
        self.caseTypes = caseTypes
    }

    /// Reads every form, tag set and case type.
    public static func fetch(from remote: some SchemaRemote) async throws -> LiveSchema {
        var live = LiveSchema(instance: "")
        for form in SchemaForm.allCases {
            live.forms[form] = try await remote.form(form)
        }
        for entity in EntityKind.tagEntities {
            live.tags[entity] = try await remote.tags(of: entity)
        }
        live.caseTypes = try await remote.caseTypes()
        live.instance = try await remote.instanceIdentity(fetched: live)
        return live
    }

    public func tag(id: TagID, of entity: EntityKind) -> TagOption? {
        tags[entity]?.first { $0.id == id }
    }

    public func caseType(id: CaseTypeID) -> CaseType? {
        caseTypes.first { $0.id == id }
    }
}
