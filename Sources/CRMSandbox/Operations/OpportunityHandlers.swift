import CRMModel
import GRDB

/// `updateStatus` and `updateStage` (api-notes "Opportunity status and stage"); both go through
/// the same validator as PATCH, with a body reduced to the members they may change.
enum OpportunityHandlers {
    static func updateStatus(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let body = try request.jsonObject()
        var problems = ValidationProblems()
        if body["status"] == nil || body["status"] == .null { problems.add("status", .required) }
        try problems.throwIfAny()
        return try await patch(request.id, with: ["status", "lostReason", "lastUpdatedBy"], from: body, services)
    }

    static func updateStage(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let body = try request.jsonObject()
        var problems = ValidationProblems()
        if OpportunityRules.nonEmptyString(body["stage"]) == nil {
            problems.add(
                "stage", body["stage"] == nil || body["stage"]?.isEmptyValue == true ? .required : .invalidType)
        }
        try problems.throwIfAny()
        return try await patch(request.id, with: ["stage", "lastUpdatedBy"], from: body, services)
    }

    private static func patch(_ id: String, with members: [String], from body: JSONObject, _ services: SandboxServices)
        async throws -> APIResponse
    {
        var reduced: JSONObject = [:]
        for member in members where body[member] != nil { reduced[member] = body[member] }
        return try await RecordHandlers.update(.opportunity, id: id, body: reduced, services)
    }
}

/// Pipelines are seeded and read-only through the API.
enum PipelineHandlers {
    static func list(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        .items(services.catalog.snapshot.pipelines.map(\.json))
    }

    static func get(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        guard let pipeline = services.catalog.snapshot.pipeline(id: request.id) else {
            throw SandboxError.notFound("pipeline \(request.id)")
        }
        return .item(pipeline.json)
    }
}
