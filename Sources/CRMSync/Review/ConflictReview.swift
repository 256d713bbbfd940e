import CRMDedupe
import CRMModel
import Foundation
import Synchronization

/// An import run's conflicts under review: answers the page's questions from the run's plan and
/// saves each decision into `conflicts.yaml` by rewriting only that entry's `decision:` line
/// (temporary file, then rename), so `runs resume` takes the file as it is and `git diff` shows
/// only decisions. Undo puts back the decision before the last one.
public final class ConflictReview: Sendable {
    /// The conflicts file decisions are saved into.
    public let path: String
    public let run: ImportRunDirectory
    public let entity: String
    private let plan: ImportPlan
    private let positions: [Int: Int]

    private struct State {
        var text: String
        var entries: [Int: ConflictsFile.Entry]
        /// Each decided step and its decision before, most recent last.
        var undo: [(step: Int, decision: ConflictDecision)]
    }

    private let state: Mutex<State>

    /// `path` is a run directory or its `conflicts.yaml`.
    public init(path: String) throws {
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: path)
        let directory =
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? url : url.deletingLastPathComponent()
        run = ImportRunDirectory(root: directory.deletingLastPathComponent(), name: directory.lastPathComponent)
        guard FileManager.default.fileExists(atPath: run.planURL.path) else {
            throw ReviewError(
                "\(path): not an import run (no plan.json beside it); give the run directory, "
                    + "e.g. .crmkit/runs/RUN (see `crmkit runs list`)")
        }
        let run = run
        let plan = try run.loadPlan()
        try ConflictsFile.writeIfAbsent(plan: plan, run: run)
        let file = run.conflictDecisionsURL.path
        guard FileManager.default.fileExists(atPath: file) else {
            throw ReviewError("run \(run.name) left no rows alone as conflicts: there is nothing to review")
        }
        let text = try String(contentsOf: run.conflictDecisionsURL, encoding: .utf8)
        let entries = try ConflictsFile.parse(text, file: file, plan: plan)
        self.plan = plan
        self.path = file
        entity = plan.entity.plural
        positions = Dictionary(plan.steps.indices.map { (plan.steps[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        state = Mutex(State(text: text, entries: entries, undo: []))
    }

    /// Whether `path` names an import run or its conflicts file (rather than a merge plan).
    public static func handles(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return true
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 8192)) ?? Data(), as: UTF8.self)
        return head.contains("format: \(ConflictsFile.format)")
    }

    public var conflictCount: Int { state.withLock { $0.entries.count } }
    public var canUndo: Bool { state.withLock { !$0.undo.isEmpty } }

    /// Conflicts in file order; `decided` nil for all.
    public func page(decided: Bool?, offset: Int, limit: Int) -> ConflictReviewPage {
        state.withLock { state in
            var total = 0
            var left = 0
            var items: [ConflictReviewPage.Item] = []
            for step in ConflictsFile.conflictSteps(plan) {
                guard let entry = state.entries[step.id] else { continue }
                if !entry.decision.isDecided { left += 1 }
                if let decided, entry.decision.isDecided != decided { continue }
                if total >= offset && items.count < max(0, limit) {
                    items.append(
                        ConflictReviewPage.Item(
                            step: step.id, line: step.source?.line ?? 0,
                            name: step.conflict?.row["name"]?.stringValue ?? "line \(step.source?.line ?? 0)",
                            candidates: step.conflict?.candidates.count ?? 0, decision: entry.decision.description))
                }
                total += 1
            }
            return ConflictReviewPage(total: total, left: left, offset: offset, items: items)
        }
    }

    public func group(_ step: Int) -> ConflictReviewGroup? {
        state.withLock { state in group(step, state) }
    }

    private func group(_ number: Int, _ state: State) -> ConflictReviewGroup? {
        guard let position = positions[number], let entry = state.entries[number] else { return nil }
        return ConflictReviewGroup(plan.steps[position], decision: entry.decision)
    }

    /// Saves `text` (the decision, e.g. `create`, `update 17`, `skip`, `undecided`) for the conflict
    /// of `step`; answers the conflict as it now is.
    public func decide(step: Int, _ text: String) throws -> ConflictReviewGroup {
        try state.withLock { state in
            guard let position = positions[step], let entry = state.entries[step],
                let conflict = plan.steps[position].conflict
            else {
                throw ReviewError("there is no conflict \(step) in \(path)")
            }
            if let applied = plan.steps[position].decision, applied != "skip" {
                throw ReviewError(
                    "line \(plan.steps[position].source?.line ?? 0) was already applied as `\(applied)`; "
                        + "roll the run back (`crmkit runs rollback \(run.name)`) to change it")
            }
            let decision: ConflictDecision
            switch ConflictDecision.parse(text, candidates: conflict.candidates) {
            case .success(let parsed): decision = parsed
            case .failure(let refusal): throw ReviewError(refusal.message)
            }
            try save(&state, entry: entry, decision)
            state.undo.append((step, entry.decision))
            if state.undo.count > MergePlanReview.undoDepth { state.undo.removeFirst() }
            return try group(step, state) ?? { throw ReviewError("there is no conflict \(step) in \(path)") }()
        }
    }

    /// Puts back the decision before the last one; nil when there is nothing to undo.
    public func undo() throws -> ConflictReviewGroup? {
        try state.withLock { state in
            guard let last = state.undo.last, let entry = state.entries[last.step] else { return nil }
            try save(&state, entry: entry, last.decision)
            state.undo.removeLast()
            return group(last.step, state)
        }
    }

    private func save(_ state: inout State, entry: ConflictsFile.Entry, _ decision: ConflictDecision) throws {
        let text: String
        do {
            text = try ConflictsFile.replacingDecision(in: state.text, line: entry.line, with: decision)
        } catch let error as ConflictsFileError {
            throw ReviewError("\(path): \(error.diagnostic.message); \(error.diagnostic.hint ?? "")")
        }
        try ReviewFileWriter.replace(path, with: text)
        state.text = text
        state.entries[entry.step]?.decision = decision
    }
}

/// One page of the conflict list.
public struct ConflictReviewPage: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        public var step: Int
        public var line: Int
        public var name: String
        public var candidates: Int
        public var decision: String
    }
    public var total: Int
    /// Conflicts of the whole run nobody has decided yet.
    public var left: Int
    public var offset: Int
    public var items: [Item]
}

/// One conflict as the page shows it: the row beside its candidates.
public struct ConflictReviewGroup: Sendable, Codable, Equatable {
    public struct Candidate: Sendable, Codable, Equatable {
        /// What `update` names it by: a CRM id, or `line N`.
        public var reference: String
        public var fields: JSONObject
        public var band: String
        public var probability: Double
        public var reasons: [String]
        public var evidenceFor: [String]
        public var evidenceAgainst: [String]
    }
    public var step: Int
    /// `file.csv:LINE`.
    public var row: String
    public var fields: JSONObject
    public var decision: String
    /// Applied by `runs resume` already (then it can only be changed by a rollback).
    public var applied: Bool
    public var candidates: [Candidate]

    init?(_ step: PlanStep, decision: ConflictDecision) {
        guard let conflict = step.conflict, let source = step.source else { return nil }
        self.step = step.id
        row = "\(URL(fileURLWithPath: source.file).lastPathComponent):\(source.line)"
        fields = conflict.row
        self.decision = decision.description
        applied = step.decision != nil && step.decision != "skip"
        let line = { (item: PairExplanation.Evidence) in
            "\(item.field): \(item.level) \(MergePlanBuilder.signed(item.weight))"
        }
        candidates = conflict.candidates.map { candidate in
            let assessment = candidate.assessment
            return Candidate(
                reference: ConflictCandidateReference(candidate).description, fields: candidate.record,
                band: assessment.band.rawValue, probability: assessment.probability, reasons: assessment.reasons,
                evidenceFor: assessment.evidence.filter { $0.weight >= 0 }.map(line),
                evidenceAgainst: assessment.evidence.filter { $0.weight < 0 }.map(line))
        }
    }
}
