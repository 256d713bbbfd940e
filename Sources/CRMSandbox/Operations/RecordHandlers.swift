import CRMModel
import Foundation
import GRDB

/// The five operations every record kind has (list, create, get, update, delete), written once
/// and parameterised by `EntityKind`.
struct RecordHandlers {
    let kind: EntityKind

    func list(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let snapshot = services.catalog.snapshot
        let (query, paging) = try ListParameters.query(kind, request.query, snapshot: snapshot)
        let tags = snapshot.tagJSON[kind] ?? [:]
        let (items, total) = try await services.database.pool.read { db in try query.run(tags: tags, in: db) }
        var json =
            "{\"items\":[" + items.joined(separator: ",")
            + "],\"page\":\(paging.page),\"size\":\(paging.size),\"total\":\(total)"
        if let offset = paging.offset { json += ",\"offset\":\(offset)" }
        return APIResponse(status: 200, json: json + "}")
    }

    func get(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let tags = services.catalog.snapshot.tagJSON[kind] ?? [:]
        let kind = self.kind
        guard
            let json = try await services.database.pool.read({ db in
                try RecordTables.fetchRendered(kind, id: request.id, tags: tags, in: db)
            })
        else {
            throw SandboxError.notFound("\(kind.rawValue) \(request.id)")
        }
        return .item(json)
    }

    func create(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let body = try request.jsonObject()
        let kind = self.kind
        let catalog = services.catalog
        let json = try await services.database.pool.write { db in
            let snapshot = catalog.snapshot
            let validated = try RecordValidator(kind: kind, snapshot: snapshot, db: db, now: Timestamp.now()).apply(
                body, to: nil)
            let record = try RecordTables.insert(
                kind, fields: validated.fields, tagIds: validated.tagIds, stageOrder: validated.stageOrder, in: db)
            return record.rendered(tags: snapshot.tagJSON[kind] ?? [:])
        }
        return .item(json, status: 201)
    }

    static func bulkCreate(_ kind: EntityKind, _ bodies: [JSONObject], _ services: SandboxServices) async throws
        -> [String]
    {
        let catalog = services.catalog
        return try await services.database.pool.write { db in
            let snapshot = catalog.snapshot
            let validator = RecordValidator(kind: kind, snapshot: snapshot, db: db, now: Timestamp.now())
            return try bodies.map { body in
                let validated = try validator.apply(body, to: nil)
                return String(
                    try RecordTables.insert(
                        kind, fields: validated.fields, tagIds: validated.tagIds, stageOrder: validated.stageOrder,
                        in: db
                    ).id)
            }
        }
    }

    func update(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        try await Self.update(kind, id: request.id, body: try request.jsonObject(), services)
    }

    /// Reads, validates and writes in one write transaction, so concurrent updates of different
    /// members of one record never lose each other's changes.
    static func update(_ kind: EntityKind, id: String, body: JSONObject, _ services: SandboxServices) async throws
        -> APIResponse
    {
        let catalog = services.catalog
        let json = try await services.database.pool.write { db in
            let existing = try RecordTables.fetchRequired(kind, id: id, in: db)
            let snapshot = catalog.snapshot
            let validated = try RecordValidator(kind: kind, snapshot: snapshot, db: db, now: Timestamp.now()).apply(
                body, to: existing)
            let record = RecordDocument(id: existing.id, fields: validated.fields, tagIds: validated.tagIds)
            try RecordTables.update(kind, record, stageOrder: validated.stageOrder, in: db)
            return record.rendered(tags: snapshot.tagJSON[kind] ?? [:])
        }
        return .item(json)
    }

    func delete(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let kind = self.kind
        let deleted = try await services.database.pool.write { db -> Bool in
            guard let id = RecordTables.rowId(request.id) else { return false }
            return try RecordTables.delete(kind, id: id, in: db)
        }
        guard deleted else { throw SandboxError.notFound("\(kind.rawValue) \(request.id)") }
        return .noContent
    }
}
