import CRMModel
import GRDB

/// `POST /{service}/bulk-actions` (api-notes #9, #52): deletes with the same effects as single
/// deletes, in one transaction.
struct BulkActionHandler {
    /// The entities this service's endpoint accepts.
    let entities: [EntityKind]

    func perform(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let body = try request.jsonObject()
        var problems = ValidationProblems()
        var kind: EntityKind?
        switch body["entity"] {
        case .string(let name)?:
            if let entity = EntityKind(rawValue: name), entities.contains(entity) {
                kind = entity
            } else {
                problems.add("entity", .unknownOption)
            }
        case nil, .null?: problems.add("entity", .required)
        default: problems.add("entity", .invalidType)
        }
        switch body["action"] {
        case .string("delete")?: break
        case .string?: problems.add("action", .unknownOption)
        case nil, .null?: problems.add("action", .required)
        default: problems.add("action", .invalidType)
        }
        var ids: [String] = []
        if case .array(let entries)? = body["ids"], (1...1000).contains(entries.count) {
            for (index, entry) in entries.enumerated() {
                guard let id = entry.stringValue else {
                    problems.add("ids[\(index)]", .invalidType)
                    continue
                }
                if !ids.contains(id) { ids.append(id) }
            }
        } else {
            problems.add("ids", body["ids"] == nil ? .required : .invalidType)
        }
        try problems.throwIfAny()
        guard let kind else { throw SandboxError.validation(problems.details) }
        let toDelete = ids
        let (deleted, notFound) = try await services.database.pool.write { db -> ([String], [String]) in
            var deleted: [String] = []
            var notFound: [String] = []
            for id in toDelete {
                if let rowId = RecordTables.rowId(id), try RecordTables.delete(kind, id: rowId, in: db) {
                    deleted.append(id)
                } else {
                    notFound.append(id)
                }
            }
            return (deleted, notFound)
        }
        return .item(
            .object([
                "entity": .string(kind.rawValue), "action": "delete",
                "deleted": .array(deleted.map(JSONValue.string)), "notFound": .array(notFound.map(JSONValue.string)),
            ]))
    }
}
