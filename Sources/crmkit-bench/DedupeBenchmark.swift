import ArgumentParser
import CRMDedupe
import CRMImport
import Foundation
import Synchronization

/// `crmkit-bench dedupe`: time and quality of `evaluate` on synthetic contacts at a given size.
/// Peak memory is measured from outside: `/usr/bin/time -v crmkit-bench dedupe --records 1000000`.
struct DedupeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe",
        abstract:
            "Dedupe engine on deterministic generated contacts: time per "
            + "stage, candidate pairs, link-band precision/recall/F1."
    )

    enum Generator: String, ExpressibleByArgument, CaseIterable {
        /// `crmkit sample`'s realistic contacts: census name frequencies, shared addresses, same-name colleagues.
        case sample
        /// The older compact generator (syllable surnames, birth dates, swapped names).
        case synthetic
    }

    @Option(help: "Which generator: sample (realistic, as `crmkit sample`) or synthetic.")
    var generator: Generator = .sample

    @Option(help: "Share of records that duplicate an earlier one (sample generator).")
    var duplicateRate: Double = 0.1

    @Option(help: "Number of records to generate (several sizes: repeat the option).")
    var records: [Int] = [10_000]

    @Option(help: "Generator seed.")
    var seed: UInt64 = 42

    @Option(help: "Blocks larger than this are compared by sorted neighbourhood (default: the engine's).")
    var maxBlockSize: Int?

    @Option(help: "Sorted-neighbourhood window in oversized blocks (default: the engine's).")
    var window: Int?

    @Option(help: "Run on this file instead of generated data (with --mapping and --truth).")
    var file: String?

    @Option(help: "The mapping for --file.")
    var mapping: String?

    @Option(help: "The ground truth for --file: record_index,cluster_id.")
    var truth: String?

    @Option(help: "With --file: print this many missed true pairs with their verdicts.")
    var showMissed = 0

    @Flag(help: "Band pairs by probability alone (DedupeConfiguration.namesVeto off).")
    var noNamesVeto = false

    @Flag(help: "Also report pair completeness: the share of true pairs that blocking puts among the candidates.")
    var pairCompleteness = false

    @Flag(help: "Keep u at the random-pair estimate during EM.")
    var fixU = false

    func run() throws {
        if let file {
            guard let mapping, let truth else { throw ValidationError("--file needs --mapping and --truth") }
            var configuration = DedupeConfiguration()
            if let maxBlockSize { configuration.maxBlockSize = maxBlockSize }
            if let window { configuration.oversizedWindow = window }
            configuration.namesVeto = !noNamesVeto
            try DedupeFileRun(
                file: file, mapping: mapping, truth: truth, configuration: configuration, showMissed: showMissed
            ).run()
            return
        }
        for count in records {
            let clock = ContinuousClock()
            let start = clock.now
            let data: (records: [DedupeRecord], truth: GroundTruth, entities: Int)
            switch generator {
            case .sample:
                let set = SampleGenerator.dedupeSet(count: count, duplicateRate: duplicateRate, seed: seed)
                data = (set.records, set.truth, Set(set.truth.clusterOf.values).count)
            case .synthetic:
                let set = DedupeSyntheticContacts(seed: seed).generate(count: count)
                data = (set.records, set.truth, set.entities)
            }
            let generated = clock.now
            var configuration = DedupeConfiguration()
            configuration.fixUFromRandomPairs = fixU
            if let maxBlockSize { configuration.maxBlockSize = maxBlockSize }
            if let window { configuration.oversizedWindow = window }
            configuration.namesVeto = !noNamesVeto
            let stages = StageLog()
            let result = DedupeEngine(configuration: configuration) { stage, seconds in stages.add(stage, seconds) }
                .run(data.records)
            let metrics = DedupeEvaluation.metrics(
                clusters: result.clusters, truth: data.truth, records: data.records.count,
                candidatePairs: result.candidatePairs)
            let finished = clock.now
            print(
                "records \(count) (entities \(data.entities)), generate \(seconds(generated - start)) s, "
                    + "dedupe+evaluate \(seconds(finished - generated)) s")
            print("  \(metrics)")
            print(
                "  model: \(result.model?.provenance ?? "rules"); reviews: \(result.reviews.count); "
                    + "clusters: \(result.clusters.count), largest \(result.clusters.map(\.count).max() ?? 0)")
            print("  stages: " + stages.summary)
            if pairCompleteness {
                print(
                    "  pair completeness (true pairs among candidates): "
                        + String(format: "%.4f", Self.pairCompleteness(data.records, data.truth, configuration)))
            }
            for key in result.blocking.keys {
                print(
                    "  block \(key.key): \(key.blocks) blocks, largest \(key.largestBlock), "
                        + "oversized \(key.oversizedBlocks), pairs \(key.pairs)"
                )
            }
        }
    }

    /// Runs blocking alone and counts the true pairs it proposes.
    static func pairCompleteness(_ records: [DedupeRecord], _ truth: GroundTruth, _ configuration: DedupeConfiguration)
        -> Double
    {
        let found = candidates(records, configuration).filter { pair in
            if let x = truth.clusterOf[Int(pair >> 32)], x == truth.clusterOf[Int(pair & 0xFFFF_FFFF)] { return true }
            return false
        }.count
        return truth.pairCount == 0 ? 1 : Double(found) / Double(truth.pairCount)
    }

    /// Blocking's candidate pairs, as `low << 32 | high` of the records' `index`.
    static func candidates(_ records: [DedupeRecord], _ configuration: DedupeConfiguration) -> Set<UInt64> {
        let preparer = RecordPreparer(
            emailOptions: configuration.emailOptions, defaultPhoneRegion: configuration.defaultPhoneRegion,
            dayFirstDates: configuration.dayFirstDates)
        let generator = CandidateGenerator(
            keys: configuration.blockingKeys, maxBlockSize: configuration.maxBlockSize,
            oversizedWindow: configuration.oversizedWindow,
            sharedIdentifierThreshold: configuration.sharedIdentifierThreshold)
        var pairs = Set<UInt64>()
        for pair in generator.generate(records.map(preparer.prepare)).pairs {
            let a = records[Int(pair >> 32)].index, b = records[Int(pair & 0xFFFF_FFFF)].index
            pairs.insert(UInt64(min(a, b)) << 32 | UInt64(max(a, b)))
        }
        return pairs
    }

    private func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.2f", value)
    }
}

/// The engine's stage times as they are reported, for one line after the figures.
final class StageLog: Sendable {
    private let stages = Mutex<[String]>([])

    func add(_ stage: String, _ seconds: Double) {
        stages.withLock { $0.append("\(stage) \(String(format: "%.2f", seconds)) s") }
    }

    var summary: String { stages.withLock { $0.joined(separator: ", ") } }
}
