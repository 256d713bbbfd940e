import CRMModel

/// Case types: each with its form and the workflow its cases' statuses follow.
public struct CaseTypes: Sendable {
    let core: ClientCore
    static let path = "/cases/types/cases"

    public func list() async throws -> [CaseType] {
        try await core.list(CaseType.self, try Endpoint(.GET, Self.path)).items
    }

    public func get(_ id: CaseTypeID) async throws -> CaseType {
        try await core.item(CaseType.self, try endpoint(.GET, id))
    }

    /// Not retried blindly.
    public func create(_ caseType: CaseType) async throws -> CaseType {
        try await core.item(CaseType.self, try Endpoint(.POST, Self.path), body: try core.encode(caseType))
    }

    /// Replaces each top-level member given (`label`, `form`, `workflow`).
    public func update(_ id: CaseTypeID, _ patch: CaseType) async throws -> CaseType {
        try await core.item(CaseType.self, try endpoint(.PATCH, id), body: try core.encode(patch))
    }

    /// Fails with code `in_use` while cases use the type.
    public func delete(_ id: CaseTypeID) async throws {
        try await core.perform(try endpoint(.DELETE, id))
    }

    private func endpoint(_ method: APIOperation.Method, _ id: CaseTypeID) throws -> Endpoint {
        try Endpoint(method, Self.path + "/{id}", id: id.rawValue)
    }
}
