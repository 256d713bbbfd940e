import CRMClient
import CRMModel

/// Records of one entity seen as plain JSON objects, so the import planner, applier and
/// rollback (and the merge applier) are written once for all five kinds instead of five times.
public struct RecordStore: Sendable {
    public let entity: EntityKind
    private let access: RecordAccess
    public let client: CRMClient

    public init(client: CRMClient, entity: EntityKind) {
        self.client = client
        self.entity = entity
        switch entity {
        case .contact: access = RecordAccess(client.contacts, merge: { try await client.contacts.merge(into: .init($0), sources: $1.map { .init($0) }).fields })
        case .organization:
            access = RecordAccess(client.organizations, merge: { try await client.organizations.merge(into: .init($0), sources: $1.map { .init($0) }).fields })
        case .lead: access = RecordAccess(client.leads, merge: nil)
        case .opportunity: access = RecordAccess(client.opportunities, merge: nil)
        case .case: access = RecordAccess(client.cases, merge: nil)
        }
    }

    /// Every record, page by page (1,000 per request).
    public func all() async throws -> [JSONObject] { try await access.all() }

    /// The record, or nil when the CRM answers 404 (merged away or deleted).
    public func get(_ id: String) async throws -> JSONObject? {
        do {
            return try await access.get(id)
        } catch let error as CRMError where error.status == 404 {
            return nil
        }
    }

    public func create(_ fields: JSONObject) async throws -> JSONObject { try await access.create(fields) }
    public func update(_ id: String, _ patch: JSONObject) async throws -> JSONObject { try await access.update(id, patch) }

    /// Folds `sources` into `target`; only contacts and organizations can be merged.
    public func merge(into target: String, sources: [String]) async throws -> JSONObject {
        guard let merge = access.merge else { throw CRMError.invalidArgument("\(entity.rawValue) records cannot be merged") }
        return try await merge(target, sources)
    }

    /// Deletes `ids` through the bulk-action endpoint, 1,000 per request (the API's limit);
    /// answers the ids that were deleted now (ids already gone are not an error).
    public func bulkDelete(_ ids: [String]) async throws -> [String] {
        var deleted: [String] = []
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(ids.count, start + 1000)])
            deleted += try await access.bulkDelete(chunk)
            start += chunk.count
        }
        return deleted
    }

    public var tags: Tags { client.tags(for: entity) }
}

/// The typed `Records<R>` operations erased to JSON once per entity.
private struct RecordAccess: Sendable {
    let all: @Sendable () async throws -> [JSONObject]
    let get: @Sendable (String) async throws -> JSONObject
    let create: @Sendable (JSONObject) async throws -> JSONObject
    let update: @Sendable (String, JSONObject) async throws -> JSONObject
    let bulkDelete: @Sendable ([String]) async throws -> [String]
    let merge: (@Sendable (String, [String]) async throws -> JSONObject)?

    init<R: ListableRecord>(_ records: Records<R>, merge: (@Sendable (String, [String]) async throws -> JSONObject)?) {
        all = {
            var result: [JSONObject] = []
            for try await record in records.list(pageSize: 1000) { result.append(record.fields) }
            return result
        }
        get = { try await records.get(.init($0)).fields }
        create = { try await records.create(R(fields: $0)).fields }
        update = { try await records.update(.init($0), R(fields: $1)).fields }
        bulkDelete = { try await records.bulkDelete($0.map { .init($0) }).deleted ?? [] }
        self.merge = merge
    }
}
