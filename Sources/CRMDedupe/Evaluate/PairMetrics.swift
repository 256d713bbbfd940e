/// Pair-level quality of a clustering against ground truth.
public struct PairMetrics: Sendable, Codable, Hashable, CustomStringConvertible {
    public var records: Int
    public var truePairs: Int
    public var foundPairs: Int
    public var correctPairs: Int
    public var candidatePairs: Int
    public var precision: Double { foundPairs == 0 ? 1 : Double(correctPairs) / Double(foundPairs) }
    public var recall: Double { truePairs == 0 ? 1 : Double(correctPairs) / Double(truePairs) }
    public var f1: Double {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
    public var description: String {
        "records \(records), true pairs \(truePairs), pairs found \(foundPairs), correct \(correctPairs), "
            + "precision \(precision.formatted4), recall \(recall.formatted4), "
            + "F1 \(f1.formatted4), candidate pairs \(candidatePairs)"
    }
}

/// Scores clusters against ground truth over pairs, as `crmkit dedupe evaluate` reports.
public enum DedupeEvaluation {
    /// `clusters` hold record indices; records absent from `truth` count as singletons.
    public static func metrics(clusters: [[Int]], truth: GroundTruth, records: Int, candidatePairs: Int) -> PairMetrics
    {
        var found = 0, correct = 0
        for cluster in clusters {
            found += cluster.count * (cluster.count - 1) / 2
            var byTruth: [String: Int] = [:]
            for index in cluster {
                if let id = truth.clusterOf[index] { byTruth[id, default: 0] += 1 }
            }
            correct += byTruth.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        }
        return PairMetrics(
            records: records, truePairs: truth.pairCount, foundPairs: found, correctPairs: correct,
            candidatePairs: candidatePairs)
    }

    /// Runs the engine and scores its clusters.
    public static func evaluate(
        _ records: [DedupeRecord], truth: GroundTruth,
        configuration: DedupeConfiguration = DedupeConfiguration()
    ) -> (PairMetrics, DedupeResult) {
        let result = DedupeEngine(configuration: configuration).run(records)
        return (
            metrics(
                clusters: result.clusters, truth: truth, records: records.count,
                candidatePairs: result.candidatePairs), result
        )
    }
}

extension Double {
    var formatted4: String { String((self * 10000).rounded() / 10000) }
}
