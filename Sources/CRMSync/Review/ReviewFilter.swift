/// Which groups the list shows: all conditions must hold; nil means any.
public struct ReviewFilter: Sendable, Equatable {
    public var band: String?
    /// Bounds on the group's probability (its weakest pair's), inclusive.
    public var minimumProbability: Double?
    public var maximumProbability: Double?
    public var decided: Bool?

    public init(
        band: String? = nil, minimumProbability: Double? = nil, maximumProbability: Double? = nil, decided: Bool? = nil
    ) {
        self.band = band
        self.minimumProbability = minimumProbability
        self.maximumProbability = maximumProbability
        self.decided = decided
    }

    func admits(_ group: MergePlan.Group) -> Bool {
        if let band, (group.band ?? "link") != band { return false }
        let probability = ReviewGroupSummary.probability(of: group)
        if let minimumProbability, probability < minimumProbability { return false }
        if let maximumProbability, probability > maximumProbability { return false }
        if let decided, (group.reviewed ?? false) != decided { return false }
        return true
    }
}

/// A line of the group list: enough to choose a group without loading its members.
public struct ReviewGroupSummary: Sendable, Codable, Equatable {
    public var group: Int
    public var band: String
    public var reviewed: Bool
    public var probability: Double
    public var members: Int
    /// The survivor's name first, then the other members' (at most three in all).
    public var names: [String]

    init(_ group: MergePlan.Group) {
        self.group = group.group
        band = group.band ?? "link"
        reviewed = group.reviewed ?? false
        probability = Self.probability(of: group)
        members = group.members.count
        let ordered =
            group.members.filter { $0.id == group.survivor } + group.members.filter { $0.id != group.survivor }
        names = ordered.prefix(3).map { $0.name ?? $0.id }
    }

    /// The weakest pair's probability: a group is only as certain as its least certain link.
    static func probability(of group: MergePlan.Group) -> Double {
        group.pairs.map(\.probability).min() ?? 0
    }
}

/// One page of the group list, with the counts the page header shows.
public struct ReviewPage: Sendable, Codable, Equatable {
    /// Groups the filter admits.
    public var total: Int
    /// Groups of the whole plan nobody has accepted or rejected yet.
    public var left: Int
    public var offset: Int
    public var items: [ReviewGroupSummary]
}
