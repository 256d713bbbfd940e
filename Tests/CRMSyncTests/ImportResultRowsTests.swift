import CRMClient
import CRMImport
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// The plan keeps where each row is, not the row: the result files read the rows back from the
/// source, which must still be the file the plan was made from.
@Suite struct ImportResultRowsTests {
    static let mapping = "mappings/outlook-contacts.yaml"

    /// A copy of the bad-rows sample in the harness's directory (the tests change it).
    func source(_ harness: ImportHarness) throws -> String {
        let path = harness.directory.appendingPathComponent("outlook.csv").path
        try FileManager.default.copyItem(
            atPath: ImportHarness.path("samples/bad/outlook-contacts-bad-rows.csv"), toPath: path)
        return path
    }

    /// The rows of a CSV file by line, as the reader reads them (field names and values).
    static func rows(of path: String) throws -> [Int: [String: String]] {
        var reader = try SourceReaders.open(path: path, format: .csv)
        var rows: [Int: [String: String]] = [:]
        while let event = try reader.next() {
            guard case .record(let record) = event else { continue }
            var values: [String: String] = [:]
            for field in record.fields where values[field.name] == nil { values[field.name] = field.value }
            rows[record.provenance.line] = values
        }
        return rows
    }

    /// Checks that every line of a result file (`line` first, the source's columns last) shows
    /// the source row of its line; answers how many lines named a row.
    @discardableResult
    static func expectRowsMatch(
        _ result: URL, source: [Int: [String: String]], columns: [String], skipping unread: Set<Int> = []
    ) throws -> Int {
        let listed = try rows(of: result.path)
        var checked = 0
        for (_, row) in listed {
            guard let line = row["line"].flatMap(Int.init), !unread.contains(line) else { continue }
            let expected = try #require(source[line], "\(result.lastPathComponent) names line \(line)")
            for column in columns {
                #expect(
                    (row[column] ?? "") == (expected[column] ?? ""),
                    "\(result.lastPathComponent) line \(line), column \(column)")
            }
            checked += 1
        }
        return checked
    }

    @Test func resultFilesShowTheRowsReadBackFromTheSource() async throws {
        try await ImportHarness.run { harness in
            let file = try source(harness)
            let (plan, _, run) = try await harness.importFile(file, mapping: Self.mapping)
            #expect(plan.format == ImportPlan.currentFormat)
            #expect(plan.steps.allSatisfy { $0.source?.fields == nil }, "steps keep their row's place only")
            #expect(plan.rejected.allSatisfy { $0.source.fields == nil || $0.source.fields == [] })
            #expect(plan.steps.compactMap(\.source?.record).count == plan.steps.filter { $0.source != nil }.count)

            let source = try Self.rows(of: file)
            let saved = try run.loadPlan()
            #expect(saved.reading?.format == .csv, "the plan says how to read its source again")
            // Rows the reader could not read are listed without values, as before.
            let unread = Set(
                (plan.rejected + (plan.altered ?? [])).filter { $0.source.fields == [] }.map(\.source.line))
            let successRows = try Self.expectRowsMatch(run.successURL, source: source, columns: plan.columns)
            #expect(successRows == plan.steps.filter { $0.source != nil }.count)
            let errorRows = try Self.expectRowsMatch(
                run.errorsURL, source: source, columns: plan.columns, skipping: unread)
            #expect(errorRows >= plan.rejected.filter { $0.source.fields == nil }.count)
            #expect(errorRows > 0)

            // Each rejected row is in errors.csv with its reasons and every value of its row.
            let errors = try String(contentsOf: run.errorsURL, encoding: .utf8)
            for rejected in plan.rejected where rejected.source.fields == nil {
                let values = plan.columns.map { source[rejected.source.line]?[$0] ?? "" }
                let expected =
                    ([String(rejected.source.line), rejected.reasons.joined(separator: "; ")] + values)
                    .map(RejectsFile.quoted).joined(separator: ",")
                #expect(errors.contains(expected + "\r\n"), "line \(rejected.source.line)")
            }
        }
    }

    /// errors.csv of the bad-rows sample as written when plans held every row (`FILE` stands for the
    /// source's path), kept in `Tests/Fixtures/import/`.
    static let expectedErrors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/import/outlook-contacts-bad-rows.errors.csv")

    @Test func theErrorsFileHoldsTheSameLinesAsWhenPlansHeldTheRows() async throws {
        try await ImportHarness.run { harness in
            let file = try source(harness)
            let (_, _, run) = try await harness.importFile(file, mapping: Self.mapping)
            let errors = try String(contentsOf: run.errorsURL, encoding: .utf8).components(separatedBy: "\r\n")
                .filter { !$0.isEmpty }
            let expected = try String(contentsOf: Self.expectedErrors, encoding: .utf8)
                .replacingOccurrences(of: "FILE:", with: file + ":").components(separatedBy: "\r\n")
                .filter { !$0.isEmpty }
            #expect(expected.count == 7)
            #expect(errors.first == expected.first, "the header")
            #expect(errors.sorted() == expected.sorted())
            let lines = errors.dropFirst().compactMap { $0.split(separator: ",").first.flatMap { Int($0) } }
            #expect(lines == lines.sorted(), "rows in file order")
        }
    }

    @Test func aSourceChangedSinceThePlanStopsTheApplyBeforeAnythingIsWritten() async throws {
        try await ImportHarness.run { harness in
            let file = try source(harness)
            let plan = try await harness.plan(file, mapping: Self.mapping)
            let run = try ImportRunDirectory.create(root: harness.directory.appendingPathComponent("runs"))
            try run.savePlan(plan)
            let original = try Data(contentsOf: URL(fileURLWithPath: file))
            try (original + Data("Zed,,Young,,zed@example.com\n".utf8)).write(to: URL(fileURLWithPath: file))

            let error = await #expect(throws: RunError.self) {
                _ = try await ImportApplier(plan: plan, run: run, client: harness.client).apply()
            }
            #expect(error?.description.contains(file) == true)
            #expect(error?.description.contains("changed since the plan was made") == true)
            #expect(error?.description.contains("crmkit import") == true, "says what to do")
            #expect(try await harness.contacts().isEmpty, "nothing was written")

            // With the file put back the run goes ahead; changed again, the result files are not
            // rewritten from the wrong rows.
            try original.write(to: URL(fileURLWithPath: file))
            let applier = try ImportApplier(plan: plan, run: run, client: harness.client)
            let summary = try await applier.apply()
            #expect(summary.done == plan.steps.count)
            let before = try Data(contentsOf: run.successURL)
            try FileManager.default.removeItem(atPath: file)
            let gone = #expect(throws: RunError.self) { _ = try applier.finish() }
            #expect(gone?.description.contains("no longer there") == true)
            #expect(try Data(contentsOf: run.successURL) == before, "the result files are left as they were")
        }
    }

    @Test func aRunResumedAfterACrashWritesItsResultFilesWithTheRows() async throws {
        try await ImportHarness.run { harness in
            let file = try source(harness)
            let plan = try await harness.plan(file, mapping: Self.mapping)
            let run = try ImportRunDirectory.create(root: harness.directory.appendingPathComponent("runs"))
            try run.savePlan(plan)
            // What a process killed mid-run leaves: a create sent without an answer, no result files.
            let create = try #require(plan.steps.first { $0.action == .create && $0.entity == .contact })
            try run.journal().append(RunJournal.Entry(step: create.id, event: .started))
            #expect(!FileManager.default.fileExists(atPath: run.successURL.path))

            let resumed = try ImportApplier(plan: try run.loadPlan(), run: run, client: harness.client)
            resumed.abandonedRequestWindow = .zero
            let summary = try await resumed.apply()
            #expect(summary.status == "complete", "\(summary)")
            let source = try Self.rows(of: file)
            let rows = try Self.expectRowsMatch(run.successURL, source: source, columns: plan.columns)
            #expect(rows == plan.steps.filter { $0.source != nil }.count)
            let success = try String(contentsOf: run.successURL, encoding: .utf8)
            #expect(success.contains("ana.silva@northwind.example"))
        }
    }
}
