import Foundation
import Testing

/// `crmkit dedupe evaluate` through the built binary: the figures users and CI read come from
/// the same path as theirs (reader → mapping → adapter → engine → metrics).
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct DedupeEvaluateCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// FEBRL dataset1 (1,000 records, 500 true pairs), truth derived from `rec_id`.
    static let febrl = root.deletingLastPathComponent().appendingPathComponent(
        "shared/corpora/dedupe/febrl/dataset1.csv")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: febrl.path), "../shared/corpora is not checked out"))
    func febrlDataset1ThroughTheCLI() async throws {
        let corpus = Self.febrl
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let truth = directory.appendingPathComponent("truth.csv")
        try Self.febrlTruth(from: corpus).write(to: truth, atomically: true, encoding: .utf8)

        let result = try await CLI.run(
            [
                "dedupe", "evaluate", corpus.path, "--mapping", Self.path("mappings/febrl-persons.yaml"),
                "--truth", truth.path, "--json",
            ], in: directory)
        // Three rows of dataset1 carry impossible birth dates: reported, exit 65, figures still printed.
        #expect(result.status == 65, "\(result.stderr)")
        let report = try Self.object(result.stdout)
        print("FEBRL dataset1 via CLI: \(result.stdout)")
        #expect(report["records"] as? Int == 1000)
        #expect(report["truthPairs"] as? Int == 500)
        #expect(report["unmappedRecords"] as? Int == 3)
        #expect(
            (report["problems"] as? [String])?.first?.contains("dataset1.csv:146: error: extras.birthDate:") == true)
        #expect((report["f1"] as? Double ?? 0) >= 0.97)
    }

    /// `--twins-to-review` keeps pairs whose given names only a shared birthday and address excuse
    /// out of the links: FEBRL's replaced given names are such pairs, so fewer are found, and
    /// none wrongly.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: febrl.path), "../shared/corpora is not checked out"))
    func twinsToReviewLinksFewerFEBRLPairs() async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let truth = directory.appendingPathComponent("truth.csv")
        try Self.febrlTruth(from: Self.febrl).write(to: truth, atomically: true, encoding: .utf8)
        func evaluate(_ extra: [String]) async throws -> [String: Any] {
            let result = try await CLI.run(
                [
                    "dedupe", "evaluate", Self.febrl.path, "--mapping", Self.path("mappings/febrl-persons.yaml"),
                    "--truth", truth.path, "--json",
                ] + extra, in: directory)
            #expect(result.status == 65, "\(result.stderr)")
            return try Self.object(result.stdout)
        }
        let usual = try await evaluate([])
        let strict = try await evaluate(["--twins-to-review"])
        let usualFound = try #require(usual["pairsFound"] as? Int)
        let strictFound = try #require(strict["pairsFound"] as? Int)
        #expect(strictFound < usualFound)
        #expect(strict["precision"] as? Double == 1.0)
    }

    /// Synthetic contacts from `crmkit sample`, with a mapping for the sample's own columns.
    @Test func sampleContactsThroughTheCLI() async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sample = try await CLI.run(
            ["sample", "--format", "csv", "--count", "1500", "--out", "s.csv", "--truth", "t.csv"], in: directory)
        #expect(sample.status == 0, "\(sample.all)")
        let result = try await CLI.run(
            [
                "dedupe", "evaluate", "s.csv", "--mapping", Self.path("mappings/sample-contacts.yaml"),
                "--truth", "t.csv", "--json",
            ], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Self.object(result.stdout)
        print("sample 1500 via CLI: \(result.stdout)")
        #expect(report["records"] as? Int == 1500)
        #expect(report["unmappedRecords"] as? Int == 0)
        #expect((report["truthPairs"] as? Int ?? 0) > 50)
        // Realistic contacts (common names, shared mailboxes): the link band must stay precise.
        #expect((report["precision"] as? Double ?? 0) >= 0.99)
        #expect((report["recall"] as? Double ?? 0) >= 0.9)
    }

    @Test func textReportNamesEveryFigure() async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await CLI.run(
            ["sample", "--format", "csv", "--count", "200", "--out", "s.csv", "--truth", "t.csv"], in: directory)
        let result = try await CLI.run(
            [
                "dedupe", "evaluate", "s.csv", "--mapping", Self.path("mappings/sample-contacts.yaml"),
                "--truth", "t.csv", "--threshold", "0.9",
            ], in: directory)
        #expect(result.status == 0, "\(result.all)")
        for label in [
            "200 records", "candidate pairs:", "pairs found:", "precision:", "recall:", "F1:", "threshold:       0.9",
            "time:",
        ] {
            #expect(result.stdout.contains(label), "missing \(label) in \(result.stdout)")
        }
    }

    @Test func badTruthAndBadThresholdAreUsageErrors() async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = """
            First Name,Last Name,Email,Phone,Mobile,Company,Title,Street,City,Postal Code,Country,Notes
            Ada,Lovelace,ada@example.com,,,,,,,,,

            """
        try csv.write(to: directory.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        try "record_index,cluster_id\n0,1\nzero,2\n".write(
            to: directory.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        let mapping = Self.path("mappings/sample-contacts.yaml")
        let truth = try await CLI.run(
            ["dedupe", "evaluate", "s.csv", "--mapping", mapping, "--truth", "t.csv"], in: directory)
        #expect(truth.status == 64)
        #expect(
            truth.stderr.contains("t.csv:3: error: record_index `zero` is not a 0-based record number"),
            "\(truth.stderr)")
        let missing = try await CLI.run(
            ["dedupe", "evaluate", "s.csv", "--mapping", mapping, "--truth", "none.csv"], in: directory)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("none.csv: error: cannot read the file"), "\(missing.stderr)")
        let threshold = try await CLI.run(
            ["dedupe", "evaluate", "s.csv", "--mapping", mapping, "--truth", "t.csv", "--threshold", "1.5"],
            in: directory)
        #expect(threshold.status == 64)
        #expect(threshold.stderr.contains("--threshold must be between 0 and 1"))
    }

    /// `record_index,cluster_id` from FEBRL's `rec-N-org` / `rec-N-dup-K` ids: N is the cluster.
    static func febrlTruth(from corpus: URL) throws -> String {
        let lines = try String(contentsOf: corpus, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        var out = "record_index,cluster_id\n"
        for (index, line) in lines.enumerated() {
            let id = line.prefix { $0 != "," }.trimmingCharacters(in: .whitespaces)
            let parts = id.split(separator: "-")
            guard parts.count >= 3, parts[0] == "rec" else { throw TruthError.unexpectedID(id, line: index + 2) }
            out += "\(index),\(parts[1])\n"
        }
        return out
    }

    enum TruthError: Error { case unexpectedID(String, line: Int) }

    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-evaluate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func object(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}
