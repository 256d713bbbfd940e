import CRMModel
import Foundation

/// Executes a plan step by step. Before the first step it re-reads the CRM and refuses a plan
/// whose objects changed since it was made; after every step it records the new hash in the
/// state and a line in the history, so an interrupted apply can be re-planned and finished.
public struct SchemaApplier<Remote: SchemaRemote>: Sendable {
    public var remote: Remote
    public var directory: SchemaDirectory
    public var options: ApplyOptions

    public init(remote: Remote, directory: SchemaDirectory, options: ApplyOptions = ApplyOptions()) {
        self.remote = remote
        self.directory = directory
        self.options = options
    }

    /// Checks the plan against the CRM without changing anything; throws the reason it cannot run.
    public func check(_ plan: SchemaPlan, live: LiveSchema, state: SchemaState) throws {
        guard plan.instance == live.instance else {
            throw SchemaError.planForOtherInstance(planned: plan.instance, live: live.instance)
        }
        let objects = LiveObjects(live, state: state[live.instance])
        let stale = plan.changes.map(\.address).filter { address in
            (objects.hash(of: address) ?? SchemaPlan.absentHash) != plan.baseHashes[address.description]
        }
        if !stale.isEmpty { throw SchemaError.stalePlan(stale) }
        if !plan.conflicts.isEmpty && !options.overwriteDrift { throw SchemaError.conflicts(plan.conflicts) }
        let deletions = plan.deletions
        if !deletions.isEmpty && !options.allowDestroy { throw SchemaError.destroyNotAllowed(deletions) }
    }

    @discardableResult
    public func apply(_ plan: SchemaPlan, progress: (AppliedStep) -> Void = { _ in }) async throws -> [AppliedStep] {
        var state = try SchemaState.load(from: directory.stateURL)
        let live = try await LiveSchema.fetch(from: remote)
        try check(plan, live: live, state: state)
        let history = HistoryLog(directory: directory.url, commit: GitRevision.head(of: directory.url))
        var done: [AppliedStep] = []
        for change in StepOrder.ordered(plan.changes) {
            let entry: StateEntry?
            do {
                entry = try await execute(change, live: live)
            } catch {
                throw SchemaError.remoteFailed(
                    step: "\(change.action.rawValue) \(change.address)", reason: String(describing: error))
            }
            state[live.instance][change.address] = entry
            try state.save(to: directory.stateURL)
            let parts = change.rows.filter { !$0.subject.isEmpty }.map { "\($0.action.symbol) \($0.subject)" }
            try history.append(
                instance: live.instance, action: change.action.rawValue, object: change.address,
                detail: parts.isEmpty ? nil : parts.joined(separator: "; "))
            let step = AppliedStep(address: change.address, action: change.action)
            done.append(step)
            progress(step)
        }
        // Record everything as it now is, so the next plan starts from a clean baseline.
        let after = try await LiveSchema.fetch(from: remote)
        var refreshed = InstanceState()
        for entry in LiveObjects(after, state: state[after.instance]).entries { refreshed[entry.address] = entry }
        state[after.instance] = refreshed
        try state.save(to: directory.stateURL)
        return done
    }

    /// Runs one change; returns the state entry of the object afterwards (`nil` once deleted).
    private func execute(_ change: ObjectChange, live: LiveSchema) async throws -> StateEntry? {
        switch (change.action, change.desired) {
        case (.delete, _):
            guard let id = change.remoteID else { return nil }
            if change.address.kind == .tag, let entity = EntityKind(plural: change.address.scope) {
                try await remote.deleteTag(id: TagID(id), for: entity)
            } else if change.address.kind == .caseType {
                try await remote.deleteCaseType(id: CaseTypeID(id))
            }
            return nil
        case (_, .form(let form)?):
            let fields = PayloadBuilder.fields(form.fields, live: live.forms[form.form])
            let stored = try await remote.putForm(form.form, fields: fields)
            return StateEntry(
                address: change.address, remoteID: nil, hash: ContentHash.of(SpecProjection.form(form.form, stored)))
        case (_, .tag(let tag)?):
            guard let entity = EntityKind(plural: change.address.scope) else { return nil }
            let stored: TagOption
            if change.action == .create {
                stored = try await remote.createTag(PayloadBuilder.tag(tag), for: entity)
            } else {
                stored = try await remote.updateTag(
                    id: TagID(change.remoteID ?? ""), PayloadBuilder.tag(tag), for: entity)
            }
            return StateEntry(
                address: change.address, remoteID: stored.id?.rawValue, hash: ContentHash.of(SpecProjection.tag(stored))
            )
        case (_, .caseType(let caseType)?):
            let stored: CaseType
            if change.action == .create {
                stored = try await remote.createCaseType(PayloadBuilder.caseType(caseType, live: nil))
            } else {
                let id = CaseTypeID(change.remoteID ?? "")
                stored = try await remote.updateCaseType(
                    id: id, PayloadBuilder.caseType(caseType, live: live.caseType(id: id)))
            }
            let projected = SpecProjection.caseType(stored, key: caseType.key)
            return StateEntry(address: change.address, remoteID: stored.id?.rawValue, hash: LiveObjects.hash(projected))
        case (_, nil):
            return nil
        }
    }
}
