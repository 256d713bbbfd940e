import CRMModel

/// Compares two workflows: statuses by id, transitions by (from, to, label) with their ends
/// named by status id on both sides.
enum WorkflowDiff {
    static func rows(live: WorkflowSpec, desired: WorkflowSpec) -> [ChangeRow] {
        var rows: [ChangeRow] = []
        let liveStatuses = Dictionary(live.statuses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let desiredIDs = Set(desired.statuses.map(\.id))
        for status in desired.statuses {
            let subject = "status \(status.id)"
            guard let before = liveStatuses[status.id] else {
                rows.append(ChangeRow(.create, subject, AttributeComparison.created(attributes(status))))
                continue
            }
            var target = attributes(status)
            // No position or colour in the file means "leave it as the CRM has it".
            if status.position == nil { target["position"] = before.position }
            if status.color == nil { target["color"] = before.color.map(JSONValue.string) }
            let deltas = AttributeComparison.deltas(attributes(before), target)
            if !deltas.isEmpty { rows.append(ChangeRow(.update, subject, deltas)) }
        }
        for status in live.statuses where !desiredIDs.contains(status.id) {
            rows.append(
                ChangeRow(
                    .delete, "status \(status.id)", [AttributeDelta("label", before: .string(status.label), after: nil)]
                ))
        }
        if let order = AttributeComparison.orderRow(
            "statuses", live: live.statuses.map(\.id), desired: desired.statuses.map(\.id))
        {
            rows.append(order)
        }

        let desiredTransitions = normalized(desired)
        let liveTransitions = Dictionary(
            live.transitions.map { ($0.matchKey, $0) }, uniquingKeysWith: { first, _ in first })
        let desiredKeys = Set(desiredTransitions.map(\.matchKey))
        for transition in desiredTransitions {
            let subject = "transition \(transition.displayName)"
            guard let before = liveTransitions[transition.matchKey] else {
                rows.append(ChangeRow(.create, subject, AttributeComparison.created(attributes(transition))))
                continue
            }
            let deltas = AttributeComparison.deltas(attributes(before), attributes(transition))
            if !deltas.isEmpty { rows.append(ChangeRow(.update, subject, deltas)) }
        }
        for transition in live.transitions where !desiredKeys.contains(transition.matchKey) {
            rows.append(ChangeRow(.delete, "transition \(transition.displayName)"))
        }
        return rows
    }

    /// Transition ends named by label in the file are turned into status ids, as the CRM's
    /// projection names them, so `from: Open` and `from: open` are the same transition.
    static func normalized(_ workflow: WorkflowSpec) -> [TransitionSpec] {
        workflow.transitions.map { transition in
            var copy = transition
            copy.from = workflow.status(named: transition.from)?.id ?? transition.from
            copy.to = workflow.status(named: transition.to)?.id ?? transition.to
            return copy
        }
    }

    static func attributes(_ status: StatusSpec) -> JSONObject {
        var object: JSONObject = [
            "label": .string(status.label), "recordResolutionSLA": .bool(status.recordResolutionSLA),
            "final": .bool(status.final),
        ]
        object["color"] = status.color.map(JSONValue.string)
        object["position"] = status.position
        return object
    }

    static func attributes(_ transition: TransitionSpec) -> JSONObject {
        [
            "label": .string(transition.label), "from": .string(transition.from), "to": .string(transition.to),
            "recordComment": .bool(transition.recordComment),
            "authorizedUsers": .array(transition.authorizedUsers.map(JSONValue.string)),
        ]
    }
}
