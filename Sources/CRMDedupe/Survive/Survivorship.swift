import Foundation

/// The outcome of survivorship for one cluster: what a merge plan records and applies.
public struct MergeDecision: Sendable, Codable, Hashable {
    public struct FieldChoice: Sendable, Codable, Hashable {
        public var field: String
        public var values: [String]
        public var rule: SurvivorshipPolicy.FieldRule
        /// Index of every record a value came from, in `values` order.
        public var sources: [Int]
    }

    public var survivorIndex: Int
    public var survivorId: String?
    public var mergedIndices: [Int]
    public var mergedIds: [String]
    public var survivorRule: SurvivorshipPolicy.SurvivorRule
    /// Only fields whose value differs from the survivor's own.
    public var changes: [FieldChoice]
    public var merged: DedupeRecord
}

/// Applies a `SurvivorshipPolicy` to a cluster of records.
public struct Survivorship: Sendable {
    public var policy: SurvivorshipPolicy

    public init(policy: SurvivorshipPolicy = SurvivorshipPolicy()) { self.policy = policy }

    /// `nil` for an empty cluster.
    public func resolve(_ cluster: [DedupeRecord]) -> MergeDecision? {
        guard let survivor = chooseSurvivor(cluster) else { return nil }
        let others = cluster.filter { $0.index != survivor.index }
        let ordered = [survivor] + others
        var merged = survivor
        var changes: [MergeDecision.FieldChoice] = []
        for field in SurvivorshipField.allCases {
            let rule = policy.rule(for: field.rawValue)
            let (values, sources) = choose(field, rule: rule, ordered)
            if values != field.values(of: survivor) {
                field.set(values, on: &merged)
                changes.append(.init(field: field.rawValue, values: values, rule: rule, sources: sources))
            }
        }
        for (key, value) in others.flatMap(\.extra) where merged.extra[key]?.nonBlank == nil && value.nonBlank != nil {
            merged.extra[key] = value
        }
        // One person may hold several numbers (a passport and a national identity number), and
        // a copy may carry one the survivor lacks: every one of them stays with the person.
        for identifier in others.flatMap(\.personalIdentifiers) where !merged.personalIdentifiers.contains(identifier) {
            merged.personalIdentifiers.append(identifier)
        }
        return MergeDecision(
            survivorIndex: survivor.index, survivorId: survivor.id, mergedIndices: others.map(\.index),
            mergedIds: others.compactMap(\.id), survivorRule: policy.survivor, changes: changes, merged: merged)
    }

    func chooseSurvivor(_ cluster: [DedupeRecord]) -> DedupeRecord? {
        func completeness(_ r: DedupeRecord) -> Int {
            SurvivorshipField.allCases.filter { !$0.values(of: r).isEmpty }.count
        }
        func created(_ r: DedupeRecord) -> Date { r.createdOn ?? .distantFuture }
        func updated(_ r: DedupeRecord) -> Date { r.updatedOn ?? .distantPast }
        return cluster.min { a, b in
            switch policy.survivor {
            case .mostComplete:
                if completeness(a) != completeness(b) { return completeness(a) > completeness(b) }
                if created(a) != created(b) { return created(a) < created(b) }
            case .oldest:
                if created(a) != created(b) { return created(a) < created(b) }
            case .mostRecentlyUpdated:
                if updated(a) != updated(b) { return updated(a) > updated(b) }
            }
            return a.index < b.index
        }
    }

    func choose(_ field: SurvivorshipField, rule: SurvivorshipPolicy.FieldRule, _ ordered: [DedupeRecord]) -> (
        [String], [Int]
    ) {
        let survivorValues = field.values(of: ordered[0])
        switch rule {
        case .keepSurvivor:
            return (survivorValues, survivorValues.map { _ in ordered[0].index })
        case .fillBlanks:
            for record in ordered {
                let values = field.values(of: record)
                if !values.isEmpty { return (values, values.map { _ in record.index }) }
            }
            return ([], [])
        case .union:
            var values: [String] = [], sources: [Int] = [], seen: Set<String> = []
            for record in ordered {
                for value in field.values(of: record) where seen.insert(field.identity(value)).inserted {
                    values.append(value)
                    sources.append(record.index)
                }
            }
            return (values, sources)
        case .longest:
            var best: (String, Int)?
            for record in ordered {
                for value in field.values(of: record) where value.count > (best?.0.count ?? -1) {
                    best = (value, record.index)
                }
            }
            return best.map { ([$0.0], [$0.1]) } ?? ([], [])
        case .mostRecent:
            let byRecency = ordered.sorted { ($0.updatedOn ?? .distantPast) > ($1.updatedOn ?? .distantPast) }
            return choose(field, rule: .fillBlanks, byRecency)
        }
    }
}
