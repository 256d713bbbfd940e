import CRMModel
import CRMSchema
import Foundation

/// A backup's `schema/` files seen as a CRM that can only be read, so the schema engine's own
/// puller turns them into schema files exactly as it would a live CRM's, and `crmkit schema
/// apply`'s planner and applier recreate them on the target.
struct BackupSchemaRemote: SchemaRemote {
    let directory: URL
    let identity: String

    init(directory: URL, manifest: BackupManifest) {
        self.directory = directory
        identity = "backup:" + manifest.crm + "@" + manifest.createdAt
    }

    func instanceIdentity(fetched: LiveSchema) async throws -> String { identity }

    func form(_ form: SchemaForm) async throws -> [FormField] {
        try objects("schema/forms/\(form.rawValue).json").map(FormField.init(fields:))
    }

    func tags(of entity: EntityKind) async throws -> [TagOption] {
        try objects("schema/tags/\(entity.plural).json").map(TagOption.init(fields:))
    }

    func caseTypes() async throws -> [CaseType] {
        try objects("schema/case-types.json").map(CaseType.init(fields:))
    }

    func pipelines() throws -> [Pipeline] {
        try objects("schema/pipelines.json").map(Pipeline.init(fields:))
    }

    func scanRecords(of entity: EntityKind, _ visit: (JSONObject) -> Void) async throws {}

    func putForm(_ form: SchemaForm, fields: [FormField]) async throws -> [FormField] { throw readOnly }
    func createTag(_ tag: TagOption, for entity: EntityKind) async throws -> TagOption { throw readOnly }
    func updateTag(id: TagID, _ tag: TagOption, for entity: EntityKind) async throws -> TagOption { throw readOnly }
    func deleteTag(id: TagID, for entity: EntityKind) async throws { throw readOnly }
    func createCaseType(_ caseType: CaseType) async throws -> CaseType { throw readOnly }
    func updateCaseType(id: CaseTypeID, _ caseType: CaseType) async throws -> CaseType { throw readOnly }
    func deleteCaseType(id: CaseTypeID) async throws { throw readOnly }

    private var readOnly: RunError { RunError("\(directory.path): a backup is read-only") }

    /// The JSON array of objects a schema file holds. A file the backup lacks (a CRM without
    /// that form) reads as empty.
    private func objects(_ path: String) throws -> [JSONObject] {
        let url = directory.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(try Data(contentsOf: url)))
        } catch {
            throw RunError("\(url.path): error: not a schema file of a crmkit backup (\(error)); take the backup again")
        }
        guard case .array(let items) = value else {
            throw RunError("\(url.path): error: expected a JSON array; take the backup again")
        }
        return items.compactMap(\.objectValue)
    }
}
