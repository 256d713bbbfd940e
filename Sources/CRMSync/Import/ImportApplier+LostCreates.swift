import CRMClient
import CRMModel

/// Creates whose answer never arrived: found in the CRM rather than sent again.
extension ImportApplier {
    /// A create journaled `started` by a process that died may still be on its way: the CRM can
    /// be executing a request whose connection is long closed. Looking for its record before
    /// that request has run would find nothing, and sending the create again would make a
    /// second record. So a resumed run first waits until `abandonedRequestWindow` has passed
    /// since the latest of them was sent; a run resumed later than that, as most are, does not
    /// wait at all.
    func waitForAbandonedCreates(_ steps: [PlanStep]) async throws {
        let sent = standing.withLock { standing in
            steps.compactMap { standing.steps.startedAt[$0.id].flatMap(RunClock.date) }
        }
        guard let latest = sent.max() else { return }
        let window =
            Double(abandonedRequestWindow.components.seconds) + Double(abandonedRequestWindow.components.attoseconds)
            / 1e18
        let remaining = latest.addingTimeInterval(window).timeIntervalSinceNow
        if remaining > 0 { try await waitForAbandonedRequests(.milliseconds(Int((remaining * 1000).rounded(.up)))) }
    }

    /// Looks in the CRM for the records of creates whose answers were lost: a record holding every
    /// value of the step's body that no other step of this run owns. Answers the steps found
    /// (journaled as created).
    func adopt(_ steps: [PlanStep]) async throws -> [PlanStep] {
        var found: [PlanStep] = []
        for (entity, group) in Dictionary(grouping: steps, by: \.entity) {
            let records = try await RecordStore(client: client, entity: entity).all()
            var byName: [String: [JSONObject]] = [:]
            for record in records { byName[Self.nameKey(record), default: []].append(record) }
            // Ids are per entity: organization 7 and contact 7 are different records.
            let sameEntity = plan.steps.filter { $0.entity == entity && $0.action != .createTag }.map(\.id)
            var owned = standing.withLock { standing in Set(sameEntity.compactMap { standing.steps.id($0) }) }
            for step in group {
                guard let body = try resolvedBody(step) else { continue }
                let candidates = byName[Self.nameKey(body)] ?? []
                guard
                    let record = candidates.first(where: { candidate in
                        let id = candidate["id"].map(MatchKeyNormalizer.text) ?? ""
                        return !owned.contains(id) && diff.patch(from: candidate, to: body).isEmpty
                    }), let id = record["id"].map(MatchKeyNormalizer.text)
                else { continue }
                owned.insert(id)
                try self.record(
                    step,
                    .done(
                        .created, id: id, updatedOn: record["updatedOn"]?.stringValue,
                        reason: "found in the CRM after the answer to its create was lost"))
                found.append(step)
            }
        }
        return found
    }

    /// How long a CRM may take to store a create it received: one record is stored in
    /// milliseconds, so a create not stored 10 s after it was sent is taken to have been lost
    /// with its connection. Longer windows make every resume right after a crash wait longer.
    public static let defaultAbandonedRequestWindow = Duration.seconds(10)

    static func nameKey(_ record: JSONObject) -> String {
        MatchKeyNormalizer.fold((record["name"] ?? record["title"]).map(MatchKeyNormalizer.text) ?? "")
    }
}
