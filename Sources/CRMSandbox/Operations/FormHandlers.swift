import CRMModel
import GRDB

/// The three forms (contacts, organizations, leads/opportunities). A PUT takes effect for the
/// very next record write: the catalog is reloaded inside the PUT's transaction.
struct FormHandlers {
    /// The form's entity: `.contact`, `.organization` or `.opportunity` (shared with leads).
    let entity: EntityKind

    func get(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        .items(services.catalog.snapshot.form(for: entity).map(\.json))
    }

    func put(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let body = try request.jsonObject()
        let entity = self.entity
        let catalog = services.catalog
        let form = try await services.database.pool.write { db -> [FormField] in
            let updated = try FormValidator.applyFormUpdate(
                body, current: catalog.snapshot.form(for: entity), entity: entity)
            try db.execute(
                sql: "INSERT OR REPLACE INTO form (entity, fields) VALUES (?, ?)",
                arguments: [entity.rawValue, JSONText.serialize(updated.json)])
            try catalog.reload(from: db)
            return updated
        }
        return .items(form.map(\.json))
    }
}
