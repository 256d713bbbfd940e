import CRMModel

/// The opportunity pipelines and their stages (read-only through the API).
public struct Pipelines: Sendable {
    let core: ClientCore
    static let path = "/pipeline/pipelines/opportunities"

    public func list() async throws -> [Pipeline] {
        try await core.list(Pipeline.self, try Endpoint(.GET, Self.path)).items
    }

    public func get(_ id: PipelineID) async throws -> Pipeline {
        try await core.item(Pipeline.self, try Endpoint(.GET, Self.path + "/{id}", id: id.rawValue))
    }
}
