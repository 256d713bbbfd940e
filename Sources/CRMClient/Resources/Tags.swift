import CRMModel

/// The tags of one kind of record (`/pipeline/tags/leads`, `/directory/tags/contacts`, …).
public struct Tags: Sendable {
    let core: ClientCore
    public let kind: EntityKind

    public func list() async throws -> [TagOption] {
        try await core.list(TagOption.self, try Endpoint(.GET, kind.tagsPath)).items
    }

    /// Creates a tag (`label`, optional `color` such as `#ff0000`). Not retried blindly.
    public func create(_ tag: TagOption) async throws -> TagOption {
        try await core.item(TagOption.self, try Endpoint(.POST, kind.tagsPath), body: try core.encode(tag))
    }

    public func create(label: String, color: String? = nil) async throws -> TagOption {
        try await create(TagOption(label: label, color: color))
    }

    /// Renames or recolours a tag; records carrying it follow.
    public func update(_ id: TagID, _ tag: TagOption) async throws -> TagOption {
        try await core.item(TagOption.self, try tagEndpoint(.PATCH, id), body: try core.encode(tag))
    }

    /// Deletes the tag and removes it from every record.
    public func delete(_ id: TagID) async throws {
        try await core.perform(try tagEndpoint(.DELETE, id))
    }

    private func tagEndpoint(_ method: APIOperation.Method, _ id: TagID) throws -> Endpoint {
        try Endpoint(method, kind.tagsPath + "/{id}", id: id.rawValue)
    }
}
