/// Where a pair of records stands: the engine's pair decisions and the importer's matching are both this.
///
/// - `link`: the same person or organisation, with evidence above the merge threshold and nothing
///   conflicting — safe to fold, update or merge without asking.
/// - `review`: the evidence is one-sided or mixed; a human decides.
/// - `distinct`: the evidence conflicts (different given name, different personal e-mail,
///   different birth date) or is too weak to say anything.
public enum IdentityBand: String, Sendable, Codable, CaseIterable {
    case link, review, distinct

    /// The engine's older three-way outcome, kept so pair lists and merge plans read the same.
    public var pairDecision: PairDecision {
        switch self {
        case .link: .link
        case .review: .review
        case .distinct: .nonLink
        }
    }
}

/// The verdict on one pair, with everything a reviewer (or a log line) needs to see why.
public struct IdentityAssessment: Sendable, Codable, Hashable {
    public var band: IdentityBand
    /// Match probability after term-frequency adjustment (0...1). A pair in `distinct` may still
    /// have a high probability when a hard conflict overrules the score; the reasons say so.
    public var probability: Double
    /// Every field both sides have, with its level label and weight in bits (for and against).
    public var evidence: [PairExplanation.Evidence]
    /// Human reasons, e.g. "given names differ (John / Jane)", "family@smiths.net is shared by records with different
    /// names".
    public var reasons: [String]

    public init(band: IdentityBand, probability: Double, evidence: [PairExplanation.Evidence], reasons: [String]) {
        self.band = band
        self.probability = probability
        self.evidence = evidence
        self.reasons = reasons
    }
}
