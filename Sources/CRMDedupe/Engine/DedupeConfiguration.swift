/// Everything that changes what the engine links. The defaults are one configuration for all
/// person data; organisations get their own blocking keys through `forOrganizations()`.
public struct DedupeConfiguration: Sendable, Codable, Hashable {
    public enum Scoring: Sendable, Codable, Hashable {
        /// Fellegi-Sunter with m, u and λ estimated by EM from the candidate pairs (u starting
        /// from random pairs). Falls back to the priors when there are fewer than
        /// `minimumPairsForEM` candidate pairs or EM finds an implausible split.
        case fellegiSunterEM
        /// Fellegi-Sunter with given weights (e.g. a model saved from an earlier EM run).
        case fellegiSunter(FellegiSunterModel)
        /// Deterministic rules: a pair links when any rule holds. Probability is 1 or 0.
        case rules([MatchRule])
    }

    public var scoring: Scoring = .fellegiSunterEM
    /// Minimum match probability for a pair to link (0...1).
    public var threshold: Double = 0.95
    /// Below `threshold`, pairs at or above this probability go to review rather than `distinct`.
    public var reviewThreshold: Double = 0.8
    /// Average-linkage floor inside a connected component: sub-clusters merge only while the mean
    /// match probability across them stays at or above this (see `AverageLinkageClustering`).
    public var clusterThreshold: Double = 0.5
    public var fields: [ComparisonField] = ComparisonField.allCases
    public var blockingKeys: [BlockingKey] = BlockingKey.personDefaults
    public var maxBlockSize: Int = 8
    public var oversizedWindow: Int = 4
    public var sharedIdentifierThreshold: Int = 20
    /// Random record pairs drawn to estimate u.
    public var randomPairSample: Int = 200_000
    public var minimumPairsForEM: Int = 1_000
    public var fixUFromRandomPairs: Bool = false
    /// People link only with name evidence and at least one other agreeing field; identifiers
    /// alone (a shared e-mail or phone with different names) go to review instead.
    public var requireCorroboration: Bool = true
    /// Names that conflict keep a pair out of `link` whatever the score: another given name (a
    /// household), another surname without a shared birthday and address, Jr against Sr, two
    /// different private mailboxes. Right for CRM data, where such pairs are relatives and
    /// colleagues. Off, pairs are banded by probability alone, for registries whose records were
    /// keyed by hand with whole names mistyped or swapped (the FEBRL and splink benchmarks).
    public var namesVeto: Bool = true
    /// A different given name with the same birthday and home is a name replaced on one
    /// person's record far more often than twins, so by default it is not a veto and such a pair
    /// can link. On, such pairs go to review at most: for data where twins living together are
    /// common (family practices, schools), at the cost of recall where names were mistyped
    /// (FEBRL: F1 0.993 → 0.951 and 0.996 → 0.935).
    public var birthdayExcusesReviewOnly: Bool = false
    public var emailOptions: EmailNormalizer.Options = .init()
    public var defaultPhoneRegion: String = "US"
    public var dayFirstDates: Bool = true
    public var seed: UInt64 = 0x5EED

    public init() {}

    public static func forOrganizations() -> DedupeConfiguration {
        var configuration = DedupeConfiguration()
        configuration.blockingKeys = BlockingKey.organizationDefaults
        return configuration
    }
}

/// A deterministic linking rule: every listed field must be present and at or better than its level.
public struct MatchRule: Sendable, Codable, Hashable {
    public var name: String
    /// Field → worst acceptable level (0 = exact only).
    public var conditions: [ComparisonField: UInt8]

    public init(name: String, conditions: [ComparisonField: UInt8]) {
        self.name = name
        self.conditions = conditions
    }

    public func holds(for pattern: ComparisonPattern) -> Bool {
        conditions.allSatisfy { field, worst in pattern[field].map { $0 <= worst } ?? false }
    }
}
