import CRMModel

/// Carrying out the decisions of the run's `conflicts.yaml`: before anything is sent, each newly
/// decided conflict becomes the step it was decided to be (a create, or an update planned against
/// the candidate as the CRM holds it now, with the values it replaces for rollback), and the plan
/// in the run directory is rewritten with it, so a rollback undoes it like any other step and a
/// second resume finds it done.
extension ImportApplier {
    /// Applies the decisions not yet in the plan; answers how many steps changed. A broken file
    /// throws before anything is written.
    func adoptDecisions() async throws -> Int {
        guard let entries = try ConflictsFile.read(run: run, plan: plan) else { return 0 }
        var steps = plan.steps
        let positions = Dictionary(steps.indices.map { (steps[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        var changed = 0
        for entry in entries.values.sorted(by: { $0.step < $1.step }) {
            guard let position = positions[entry.step] else { continue }
            let step = steps[position]
            let applied = step.decision
            if applied == entry.decision.description || (applied == nil && !entry.decision.isDecided) { continue }
            if !isUndecidedConflict(step) {
                let what = applied.map { "applied as `\($0)`" } ?? "written"
                throw refusal(
                    entry, "line \(step.source?.line ?? 0) was already \(what) in this run",
                    hint: "put that decision back, or roll the run back (`crmkit runs rollback \(run.name)`) to "
                        + "undo it; nothing was applied")
            }
            steps[position] = try await decided(step, entry)
            changed += 1
        }
        guard changed > 0 else { return 0 }
        var updated = plan
        updated.steps = steps
        try run.savePlan(updated)
        replacePlan(updated)
        return changed
    }

    /// A conflict nothing was written for yet (left alone, or not reached).
    private func isUndecidedConflict(_ step: PlanStep) -> Bool {
        guard step.action == .conflict else { return false }
        switch standing.withLock({ $0.steps.state(step.id) }) {
        case .done(_, _, let event): return event == .leftAlone
        case .notStarted: return true
        case .started, .failed: return false
        }
    }

    private func refusal(_ entry: ConflictsFile.Entry, _ message: String, hint: String) -> ConflictsFileError {
        ConflictsFileError(
            Diagnostic(
                file: run.conflictDecisionsURL.path, line: entry.line, field: "decision", message, hint: hint))
    }

    private func decided(_ conflictStep: PlanStep, _ entry: ConflictsFile.Entry) async throws -> PlanStep {
        let decision = entry.decision
        var step = conflictStep
        step.decision = decision.isDecided ? decision.description : nil
        let existing = Set(plan.steps.map(\.id))
        // A link to a referenced record the plan dropped (nothing else used it) cannot be filled.
        step.links = step.links?.filter { existing.contains($0.step) }
        if step.links?.isEmpty == true { step.links = nil }
        let body = try step.loadBody() ?? [:]
        switch decision {
        case .undecided:
            step.note = step.conflict.map { "conflict, left alone: \($0.summary)" }
        case .skip:
            step.note = "conflict, decided: skip (conflicts.yaml)"
        case .create:
            step.action = .create
            step.note = "conflict, decided: create (conflicts.yaml)"
        case .update(.line(let line, let owner)):
            step.action = .update
            step.targetStep = owner
            step.target = plan.steps.first { $0.id == owner }?.target
            step.note = "conflict, decided: update the record of line \(line) (conflicts.yaml)"
        case .update(.record(let id)):
            let store = stores[step.entity] ?? RecordStore(client: client, entity: step.entity)
            guard let record = try await store.get(id) else {
                let line = step.source?.line ?? 0
                throw refusal(
                    entry, "\(step.entity.rawValue) \(id), the candidate of line \(line), no longer exists",
                    hint: "decide `create` or `skip` instead; nothing was applied")
            }
            let patch = diff.patch(from: record, to: body)
            step.target = id
            step.expected = ExpectedRecord(
                id: id, updatedOn: record["updatedOn"]?.stringValue, values: RecordDiff.before(record, patch: patch))
            if patch.isEmpty && step.links == nil {
                step.action = .skip
                step.body = nil
            } else {
                step.action = .update
                step.body = patch
            }
            step.note = "conflict, decided: update \(step.entity.rawValue) \(id) (conflicts.yaml)"
        }
        return step
    }
}
