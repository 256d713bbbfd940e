import Testing
@testable import CRMDedupe
import CRMImport

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

    /// Realistic generated contacts (common names, shared family and first-name addresses,
    /// same-name colleagues): the link band must stay precise.
    @Test func realisticGeneratedContacts() {
        let (records, truth) = SampleGenerator.dedupeSet(count: 5_000, duplicateRate: 0.1, seed: 7)
        let metrics = report("generated 5,000", records, truth)
        #expect(metrics.precision >= 0.99)
        #expect(metrics.recall >= 0.9)
    }

    private func report(_ name: String, _ records: [DedupeRecord], _ truth: GroundTruth) -> PairMetrics {
        let (metrics, result) = DedupeEvaluation.evaluate(records, truth: truth)
        print("\(name): \(metrics)\n  model: \(result.model?.provenance ?? "-")\n  reviews: \(result.reviews.count)")
        return metrics
    }
}
