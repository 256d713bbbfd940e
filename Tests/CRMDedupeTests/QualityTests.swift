import Testing
@testable import CRMDedupe
import CRMImport

/// Quality on the benchmark corpora with the default configuration (the same for every file).
@Suite struct QualityTests {
    @Test(
        .enabled(
            if: Corpora.available("dedupe/febrl/dataset1.csv", "dedupe/febrl/dataset1.true_pairs.csv"), Corpora.missing)
    )
    func febrlDataset1() throws {
        let (records, truth) = try #require(try BenchmarkCSV.febrl("dataset1"))
        #expect(truth.pairCount == 500)
        #expect(report("FEBRL dataset1", records, truth).f1 >= 0.97)
    }

    @Test(
        .enabled(
            if: Corpora.available("dedupe/febrl/dataset2.csv", "dedupe/febrl/dataset2.true_pairs.csv"), Corpora.missing)
    )
    func febrlDataset2() throws {
        let (records, truth) = try #require(try BenchmarkCSV.febrl("dataset2"))
        #expect(truth.pairCount == 1934)
        #expect(report("FEBRL dataset2", records, truth).f1 >= 0.97)
    }

    /// With `soc_sec_id` as a personal identifier: a given name FEBRL replaced on one copy no
    /// longer looks like a sibling at the same address when both copies hold one number.
    @Test(
        .enabled(
            if: Corpora.available("dedupe/febrl/dataset1.csv", "dedupe/febrl/dataset1.true_pairs.csv"), Corpora.missing)
    )
    func febrlDataset1WithIdentifier() throws {
        let (records, truth) = try #require(try BenchmarkCSV.febrl("dataset1", identifying: true))
        let metrics = report("FEBRL dataset1 with soc_sec_id", records, truth)
        #expect(metrics.precision >= 0.999)
        #expect(metrics.f1 >= 0.996)
    }

    @Test(
        .enabled(
            if: Corpora.available("dedupe/febrl/dataset2.csv", "dedupe/febrl/dataset2.true_pairs.csv"), Corpora.missing)
    )
    func febrlDataset2WithIdentifier() throws {
        let (records, truth) = try #require(try BenchmarkCSV.febrl("dataset2", identifying: true))
        let metrics = report("FEBRL dataset2 with soc_sec_id", records, truth)
        #expect(metrics.precision >= 0.999)
        #expect(metrics.f1 >= 0.998)
    }

    @Test(.enabled(if: Corpora.available("dedupe/splink/fake_1000_from_splink_demos.csv"), Corpora.missing))
    func splinkFake1000() throws {
        let (records, truth) = try #require(try BenchmarkCSV.splink())
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
