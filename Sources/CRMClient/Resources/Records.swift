import CRMModel

/// The operations every kind of record has: list, get, create, update (partial), delete, plus its
/// tags and bulk delete. `client.contacts`, `client.leads`, … are `Records` of their type; the
/// verbs only some kinds have (merge, archive, convert, status) are constrained extensions.
public struct Records<Record: ListableRecord>: Sendable {
    let core: ClientCore

    public var kind: EntityKind { Record.kind }

    /// Every record matching `filter`, fetched page by page as it is iterated.
    public func list(_ filter: Record.Filter = .init(), sort: Sort? = nil, pageSize: Int = 100) -> PagedList<Record> {
        PagedList(pageSize: pageSize) { number, size in
            try await self.page(number, size: size, filter: filter, sort: sort)
        }
    }

    /// One page (1-based) of the list.
    public func page(_ page: Int = 1, size: Int = 10, filter: Record.Filter = .init(), sort: Sort? = nil) async throws
        -> Page<Record>
    {
        var query: [(String, String)] = [("page", String(page)), ("size", String(size))]
        query += sort?.queryItems ?? []
        query += filter.queryItems
        let envelope = try await core.list(Record.self, try Endpoint(.GET, kind.collectionPath), query: query)
        return Page(
            items: envelope.items, page: envelope.page ?? page, size: envelope.size ?? size, total: envelope.total)
    }

    public func get(_ id: Record.RecordID) async throws -> Record {
        try await core.item(Record.self, try recordEndpoint(.GET, id))
    }

    /// Creates a record; answers it as stored (with its id). Never retried blindly: see
    /// `CRMError.outcomeUnknown`.
    public func create(_ record: Record) async throws -> Record {
        try await core.item(Record.self, try Endpoint(.POST, kind.collectionPath), body: try core.encode(record))
    }

    /// Changes only the members present in `patch` (null clears one).
    public func update(_ id: Record.RecordID, _ patch: Record) async throws -> Record {
        try await core.item(Record.self, try recordEndpoint(.PATCH, id), body: try core.encode(patch))
    }

    public func delete(_ id: Record.RecordID) async throws {
        try await core.perform(try recordEndpoint(.DELETE, id))
    }

    /// Deletes many records in one request; answers which were deleted and which did not exist.
    public func bulkDelete(_ ids: [Record.RecordID]) async throws -> BulkActionResult {
        try await BulkActions(core: core).delete(kind, ids: ids.map(\.rawValue))
    }

    /// The tags of this kind of record.
    public var tags: Tags { Tags(core: core, kind: kind) }

    func recordEndpoint(_ method: APIOperation.Method, _ id: Record.RecordID, suffix: String = "") throws -> Endpoint {
        try Endpoint(method, kind.collectionPath + "/{id}" + suffix, id: id.rawValue)
    }
}

extension Records where Record: MergeableRecord {
    /// Folds `sources` into `target` (`POST …/{id}/merge`) and answers the merged target. The
    /// sources are deleted by the server. Not retried blindly.
    public func merge(into target: Record.RecordID, sources: [Record.RecordID], lastUpdatedBy: User? = nil)
        async throws -> Record
    {
        let request = MergeRequest(sourceIds: sources.map(\.rawValue), lastUpdatedBy: lastUpdatedBy)
        return try await core.item(
            Record.self, try recordEndpoint(.POST, target, suffix: "/merge"), body: try core.encode(request))
    }
}

extension Records where Record == Case {
    /// One page counted by records rather than pages (the cases list's `offset`).
    public func page(offset: Int, size: Int = 10, filter: CaseFilter = .init(), sort: Sort? = nil) async throws
        -> Page<Case>
    {
        var query: [(String, String)] = [("offset", String(offset)), ("size", String(size))]
        query += sort?.queryItems ?? []
        query += filter.queryItems
        let envelope = try await core.list(Case.self, try Endpoint(.GET, kind.collectionPath), query: query)
        return Page(
            items: envelope.items, page: envelope.page ?? (offset / max(1, size) + 1), size: envelope.size ?? size,
            total: envelope.total)
    }
}
