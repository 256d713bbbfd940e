/// What a dedupe run found. Record numbers are `DedupeRecord.index` values, not array positions.
public struct DedupeResult: Sendable {
    /// Groups of two or more records judged to be one entity, each sorted, ordered by first member.
    public var clusters: [[Int]]
    /// Pairs that linked (before clustering; clustering may still separate some of them).
    public var links: [ScoredPair]
    /// Pairs held back for a human: high score with one-sided evidence, or shared identifiers
    /// with conflicting names.
    public var reviews: [ScoredPair]
    /// The weights used (absent for rule-based scoring).
    public var model: FellegiSunterModel?
    /// The identity model that decided every pair, for explaining a pair with its records.
    public var identity: IdentityModel?
    public var blocking: BlockingStatistics
    public var candidatePairs: Int { blocking.candidatePairs }

    /// Field-by-field account of one scored pair.
    public func explain(_ pair: ScoredPair) -> PairExplanation {
        var evidence: [PairExplanation.Evidence] = []
        for field in ComparisonField.allCases {
            guard let level = pair.pattern[field] else { continue }
            let label = field.levelLabels[min(Int(level), field.levelCount - 1)]
            evidence.append(
                .init(field: field.description, level: label, weight: model?.weight(field, level: level) ?? 0))
        }
        let reasons = pair.reviewReason.map { $0.components(separatedBy: "; ") } ?? []
        return PairExplanation(
            first: pair.first, second: pair.second, probability: pair.probability, matchWeight: pair.matchWeight,
            priorWeight: model?.priorWeight ?? 0, evidence: evidence, decision: pair.decision, reasons: reasons)
    }
}
