import CRMClient
import CRMModel
import Foundation

/// What a rollback did.
public struct RollbackReport: Sendable {
    public var deleted: [EntityKind: Int] = [:]
    public var deletedTags = 0
    public var restored = 0
    /// Records left alone: changed by someone since the run (restore with --force), or merged.
    public var notRestored: [String] = []
    /// Merges cannot be undone: what was merged, and where the backup is.
    public var merges: [String] = []
}

/// Undoes a run: writes back the values its updates replaced, deletes the records and tags it
/// created (bulk deletes, newest entities first), and reports merges, which the API cannot undo,
/// with the backup file that holds the merged records. Journaled like an apply, so a rollback that
/// dies is run again and continues.
public struct ImportRollback: Sendable {
    public let plan: ImportPlan
    public let run: ImportRunDirectory
    let client: CRMClient
    /// Restore records even when someone changed them after the run.
    public var force = false

    public init(plan: ImportPlan, run: ImportRunDirectory, client: CRMClient, force: Bool = false) {
        self.plan = plan
        self.run = run
        self.client = client
        self.force = force
    }

    public func rollback() async throws -> RollbackReport {
        let lock = try RunLock(run)
        defer { withExtendedLifetime(lock) {} }
        // The result files are rewritten from the source's rows: a changed source stops the
        // rollback before it starts, not after it has changed the CRM.
        if PlanSourceRows.needsSource(plan) { try PlanSourceRows.verify(plan) }
        let journal = try run.journal()
        let state = try run.state()
        var report = RollbackReport()
        let finished = plan.steps.filter { state.rollback[$0.id] == nil }
        try await restoreUpdates(finished, state, journal, &report)
        try await deleteCreated(finished, state, journal, &report)
        journal.sync()
        let after = try run.state()
        try RunReport(plan: plan, state: after, run: run).write()
        try run.saveSummary(RunReport.summary(plan: plan, state: after, run: run))
        return report
    }

    /// One PATCH per record: for every field, the value before the run's first change to it.
    private func restoreUpdates(
        _ steps: [PlanStep], _ state: RunState, _ journal: RunJournal, _ report: inout RollbackReport
    ) async throws {
        var byTarget: [String: [PlanStep]] = [:]
        let byID = plan.stepsByID()
        for step in steps where step.action == .update || step.action == .merge {
            guard case .done(let id?, _, _) = state.state(step.id) else { continue }
            // Records this run created are deleted below; nothing to restore on them.
            if let owner = step.targetStep, byID[owner]?.action == .create { continue }
            byTarget[id, default: []].append(step)
        }
        for (id, group) in byTarget.sorted(by: { $0.key < $1.key }) {
            let ordered = group.sorted { $0.id < $1.id }
            let entity = ordered[0].entity
            if let merge = ordered.first(where: { $0.action == .merge }) {
                let sources = (merge.mergeSources ?? []).map(\.id).joined(separator: ", ")
                report.merges.append(
                    "\(entity.rawValue) \(sources) merged into \(id) (line \(merge.source?.line ?? 0)); "
                        + "the records as they were are in \(run.backupURL.path)"
                )
                for step in ordered {
                    try journal.append(
                        RunJournal.Entry(
                            step: step.id, event: .rollbackSkipped, id: id, reason: "merged: cannot be undone"))
                }
                continue
            }
            let store = RecordStore(client: client, entity: entity)
            guard let current = try await store.get(id) else {
                report.notRestored.append("\(entity.rawValue) \(id): deleted since the run")
                continue
            }
            let lastWrite: String? = ordered.compactMap { step in
                if case .done(_, let updatedOn, _) = state.state(step.id) { updatedOn } else { nil }
            }.last
            if !force, let lastWrite, current["updatedOn"]?.stringValue != lastWrite {
                report.notRestored.append(
                    "\(entity.rawValue) \(id): changed since the run (updatedOn "
                        + "\(current["updatedOn"]?.stringValue ?? "?")); rerun with --force to overwrite"
                )
                continue
            }
            var patch: JSONObject = [:]
            for step in ordered.reversed() {
                for (key, value) in step.expected?.values ?? [:] {
                    if key == "customFields", case .object(let fields) = value {
                        var custom = patch[key]?.objectValue ?? [:]
                        for (field, old) in fields { custom[field] = old }
                        patch[key] = .object(custom)
                    } else {
                        patch[key] = value
                    }
                }
            }
            if !patch.isEmpty { _ = try await store.update(id, patch) }
            for step in ordered { try journal.append(RunJournal.Entry(step: step.id, event: .restored, id: id)) }
            report.restored += 1
        }
    }

    /// Deletes what the run created (not what it found), cases first and organizations last, so
    /// nothing is left pointing at a deleted record in between.
    private func deleteCreated(
        _ steps: [PlanStep], _ state: RunState, _ journal: RunJournal, _ report: inout RollbackReport
    ) async throws {
        var created: [EntityKind: [(step: Int, id: String)]] = [:]
        var tags: [(step: PlanStep, id: String)] = []
        for step in steps {
            guard case .done(let id?, _, let event) = state.state(step.id), event == .created else { continue }
            if step.action == .createTag {
                tags.append((step, id))
            } else {
                created[step.entity, default: []].append((step.id, id))
            }
        }
        for entity in created.keys.sorted(by: { $0.dependencyOrder > $1.dependencyOrder }) {
            let items = created[entity] ?? []
            _ = try await RecordStore(client: client, entity: entity).bulkDelete(items.map(\.id))
            for item in items { try journal.append(RunJournal.Entry(step: item.step, event: .deleted, id: item.id)) }
            report.deleted[entity, default: 0] += items.count
        }
        for (step, id) in tags {
            do {
                try await client.tags(for: step.entity).delete(.init(id))
            } catch let error as CRMError where error.status == 404 {}
            try journal.append(RunJournal.Entry(step: step.id, event: .deleted, id: id))
            report.deletedTags += 1
        }
    }
}
