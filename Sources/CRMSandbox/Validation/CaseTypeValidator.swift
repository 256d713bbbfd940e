import CRMModel
import Foundation

/// Case type bodies (api-notes "Case workflow"): label 1–200 characters; a form of field
/// definitions; a workflow with at least one status node, unique node ids, and transitions whose
/// ends are strings (stored as given, api-notes #15).
enum CaseTypeValidator {
    static func apply(_ body: JSONObject, to existing: CaseType?, now: String, tenantId: String) throws(SandboxError)
        -> CaseType
    {
        var problems = ValidationProblems()
        var caseType = existing ?? CaseType(fields: [:])
        switch body["label"] {
        case .string(let label)?:
            let trimmed = label.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty {
                problems.add("label", .required)
            } else if trimmed.count > 200 {
                problems.add("label", .tooLong)
            } else {
                caseType.label = trimmed
            }
        case nil where existing != nil: break
        case nil, .null?: problems.add("label", .required)
        default: problems.add("label", .invalidType)
        }
        if let form = body["form"], form != .null {
            caseType.form = FormValidator.applyFormUpdate(
                form, path: "form", current: existing?.form ?? DefaultSchema.caseForm, entity: .case,
                problems: &problems)
        } else if existing == nil {
            caseType.form = DefaultSchema.caseForm
        }
        if let workflow = body["workflow"], workflow != .null {
            if let validated = self.workflow(workflow, problems: &problems) { caseType.workflow = validated }
        } else if existing == nil {
            var copy = DefaultSchema.workflow
            copy.transitions = copy.transitions?.map { transition in
                var fresh = transition
                fresh.id = UUID().uuidString.lowercased()
                return fresh
            }
            caseType.workflow = copy
        }
        var user = body["lastUpdatedBy"].flatMap {
            FieldValueChecks.user($0, path: "lastUpdatedBy", problems: &problems)
        }
        if existing == nil {
            let creator = body["creator"].flatMap { FieldValueChecks.user($0, path: "creator", problems: &problems) }
            user = user ?? creator
            caseType.fields["creator"] = creator ?? SandboxUsers.api.json
            caseType.fields["owner"] =
                body["owner"].flatMap { FieldValueChecks.user($0, path: "owner", problems: &problems) }
                ?? caseType.fields["creator"]
            caseType.id = CaseTypeID(UUID().uuidString.lowercased())
            caseType.createdOn = now
            caseType.tenantId = tenantId
        } else if let owner = body["owner"], owner != .null {
            caseType.fields["owner"] = FieldValueChecks.user(owner, path: "owner", problems: &problems)
        }
        caseType.fields["lastUpdatedBy"] = user ?? SandboxUsers.api.json
        caseType.updatedOn = now
        try problems.throwIfAny()
        return caseType
    }

    /// Nodes need an `id` (unique) and a `data.label`; `type`, `position`, `recordResolutionSLA`
    /// and `color` get defaults. Transitions need `source` and `target`; one without `id` gets a
    /// UUID; duplicate transition ids are kept (api-notes #58).
    private static func workflow(_ value: JSONValue, problems: inout ValidationProblems) -> Workflow? {
        guard case .object(var object) = value else {
            problems.add("workflow", .invalidType)
            return nil
        }
        let before = problems.details.count
        if case .array(let nodes)? = object["status"], !nodes.isEmpty {
            var seen = Set<String>()
            var normalised: [JSONValue] = []
            for (index, node) in nodes.enumerated() {
                let path = "workflow.status[\(index)]"
                guard case .object(var fields) = node else {
                    problems.add(path, .invalidType)
                    continue
                }
                if let id = fields["id"]?.stringValue, !id.isEmpty {
                    if !seen.insert(id).inserted { problems.add("\(path).id", .duplicate) }
                } else {
                    problems.add("\(path).id", fields["id"] == nil ? .required : .invalidType)
                }
                var data = fields["data"]?.objectValue ?? [:]
                if data["label"]?.stringValue.map({ !$0.isEmpty }) != true {
                    problems.add("\(path).data.label", .required)
                }
                if data["recordResolutionSLA"] == nil || data["recordResolutionSLA"] == .null {
                    data["recordResolutionSLA"] = false
                }
                if data["color"] == nil || data["color"] == .null { data["color"] = "#808080" }
                fields["data"] = .object(data)
                if fields["type"] == nil || fields["type"] == .null { fields["type"] = "node" }
                if fields["position"] == nil || fields["position"] == .null { fields["position"] = ["x": 0, "y": 0] }
                normalised.append(.object(fields))
            }
            object["status"] = .array(normalised)
        } else {
            problems.add("workflow.status", object["status"] == nil ? .required : .invalidType)
        }
        switch object["transition"] {
        case nil, .null?: object["transition"] = .array([])
        case .array(let transitions)?:
            var normalised: [JSONValue] = []
            for (index, transition) in transitions.enumerated() {
                guard case .object(var fields) = transition else {
                    problems.add("workflow.transition[\(index)]", .invalidType)
                    continue
                }
                for end in ["source", "target"] where fields[end]?.stringValue == nil {
                    problems.add("workflow.transition[\(index)].\(end)", .required)
                }
                if fields["id"]?.stringValue == nil { fields["id"] = .string(UUID().uuidString.lowercased()) }
                normalised.append(.object(fields))
            }
            object["transition"] = .array(normalised)
        default: problems.add("workflow.transition", .invalidType)
        }
        return problems.details.count == before ? Workflow(fields: object) : nil
    }
}
