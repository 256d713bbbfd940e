import CRMDedupe
import CRMImport
import CRMModel
import CRMSchema
@testable import CRMSync
import Foundation
import Testing

/// Every producer of problems — readers, merge plans, ground truths, export, restore, schema
/// files, the CLI itself — prints them in the one `Diagnostic` format:
/// `FILE:LINE:COLUMN: SEVERITY: FIELD: MESSAGE; HINT`, the parts that are unknown left out.
@Suite struct DiagnosticFormatTests {
    static func check(_ producer: String, _ text: String, startsWith prefix: String) {
        // The common shape: an optional location, a severity, then the message.
        let shape = /^(?:[^:\s][^:]*(?::\d+(?::\d+)?)?: )?(?:error|warning|note): \S.*$/
        #expect(text.wholeMatch(of: shape) != nil, "\(producer) printed `\(text)`")
        #expect(text.hasPrefix(prefix), "\(producer) printed `\(text)`, expected it to start with `\(prefix)`")
    }

    @Test func everyProducerPrintsTheOneFormat() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "diagnostics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // A reader: a CSV row with a quote that never closes.
        let csv = directory.appendingPathComponent("contacts.csv").path
        try Data("name,email\nAnn,ann@example.com\n\"Bob,bob@example.com\n".utf8).write(to: URL(fileURLWithPath: csv))
        var reader = try SourceReaders.open(path: csv)
        var issues: [ReadIssue] = []
        while let event = try reader.next() { if case .issue(let issue) = event { issues.append(issue) } }
        let issue = try #require(issues.first)
        Self.check("CSV reader", issue.description, startsWith: "\(csv):3: ")
        #expect(issue.diagnostic.line == 3)

        // A file that cannot be read at all.
        let missing = directory.appendingPathComponent("absent.csv").path
        let unreadable = #expect(throws: SourceReadError.self) { _ = try SourceReaders.open(path: missing) }
        Self.check("reader, unreadable file", try #require(unreadable).description, startsWith: "\(missing): error: ")

        // A merge plan edited by hand into something that is not a plan.
        let plan = directory.appendingPathComponent("merges.yaml").path
        try Data("version: 1\nentity: contacts\nrecords: [oops\n".utf8).write(to: URL(fileURLWithPath: plan))
        let planError = #expect(throws: MergePlanError.self) { _ = try MergePlanReader.load(path: plan) }
        Self.check("merge plan", try #require(planError).description, startsWith: "\(plan):")

        // A ground truth with a row that names no record.
        let truthError = #expect(throws: DedupeError.self) {
            _ = try GroundTruth.parse(csv: "record_index,cluster\nseven,1\n", source: "truth.csv")
        }
        Self.check("ground truth", try #require(truthError).description, startsWith: "truth.csv:2: error: ")

        // Export and restore.
        Self.check(
            "export", ExportError.corruptSpool(path: "out.csv.part", line: 12, reason: "a cut line").description,
            startsWith: "out.csv.part:12: error: ")
        Self.check(
            "restore", RestoreError.countMismatch(path: "backup/contacts.jsonl", manifest: 3, found: 2).description,
            startsWith: "backup/contacts.jsonl: error: ")

        // Schema files and the CLI's own errors.
        let schema = SchemaDiagnostic(
            file: "forms/contacts.yaml", line: 4, column: 7, message: "unknown key `requird`",
            hint: "did you mean `required`?")
        Self.check("schema lint", schema.description, startsWith: "forms/contacts.yaml:4:7: error: ")
        Self.check(
            "CLI", Diagnostic("no terminal to confirm on", hint: "re-run with --yes").description, startsWith: "error: "
        )
    }
}
