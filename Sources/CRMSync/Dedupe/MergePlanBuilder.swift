import CRMDedupe
import CRMModel
import Foundation

/// Builds a merge plan from the engine's clusters: survivorship per cluster and the scored pairs
/// inside it. Records without an id cannot be merged through the API and are left out of groups.
public struct MergePlanBuilder: Sendable {
    public var survivorship: Survivorship

    public init(survivorship: Survivorship = Survivorship()) { self.survivorship = survivorship }

    /// `records[i].index` must be `i` (as `DuplicateScan` builds them).
    public func plan(entity: EntityKind, records: [DedupeRecord], result: DedupeResult, threshold: Double,
                     updatedOn: [String: String] = [:]) -> MergePlan {
        let pairs = result.links + result.reviews
        var groups: [MergePlan.Group] = []
        for cluster in result.clusters {
            let members = cluster.map { records[$0] }.filter { $0.id != nil }
            guard members.count > 1, let decision = survivorship.resolve(members),
                  let survivorId = decision.survivorId else { continue }
            let inCluster = Set(cluster)
            let id = { (index: Int) in records[index].id ?? "#\(index)" }
            let groupPairs = pairs.filter { inCluster.contains($0.first) && inCluster.contains($0.second) }
                .sorted { ($0.first, $0.second) < ($1.first, $1.second) }
                .map { pair in
                    let explanation = result.explain(pair)
                    let evidence = explanation.evidence.map { "\($0.field): \($0.level) \(Self.signed($0.weight))" }
                    return MergePlan.Pair(records: [id(pair.first), id(pair.second)], probability: Self.rounded(pair.probability),
                                          weight: Self.rounded(pair.matchWeight), decision: pair.decision.rawValue,
                                          reasons: evidence + explanation.reasons)
                }
            groups.append(MergePlan.Group(
                group: groups.count + 1, survivor: survivorId, survivorRule: decision.survivorRule.rawValue,
                members: members.map { member in
                    MergePlan.Member(id: member.id ?? "", name: member.name, emails: member.emails, phones: member.phones,
                                     updatedOn: member.id.flatMap { updatedOn[$0] })
                },
                fields: decision.changes.map { change in
                    MergePlan.FieldOutcome(field: change.field, rule: change.rule.rawValue, values: change.values,
                                           from: change.sources.map(id))
                },
                pairs: groupPairs))
        }
        return MergePlan(entity: entity.plural, records: records.count, threshold: threshold, groups: groups)
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
    static func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + String(format: "%.2f", value) }
}
