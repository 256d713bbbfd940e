import CRMModel

/// Pipeline, stage, status and lost reason of opportunities (api-notes #27, #28, #44 and
/// "Opportunity status and stage"), shared by create, PATCH, updateStatus, updateStage and
/// lead conversion.
enum OpportunityRules {
    /// `organization: {id, name}` is an input alias of `organizationId`.
    static func applyOrganizationAlias(
        body: JSONObject, fields: inout JSONObject, touched: inout Set<String>, problems: inout ValidationProblems
    ) {
        guard let alias = body["organization"], alias != .null else { return }
        guard let id = alias["id"]?.stringValue ?? alias["id"]?.int64Value.map({ String($0) }), !id.isEmpty else {
            problems.add("organization.id", .required)
            return
        }
        if let explicit = body["organizationId"]?.stringValue, !explicit.isEmpty, explicit != id {
            problems.add("organization", .notAllowed)
            return
        }
        fields["organizationId"] = .string(id)
        touched.insert("organizationId")
    }

    /// Sets pipeline and stage (defaults on create, first stage when the pipeline changes) and
    /// applies `status`/`lostReason` when given. Returns the stage's order for sorting.
    static func applyPipelineAndStatus(
        body: JSONObject, fields: inout JSONObject, snapshot: SchemaCatalog.Snapshot, isCreate: Bool, now: String,
        problems: inout ValidationProblems
    ) -> Int? {
        var pipeline = fields["pipelineId"]?.stringValue.flatMap(snapshot.pipeline(id:))
        var pipelineChanged = false
        if let requested = nonEmptyString(body["pipelineId"]) {
            if let found = snapshot.pipeline(id: requested) {
                pipelineChanged = found.id?.rawValue != pipeline?.id?.rawValue
                pipeline = found
            } else {
                problems.add("pipelineId", .unknownReference)
                return nil
            }
        } else if body["pipelineId"] != nil && body["pipelineId"]?.isEmptyValue == false {
            problems.add("pipelineId", .invalidType)
        }
        if pipeline == nil {
            pipeline = snapshot.defaultPipeline
            pipelineChanged = true
        }
        guard let pipeline, let pipelineId = pipeline.id?.rawValue else {
            problems.add("pipelineId", .required)
            return nil
        }
        fields["pipelineId"] = .string(pipelineId)
        let stages = (pipeline.stages ?? []).sorted { ($0.order ?? 0) < ($1.order ?? 0) }
        var stage = fields["stage"]?.stringValue.flatMap { current in stages.first { $0.id?.rawValue == current } }
        if let requested = nonEmptyString(body["stage"]) {
            guard let found = self.stage(requested, in: stages) else {
                problems.add("stage", .unknownOption)
                return nil
            }
            stage = found
        } else if pipelineChanged || stage == nil {
            stage = stages.first
        }
        fields["stage"] = stage?.id.map { .string($0.rawValue) } ?? .null

        if let status = body["status"], status != .null {
            applyStatus(status, lostReason: body["lostReason"], fields: &fields, now: now, problems: &problems)
        } else if let lostReason = body["lostReason"], lostReason != .null {
            applyStatus(
                fields["status"] ?? "open", lostReason: lostReason, fields: &fields, now: now, problems: &problems)
        }
        return stage?.order
    }

    static func stage(_ reference: String, in stages: [Stage]) -> Stage? {
        stages.first { $0.id?.rawValue == reference }
            ?? stages.first { $0.label?.caseInsensitiveCompare(reference) == .orderedSame }
    }

    /// `open`, `won` or `lost` (case-sensitive); `lostReason` only with `lost`.
    static func applyStatus(
        _ value: JSONValue, lostReason: JSONValue?, fields: inout JSONObject, now: String,
        problems: inout ValidationProblems
    ) {
        guard case .string(let status) = value else {
            problems.add("status", .invalidType)
            return
        }
        guard ["open", "won", "lost"].contains(status) else {
            problems.add("status", .unknownOption)
            return
        }
        var reason: JSONValue = .null
        if let lostReason, lostReason != .null {
            if status != "lost" {
                problems.add("lostReason", .notAllowed)
                return
            }
            guard let validated = validateLostReason(lostReason, problems: &problems) else { return }
            reason = validated
        }
        let previous = fields["status"]?.stringValue
        fields["status"] = .string(status)
        switch status {
        case "open":
            fields["closedOn"] = .null
            fields["lostReason"] = .null
        case "won":
            fields["lostReason"] = .null
            if previous != status || fields["closedOn"] == nil || fields["closedOn"] == .null {
                fields["closedOn"] = .string(now)
            }
        default:
            if reason != .null || previous != status { fields["lostReason"] = reason }
            if previous != status || fields["closedOn"] == nil || fields["closedOn"] == .null {
                fields["closedOn"] = .string(now)
            }
        }
    }

    private static func validateLostReason(_ value: JSONValue, problems: inout ValidationProblems) -> JSONValue? {
        guard case .object(let object) = value else {
            problems.add("lostReason", .invalidType)
            return nil
        }
        var result: JSONObject = [:]
        guard let reasonId = object["reasonId"]?.stringValue else {
            problems.add("lostReason.reasonId", .required)
            return nil
        }
        guard DefaultSchema.lostReasons.contains(where: { $0.id == reasonId }) else {
            problems.add("lostReason.reasonId", .unknownOption)
            return nil
        }
        result["reasonId"] = .string(reasonId)
        switch object["comment"] {
        case nil, .null?: result["comment"] = .null
        case .string(let comment)? where comment.count <= 2000: result["comment"] = .string(comment)
        case .string?:
            problems.add("lostReason.comment", .tooLong)
            return nil
        default:
            problems.add("lostReason.comment", .invalidType)
            return nil
        }
        return .object(result)
    }

    static func nonEmptyString(_ value: JSONValue?) -> String? {
        guard let text = value?.stringValue?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }
}
