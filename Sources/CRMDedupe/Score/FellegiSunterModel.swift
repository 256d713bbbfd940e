import Foundation

/// Fellegi-Sunter match model: for every field and agreement level, the probability of that level
/// among true matches (m) and among non-matches (u), plus the prior share of matches (λ).
///
/// A pair's match weight is log2(λ/(1-λ)) + Σ log2(m/u) over the fields that are present; its
/// match probability is 2^w / (1 + 2^w). Weights are in bits so an explanation reads as "the
/// e-mail agreeing made a match 2^12 times likelier".
public struct FellegiSunterModel: Sendable, Codable, Hashable {
    /// m[field.rawValue][level].
    public var m: [[Double]]
    public var u: [[Double]]
    public var lambda: Double
    /// How the model was obtained ("EM over 12,345 candidate pairs, 23 iterations", "built-in priors").
    public var provenance: String

    public init(m: [[Double]], u: [[Double]], lambda: Double, provenance: String) {
        self.m = m
        self.u = u
        self.lambda = lambda
        self.provenance = provenance
    }

    /// Weight in bits of one field at one level; 0 for a missing field.
    public func weight(_ field: ComparisonField, level: UInt8?) -> Double {
        guard let level else { return 0 }
        let mi = m[field.rawValue][Int(level)], ui = u[field.rawValue][Int(level)]
        return log2(max(mi, 1e-9) / max(ui, 1e-9))
    }

    public var priorWeight: Double { log2(max(lambda, 1e-12) / max(1 - lambda, 1e-12)) }

    public func matchWeight(_ pattern: ComparisonPattern) -> Double {
        var total = priorWeight
        for field in ComparisonField.allCases { total += weight(field, level: pattern[field]) }
        return total
    }

    public func probability(_ pattern: ComparisonPattern) -> Double {
        Self.probability(weight: matchWeight(pattern))
    }

    public static func probability(weight: Double) -> Double {
        let odds = exp2(min(max(weight, -60), 60))
        return odds / (1 + odds)
    }

    /// Priors used when the data are too few for EM, and as EM's starting point.
    ///
    /// m: the level distribution among true duplicates in CRM data (mostly exact, some typos).
    /// u: rough chance agreement for unrelated people; replaced by random-pair estimates when
    /// there are enough records.
    public static let priors: FellegiSunterModel = {
        var m = [[Double]](), u = [[Double]]()
        for field in ComparisonField.allCases {
            switch field {
            case .givenName: m.append([0.85, 0.08, 0.04, 0.03]); u.append([0.01, 0.01, 0.05, 0.93])
            case .familyName: m.append([0.88, 0.06, 0.03, 0.03]); u.append([0.002, 0.005, 0.03, 0.963])
            case .birthDate: m.append([0.85, 0.08, 0.04, 0.03]); u.append([0.0001, 0.0005, 0.03, 0.9694])
            case .email: m.append([0.80, 0.10, 0.10]); u.append([0.0001, 0.0009, 0.999])
            case .phone: m.append([0.80, 0.05, 0.15]); u.append([0.0002, 0.0008, 0.999])
            case .company: m.append([0.75, 0.15, 0.10]); u.append([0.02, 0.03, 0.95])
            case .streetNumber: m.append([0.85, 0.05, 0.10]); u.append([0.02, 0.06, 0.92])
            case .addressLine1, .addressLine2: m.append([0.80, 0.12, 0.08]); u.append([0.005, 0.02, 0.975])
            case .city: m.append([0.85, 0.08, 0.07]); u.append([0.05, 0.02, 0.93])
            case .postcode: m.append([0.85, 0.08, 0.07]); u.append([0.01, 0.03, 0.96])
            case .region: m.append([0.95, 0.05]); u.append([0.2, 0.8])
            case .website: m.append([0.90, 0.10]); u.append([0.001, 0.999])
            }
        }
        return FellegiSunterModel(m: m, u: u, lambda: 0.001, provenance: "built-in priors")
    }()
}
