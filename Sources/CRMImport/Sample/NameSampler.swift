import CRMDedupe

/// Draws given names and surnames as often as they occur in a real population (the census
/// frequencies in `PopulationNames`): a few names are very common, most are rare, so the same
/// "John Smith" turns up for different people the way it does in a real CRM.
struct NameSampler: Sendable {
    private let given: WeightedChoice
    private let family: WeightedChoice

    static let shared = NameSampler()

    private init() {
        given = WeightedChoice(PopulationNames.givenNames.entries)
        family = WeightedChoice(PopulationNames.surnames.entries)
    }

    func givenName(_ rng: inout SampleRandom) -> String { Self.capitalized(given.pick(&rng)) }
    func familyName(_ rng: inout SampleRandom) -> String { Self.capitalized(family.pick(&rng)) }

    /// Nicknames of a formal given name as a duplicate might write it ("William" → "Bill").
    func nicknames(of name: String) -> [String] {
        Self.nicknameCache[name.lowercased()] ?? []
    }

    private static let nicknameCache: [String: [String]] = {
        var cache: [String: [String]] = [:]
        for (name, _) in PopulationNames.givenNames.entries {
            let nicks = NicknameTable.nicknames(of: name)
            if !nicks.isEmpty { cache[name] = nicks.map(capitalized) }
        }
        return cache
    }()

    static func capitalized(_ name: String) -> String {
        var out = ""
        var upper = true
        for ch in name {
            out += upper ? ch.uppercased() : String(ch)
            upper = ch == "-" || ch == " " || ch == "'"
        }
        if out.hasPrefix("Mc"), out.count > 2 {
            let rest = out.dropFirst(2)
            out = "Mc" + rest.prefix(1).uppercased() + rest.dropFirst()
        }
        return out
    }
}

/// Picks an item with probability proportional to its weight (binary search over the running sum).
struct WeightedChoice: Sendable {
    private let items: [String]
    private let cumulative: [Double]

    init(_ weighted: [(name: String, share: Double)]) {
        items = weighted.map(\.name)
        var sum = 0.0
        cumulative = weighted.map {
            sum += $0.share; return sum
        }
    }

    func pick(_ rng: inout SampleRandom) -> String {
        guard let total = cumulative.last, total > 0 else { return items.first ?? "" }
        let target = rng.unit() * total
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < target { low = mid + 1 } else { high = mid }
        }
        return items[low]
    }
}
