/// Rules for a case type's workflow. Transitions may name statuses by id or label; every status
/// must be reachable from the first (initial) status; a status with no transition out must be
/// marked `final: true`, so a dead end is always a decision, never an accident.
enum WorkflowLint {
    static func check(_ workflow: WorkflowSpec, in file: DecodedFile<CaseTypeSpec>) -> [SchemaDiagnostic] {
        var diagnostics: [SchemaDiagnostic] = []
        guard !workflow.statuses.isEmpty else {
            return [
                .init(
                    at: file.location("workflow"),
                    "the workflow needs at least one status; the first one is where new cases start")
            ]
        }
        var seenIDs = Set<String>()
        for (index, status) in workflow.statuses.enumerated() {
            let path = "workflow.statuses[\(index)]"
            if status.id.isEmpty {
                diagnostics.append(.init(at: file.location("\(path).id"), "a status needs a non-empty 'id'"))
            } else if !seenIDs.insert(status.id).inserted {
                diagnostics.append(
                    .init(
                        at: file.location("\(path).id"), "duplicate status id '\(status.id)'; status ids must be unique"
                    ))
            }
            diagnostics += ColorLint.check(
                status.color, at: file.location("\(path).color"), what: "status '\(status.id)'")
        }

        var edges: [String: Set<String>] = [:]
        // A transition whose target is dangling is still a way out of its source: it is reported
        // once, as dangling, not a second time as a dead end.
        var exits = Set<String>()
        var seenTransitions = Set<String>()
        for (index, transition) in workflow.transitions.enumerated() {
            let path = "workflow.transitions[\(index)]"
            let source = workflow.status(named: transition.from)
            let target = workflow.status(named: transition.to)
            for (end, reference, resolved) in [("from", transition.from, source), ("to", transition.to, target)]
            where resolved == nil {
                diagnostics.append(
                    .init(
                        at: file.location("\(path).\(end)"),
                        "transition '\(transition.label)' \(end == "from" ? "starts at" : "goes to") "
                            + "'\(reference)', which is not a status of this workflow; add a status "
                            + "with that id or label, or fix '\(end)'"
                    ))
            }
            if let source { exits.insert(source.id) }
            guard let source, let target else { continue }
            let key = "\(source.id)\u{1F}\(target.id)\u{1F}\(transition.label.lowercased())"
            if !seenTransitions.insert(key).inserted {
                diagnostics.append(
                    .init(
                        at: file.location(path),
                        "duplicate transition '\(transition.label)' from '\(source.id)' to '\(target.id)'; remove one"))
            }
            edges[source.id, default: []].insert(target.id)
        }

        var reachable: Set<String> = [workflow.statuses[0].id]
        var frontier = [workflow.statuses[0].id]
        while let next = frontier.popLast() {
            for target in edges[next] ?? [] where reachable.insert(target).inserted { frontier.append(target) }
        }
        for (index, status) in workflow.statuses.enumerated() {
            let path = "workflow.statuses[\(index)]"
            if !reachable.contains(status.id) {
                diagnostics.append(
                    .init(
                        at: file.location(path),
                        "status '\(status.id)' cannot be reached from the initial status "
                            + "'\(workflow.statuses[0].id)'; add a transition into it or remove it"
                    ))
            }
            if !exits.contains(status.id) && !status.final {
                diagnostics.append(
                    .init(
                        at: file.location(path),
                        "status '\(status.id)' has no transition out; add one, "
                            + "or mark it 'final: true' if cases end there"
                    ))
            }
        }
        return diagnostics
    }
}
