import CRMClient
import CRMModel
import Foundation
import Synchronization

/// How far an apply has come, for progress bars and periodic lines.
public struct ApplyProgress: Sendable {
    public var total: Int
    public var done: Int
    public var failed: Int
}

/// Applies an import plan, phase by phase (tags, organizations, contacts, leads and
/// opportunities, cases), each phase's steps concurrently. Every step is journaled before its
/// request and after its answer, so the same applier run again on the same run directory (resume)
/// does only what is left; a create whose answer was lost is looked for in the CRM before it is
/// sent again, so nothing is ever created twice.
public final class ImportApplier: Sendable {
    /// The run's plan; conflicts decided in `conflicts.yaml` become steps of it when applied.
    public var plan: ImportPlan { standing.withLock { $0.plan } }
    public let run: ImportRunDirectory
    let client: CRMClient
    let journal: RunJournal
    let concurrency: Int
    let retryFailed: Bool
    let diff: RecordDiff
    /// Where the apply stands, read and changed by the steps running concurrently.
    let standing: Mutex<Standing>
    /// One store per entity, made once (each holds the typed operations erased to JSON).
    let stores: [EntityKind: RecordStore]

    /// How long after it was sent a create whose process died may still land in the CRM: a
    /// resumed run waits until this much time has passed since such a create was journaled
    /// `started` before it looks for the record (see `waitForAbandonedCreates`).
    public var abandonedRequestWindow: Duration {
        get { abandonedRequests.withLock { $0.window } }
        set { abandonedRequests.withLock { $0.window = newValue } }
    }
    /// How the resumed run waits out what is left of that window. Tests replace it to land the
    /// late create while the applier waits, so the race is played without a clock.
    var waitForAbandonedRequests: @Sendable (Duration) async throws -> Void {
        get { abandonedRequests.withLock { $0.wait } }
        set { abandonedRequests.withLock { $0.wait = newValue } }
    }
    /// Set by the caller before `apply`, read while it runs: in a mutex so the applier can be
    /// shared with the tasks that run its steps.
    private let abandonedRequests = Mutex(
        AbandonedRequests(window: defaultAbandonedRequestWindow, wait: { try await Task.sleep(for: $0) }))

    let ledger: KeyLedger?
    /// Held for the applier's lifetime: one process per run.
    private let runLock: RunLock

    /// `ledger` records the CRM id of steps with `ledgerKeys` (see `KeyLedger`).
    public init(
        plan: ImportPlan, run: ImportRunDirectory, client: CRMClient, concurrency: Int = 8, retryFailed: Bool = false,
        ledger: KeyLedger? = nil
    ) throws {
        self.ledger = ledger
        self.runLock = try RunLock(run)
        self.run = run
        self.client = client
        self.journal = try run.journal()
        self.concurrency = concurrency
        self.retryFailed = retryFailed
        self.diff = RecordDiff(defaultRegion: plan.region)
        let state = try run.state()
        self.stores = Dictionary(
            uniqueKeysWithValues: EntityKind.allCases.map { ($0, RecordStore(client: client, entity: $0)) })
        standing = Mutex(
            Standing(plan: plan, steps: state, counts: Self.counts(plan, state, retryFailed: retryFailed)))
    }

    /// What the concurrent steps share: the plan (replaced once conflicts are decided), where
    /// each step stands, the progress counts, and the tags found by label.
    struct Standing {
        var plan: ImportPlan
        var steps: RunState
        var counts: ApplyProgress
        var tagCache: [EntityKind: [String: String]] = [:]
    }

    struct AbandonedRequests {
        var window: Duration
        var wait: @Sendable (Duration) async throws -> Void
    }

    static func counts(_ plan: ImportPlan, _ state: RunState, retryFailed: Bool) -> ApplyProgress {
        var counts = ApplyProgress(total: plan.steps.count, done: 0, failed: 0)
        for step in plan.steps {
            switch state.state(step.id) {
            case .done(_, _, let event) where !Self.decidedSinceLeftAlone(step, event): counts.done += 1
            case .failed where !retryFailed: counts.failed += 1
            default: break
            }
        }
        return counts
    }

    /// A conflict left alone by an earlier apply that someone has since decided to write.
    static func decidedSinceLeftAlone(_ step: PlanStep, _ event: RunJournal.Event) -> Bool {
        event == .leftAlone && step.action != .conflict
    }

    /// Takes the plan with decided conflicts in it (before anything of it is applied).
    func replacePlan(_ updated: ImportPlan) {
        standing.withLock {
            $0.plan = updated
            $0.counts = Self.counts(updated, $0.steps, retryFailed: retryFailed)
        }
    }

    /// Applies what is left of the plan and writes the run's summary and result files.
    public func apply(progress: @escaping @Sendable (ApplyProgress) -> Void = { _ in }) async throws -> RunSummary {
        // The result files show rows read back from the source: a source changed since the plan
        // stops the run before anything is written, not once the CRM has changed.
        if PlanSourceRows.needsSource(plan) { try PlanSourceRows.verify(plan) }
        _ = try await adoptDecisions()
        progress(snapshot())
        // Phases and groups hold positions in the plan, not copies of its steps (a million
        // steps are hundreds of MB each time they are copied).
        let steps = plan.steps
        let phases = Dictionary(grouping: steps.indices, by: { steps[$0].phase }).sorted { $0.key < $1.key }
        for (_, positions) in phases {
            let pending = positions.filter { needsWork(steps[$0]) }
            if pending.isEmpty { continue }
            try await applyPhase(pending, of: steps, progress: progress)
            journal.sync()
        }
        return try finish()
    }

    /// Writes `run.json`, `success.csv` and `errors.csv` from the plan and the journal.
    public func finish() throws -> RunSummary {
        let (plan, current) = standing.withLock { ($0.plan, $0.steps) }
        try RunReport(plan: plan, state: current, run: run).write()
        let summary = RunReport.summary(plan: plan, state: current, run: run)
        try run.saveSummary(summary)
        return summary
    }

    private func needsWork(_ step: PlanStep) -> Bool {
        switch standing.withLock({ $0.steps.state(step.id) }) {
        case .notStarted, .started: return true
        case .failed: return retryFailed
        case .done(_, _, let event): return Self.decidedSinceLeftAlone(step, event)
        }
    }

    /// Applies the steps at `positions` of `steps` (one phase, in plan order).
    private func applyPhase(
        _ positions: [Int], of steps: [PlanStep], progress: @escaping @Sendable (ApplyProgress) -> Void
    ) async throws {
        var pending = positions
        // A create journaled as started by an earlier process may have happened: look first.
        let unsure = pending.filter { position in
            steps[position].action == .create && standing.withLock { $0.steps.state(steps[position].id) } == .started
        }.map { steps[$0] }
        if !unsure.isEmpty {
            try await waitForAbandonedCreates(unsure)
            let found = Set(try await adopt(unsure).map(\.id))
            pending.removeAll { found.contains(steps[$0].id) }
            progress(snapshot())
        }
        for position in pending where steps[position].action == .createTag {
            try record(steps[position], try await createTag(steps[position]))
            progress(snapshot())
        }
        pending.removeAll { steps[$0].action == .createTag }
        var round = 0
        while !pending.isEmpty {
            let unknown = UnknownSteps()
            try await forEachConcurrently(Self.groups(pending, of: steps), limit: concurrency) { group in
                for position in group {
                    let step = steps[position]
                    let outcome = try await self.execute(step)
                    if case .unknown = outcome { unknown.add(position) } else { try self.record(step, outcome) }
                    progress(self.snapshot())
                }
            }
            pending = unknown.positions.sorted { steps[$0].id < steps[$1].id }
            guard !pending.isEmpty else { break }
            round += 1
            let found = Set(try await adopt(pending.map { steps[$0] }).map(\.id))
            pending.removeAll { found.contains(steps[$0].id) }
            if round >= 10 {
                for position in pending {
                    try record(
                        steps[position],
                        .failed(
                            "the CRM's answers were lost \(round) times; nothing matching was found. "
                                + "Run `crmkit runs resume \(run.name)` when the connection is stable"
                        ))
                }
                break
            }
        }
    }

    /// The steps at `positions` (in id order) in groups that run one after another: steps changing
    /// the same record run in file order (each PATCH was planned on top of the one before);
    /// different records run concurrently. Groups are in the order of their first step.
    static func groups(_ positions: [Int], of steps: [PlanStep]) -> [[Int]] {
        var groups: [[Int]] = []
        groups.reserveCapacity(positions.count)
        var byRecord: [RecordKey: Int] = [:]
        for position in positions.sorted(by: { steps[$0].id < steps[$1].id }) {
            let key = recordKey(steps[position])
            if case .own = key {
                groups.append([position])
            } else if let group = byRecord[key] {
                groups[group].append(position)
            } else {
                byRecord[key] = groups.count
                groups.append([position])
            }
        }
        return groups
    }

    /// A refusal of the CRM fails the step and the run goes on; a CRM that cannot be reached
    /// (connection refused or lost after the client's retries) stops the run instead of failing
    /// every step left: everything is journaled, and `runs resume` continues once it is back.
    func stepFailure(_ error: CRMError) throws -> Outcome {
        if case .transport = error { throw error }
        return .failed(error.description)
    }

    /// Which record a step writes: the one an earlier step creates, an existing one, or its own.
    enum RecordKey: Hashable {
        case step(Int)
        case id(String)
        case own(Int)
    }

    static func recordKey(_ step: PlanStep) -> RecordKey {
        if let owner = step.targetStep { return .step(owner) }
        if let target = step.target { return .id(target) }
        return .own(step.id)
    }

    enum Outcome {
        case done(RunJournal.Event, id: String?, updatedOn: String?, reason: String? = nil)
        case failed(String)
        case unknown
    }

    func record(_ step: PlanStep, _ outcome: Outcome) throws {
        let entry: RunJournal.Entry
        switch outcome {
        case .done(let event, let id, let updatedOn, let reason):
            entry = RunJournal.Entry(step: step.id, event: event, id: id, updatedOn: updatedOn, reason: reason)
        case .failed(let reason):
            entry = RunJournal.Entry(step: step.id, event: .failed, reason: reason)
        case .unknown:
            return
        }
        try journal.append(entry)
        // A conflict is remembered too, so that the same row stays a conflict until someone decides.
        let ledgerID = entry.id ?? (entry.event == .leftAlone ? KeyLedger.leftAlone : nil)
        if entry.event != .failed, let id = ledgerID, let keys = try step.loadLedgerKeys(), let ledger {
            let (entity, crm) = standing.withLock { ($0.plan.entity, $0.plan.crm ?? $0.plan.target) }
            if step.entity == entity { try ledger.record(crm: crm, entity: step.entity, keys: keys, id: id) }
        }
        standing.withLock {
            let before = $0.steps.state(step.id)
            $0.steps.apply(entry)
            if case .failed = before, retryFailed { $0.counts.failed -= 1 }
            if entry.event == .failed { $0.counts.failed += 1 } else { $0.counts.done += 1 }
        }
    }

    func snapshot() -> ApplyProgress { standing.withLock { $0.counts } }

    private func execute(_ step: PlanStep) async throws -> Outcome {
        let store = stores[step.entity] ?? RecordStore(client: client, entity: step.entity)
        switch step.action {
        case .conflict:
            return .done(.leftAlone, id: nil, updatedOn: nil)
        case .skip:
            guard let id = step.target ?? step.targetStep.flatMap(id(of:)) else {
                return dependencyFailed(step, step.targetStep)
            }
            return .done(.skipped, id: id, updatedOn: nil)
        case .createTag:
            return try await createTag(step)
        case .create:
            guard let body = try resolvedBody(step) else {
                return dependencyFailed(step, step.links?.first { id(of: $0.step) == nil }?.step)
            }
            try journal.append(RunJournal.Entry(step: step.id, event: .started))
            do {
                let record = try await store.create(body)
                return .done(
                    .created, id: record["id"].map(MatchKeyNormalizer.text), updatedOn: record["updatedOn"]?.stringValue
                )
            } catch let error as CRMError where error.isOutcomeUnknown {
                return .unknown
            } catch let error as CRMError {
                return try stepFailure(error)
            }
        case .update:
            guard let target = step.target ?? step.targetStep.flatMap(id(of:)) else {
                return dependencyFailed(step, step.targetStep)
            }
            guard let body = try resolvedBody(step) else {
                return dependencyFailed(step, step.links?.first { id(of: $0.step) == nil }?.step)
            }
            try journal.append(
                RunJournal.Entry(step: step.id, event: .started, id: target, before: step.expected?.values))
            do {
                let record = try await store.update(target, body)
                return .done(.updated, id: target, updatedOn: record["updatedOn"]?.stringValue)
            } catch let error as CRMError {
                return try stepFailure(error)
            }
        case .merge:
            return try await merge(step, store)
        }
    }

    /// The step's body with the ids of the records earlier steps created; nil when one of them
    /// has none (its step failed). Throws only when the body's spill file cannot be read.
    func resolvedBody(_ step: PlanStep) throws -> JSONObject? {
        var body = try step.loadBody() ?? [:]
        for link in step.links ?? [] {
            guard let id = id(of: link.step) else { return nil }
            body[link.field] = .string(id)
        }
        return body
    }

    func id(of step: Int) -> String? { standing.withLock { $0.steps.id(step) } }

    func dependencyFailed(_ step: PlanStep, _ dependency: Int?) -> Outcome {
        guard let dependency, let other = plan.steps.first(where: { $0.id == dependency }) else {
            return .failed("a step it depends on did not complete")
        }
        let what = other.source.map { "line \($0.line)" } ?? other.note ?? "step \(dependency)"
        return .failed("needs the \(other.entity.rawValue) of step \(dependency) (\(what)), which did not complete")
    }
}

/// Steps whose outcome was unknown in one concurrent round (their positions in the plan).
private final class UnknownSteps: Sendable {
    /// Added to by the concurrent steps of the round, read once the round is over.
    private let items = Mutex<[Int]>([])
    func add(_ position: Int) { items.withLock { $0.append(position) } }
    var positions: [Int] { items.withLock { $0 } }
}
