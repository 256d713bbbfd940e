import Foundation
import Testing
import CRMModel
@testable import CRMImport

/// A validation run accounts for every record and value: records read and rejected, values the
/// reader altered and the mapping dropped, each in the errors file with its line and field, and
/// whether the run must fail for them.
@Suite struct LossAccountTests {
    static let mappingText = """
        source: { format: csv }
        target: contact
        fields:
          name: Name
          email: { from: Email, transforms: [email] }
        extras:
          born: { from: Born, transforms: [{ date: "M/d/yyyy" }] }
        """

    static func run(_ events: [ReadEvent], mapping text: String = mappingText, errors: String? = nil) throws
        -> ValidationReport
    {
        let mapping = try parseMapping(text)
        let rejects = try errors.map { try RejectsFile(path: $0) }
        var run = try ValidationRun(
            mapping: mapping, snapshot: SeededSchema.snapshot, problemLimit: nil, rejects: rejects)
        run.threads = 1
        var reader = ScriptedReader(events: events, fails: false)
        let report = try run.run(&reader)
        try rejects?.close()
        return report
    }

    static func row(_ line: Int, _ name: String, _ email: String, _ born: String) -> ReadEvent {
        .record(record([("Name", name), ("Email", email), ("Born", born)], line: line))
    }

    static func warning(_ line: Int, _ message: String) -> ReadEvent {
        .issue(
            ReadIssue(
                provenance: SourceProvenance(file: "in.csv", line: line, record: line - 1), severity: .warning,
                message: message))
    }

    @Test func everyRecordAndValueIsCounted() throws {
        let errors = tempFile("errors.csv")
        defer { try? FileManager.default.removeItem(atPath: errors) }
        let report = try Self.run(
            [
                Self.warning(2, "byte 0xFF replaced by U+FFFD in 'Name'"),
                Self.row(2, "Ann", "ann@example.com", "1/2/1990"),
                Self.row(3, "Bo", "bo at example", "2/30/1990"),
                Self.row(4, "", "cy@example.com", "1/1/2000"),
                .issue(
                    ReadIssue(
                        provenance: SourceProvenance(file: "in.csv", line: 5, record: 4), severity: .error,
                        message: "unclosed quote")),
                Self.row(6, "Di", "di@example.com", ""),
            ], errors: errors)
        #expect((report.recordsRead, report.valid, report.rejected) == (4, 3, 1))
        #expect(
            report.droppedValues.map { "\($0.provenance.line) \($0.field)" } == ["3 email[0].value", "3 extras.born"])
        let account = report.account
        #expect((account.recordsRead, account.rejected, account.rowsUnread) == (4, 1, 1))
        #expect((account.valuesAltered, account.valuesDropped) == (1, 2))
        #expect(account.isLossy && !account.isEmpty)
        #expect(account.fails(accepted: true), "a rejected row fails the run whatever is accepted")
        #expect(
            account.listed == [
                "in.csv:2: warning: byte 0xFF replaced by U+FFFD in 'Name'",
                "in.csv:3: warning: email[0].value: dropped 'bo at example': "
                    + "invalid_format: email: not an e-mail address",
                "in.csv:3: warning: extras.born: dropped '2/30/1990': invalid_format: "
                    + (report.droppedValues.last?.message ?? ""),
            ])
        let summary = account.summary(accepted: false)
        #expect(
            summary.first
                == "account: 4 records read, 1 rejected, 1 rows unreadable, 3 "
                + "values altered or dropped (1 by the reader, 2 by the mapping)"
        )
        #expect(summary.last?.contains("--accept-lossy") == true)

        // The errors file: the reader's problems as rows of empty fields, the rejected row, and
        // the row kept without its dropped values, each reason with its line and field.
        let lines = try String(contentsOfFile: errors, encoding: .utf8).split(separator: "\r\n").map(String.init)
        #expect(
            lines == [
                "Name,Email,Born,crmkit_errors",
                ",,,line 2: warning: byte 0xFF replaced by U+FFFD in 'Name'",
                "Bo,bo at example,2/30/1990,line 3: dropped email[0].value 'bo at "
                    + "example': invalid_format: email: not an e-mail address; "
                    + "line 3: dropped extras.born '2/30/1990': invalid_format: "
                    + (report.droppedValues.last?.message ?? ""),
                ",cy@example.com,1/1/2000,name: required: Name (name) is required and has no value",
                ",,,line 5: error: unclosed quote",
            ])
    }

    @Test func aCleanRunPassesAndAcceptedLossPassesToo() throws {
        let clean = try Self.run([Self.row(2, "Ann", "ann@example.com", "1/2/1990")]).account
        #expect(!clean.isLossy && !clean.fails(accepted: false))
        #expect(
            clean.summary(accepted: false) == [
                "account: 1 records read, 0 rejected, 0 values altered or dropped (0 by the reader, 0 by the mapping)"
            ])
        let lossy = try Self.run([Self.row(2, "Ann", "ann@example.com", "--0203")]).account
        #expect(lossy.fails(accepted: false) && !lossy.fails(accepted: true))
        #expect(lossy.summary(accepted: true).last == "  accepted: altered and dropped values do not fail this run")
        #expect(!lossy.blocksImport(accepted: true) && lossy.blocksImport(accepted: false))
    }

    /// Nothing read is an error, also with nothing else wrong.
    @Test func noRecordIsAnError() throws {
        let errors = tempFile("errors.csv")
        defer { try? FileManager.default.removeItem(atPath: errors) }
        let empty = try Self.run([], errors: errors).account
        #expect(empty.isEmpty && empty.fails(accepted: true) && empty.blocksImport(accepted: true))
        #expect(empty.summary(accepted: true).last?.contains("no record was read") == true)
        // Only problems of the reader: listed under a header of their own.
        let onlyIssues = try Self.run([Self.warning(1, "not a CSV file")], errors: errors).account
        #expect(onlyIssues.isEmpty)
        let lines = try String(contentsOfFile: errors, encoding: .utf8).split(separator: "\r\n").map(String.init)
        #expect(lines == ["crmkit_errors", "line 1: warning: not a CSV file"])
    }

    /// A report counts every dropped value but keeps only the first `problemLimit`.
    @Test func droppedValuesBeyondTheLimitAreCounted() throws {
        let mapping = try parseMapping(Self.mappingText)
        var run = try ValidationRun(mapping: mapping, snapshot: SeededSchema.snapshot, problemLimit: 2)
        run.threads = 1
        var reader = ScriptedReader(events: (2..<7).map { Self.row($0, "N\($0)", "x\($0)", "") }, fails: false)
        let report = try run.run(&reader)
        #expect(report.droppedValueCount == 5 && report.droppedValues.count == 2)
        #expect(report.account.valuesDropped == 5 && report.account.listed.count == 2)
    }
}
