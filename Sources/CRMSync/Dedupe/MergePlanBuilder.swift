import CRMDedupe
import CRMModel
import Foundation

/// Builds a merge plan from the engine's result: one group per cluster of linked records (band
/// `link`) and one per cluster of records held for review (band `review`), each with survivorship,
/// the fields a reviewer decides by for every member, and the evidence for and against each pair.
/// Records without an id cannot be merged through the API and are left out of groups.
public struct MergePlanBuilder: Sendable {
    public var survivorship: Survivorship

    public init(survivorship: Survivorship = Survivorship()) { self.survivorship = survivorship }

    /// `records[i].index` must be `i` (as `DuplicateScan` builds them).
    public func plan(
        entity: EntityKind, records: [DedupeRecord], result: DedupeResult, threshold: Double,
        updatedOn: [String: String] = [:]
    ) -> MergePlan {
        var groups: [MergePlan.Group] = []
        let linked = Set(result.clusters.joined())
        let reviewClusters = AverageLinkageClustering.components(
            count: records.count,
            links: result.reviews.filter { !linked.contains($0.first) && !linked.contains($0.second) }.map {
                ($0.first, $0.second)
            })
        for (band, clusters) in [("link", result.clusters), ("review", reviewClusters)] {
            for cluster in clusters {
                if let group = group(
                    number: groups.count + 1, band: band, cluster: cluster, records: records,
                    result: result, updatedOn: updatedOn)
                {
                    groups.append(group)
                }
            }
        }
        return MergePlan(entity: entity.plural, records: records.count, threshold: threshold, groups: groups)
    }

    private func group(
        number: Int, band: String, cluster: [Int], records: [DedupeRecord], result: DedupeResult,
        updatedOn: [String: String]
    ) -> MergePlan.Group? {
        let members = cluster.map { records[$0] }.filter { $0.id != nil }
        guard members.count > 1, let decision = survivorship.resolve(members), let survivorId = decision.survivorId
        else { return nil }
        let inCluster = Set(cluster)
        let id = { (index: Int) in records[index].id ?? "#\(index)" }
        let groupPairs = (result.links + result.reviews).filter {
            inCluster.contains($0.first) && inCluster.contains($0.second)
        }
        .sorted { ($0.first, $0.second) < ($1.first, $1.second) }
        .map { pair in self.pair(pair, records: records, result: result, id: id) }
        return MergePlan.Group(
            group: number, band: band, survivor: survivorId, survivorRule: decision.survivorRule.rawValue,
            members: members.map { member in
                MergePlan.Member(
                    id: member.id ?? "", name: Self.name(member), emails: member.emails, phones: member.phones,
                    updatedOn: member.id.flatMap { updatedOn[$0] },
                    organization: member.kind == .person ? member.company : nil, jobTitle: member.jobTitle,
                    address: Self.address(member), createdOn: member.createdOn.map(Self.day))
            },
            fields: decision.changes.map { change in
                MergePlan.FieldOutcome(
                    field: change.field, rule: change.rule.rawValue, values: change.values,
                    from: change.sources.map(id))
            },
            pairs: groupPairs)
    }

    private func pair(_ pair: ScoredPair, records: [DedupeRecord], result: DedupeResult, id: (Int) -> String)
        -> MergePlan.Pair
    {
        let evidence: [PairExplanation.Evidence]
        let reasons: [String]
        if let identity = result.identity {
            let assessment = identity.assess(records[pair.first], records[pair.second])
            evidence = assessment.evidence
            reasons = assessment.reasons
        } else {
            let explanation = result.explain(pair)
            evidence = explanation.evidence
            reasons = explanation.reasons
        }
        let line = { (item: PairExplanation.Evidence) in "\(item.field): \(item.level) \(Self.signed(item.weight))" }
        return MergePlan.Pair(
            records: [id(pair.first), id(pair.second)], probability: Self.rounded(pair.probability),
            weight: Self.rounded(pair.matchWeight), decision: pair.decision.rawValue,
            evidenceFor: evidence.filter { $0.weight >= 0 }.map(line),
            evidenceAgainst: evidence.filter { $0.weight < 0 }.map(line),
            reasons: reasons)
    }

    static func name(_ record: DedupeRecord) -> String? {
        if let name = record.name, !name.isEmpty { return name }
        let parts = [record.givenName, record.familyName].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    static func address(_ record: DedupeRecord) -> String? {
        let street = [record.streetNumber, record.addressLine1].compactMap { $0 }.filter { !$0.isEmpty }.joined(
            separator: " ")
        let parts = [street, record.addressLine2 ?? "", record.postcode ?? "", record.city ?? "", record.country ?? ""]
            .filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    static func day(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC") ?? .current, from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
    static func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + String(format: "%.2f", value) }
}
