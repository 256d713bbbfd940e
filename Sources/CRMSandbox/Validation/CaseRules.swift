import CRMModel

/// Case types and workflow statuses of cases (api-notes #15, #16, #36 and "Case workflow").
enum CaseRules {
    /// The case's type after the body: the given `caseTypeId`, else the current one, else the
    /// seeded default (on create).
    static func resolveCaseType(
        body: JSONObject, fields: inout JSONObject, snapshot: SchemaCatalog.Snapshot, isCreate: Bool,
        problems: inout ValidationProblems
    ) -> CaseType? {
        if let requested = OpportunityRules.nonEmptyString(body["caseTypeId"]) {
            guard let caseType = snapshot.caseType(id: requested) else {
                problems.add("caseTypeId", .unknownReference)
                return nil
            }
            fields["caseTypeId"] = .string(requested)
            return caseType
        }
        if let current = fields["caseTypeId"]?.stringValue, let caseType = snapshot.caseType(id: current) {
            return caseType
        }
        guard let fallback = snapshot.caseType(id: DefaultSchema.caseTypeId) ?? snapshot.caseTypes.first,
            let id = fallback.id
        else {
            problems.add("caseTypeId", .required)
            return nil
        }
        fields["caseTypeId"] = .string(id.rawValue)
        return fallback
    }

    /// Sets the status: on create the given one or the first node; on update a change must follow
    /// a transition of the workflow (or start from a status the workflow no longer has).
    static func applyStatus(
        body: JSONObject, fields: inout JSONObject, caseType: CaseType, previousStatus: String?, isCreate: Bool,
        problems: inout ValidationProblems
    ) {
        let workflow = caseType.workflow ?? Workflow(statuses: [], transitions: [])
        let nodes = workflow.statuses ?? []
        let current = previousStatus.flatMap { status in nodes.first { $0.id == status } }
        guard let requested = body["status"], requested != .null, requested != "" else {
            if current == nil {
                // New case, or the type changed and the old status is not one of its nodes.
                fields["status"] = nodes.first?.id.map(JSONValue.string) ?? .null
            }
            return
        }
        guard case .string(let reference) = requested else {
            problems.add("status", .invalidType)
            return
        }
        guard let target = workflow.status(named: reference), let targetId = target.id else {
            problems.add("status", .unknownOption)
            return
        }
        if !isCreate, let current, current.id != targetId {
            let allowed = (workflow.transitions ?? []).contains { transition in
                names(transition.source, current, in: workflow) && names(transition.target, target, in: workflow)
            }
            if !allowed {
                problems.add("status", .notAllowed)
                return
            }
        }
        fields["status"] = .string(targetId)
    }

    private static func names(_ reference: String?, _ node: WorkflowStatus, in workflow: Workflow) -> Bool {
        guard let reference, let resolved = workflow.status(named: reference) else { return false }
        return resolved.id == node.id
    }

    /// The status ids (across all case types) a `status` list filter names, by id or label.
    static func statusIds(matching reference: String, in caseTypes: [CaseType]) -> [String] {
        var ids: Set<String> = [reference]
        for caseType in caseTypes {
            for node in caseType.workflow?.statuses ?? []
            where node.label?.caseInsensitiveCompare(reference) == .orderedSame {
                if let id = node.id { ids.insert(id) }
            }
        }
        return ids.sorted()
    }
}
