import CRMClient
import CRMModel

/// The steps that are more than one request: merges (backup, merge, PATCH) and tags (found by
/// label before they are created).
extension ImportApplier {
    /// Backs the records up, merges the sources still there into the target, then PATCHes it.
    /// A merge whose answer was lost is checked by looking for the sources: gone means done.
    func merge(_ step: PlanStep, _ store: RecordStore) async throws -> Outcome {
        guard let target = step.target, let body = try resolvedBody(step) else { return dependencyFailed(step, nil) }
        let sourceIDs = (step.mergeSources ?? []).map(\.id)
        do {
            guard let survivor = try await store.get(target) else {
                return .failed("\(step.entity.rawValue) \(target) no longer exists")
            }
            var remaining: [String] = []
            var fetched = [survivor]
            for id in sourceIDs {
                if let record = try await store.get(id) {
                    remaining.append(id)
                    fetched.append(record)
                }
            }
            try run.backup(step: step.id, entity: step.entity, records: fetched)
            try journal.append(
                RunJournal.Entry(step: step.id, event: .started, id: target, before: step.expected?.values))
            var merged = survivor
            if !remaining.isEmpty {
                do {
                    merged = try await store.merge(into: target, sources: remaining)
                } catch let error as CRMError where error.isOutcomeUnknown {
                    var left: [String] = []
                    for id in remaining where try await store.get(id) != nil { left.append(id) }
                    if !left.isEmpty { merged = try await store.merge(into: target, sources: left) }
                }
            }
            if !body.isEmpty { merged = try await store.update(target, body) }
            return .done(.merged, id: target, updatedOn: merged["updatedOn"]?.stringValue)
        } catch let error as CRMError {
            return try stepFailure(error)
        }
    }

    /// Uses the tag when one with the label exists (also one created since the plan), else
    /// creates it.
    func createTag(_ step: PlanStep) async throws -> Outcome {
        let label = try step.loadBody()?["label"]?.stringValue ?? ""
        let tags = client.tags(for: step.entity)
        do {
            if let id = try await knownTag(step.entity, label, refresh: false) {
                return .done(.found, id: id, updatedOn: nil)
            }
            do {
                let tag = try await tags.create(label: label)
                let id = tag.id?.rawValue
                standing.withLock { $0.tagCache[step.entity, default: [:]][label.lowercased()] = id }
                return .done(.created, id: id, updatedOn: nil)
            } catch let error as CRMError
                where error.isOutcomeUnknown || error.status == 409 || error.code == "conflict"
            {
                if let id = try await knownTag(step.entity, label, refresh: true) {
                    return .done(.created, id: id, updatedOn: nil)
                }
                return try stepFailure(error)
            }
        } catch let error as CRMError {
            return try stepFailure(error)
        }
    }

    func knownTag(_ entity: EntityKind, _ label: String, refresh: Bool) async throws -> String? {
        if !refresh, let cached = standing.withLock({ $0.tagCache[entity] }) { return cached[label.lowercased()] }
        var byLabel: [String: String] = [:]
        for tag in try await client.tags(for: entity).list() {
            if let label = tag.label, let id = tag.id?.rawValue { byLabel[label.lowercased()] = id }
        }
        standing.withLock { $0.tagCache[entity] = byLabel }
        return byLabel[label.lowercased()]
    }
}
