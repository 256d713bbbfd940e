import CRMImport
import Foundation
import Testing
@testable import CRMDedupe

/// `FileEvaluation`, the library behind `crmkit dedupe evaluate`.
@Suite struct FileEvaluationTests {
    static let mapping = """
        source: { format: csv }
        target: contact
        fields:
          name: { template: "{{First}} {{Last}}" }
          email: { entries: [{ from: Mail }], transforms: [email] }
        extras:
          givenName: First
          familyName: Last
          birthDate: { from: Born, transforms: [{ date: yyyy-MM-dd }] }
        """

    /// A record whose mapping fails is not clustered, keeps its number, and its pairs count as missed.
    @Test func unmappedRecordsAreCountedAndTheirPairsMissed() throws {
        let csv = """
            First,Last,Mail,Born
            Ada,Lovelace,ada@example.com,1815-12-10
            Ada,Lovelace,ada@example.com,1815-12-10
            Grace,Hopper,grace@example.com,1906-13-45
            Grace,Hopper,grace@example.com,1906-12-09
            Alan,Turing,alan@example.com,1912-06-23

            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("evaluate-\(UUID().uuidString).csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let truth = GroundTruth(clusterOf: [0: "ada", 1: "ada", 2: "grace", 3: "grace", 4: "alan"])
        let evaluation = FileEvaluation(
            mapping: try MappingParser.parse(yaml: Self.mapping, file: "m.yaml"),
            configuration: DedupeConfiguration())
        let report = try evaluation.run(path: file.path, truth: truth)
        #expect(report.records == 5)
        #expect(report.unmappedCount == 1)
        #expect(report.unmapped.first?.provenance.line == 4)
        #expect(report.unmapped.first?.field == "extras.birthDate")
        #expect(report.metrics.truePairs == 2)
        #expect(report.result.clusters == [[0, 1]])
        #expect(report.metrics.correctPairs == 1)
        #expect(report.metrics.recall == 0.5)
        #expect(report.truthOutOfRange == 0)
    }

    @Test func aMissingColumnIsOneMappingError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("evaluate-\(UUID().uuidString).csv")
        try "First,Last,Email\nAda,Lovelace,a@b.c\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let evaluation = FileEvaluation(
            mapping: try MappingParser.parse(yaml: Self.mapping, file: "m.yaml"),
            configuration: DedupeConfiguration())
        #expect(throws: MappingError.self) { try evaluation.run(path: file.path, truth: GroundTruth(clusterOf: [:])) }
    }
}
