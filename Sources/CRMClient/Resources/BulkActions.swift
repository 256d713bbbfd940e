import CRMModel

/// `POST /{pipeline,directory,cases}/bulk-actions`: the only action the API has is delete.
public struct BulkActions: Sendable {
    let core: ClientCore

    /// Deletes `ids` of `kind` in one request. Not retried blindly (a lost answer is
    /// `outcomeUnknown`; listing the ids again tells what is left).
    public func delete(_ kind: EntityKind, ids: [String]) async throws -> BulkActionResult {
        let body = try core.encode(BulkAction(entity: kind, action: "delete", ids: ids))
        return try await core.item(BulkActionResult.self, try Endpoint(.POST, kind.bulkActionPath), body: body)
    }
}
