import CRMModel

/// What the schema engine needs from a CRM. Small on purpose: the engine is tested against an
/// in-memory fake, and `ClientSchemaRemote` adapts the HTTP client to it.
public protocol SchemaRemote: Sendable {
    /// A stable name of the CRM instance, so one directory can track several instances
    /// (staging, production) in one state file. `fetched` is the configuration just read, so
    /// a remote can derive the name from it without more requests.
    func instanceIdentity(fetched: LiveSchema) async throws -> String

    func form(_ form: SchemaForm) async throws -> [FormField]
    /// Replaces the form; answers the form as stored.
    func putForm(_ form: SchemaForm, fields: [FormField]) async throws -> [FormField]

    func tags(of entity: EntityKind) async throws -> [TagOption]
    func createTag(_ tag: TagOption, for entity: EntityKind) async throws -> TagOption
    func updateTag(id: TagID, _ tag: TagOption, for entity: EntityKind) async throws -> TagOption
    func deleteTag(id: TagID, for entity: EntityKind) async throws

    func caseTypes() async throws -> [CaseType]
    func createCaseType(_ caseType: CaseType) async throws -> CaseType
    func updateCaseType(id: CaseTypeID, _ caseType: CaseType) async throws -> CaseType
    func deleteCaseType(id: CaseTypeID) async throws

    /// Calls `visit` with every record of `entity` (all pages), for the data-aware warnings.
    func scanRecords(of entity: EntityKind, _ visit: (JSONObject) -> Void) async throws
}
