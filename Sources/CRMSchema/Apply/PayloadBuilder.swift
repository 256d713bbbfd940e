import CRMModel
import CRMSupport

/// Builds request bodies from desired specs. Where the object exists, its live JSON is the
/// starting point, so members crmkit does not manage (editor state, remote ids) are sent back
/// unchanged.
enum PayloadBuilder {
    static func tag(_ tag: TagSpec) -> TagOption {
        TagOption(label: tag.label, color: tag.color)
    }

    /// The desired fields, each with the members the files do not manage taken from the live
    /// field of the same id, so an apply never strips what the CRM keeps on a field.
    static func fields(_ desired: [FormField], live: [FormField]?) -> [FormField] {
        var liveByID: [String: FormField] = [:]
        for field in live ?? [] {
            guard let id = field.id?.rawValue, liveByID[id] == nil else { continue }
            liveByID[id] = field
        }
        return desired.map { field in
            guard let id = field.id?.rawValue, let before = liveByID[id] else { return field }
            var members = before.fields.filter { FormFieldKeys.carriedOver($0.key) }
            members.merge(field.fields) { _, desired in desired }
            return FormField(fields: members)
        }
    }

    static func caseType(_ spec: CaseTypeSpec, live: CaseType?) -> CaseType {
        var body = CaseType(label: spec.label)
        body.form = fields(spec.form, live: live?.form)
        body.workflow = workflow(spec, live: live?.workflow)
        return body
    }

    static func workflow(_ spec: CaseTypeSpec, live: Workflow?) -> Workflow {
        let liveStatuses = live?.statuses ?? []
        let statuses = spec.workflow.statuses.enumerated().map { index, status in
            var node =
                liveStatuses.first { $0.id == status.id }
                ?? WorkflowStatus(fields: ["id": .string(status.id), "type": "node"])
            node.label = status.label
            node.color = status.color
            node.recordResolutionSLA = status.recordResolutionSLA
            var data = node.fields["data"]?.objectValue ?? [:]
            data["final"] = .bool(status.final)
            node.fields["data"] = .object(data)
            if let position = status.position {
                node.fields["position"] = position
            } else if node.fields["position"] == nil {
                // New statuses without a position are laid out left to right, as the editor does.
                node.fields["position"] = ["x": .integer(Int64(100 + 200 * index)), "y": 100]
            }
            return node
        }
        let liveTransitions = live.map(liveTransitionsByKey) ?? [:]
        let transitions = WorkflowDiff.normalized(spec.workflow).map { transition in
            var edge =
                liveTransitions[transition.matchKey]
                ?? WorkflowTransition(
                    id: deterministicID("transition", spec.key, transition.matchKey), label: transition.label,
                    source: transition.from, target: transition.to)
            edge.label = transition.label
            edge.source = transition.from
            edge.target = transition.to
            var data = edge.fields["data"]?.objectValue ?? ["isEditing": false]
            data["recordComment"] = .bool(transition.recordComment)
            data["authorizedUsers"] =
                transition.authorizedUsers.isEmpty ? nil : .array(transition.authorizedUsers.map(JSONValue.string))
            edge.fields["data"] = .object(data)
            return edge
        }
        return Workflow(statuses: statuses, transitions: transitions)
    }

    /// Live edges by the key the diff uses (ends resolved to status ids).
    static func liveTransitionsByKey(_ workflow: Workflow) -> [String: WorkflowTransition] {
        var byKey: [String: WorkflowTransition] = [:]
        for edge in workflow.transitions ?? [] {
            let key = TransitionSpec(
                label: edge.label ?? "", from: workflow.status(named: edge.source ?? "")?.id ?? edge.source ?? "",
                to: workflow.status(named: edge.target ?? "")?.id ?? edge.target ?? ""
            ).matchKey
            if byKey[key] == nil { byKey[key] = edge }
        }
        return byKey
    }

    /// A UUID-shaped id derived from names, so the same files create the same ids everywhere.
    static func deterministicID(_ parts: String...) -> String {
        let hex = Array(SHA256.hexDigest(Array(("crmkit:" + parts.joined(separator: ":")).utf8)).prefix(32))
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }
        return groups.joined(separator: "-")
    }
}
