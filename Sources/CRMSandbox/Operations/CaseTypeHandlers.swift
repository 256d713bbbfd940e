import CRMModel
import GRDB

/// Case types with their forms and workflows.
enum CaseTypeHandlers {
    static func list(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        .items(services.catalog.snapshot.caseTypes.map(\.json))
    }

    static func get(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        guard let caseType = services.catalog.snapshot.caseType(id: request.id) else {
            throw SandboxError.notFound("case type \(request.id)")
        }
        return .item(caseType.json)
    }

    static func create(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        try await save(request, services, isCreate: true)
    }

    /// Replaces each top-level member given (`label`, `form`, `workflow` wholesale); cases keep
    /// their status.
    static func update(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        try await save(request, services, isCreate: false)
    }

    private static func save(_ request: APIRequest, _ services: SandboxServices, isCreate: Bool) async throws
        -> APIResponse
    {
        let body = try request.jsonObject()
        let catalog = services.catalog
        let saved = try await services.database.pool.write { db -> CaseType in
            let snapshot = catalog.snapshot
            var existing: CaseType?
            if !isCreate {
                guard let found = snapshot.caseType(id: request.id) else {
                    throw SandboxError.notFound("case type \(request.id)")
                }
                existing = found
            }
            let caseType = try CaseTypeValidator.apply(
                body, to: existing, now: Timestamp.now(), tenantId: snapshot.tenantId)
            try db.execute(
                sql: "INSERT OR REPLACE INTO case_type (id, created_on, doc) VALUES (?, ?, ?)",
                arguments: [caseType.id?.rawValue, caseType.createdOn, JSONText.serialize(caseType.json)])
            try catalog.reload(from: db)
            return caseType
        }
        return .item(saved.json, status: isCreate ? 201 : 200)
    }

    /// A case type that cases still use cannot be deleted (api-notes #53: 400 `in_use`).
    static func delete(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let catalog = services.catalog
        try await services.database.pool.write { db in
            guard catalog.snapshot.caseType(id: request.id) != nil else {
                throw SandboxError.notFound("case type \(request.id)")
            }
            let users =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM \(RecordTables.table(.case)) WHERE case_type_id = ?",
                    arguments: [request.id]) ?? 0
            if users > 0 {
                throw SandboxError(
                    status: 400, code: SandboxError.inUse,
                    message:
                        "Case type \(request.id) is used by \(users) case(s); delete "
                        + "those cases or give them another caseTypeId first."
                )
            }
            try db.execute(sql: "DELETE FROM case_type WHERE id = ?", arguments: [request.id])
            try catalog.reload(from: db)
        }
        return .noContent
    }
}
