import CRMClient
import CRMModel

/// Whether the CRM still looks as it did when a plan was made: the records the plan updates or
/// merges have the `updatedOn` it saw, and no record now matches a row the plan would create.
/// `crmkit apply` refuses a stale plan and names the records, rather than overwrite changes it
/// never saw or create a duplicate of a record added since.
public enum PlanFreshness {
    /// The problems found (empty: the plan can be applied as it is).
    public static func check(_ plan: ImportPlan, client: CRMClient, limit: Int = 20) async throws -> [String] {
        var problems: [String] = []
        let records = try await RecordStore(client: client, entity: plan.entity).all()
        var byID: [String: JSONObject] = [:]
        for record in records { if let id = record["id"].map(MatchKeyNormalizer.text) { byID[id] = record } }
        let name = plan.entity.rawValue
        func line(_ step: PlanStep) -> String { step.source.map { "\($0.file):\($0.line)" } ?? "step \(step.id)" }
        for step in plan.steps where step.targetStep == nil && (step.action == .update || step.action == .merge) {
            for expected in [step.expected].compactMap({ $0 }) + (step.mergeSources ?? []) {
                guard let current = byID[expected.id] else {
                    problems.append("\(line(step)): \(name) \(expected.id) no longer exists")
                    continue
                }
                if let seen = expected.updatedOn, current["updatedOn"]?.stringValue != seen {
                    problems.append(
                        "\(line(step)): \(name) \(expected.id) changed since the plan (updatedOn "
                            + "\(seen) → \(current["updatedOn"]?.stringValue ?? "none"))"
                    )
                }
            }
        }
        let normalizer = MatchKeyNormalizer(rules: plan.matchRules, defaultRegion: plan.region)
        var index: [String: String] = [:]
        for record in records {
            let id = record["id"].map(MatchKeyNormalizer.text) ?? ""
            for (_, key) in normalizer.keys(of: record, crmSide: true) where index[key] == nil { index[key] = id }
        }
        for step in plan.steps where step.action == .create && step.entity == plan.entity {
            if let id = (try step.loadMatchKeys() ?? []).lazy.compactMap({ index[$0] }).first {
                problems.append("\(line(step)): \(name) \(id) now matches this row, which the plan would create again")
            }
        }
        for entity in [EntityKind.organization, .contact] where entity != plan.entity {
            let creates = plan.steps.filter { $0.action == .create && $0.entity == entity && $0.source == nil }
            guard !creates.isEmpty else { continue }
            let existing = try await RecordStore(client: client, entity: entity).all()
            let names = Set(
                existing.flatMap { record in
                    entity == .organization
                        ? [MatchKeyNormalizer.fold(record["name"]?.stringValue ?? "")]
                        : MatchKeyNormalizer.entries(record["email"] ?? .null).map { $0.lowercased() }
                })
            for step in creates {
                let body = try step.loadBody()
                let key =
                    entity == .organization
                    ? MatchKeyNormalizer.fold(body?["name"]?.stringValue ?? "")
                    : MatchKeyNormalizer.entries(body?["email"] ?? .null).first?.lowercased() ?? ""
                if names.contains(key) {
                    problems.append(
                        "\(step.note ?? "step \(step.id)"): a \(entity.rawValue) "
                            + "'\(key)' now exists; the plan would create another"
                    )
                }
            }
        }
        return problems
    }
}
