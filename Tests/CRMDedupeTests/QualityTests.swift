import Testing
@testable import CRMDedupe

/// Quality on the benchmark corpora with the default configuration (the same for every file).
@Suite struct QualityTests {
    @Test func febrlDataset1() throws {
        guard let (records, truth) = try BenchmarkCSV.febrl("dataset1") else { return }
        #expect(truth.pairCount == 500)
        #expect(report("FEBRL dataset1", records, truth).f1 >= 0.97)
    }

    @Test func febrlDataset2() throws {
        guard let (records, truth) = try BenchmarkCSV.febrl("dataset2") else { return }
        #expect(truth.pairCount == 1934)
        #expect(report("FEBRL dataset2", records, truth).f1 >= 0.97)
    }

    @Test func splinkFake1000() throws {
        guard let (records, truth) = try BenchmarkCSV.splink() else { return }
        #expect(truth.pairCount == 2975)
        // Reported, not tuned for: a floor that catches regressions.
        #expect(report("splink fake_1000", records, truth).f1 >= 0.8)
    }

    private func report(_ name: String, _ records: [DedupeRecord], _ truth: GroundTruth) -> PairMetrics {
        let (metrics, result) = DedupeEvaluation.evaluate(records, truth: truth)
        print("\(name): \(metrics)\n  model: \(result.model?.provenance ?? "-")\n  reviews: \(result.reviews.count)")
        return metrics
    }
}
