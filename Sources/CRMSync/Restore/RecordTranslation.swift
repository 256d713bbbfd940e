import CRMModel

/// A record as one CRM returns it turned into the body that recreates it in another: the
/// members the server owns are left out (ids, times, the tenant, what follows from other calls),
/// tags are sent by label, pipelines, stages, case types and statuses get the target's ids, and
/// references to other records are handed back as links to fill with the ids they get there.
struct RecordTranslation: Sendable {
    /// A reference to another record of the source, by the source's id.
    struct Link: Sendable {
        var field: String
        var entity: EntityKind
        var id: String
    }

    struct Result: Sendable {
        var body: JSONObject
        var links: [Link]
        /// Values the target cannot take, each said in a sentence (listed in the run's errors.csv).
        var lost: [String]
        /// A lead archived in the source (the API archives with a call of its own).
        var archived: Bool
    }

    /// Members the server sets; a body cannot (api-notes #25). `organization` is the
    /// opportunity's alias of `organizationId`, answered beside it.
    static let serverOwned: Set<String> = [
        "id", "createdOn", "updatedOn", "tenantId", "closedOn", "isArchived", "isConverted", "convertedOpportunityId",
    ]

    let references: TargetReferences

    func translate(_ record: JSONObject, entity: EntityKind) -> Result {
        var result = Result(
            body: [:], links: [], lost: [], archived: entity == .lead && record["isArchived"]?.boolValue == true)
        for (key, value) in record where !Self.serverOwned.contains(key) && !Self.isEmpty(value) {
            result.body[key] = value
        }
        if entity == .opportunity, result.body["organizationId"] != nil || record["organization"] != nil {
            if result.body["organizationId"] == nil, let id = record["organization"]?["id"].flatMap(Self.text) {
                result.body["organizationId"] = .string(id)
            }
            result.body["organization"] = nil
        }
        if case .array(let tags) = record["tags"] ?? .null {
            let labels = tags.compactMap { tag in tag["label"]?.stringValue ?? tag.stringValue }
            result.body["tags"] = labels.isEmpty ? nil : .array(labels.map(JSONValue.string))
        }
        for (field, target) in [("organizationId", EntityKind.organization), ("contactId", .contact)] {
            guard let value = result.body.removeValue(forKey: field), let id = Self.text(value) else { continue }
            result.links.append(Link(field: field, entity: target, id: id))
        }
        if entity == .lead, record["isConverted"]?.boolValue == true {
            result.lost.append(
                "isConverted: the lead was converted; it is recreated "
                    + "unconverted (converting would create another opportunity)"
            )
        }
        switch entity {
        case .opportunity: mapPipeline(&result)
        case .case: mapCaseType(&result)
        default: break
        }
        return result
    }

    private func mapPipeline(_ result: inout Result) {
        guard let pipeline = result.body["pipelineId"].flatMap(Self.text) else { return }
        guard let target = references.pipeline(pipeline) else {
            result.lost.append(
                "pipelineId: the target has no pipeline named as pipeline "
                    + "\(pipeline) of the source; its default pipeline is used"
            )
            result.body["pipelineId"] = nil
            result.body["stage"] = nil
            return
        }
        result.body["pipelineId"] = .string(target)
        guard let stage = result.body["stage"].flatMap(Self.text) else { return }
        if let mapped = references.stage(stage, pipeline: pipeline) {
            result.body["stage"] = .string(mapped)
        } else {
            result.lost.append(
                "stage: the target's pipeline has no stage named as stage \(stage); its first stage is used")
            result.body["stage"] = nil
        }
    }

    private func mapCaseType(_ result: inout Result) {
        guard let caseType = result.body["caseTypeId"].flatMap(Self.text) else { return }
        guard let target = references.caseType(caseType) else {
            result.lost.append("caseTypeId: case type \(caseType) is not on the target; the case gets the default type")
            result.body["caseTypeId"] = nil
            result.body["status"] = nil
            return
        }
        result.body["caseTypeId"] = .string(target)
        guard let status = result.body["status"].flatMap(Self.text) else { return }
        if let mapped = references.status(status, caseType: caseType) {
            result.body["status"] = .string(mapped)
        } else {
            result.lost.append(
                "status: the target's case type has no status '\(status)'; "
                    + "the case starts at the workflow's first status"
            )
            result.body["status"] = nil
        }
    }

    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text.isEmpty ? nil : text
        case .integer(let number): return String(number)
        default: return nil
        }
    }

    static func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return true
        case .array(let items): return items.isEmpty
        case .object(let members): return members.isEmpty
        default: return false
        }
    }
}
