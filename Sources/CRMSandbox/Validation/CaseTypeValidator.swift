import CRMModel
import Foundation

/// Case type bodies (api-notes "Case workflow"): label 1–200 characters; a form of field
/// definitions; a workflow with at least one status node, unique node ids, and transitions whose
/// ends are strings (stored as given, api-notes #15).
enum CaseTypeValidator {
    static func apply(_ body: JSONObject, to existing: CaseType?, now: String, tenantId: String) throws(SandboxError) -> CaseType {
        var problems = ValidationProblems()
        var caseType = existing ?? CaseType(fields: [:])
        switch body["label"] {
        case .string(let label)?:
            let trimmed = label.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { problems.add("label", .required) } else if trimmed.count > 200 { problems.add("label", .tooLong) } else { caseType.label = trimmed }
        case nil where existing != nil: break
        case nil, .null?: problems.add("label", .required)
        default: problems.add("label", .invalidType)
        }
        if let form = body["form"], form != .null {
            if let fields = FormValidator.fields(form, path: "form", problems: &problems) { caseType.form = fields }
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
        var user = body["lastUpdatedBy"].flatMap { FieldValidator.user($0, path: "lastUpdatedBy", problems: &problems) }
        if existing == nil {
            let creator = body["creator"].flatMap { FieldValidator.user($0, path: "creator", problems: &problems) }
            user = user ?? creator
            caseType.fields["creator"] = creator ?? SandboxUsers.api.json
            caseType.fields["owner"] = body["owner"].flatMap { FieldValidator.user($0, path: "owner", problems: &problems) } ?? caseType.fields["creator"]
            caseType.id = CaseTypeID(UUID().uuidString.lowercased())
            caseType.createdOn = now
            caseType.tenantId = tenantId
        } else if let owner = body["owner"], owner != .null {
            caseType.fields["owner"] = FieldValidator.user(owner, path: "owner", problems: &problems)
        }
        caseType.fields["lastUpdatedBy"] = user ?? SandboxUsers.api.json
        caseType.updatedOn = now
        try problems.throwIfAny()
        return caseType
    }

    private static func workflow(_ value: JSONValue, problems: inout ValidationProblems) -> Workflow? {
        guard case .object(let object) = value else {
            problems.add("workflow", .invalidType)
            return nil
        }
        let before = problems.details.count
        if case .array(let nodes)? = object["status"], !nodes.isEmpty {
            var seen = Set<String>()
            for (index, node) in nodes.enumerated() {
                guard let id = node["id"]?.stringValue, !id.isEmpty else {
                    problems.add("workflow.status[\(index)].id", .required)
                    continue
                }
                if !seen.insert(id).inserted { problems.add("workflow.status[\(index)].id", .duplicate) }
                if let label = node["data"]?["label"], label.stringValue == nil { problems.add("workflow.status[\(index)].data.label", .invalidType) }
            }
        } else {
            problems.add("workflow.status", object["status"] == nil ? .required : .invalidType)
        }
        switch object["transition"] {
        case nil, .null?: break
        case .array(let transitions)?:
            for (index, transition) in transitions.enumerated() {
                for end in ["source", "target"] where transition[end]?.stringValue == nil {
                    problems.add("workflow.transition[\(index)].\(end)", .required)
                }
            }
        default: problems.add("workflow.transition", .invalidType)
        }
        return problems.details.count == before ? Workflow(fields: object) : nil
    }
}
