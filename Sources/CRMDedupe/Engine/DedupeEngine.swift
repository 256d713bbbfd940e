/// Finds duplicate records: prepare → block → compare → weigh (Fellegi-Sunter/EM) → decide →
/// cluster. Every pair decision is the `IdentityModel`'s, the same verdict the importer uses. Survivorship is separate
/// (`Survivorship`), so callers can review clusters first.
public struct DedupeEngine: Sendable {
    public var configuration: DedupeConfiguration
    /// Told each stage's name and wall-clock seconds as it ends (prepare, block, compare…): for
    /// benchmarks, which say where the time goes; a run without an observer only reads the clock.
    public var stageObserver: (@Sendable (_ stage: String, _ seconds: Double) -> Void)?

    public init(
        configuration: DedupeConfiguration = DedupeConfiguration(),
        stageObserver: (@Sendable (_ stage: String, _ seconds: Double) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.stageObserver = stageObserver
    }

    public func run(_ records: [DedupeRecord]) -> DedupeResult {
        let preparer = RecordPreparer(
            emailOptions: configuration.emailOptions, defaultPhoneRegion: configuration.defaultPhoneRegion,
            dayFirstDates: configuration.dayFirstDates)
        var stopwatch = StageClock(observer: stageObserver)
        let prepared = Parallel.map(count: records.count, minimumChunk: 512) { preparer.prepare(records[$0]) }
        stopwatch.lap("prepare")
        return run(prepared: prepared, indices: records.map(\.index), stopwatch: stopwatch)
    }

    func run(prepared: [PreparedRecord], indices: [Int], stopwatch: StageClock? = nil) -> DedupeResult {
        var stopwatch = stopwatch ?? StageClock(observer: stageObserver)
        let generator = CandidateGenerator(
            keys: configuration.blockingKeys, maxBlockSize: configuration.maxBlockSize,
            oversizedWindow: configuration.oversizedWindow,
            sharedIdentifierThreshold: configuration.sharedIdentifierThreshold)
        let candidates = generator.generate(prepared)
        stopwatch.lap("block")
        var frequencies = ValueFrequencies(configuration: configuration)
        for record in prepared { frequencies.count(prepared: record) }
        stopwatch.lap("count values")
        // One comparator for EM and for the decisions: the identity model's, so an address held
        // by people with conflicting names is set aside in both.
        let shared = candidates.sharedIdentifiers.union(
            frequencies.sharedIdentifiers(threshold: configuration.sharedIdentifierThreshold))
        let comparator = RecordComparator(fields: configuration.fields, sharedIdentifiers: shared)
        let pairs = candidates.pairs
        // The workers read records straight from the shared array: it is immutable and a prepared
        // record is an immutable class, so a read hands over one reference, never copies the fields.
        let patterns: [ComparisonPattern] = Parallel.map(count: pairs.count, minimumChunk: 8192) { k in
            comparator.compare(prepared[Int(pairs[k] >> 32)], prepared[Int(pairs[k] & 0xFFFF_FFFF)])
        }
        stopwatch.lap("compare")
        let model = estimateModel(patterns: patterns, prepared: prepared, comparator: comparator)
        stopwatch.lap("estimate weights")
        let identity = IdentityModel(
            kind: prepared.allSatisfy(\.isPerson) ? .person : .organization, configuration: configuration,
            frequencies: frequencies, model: model, sharedIdentifiers: shared)

        var links: [ScoredPair] = []
        var reviews: [ScoredPair] = []
        let decided = Parallel.chunks(count: pairs.count, minimumChunk: 16384) { [frequencies] range -> [ScoredPair] in
            var out: [ScoredPair] = []
            for k in range {
                let a = Int(pairs[k] >> 32), b = Int(pairs[k] & 0xFFFF_FFFF)
                let verdict = identity.judge(prepared[a], prepared[b], pattern: patterns[k])
                guard verdict.band != .distinct else { continue }
                let reason =
                    verdict.band == .review
                    ? IdentityReasons.describe(verdict, prepared[a], prepared[b], frequencies: frequencies).joined(
                        separator: "; ") : nil
                out.append(
                    ScoredPair(
                        first: a, second: b, pattern: verdict.pattern, matchWeight: verdict.weight,
                        probability: verdict.probability, decision: verdict.band.pairDecision, reviewReason: reason)
                )
            }
            return out
        }
        for pair in decided.joined() {
            if pair.decision == .link { links.append(pair) } else { reviews.append(pair) }
        }

        stopwatch.lap("decide")
        let clustering = AverageLinkageClustering(clusterThreshold: configuration.clusterThreshold)
        let components = AverageLinkageClustering.components(
            count: prepared.count, links: links.map { ($0.first, $0.second) })
        let clusters = Parallel.map(count: components.count, minimumChunk: 256) { [links] c -> [[Int]] in
            let members = components[c]
            if members.count > clustering.maximumComponent {
                let strong = links.filter { members.contains($0.first) && $0.probability >= configuration.threshold }
                return AverageLinkageClustering.components(
                    count: prepared.count, links: strong.map { ($0.first, $0.second) })
            }
            // A review pair weighs its probability: counted as nothing, one uncertain pair inside a
            // group of strong links (a copy with a broken e-mail) would cut a person in two, while a
            // pair the identity rules veto stays at nothing, so it can never be chained together.
            return clustering.split(members) { i, j in
                let verdict = identity.judge(prepared[i], prepared[j])
                switch verdict.band {
                case .link: return verdict.probability
                case .review: return verdict.probability
                case .distinct: return verdict.conflicts.isHard && configuration.namesVeto ? 0 : verdict.probability
                }
            }
        }.joined().filter { $0.count > 1 }

        func renumber(_ pair: ScoredPair) -> ScoredPair {
            var copy = pair
            copy.first = indices[pair.first]
            copy.second = indices[pair.second]
            return copy
        }
        stopwatch.lap("cluster")
        return DedupeResult(
            clusters: clusters.map { $0.map { indices[$0] }.sorted() }.sorted { $0[0] < $1[0] },
            links: links.map(renumber), reviews: reviews.map(renumber),
            model: model, identity: identity, blocking: candidates.statistics)
    }

    /// The Fellegi-Sunter model for this run: given, estimated by EM, or the priors.
    func estimateModel(patterns: [ComparisonPattern], prepared: [PreparedRecord], comparator: RecordComparator)
        -> FellegiSunterModel?
    {
        switch configuration.scoring {
        case .rules: return nil
        case .fellegiSunter(let model): return model
        case .fellegiSunterEM:
            var start = FellegiSunterModel.priors
            var hasRandomU = false
            if let u = RandomPairSampler(sampleSize: configuration.randomPairSample, seed: configuration.seed)
                .estimateU(prepared, comparator: comparator)
            {
                start.u = u
                hasRandomU = true
                start.provenance = "built-in m priors, u from random pairs"
            }
            guard patterns.count >= configuration.minimumPairsForEM else { return start }
            var counts: [ComparisonPattern: Int] = [:]
            for pattern in patterns { counts[pattern, default: 0] += 1 }
            var em = ExpectationMaximization(fixU: configuration.fixUFromRandomPairs)
            em.maxIterations = 300
            let outcome = em.estimate(patterns: counts, start: start)
            let observed = Set(ComparisonField.allCases.filter { f in counts.keys.contains { $0[f] != nil } })
            if let reason = ExpectationMaximization.implausibility(outcome.model, observed: observed) {
                start.provenance += " (EM result not used: \(reason))"
                return start
            }
            guard hasRandomU else { return outcome.model }
            // Score with m from EM but u and λ for the whole population of pairs: candidates were
            // chosen for agreeing on names, so among them a shared name is common and EM's u would
            // make it nearly worthless; among all pairs it is rare, which is what a match weight means.
            var model = outcome.model
            let allPairs = Double(prepared.count) * Double(prepared.count - 1) / 2
            model.u = start.u
            model.lambda = min(0.5, max(1e-12, outcome.model.lambda * Double(patterns.count) / allPairs))
            model.provenance += "; u from random pairs, λ scaled to all pairs"
            return model
        }
    }
}

/// Estimates u-probabilities from random record pairs, which are almost all non-matches.
struct RandomPairSampler: Sendable {
    var sampleSize: Int
    var seed: UInt64

    func estimateU(_ records: [PreparedRecord], comparator: RecordComparator) -> [[Double]]? {
        let n = records.count
        guard n >= 50 else { return nil }
        let size = min(sampleSize, n * (n - 1) / 2)
        let chunks = Parallel.chunks(count: size, minimumChunk: 8192) { [seed] range -> [[Double]] in
            var rng = SplitMix64(seed: seed &+ UInt64(range.lowerBound))
            var counts = ComparisonField.allCases.map { [Double](repeating: 0, count: $0.levelCount) }
            for _ in range {
                let a = Int(rng.next() % UInt64(n))
                var b = Int(rng.next() % UInt64(n - 1))
                if b >= a { b += 1 }
                let pattern = comparator.compare(records[a], records[b])
                for field in ComparisonField.allCases {
                    if let level = pattern[field] { counts[field.rawValue][Int(level)] += 1 }
                }
            }
            return counts
        }
        let priors = FellegiSunterModel.priors.u
        return ComparisonField.allCases.map { field in
            let f = field.rawValue
            let observed = chunks.map { $0[f] }.reduce([Double](repeating: 0, count: field.levelCount)) {
                zip($0, $1).map(+)
            }
            let total = observed.reduce(0, +)
            // Few observations: lean on the prior (pseudo-counts worth 20 pairs).
            let prior = priors[f]
            return zip(observed, prior).map { ($0 + 20 * $1) / (total + 20) }
        }
    }
}

/// Wall-clock seconds per stage, handed to the engine's observer as each stage ends.
struct StageClock: Sendable {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private let observer: (@Sendable (String, Double) -> Void)?

    init(observer: (@Sendable (String, Double) -> Void)?) {
        self.observer = observer
        last = clock.now
    }

    mutating func lap(_ name: String) {
        guard let observer else { return }
        let now = clock.now
        let elapsed = now - last
        observer(name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        last = now
    }
}
