import CRMDedupe
import CRMImport
import CRMModel
import CRMSchema
@testable import CRMSync
import Foundation
import Testing

/// Every producer of problems — readers, mappings, validation, merge plans, ground truths, export,
/// restore, schema files, the CLI itself — prints them in the one `Diagnostic` format:
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

        // A mapping that names a column the file lacks, and one that merely notes an optional one.
        let mappingFile = directory.appendingPathComponent("m.yaml").path
        try Data(
            ("source: { format: csv }\ntarget: contact\nfields:\n  name: Nmae\n"
                + "  jobTitle: { from: Title, optional: true }\n").utf8
        ).write(to: URL(fileURLWithPath: mappingFile))
        let columns = try MappingParser.load(path: mappingFile).columnCheck(available: ["name", "email"])
        let mappingDiagnostic = try #require(columns.errors.first)
        Self.check("mapping", mappingDiagnostic.description, startsWith: "\(mappingFile):4:")
        #expect(mappingDiagnostic.description.contains(": error: the source has no field 'Nmae'; did you mean 'name'?"))
        let note = try #require(columns.notes.first)
        Self.check("mapping, optional column", note.description, startsWith: "\(mappingFile):5:")
        #expect(note.description.contains(": note: the source has no field 'Title'"))

        // A record the forms refuse, and a value dropped from a record that was kept.
        let problem = RecordProblem(
            provenance: SourceProvenance(file: "in.csv", line: 9, record: 8), field: "email[0].value",
            value: "jane@@x.io", reason: .invalidFormat, message: "not an e-mail address", hint: "fix it in the source")
        Self.check("validation", problem.description, startsWith: "in.csv:9: error: email[0].value: 'jane@@x.io': ")
        #expect(problem.description.hasSuffix("; fix it in the source"))
        Self.check(
            "validation, dropped value", problem.droppedDiagnostic.description,
            startsWith: "in.csv:9: warning: email[0].value: dropped 'jane@@x.io': invalid_format: ")

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
