import CRMModel

/// What validation needs to know about the CRM, fetched once per run: the forms, the tags of
/// each entity, the pipelines and the case types. Optionally the names of existing
/// organizations and the e-mails of existing contacts, for references that may not be created.
public struct SchemaSnapshot: Sendable {
    /// Fields by form entity (`contact`, `organization`, `opportunity`; leads use `opportunity`).
    public var forms: [EntityKind: [FormField]]
    public var tags: [EntityKind: [TagOption]]
    public var pipelines: [Pipeline]
    public var caseTypes: [CaseType]
    /// Lower-cased names of existing organizations; nil when not fetched (then not checked).
    public var organizationNames: Set<String>?
    /// Lower-cased e-mails of existing contacts; nil when not fetched (then not checked).
    public var contactEmails: Set<String>?

    public init(
        forms: [EntityKind: [FormField]] = [:], tags: [EntityKind: [TagOption]] = [:], pipelines: [Pipeline] = [],
        caseTypes: [CaseType] = [], organizationNames: Set<String>? = nil, contactEmails: Set<String>? = nil
    ) {
        self.forms = forms
        self.tags = tags
        self.pipelines = pipelines
        self.caseTypes = caseTypes
        self.organizationNames = organizationNames
        self.contactEmails = contactEmails
    }

    /// The form of `entity`; for cases, the form of the case type (or of the default one).
    public func form(for entity: EntityKind, caseType: CaseType? = nil) -> [FormField] {
        if entity == .case { return (caseType ?? defaultCaseType)?.form ?? [] }
        return entity.formEntity.flatMap { forms[$0] } ?? []
    }

    /// The default case type: api-notes #36 names "Support Request"; else the first.
    public var defaultCaseType: CaseType? {
        caseTypes.first { $0.label == "Support Request" } ?? caseTypes.first
    }

    public var defaultPipeline: Pipeline? { pipelines.first { $0.isDefault == true } ?? pipelines.first }

    /// A pipeline by id or name (case-insensitive).
    public func pipeline(named reference: String) -> Pipeline? {
        pipelines.first { $0.id?.rawValue == reference }
            ?? pipelines.first { $0.name?.equalsIgnoringCase(reference) ?? false }
    }

    /// A case type by id or label (case-insensitive).
    public func caseType(named reference: String) -> CaseType? {
        caseTypes.first { $0.id?.rawValue == reference }
            ?? caseTypes.first { $0.label?.equalsIgnoringCase(reference) ?? false }
    }

    /// A tag of `entity` by id or label (case-insensitive).
    public func tag(of entity: EntityKind, named reference: String) -> TagOption? {
        let tags = self.tags[entity] ?? []
        return tags.first { $0.id?.rawValue == reference }
            ?? tags.first { $0.label?.equalsIgnoringCase(reference) ?? false }
    }
}

/// Reads the parts of the CRM's schema a validation run needs. The CLI's implementation goes
/// through `CRMClient` (see CRMSync); tests may answer from memory.
public protocol SchemaSource: Sendable {
    func form(_ entity: EntityKind) async throws -> [FormField]
    func tags(_ entity: EntityKind) async throws -> [TagOption]
    func pipelines() async throws -> [Pipeline]
    func caseTypes() async throws -> [CaseType]
    /// Names of existing organizations (for `organizationId` references without `create`).
    func organizationNames() async throws -> [String]
    /// E-mails of existing contacts (for `contactId` references without `create`).
    func contactEmails() async throws -> [String]
}

extension SchemaSnapshot {
    /// Fetches what validating drafts of `mapping` needs, and nothing more.
    public static func fetch(for mapping: Mapping, from source: some SchemaSource) async throws -> SchemaSnapshot {
        var snapshot = SchemaSnapshot()
        let entity = mapping.entity
        if let formEntity = entity.formEntity { snapshot.forms[formEntity] = try await source.form(formEntity) }
        let references = mapping.fields.compactMap(\.reference)
        if references.contains(where: { $0.kind == .tag }) { snapshot.tags[entity] = try await source.tags(entity) }
        if entity == .opportunity { snapshot.pipelines = try await source.pipelines() }
        if entity == .case { snapshot.caseTypes = try await source.caseTypes() }
        // References by external id are the planner's alone: no names or e-mails to check.
        if references.contains(where: { $0.kind == .organization && !$0.createIfMissing && $0.externalID == nil }) {
            snapshot.organizationNames = Set(try await source.organizationNames().map { $0.lowercased() })
        }
        if references.contains(where: { $0.kind == .contact && !$0.createIfMissing && $0.externalID == nil }) {
            snapshot.contactEmails = Set(try await source.contactEmails().map { $0.lowercased() })
        }
        return snapshot
    }
}
