import Foundation
import Synchronization

/// A merge plan under review: answers the page's questions and carries out each decision by
/// rewriting the plan file (temporary file, then rename, so a crash leaves the old plan or the
/// new one, never half of one). Undo restores the group as it was before the last decision.
public final class MergePlanReview: Sendable {
    public let path: String

    private struct State {
        var plan: MergePlan
        /// Array position of each group number.
        var positions: [Int: Int]
        /// The group as it was before each decision, most recent last.
        var undo: [MergePlan.Group]
    }

    private let state: Mutex<State>
    /// Enough for a long session; the oldest steps are forgotten first.
    static let undoDepth = 500

    public init(path: String) throws {
        self.path = path
        // The writer's own layout is read line by line; anything else through the YAML reader.
        let plan = try MergePlanLineReader.load(path: path) ?? MergePlanReader.load(path: path)
        var positions: [Int: Int] = [:]
        for (index, group) in plan.groups.enumerated() { positions[group.group] = index }
        state = Mutex(State(plan: plan, positions: positions, undo: []))
    }

    public var entity: String { state.withLock { $0.plan.entity } }
    public var groupCount: Int { state.withLock { $0.plan.groups.count } }
    public var canUndo: Bool { state.withLock { !$0.undo.isEmpty } }

    /// Groups the filter admits, `limit` of them from `offset`, in file order.
    public func page(_ filter: ReviewFilter, offset: Int, limit: Int) -> ReviewPage {
        state.withLock { state in
            var total = 0
            var left = 0
            var items: [ReviewGroupSummary] = []
            let end = offset + max(0, limit)
            for group in state.plan.groups {
                if group.reviewed != true { left += 1 }
                guard filter.admits(group) else { continue }
                if total >= offset && total < end { items.append(ReviewGroupSummary(group)) }
                total += 1
            }
            return ReviewPage(total: total, left: left, offset: offset, items: items)
        }
    }

    public func group(_ number: Int) -> MergePlan.Group? {
        state.withLock { state in state.positions[number].map { state.plan.groups[$0] } }
    }

    /// Carries out the decision and saves the plan; answers the group as it now is.
    public func decide(_ decision: ReviewDecision) throws -> MergePlan.Group {
        try state.withLock { state in
            guard let position = state.positions[decision.group] else {
                throw ReviewError("there is no group \(decision.group) in \(path)")
            }
            let before = state.plan.groups[position]
            let after = try Self.applying(decision, to: before)
            state.plan.groups[position] = after
            do {
                try save(state.plan)
            } catch {
                state.plan.groups[position] = before
                throw error
            }
            state.undo.append(before)
            if state.undo.count > Self.undoDepth { state.undo.removeFirst() }
            return after
        }
    }

    /// Puts back the group the last decision changed and saves; nil when there is nothing to undo.
    public func undo() throws -> MergePlan.Group? {
        try state.withLock { state in
            guard let before = state.undo.last, let position = state.positions[before.group] else { return nil }
            let current = state.plan.groups[position]
            state.plan.groups[position] = before
            do {
                try save(state.plan)
            } catch {
                state.plan.groups[position] = current
                throw error
            }
            state.undo.removeLast()
            return before
        }
    }

    static func applying(_ decision: ReviewDecision, to group: MergePlan.Group) throws -> MergePlan.Group {
        var group = group
        switch decision {
        case .accept:
            group.band = "link"
            group.reviewed = true
        case .reject:
            group.band = "rejected"
            group.reviewed = true
        case .survivor(_, let member):
            guard group.members.contains(where: { $0.id == member }) else {
                throw ReviewError("\(member) is not a member of group \(group.group)")
            }
            if group.survivor != member {
                carryOver(from: group.survivor, to: member, in: &group)
                group.survivor = member
                group.survivorRule = "reviewer"
            }
        case .drop(_, let member):
            guard group.members.contains(where: { $0.id == member }) else {
                throw ReviewError("\(member) is not a member of group \(group.group)")
            }
            guard member != group.survivor else {
                throw ReviewError("\(member) is the survivor; choose another survivor before dropping it")
            }
            guard group.members.count > 2 else {
                throw ReviewError("group \(group.group) would be left with one record; reject the group instead")
            }
            group.members.removeAll { $0.id == member }
            group.pairs.removeAll { $0.records.contains(member) }
            group.fields = group.fields.compactMap { outcome in
                var outcome = outcome
                let kept = zip(outcome.values, outcome.from).filter { $0.1 != member }
                outcome.values = kept.map(\.0)
                outcome.from = kept.map(\.1)
                return outcome.values.isEmpty ? nil : outcome
            }
        case .keep(_, let field, let member):
            guard let record = group.members.first(where: { $0.id == member }) else {
                throw ReviewError("\(member) is not a member of group \(group.group)")
            }
            let values: [String] =
                switch field {
                case "name": record.name.map { [$0] } ?? []
                case "jobTitle": record.jobTitle.map { [$0] } ?? []
                case "emails": record.emails
                case "phones": record.phones
                default:
                    throw ReviewError(
                        "a value can be picked for "
                            + "\(ReviewDecision.pickableFields.joined(separator: ", ")), not \(field)"
                    )
                }
            guard !values.isEmpty else { throw ReviewError("\(member) has no \(field) to keep") }
            let outcome = MergePlan.FieldOutcome(
                field: field, rule: "reviewer", values: values, from: values.map { _ in member })
            if let index = group.fields.firstIndex(where: { $0.field == field }) {
                group.fields[index] = outcome
            } else {
                group.fields.append(outcome)
            }
        }
        return group
    }

    /// The scan listed only the fields whose value on its survivor changes; what the old survivor
    /// alone had would be lost under a new one. So the new survivor gets the old one's name and job
    /// title where it has none, and its e-mails and phones in addition to its own, unless an
    /// outcome for that field is already in the plan.
    static func carryOver(from old: String, to new: String, in group: inout MergePlan.Group) {
        guard let previous = group.members.first(where: { $0.id == old }),
            let next = group.members.first(where: { $0.id == new })
        else { return }
        let decided = Set(group.fields.map(\.field))
        for (field, before, after) in [
            ("name", previous.name, next.name), ("jobTitle", previous.jobTitle, next.jobTitle),
        ] {
            guard !decided.contains(field), let before, !before.isEmpty, (after ?? "").isEmpty else { continue }
            group.fields.append(MergePlan.FieldOutcome(field: field, rule: "fillBlanks", values: [before], from: [old]))
        }
        for (field, before, after) in [
            ("emails", previous.emails, next.emails), ("phones", previous.phones, next.phones),
        ] {
            let missing = before.filter { !after.contains($0) }
            guard !decided.contains(field), !missing.isEmpty else { continue }
            group.fields.append(
                MergePlan.FieldOutcome(
                    field: field, rule: "union", values: after + missing,
                    from: after.map { _ in new } + missing.map { _ in old }))
        }
    }

    private func save(_ plan: MergePlan) throws {
        try ReviewFileWriter.replace(path, with: MergePlanYAML.render(plan))
    }
}
