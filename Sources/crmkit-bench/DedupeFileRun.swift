import CRMDedupe
import CRMImport
import Foundation

/// `crmkit-bench dedupe --file F --mapping M --truth T`: the engine on a real file (FEBRL,
/// splink, an export with its ground truth), with the figures a tuning session needs beyond
/// `crmkit dedupe evaluate`: pair completeness and the true pairs it missed, with their verdicts.
struct DedupeFileRun {
    var file: String
    var mapping: String
    var truth: String
    var configuration: DedupeConfiguration
    var showMissed: Int

    func run() throws {
        let parsed = try MappingParser.load(path: mapping)
        let truth = try GroundTruth.parse(
            csv: try String(contentsOfFile: self.truth, encoding: .utf8), source: self.truth)
        var configuration = configuration
        if parsed.entity == .organization {
            let tuned = configuration
            configuration = .forOrganizations()
            configuration.maxBlockSize = tuned.maxBlockSize
            configuration.oversizedWindow = tuned.oversizedWindow
            configuration.namesVeto = tuned.namesVeto
        }
        let evaluation = FileEvaluation(mapping: parsed, configuration: configuration)
        let mapped = try evaluation.records(path: file)
        let clock = ContinuousClock()
        let start = clock.now
        let result = DedupeEngine(configuration: configuration).run(mapped.records)
        let elapsed = clock.now - start
        let metrics = DedupeEvaluation.metrics(
            clusters: result.clusters, truth: truth, records: mapped.count,
            candidatePairs: result.candidatePairs)
        print("\(file): \(mapped.count) records (\(mapped.unmappedCount) not mapped), \(elapsed)")
        print("  \(metrics)")
        print(
            "  pair completeness (true pairs among candidates): "
                + String(format: "%.4f", DedupeBenchmark.pairCompleteness(mapped.records, truth, configuration)))
        guard showMissed > 0, let identity = result.identity else { return }
        let candidates = DedupeBenchmark.candidates(mapped.records, configuration)
        var clusterOf: [Int: Int] = [:]
        for (c, cluster) in result.clusters.enumerated() { for member in cluster { clusterOf[member] = c } }
        let byIndex = Dictionary(mapped.records.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        var members: [String: [Int]] = [:]
        for (index, cluster) in truth.clusterOf { members[cluster, default: []].append(index) }
        var shown = 0
        for cluster in members.values.sorted(by: { $0.min() ?? 0 < $1.min() ?? 0 }) {
            let sorted = cluster.sorted()
            for (x, i) in sorted.enumerated() {
                for j in sorted[(x + 1)...] where clusterOf[i] == nil || clusterOf[i] != clusterOf[j] {
                    guard shown < showMissed, let a = byIndex[i], let b = byIndex[j] else { continue }
                    shown += 1
                    let verdict = identity.assess(a, b)
                    let blocked = candidates.contains(UInt64(i) << 32 | UInt64(j)) ? "" : "never compared; "
                    print(
                        "  missed \(i)–\(j): \(blocked)\(verdict.band) "
                            + "p=\(String(format: "%.3f", verdict.probability)) "
                            + verdict.reasons.joined(separator: "; "))
                    print("    \(Self.summary(a))\n    \(Self.summary(b))")
                    print(
                        "    " + verdict.evidence.map { "\($0.field) \($0.level) \($0.weight)" }.joined(separator: ", ")
                    )
                }
            }
        }
    }

    static func summary(_ r: DedupeRecord) -> String {
        [
            r.givenName, r.familyName, r.name, r.birthDate, r.addressLine1, r.city, r.postcode,
            r.emails.first, r.phones.first,
        ].map { $0 ?? "·" }.joined(separator: " | ")
    }
}
