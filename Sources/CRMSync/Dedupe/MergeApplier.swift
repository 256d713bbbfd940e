import CRMClient
import CRMModel
import Foundation

/// Carries out a merge plan group by group: back up, check nothing changed since the scan, PATCH
/// the survivor, merge the others into it. Every step is journaled, so a re-run with the same run
/// files continues where the last one stopped and never merges a group twice.
public struct MergeApplier: Sendable {
    public enum GroupResult: Sendable, Equatable {
        case merged, alreadyDone
        /// Left alone: why, for the report.
        case refused(String)
    }

    public var plan: MergePlan
    public var files: MergeRunFiles
    /// Stop after this many groups were worked on (tests simulate an interrupted run with it).
    public var stopAfterGroups: Int?

    public init(plan: MergePlan, files: MergeRunFiles, stopAfterGroups: Int? = nil) {
        self.plan = plan
        self.files = files
        self.stopAfterGroups = stopAfterGroups
    }

    /// Applies every group in the link band; `progress` is told each group's outcome as it happens.
    public func apply(_ client: CRMClient, progress: (MergePlan.Group, GroupResult) -> Void = { _, _ in }) async throws
        -> [GroupResult]
    {
        let store = RecordStore(client: client, entity: plan.entity == "organizations" ? .organization : .contact)
        var results: [GroupResult] = []
        for group in plan.groupsToMerge {
            if let stopAfterGroups, results.count >= stopAfterGroups { break }
            let result = try await apply(group, store)
            progress(group, result)
            results.append(result)
        }
        return results
    }

    func apply(_ group: MergePlan.Group, _ store: RecordStore) async throws -> GroupResult {
        let sources = group.members.map(\.id).filter { $0 != group.survivor }
        if files.has(.merged, group: group.group) { return .alreadyDone }
        if !files.has(.patched, group: group.group) {
            var fetched: [JSONObject] = []
            for member in group.members {
                guard let record = try await store.get(member.id) else {
                    return .refused("record \(member.id) no longer exists; scan again")
                }
                // After an interrupted PATCH the survivor's updatedOn is ours, not a stranger's.
                let ownChange = member.id == group.survivor && files.has(.patching, group: group.group)
                if let planned = member.updatedOn, !ownChange, record["updatedOn"]?.stringValue != planned {
                    return .refused("record \(member.id) changed since the plan was written; scan again")
                }
                fetched.append(record)
            }
            if !files.has(.backedUp, group: group.group) {
                try files.backup(group: group.group, entity: plan.entity, records: fetched)
                try files.record(.backedUp, group: group, sources: sources)
            }
            let survivor = fetched.first { $0["id"].map(Self.text) == group.survivor } ?? [:]
            let patch = MergePatch.build(group, entity: plan.entity, survivor: survivor, records: fetched)
            if !patch.isEmpty {
                try files.record(.patching, group: group, sources: sources)
                _ = try await store.update(group.survivor, patch)
            }
            try files.record(.patched, group: group, sources: sources)
        }
        try await merge(group, sources, store)
        try files.record(.merged, group: group, sources: sources)
        return .merged
    }

    /// POST merge is not idempotent: when an earlier attempt's outcome is unknown (journaled as
    /// `merging`, or `outcomeUnknown` now), look at the sources before sending it again.
    func merge(_ group: MergePlan.Group, _ sources: [String], _ store: RecordStore) async throws {
        var pending = sources
        if files.has(.merging, group: group.group) {
            pending = try await remaining(sources, store)
            if pending.isEmpty { return }
        }
        try files.record(.merging, group: group, sources: pending)
        do {
            _ = try await store.merge(into: group.survivor, sources: pending)
        } catch let error as CRMError where error.isOutcomeUnknown {
            let left = try await remaining(pending, store)
            if left.isEmpty { return }
            _ = try await store.merge(into: group.survivor, sources: left)
        }
    }

    func remaining(_ sources: [String], _ store: RecordStore) async throws -> [String] {
        var left: [String] = []
        for id in sources where try await store.get(id) != nil { left.append(id) }
        return left
    }

    static func text(_ value: JSONValue) -> String {
        value.stringValue ?? value.int64Value.map(String.init) ?? ""
    }
}
