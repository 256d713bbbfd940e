/// The outcome for one candidate pair.
public enum PairDecision: String, Sendable, Codable {
    case link
    /// Worth a human look, never merged automatically: the score is high but the evidence is one-sided
    /// (names only, or identifiers only with conflicting names).
    case review
    case nonLink
}

/// One scored pair, compact enough to keep hundreds of thousands of them.
public struct ScoredPair: Sendable, Hashable, Codable {
    public var first: Int
    public var second: Int
    public var pattern: ComparisonPattern
    public var matchWeight: Double
    public var probability: Double
    public var decision: PairDecision
    /// Why a pair is in review (one of the evidence rules), `nil` otherwise.
    public var reviewReason: String?

    public init(
        first: Int, second: Int, pattern: ComparisonPattern, matchWeight: Double, probability: Double,
        decision: PairDecision, reviewReason: String? = nil
    ) {
        self.first = first
        self.second = second
        self.pattern = pattern
        self.matchWeight = matchWeight
        self.probability = probability
        self.decision = decision
        self.reviewReason = reviewReason
    }
}

/// Why a pair scored as it did: each field's agreement level and the weight it contributed.
public struct PairExplanation: Sendable, Codable, Hashable, CustomStringConvertible {
    public struct Evidence: Sendable, Codable, Hashable {
        public var field: String
        public var level: String
        public var weight: Double
    }
    public var first: Int
    public var second: Int
    public var probability: Double
    public var matchWeight: Double
    public var priorWeight: Double
    public var evidence: [Evidence]
    public var decision: PairDecision
    public var reasons: [String]

    public var description: String {
        var lines = [
            "#\(first) ~ #\(second): p=\(probability.formatted3) weight=\(matchWeight.formatted3) "
                + "bits (prior \(priorWeight.formatted3)) → \(decision.rawValue)"
        ]
        for item in evidence {
            lines.append("  \(item.field): \(item.level) \(item.weight >= 0 ? "+" : "")\(item.weight.formatted3)")
        }
        for reason in reasons { lines.append("  note: \(reason)") }
        return lines.joined(separator: "\n")
    }
}

/// The evidence rules that sit on top of the score, so that no single kind of evidence links
/// two records on its own however rare it is:
/// - shared identifiers with conflicting names (same e-mail or phone, different people) → review;
/// - names alone (nothing else present agrees) → review;
/// - no agreeing name → review, unless the birth date agrees *and* something else does too (a
///   renamed record at the same address with the same birth date is still the same person).
/// For organisations the company name plays the part of the person's names, and the same phone at
/// the same street address and number stands in for it (a name written another way).
enum EvidenceGuard {
    static let identifierConflict = "same e-mail or phone but different names"

    /// `nil` when the pair may link; otherwise why it goes to review instead.
    static func objection(_ pattern: ComparisonPattern, isPerson: Bool) -> String? {
        let nameFields: [ComparisonField] = isPerson ? [.givenName, .familyName] : [.company]
        let names = nameFields.compactMap { field in pattern[field].map { (field, $0) } }
        let nameEvidence = names.contains { field, level in Int(level) < field.disagreeLevel }
        let nameConflict = !names.isEmpty && names.allSatisfy { field, level in Int(level) == field.disagreeLevel }
        let agreeing = ComparisonField.allCases.filter { field in
            !nameFields.contains(field) && (pattern[field].map { $0 <= 1 && Int($0) < field.disagreeLevel } ?? false)
        }
        let identifierAgrees = [ComparisonField.email, .phone].contains { pattern[$0] == 0 }
        let sameOffice =
            !isPerson && pattern[.phone] == 0 && pattern[.streetNumber] == 0 && (pattern[.addressLine1] ?? 2) <= 1
        if nameConflict && identifierAgrees && !sameOffice { return identifierConflict }
        if !nameEvidence && sameOffice {
            // One office: same phone line at the same street address, the name written another way.
            return nil
        }
        if !nameEvidence {
            let birthDateAgrees = agreeing.contains(.birthDate)
            return isPerson && birthDateAgrees && agreeing.count >= 2 ? nil : "no agreeing name"
        }
        if agreeing.isEmpty { return "names agree but nothing else does" }
        return nil
    }
}

extension Double {
    var formatted3: String {
        let scaled = (self * 1000).rounded() / 1000
        return String(scaled)
    }
}
