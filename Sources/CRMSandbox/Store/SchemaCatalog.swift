import CRMModel
import Foundation
import GRDB
import Synchronization

/// An in-memory copy of the small, rarely written tables every request consults: forms, tags,
/// pipelines and case types. Record writes validate against it without a query; the handlers that
/// change these tables reload it from inside their write transaction, so the next request (all
/// writes are serialised by SQLite's single writer) already sees the change.
final class SchemaCatalog: Sendable {
    struct Snapshot: Sendable {
        var tenantId = ""
        var forms: [EntityKind: [FormField]] = [:]
        var pipelines: [Pipeline] = []
        var caseTypes: [CaseType] = []
        var tags: [EntityKind: [TagOption]] = [:]
        /// Tag JSON text by entity and id, for splicing into record responses.
        var tagJSON: [EntityKind: [String: String]] = [:]

        func form(for kind: EntityKind) -> [FormField] {
            guard let entity = kind.formEntity else { return [] }
            return forms[entity] ?? DefaultSchema.form(for: entity)
        }

        func caseType(id: String) -> CaseType? { caseTypes.first { $0.id?.rawValue == id } }
        func pipeline(id: String) -> Pipeline? { pipelines.first { $0.id?.rawValue == id } }
        var defaultPipeline: Pipeline? { pipelines.first { $0.isDefault == true } ?? pipelines.first }

        /// A tag of `kind` by id, then by label (case-insensitive) (api-notes #12).
        func tag(_ kind: EntityKind, named reference: String) -> TagOption? {
            let tags = self.tags[kind] ?? []
            return tags.first { $0.id?.rawValue == reference }
                ?? tags.first { $0.label?.caseInsensitiveCompare(reference) == .orderedSame }
        }
    }

    private let state = Mutex(Snapshot())

    var snapshot: Snapshot { state.withLock { $0 } }

    func reload(from db: Database) throws {
        var snapshot = Snapshot()
        snapshot.tenantId = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tenantId'") ?? ""
        for row in try Row.fetchAll(db, sql: "SELECT entity, fields FROM form") {
            guard let kind = EntityKind(rawValue: row["entity"]) else { continue }
            snapshot.forms[kind] = [FormField](json: try StoredJSON.parse(row["fields"])) ?? []
        }
        snapshot.pipelines = try String.fetchAll(db, sql: "SELECT doc FROM pipeline ORDER BY position").compactMap {
            Pipeline(json: try StoredJSON.parse($0))
        }
        snapshot.caseTypes = try String.fetchAll(db, sql: "SELECT doc FROM case_type ORDER BY created_on, id")
            .compactMap {
                CaseType(json: try StoredJSON.parse($0))
            }
        for row in try Row.fetchAll(db, sql: "SELECT id, entity, label, color FROM tag ORDER BY created_on, id") {
            guard let kind = EntityKind(rawValue: row["entity"]) else { continue }
            let tag = TagOption(id: TagID(row["id"] as String), label: row["label"], color: row["color"])
            snapshot.tags[kind, default: []].append(tag)
            snapshot.tagJSON[kind, default: [:]][row["id"]] = JSONText.serialize(tag.json)
        }
        let loaded = snapshot
        state.withLock { $0 = loaded }
    }
}

/// JSON the sandbox wrote itself: a parse failure means a corrupt database, not a bad request.
enum StoredJSON {
    static func parse(_ text: String) throws -> JSONValue {
        do {
            return try JSONText.parse(Data(text.utf8))
        } catch {
            throw SandboxError(
                status: 500, code: APIErrorCode.internalError,
                message: "A stored document is not valid JSON; the database may be corrupt.")
        }
    }

    static func parseObject(_ text: String) throws -> JSONObject {
        guard case .object(let object) = try parse(text) else {
            throw SandboxError(
                status: 500, code: APIErrorCode.internalError,
                message: "A stored document is not a JSON object; the database may be corrupt.")
        }
        return object
    }
}
