import ArgumentParser
import CRMDedupe
import CRMImport
import Foundation

/// `crmkit-bench dedupe`: time and quality of `evaluate` on synthetic contacts at a given size.
/// Peak memory is measured from outside: `/usr/bin/time -v crmkit-bench dedupe --records 1000000`.
struct DedupeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe",
        abstract: "Dedupe engine on deterministic generated contacts: time per stage, candidate pairs, link-band precision/recall/F1.")

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

    @Flag(help: "Keep u at the random-pair estimate during EM.")
    var fixU = false

    func run() throws {
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
            let (metrics, result) = DedupeEvaluation.evaluate(data.records, truth: data.truth, configuration: configuration)
            let finished = clock.now
            print("records \(count) (entities \(data.entities)), generate \(seconds(generated - start)) s, "
                  + "dedupe+evaluate \(seconds(finished - generated)) s")
            print("  \(metrics)")
            print("  model: \(result.model?.provenance ?? "rules"); reviews: \(result.reviews.count); "
                  + "clusters: \(result.clusters.count), largest \(result.clusters.map(\.count).max() ?? 0)")
            print("  stages: " + result.stageSeconds.map { "\($0.name) \(String(format: "%.2f", $0.seconds)) s" }.joined(separator: ", "))
            for key in result.blocking.keys {
                print("  block \(key.key): \(key.blocks) blocks, largest \(key.largestBlock), oversized \(key.oversizedBlocks), pairs \(key.pairs)")
            }
        }
    }

    private func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.2f", value)
    }
}
