import Testing
@testable import CRMDedupe

@Suite struct EvaluationTests {
    @Test func pairMetricsCountClustersAsPairs() {
        let truth = GroundTruth(clusterOf: [0: "a", 1: "a", 2: "a", 3: "b", 4: "b", 5: "c"])
        #expect(truth.pairCount == 4)  // 3 + 1
        let metrics = DedupeEvaluation.metrics(
            clusters: [[0, 1], [3, 4, 5]], truth: truth, records: 6, candidatePairs: 9)
        #expect(metrics.foundPairs == 4)
        #expect(metrics.correctPairs == 2)
        #expect(metrics.precision == 0.5)
        #expect(metrics.recall == 0.5)
        #expect(metrics.f1 == 0.5)
        #expect(metrics.candidatePairs == 9)
    }

    @Test func truthFromPairsIsTransitive() {
        let truth = GroundTruth(pairs: [(0, 1), (1, 2), (5, 6)])
        #expect(truth.pairCount == 4)
    }

    @Test func parsesTruthCSV() throws {
        let truth = try GroundTruth.parse(csv: "record_index,cluster_id\n0,7\n1,7\n2,8\n\n", source: "truth.csv")
        #expect(truth.clusterOf == [0: "7", 1: "7", 2: "8"])
    }

    @Test func truthErrorsNameFileAndLine() {
        #expect(throws: DedupeError.truth("t.csv", line: 3, "record_index `x` is not a 0-based record number")) {
            try GroundTruth.parse(csv: "record_index,cluster_id\n0,1\nx,2\n", source: "t.csv")
        }
        #expect(
            throws: DedupeError.truth(
                "t.csv", line: 3, "record 0 is already in cluster `1`; give each record one cluster")
        ) {
            try GroundTruth.parse(csv: "record_index,cluster_id\n0,1\n0,2\n", source: "t.csv")
        }
        #expect(throws: DedupeError.self) { try GroundTruth.parse(csv: "", source: "t.csv") }
        #expect(throws: DedupeError.self) {
            try GroundTruth.parse(csv: "record_index,cluster_id\n5\n", source: "t.csv")
        }
    }
}
