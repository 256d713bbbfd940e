import CRMClient
import CRMImport
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// Conflicts decided one by one in the run's `conflicts.yaml` and applied by `runs resume`:
/// created, written onto the chosen candidate, or left alone; undone by rollback; applied once;
/// and a damaged file refused before anything is written.
@Suite struct ImportConflictDecisionTests {
    let identity = ImportIdentityTests()

    /// John Smith in the CRM with the family address; Jane's row shares it and is left alone.
    func conflictRun(_ harness: ImportHarness) async throws -> (run: ImportRunDirectory, john: String) {
        let john = try await harness.client.contacts.create(
            Contact(
                name: "John Smith",
                email: [LabeledValue(value: "john.smith@gmail.com"), LabeledValue(value: "family@smiths.net")],
                phone: [LabeledValue(value: "+14155550101")]))
        let file = try identity.write(harness, "jane.csv", [ImportIdentityTests.jane])
        let plan = try await identity.plan(harness, file)
        #expect(plan.conflicts.count == 1)
        let (summary, run) = try await identity.apply(harness, plan)
        #expect(summary.conflicts == 1)
        return (run, try #require(john.id?.rawValue))
    }

    func decide(_ run: ImportRunDirectory, _ decision: String) throws {
        let text = try String(contentsOf: run.conflictDecisionsURL, encoding: .utf8)
        let decided = text.replacingOccurrences(of: "decision: undecided", with: "decision: \(decision)")
            .replacingOccurrences(of: "decision: skip", with: "decision: \(decision)")
        #expect(decided != text || text.contains("decision: \(decision)"))
        try decided.write(to: run.conflictDecisionsURL, atomically: true, encoding: .utf8)
    }

    func resume(_ harness: ImportHarness, _ run: ImportRunDirectory) async throws -> RunSummary {
        try await ImportApplier(plan: try run.loadPlan(), run: run, client: harness.client, ledger: harness.ledger)
            .apply()
    }

    func journalLines(_ run: ImportRunDirectory) throws -> Int {
        try RunJournal.read(run.url).count
    }

    @Test func theRunWritesAConflictsFileWithBothSides() async throws {
        try await ImportHarness.run { harness in
            let (run, john) = try await conflictRun(harness)
            let text = try String(contentsOf: run.conflictDecisionsURL, encoding: .utf8)
            #expect(text.hasPrefix("# "), "comments at the top say what the values mean")
            #expect(text.contains("update ID"))
            #expect(text.contains("row: \"jane.csv:2\""))
            #expect(text.contains("decision: undecided"))
            #expect(text.contains("- candidate: \"\(john)\""))
            #expect(text.contains("\"Jane Smith\"") && text.contains("\"John Smith\""))
            #expect(text.contains("reasons:") && text.contains("evidence:"))
            let entries = try #require(try ConflictsFile.read(run: run, plan: try run.loadPlan()))
            #expect(entries.values.map(\.decision) == [.undecided])
        }
    }

    @Test func createMakesASecondContactOnceAndRollbackRemovesIt() async throws {
        try await ImportHarness.run { harness in
            let (run, john) = try await conflictRun(harness)
            try decide(run, "create")
            let summary = try await resume(harness, run)
            #expect(summary.status == "complete" && summary.conflicts == 0, "\(summary)")
            let contacts = try await harness.contacts()
            #expect(contacts.count == 2)
            let jane = try #require(contacts.first { $0["name"]?.stringValue == "Jane Smith" })
            #expect(ImportIdentityTests.emails(jane) == ["jane.smith@yahoo.com", "family@smiths.net"])
            let johnRecord = try #require(contacts.first { $0["id"].map(MatchKeyNormalizer.text) == john })
            #expect(johnRecord["name"]?.stringValue == "John Smith", "John is untouched")

            let written = try journalLines(run)
            let again = try await resume(harness, run)
            #expect(try journalLines(run) == written, "a second resume writes nothing")
            #expect(again.status == "complete")
            #expect(try await harness.contacts().count == 2)

            // An applied decision changed afterwards is refused, not silently ignored.
            let decided = try String(contentsOf: run.conflictDecisionsURL, encoding: .utf8)
            try decided.replacingOccurrences(of: "decision: create", with: "decision: skip")
                .write(to: run.conflictDecisionsURL, atomically: true, encoding: .utf8)
            let changed = try #require(
                await #expect(throws: ConflictsFileError.self) { try await resume(harness, run) })
            #expect(changed.description.contains("already applied as `create`"), "\(changed)")
            try decided.write(to: run.conflictDecisionsURL, atomically: true, encoding: .utf8)

            let plan = try run.loadPlan()
            #expect(plan.steps.first { $0.source?.line == 2 }?.decision == "create")
            let report = try await ImportRollback(plan: plan, run: run, client: harness.client).rollback()
            #expect(report.deleted[.contact] == 1)
            #expect(try await harness.contacts().count == 1)
        }
    }

    @Test func updateWritesTheRowOntoTheCandidateAndRollbackRestoresIt() async throws {
        try await ImportHarness.run { harness in
            let (run, john) = try await conflictRun(harness)
            try decide(run, "update \(john)")
            _ = try await resume(harness, run)
            let contacts = try await harness.contacts()
            #expect(contacts.count == 1)
            let record = try #require(contacts.first)
            #expect(record["name"]?.stringValue == "Jane Smith")
            #expect(ImportIdentityTests.emails(record).contains("jane.smith@yahoo.com"))

            let written = try journalLines(run)
            _ = try await resume(harness, run)
            #expect(try journalLines(run) == written)

            _ = try await ImportRollback(plan: try run.loadPlan(), run: run, client: harness.client).rollback()
            let restored = try #require(try await harness.contacts().first)
            #expect(restored["name"]?.stringValue == "John Smith")
        }
    }

    @Test func anUpdateOfACandidateDeletedSinceIsRefused() async throws {
        try await ImportHarness.run { harness in
            let (run, john) = try await conflictRun(harness)
            try decide(run, "update \(john)")
            _ = try await RecordStore(client: harness.client, entity: .contact).bulkDelete([john])
            let error = try #require(await #expect(throws: ConflictsFileError.self) { try await resume(harness, run) })
            #expect(error.description.contains("no longer exists"), "\(error)")
            #expect(error.diagnostic.field == "decision" && error.diagnostic.line != nil)
            #expect(try await harness.contacts().isEmpty, "nothing was written")
        }
    }

    @Test func skipLeavesItAloneAndALaterDecisionIsAppliedAtTheNextResume() async throws {
        try await ImportHarness.run { harness in
            let (run, _) = try await conflictRun(harness)
            let before = comparable(try await harness.contacts())
            try decide(run, "skip")
            let skipped = try await resume(harness, run)
            #expect(skipped.conflicts == 0, "a skipped row is no longer an open conflict")
            #expect(comparable(try await harness.contacts()) == before)

            try decide(run, "create")
            _ = try await resume(harness, run)
            #expect(try await harness.contacts().count == 2)
        }
    }

    @Test func aBrokenFileIsRefusedWithItsLineAndNothingIsApplied() async throws {
        try await ImportHarness.run { harness in
            let (run, _) = try await conflictRun(harness)
            let before = comparable(try await harness.contacts())
            let written = try journalLines(run)
            let original = try String(contentsOf: run.conflictDecisionsURL, encoding: .utf8)
            let lines = original.components(separatedBy: "\n")
            let decisionLine = try #require(lines.firstIndex { $0.contains("decision: undecided") }) + 1

            func write(_ decision: String) throws {
                try original.replacingOccurrences(of: "decision: undecided", with: "decision: \(decision)")
                    .write(to: run.conflictDecisionsURL, atomically: true, encoding: .utf8)
            }
            try write("maybe")
            let error = try #require(await #expect(throws: ConflictsFileError.self) { try await resume(harness, run) })
            #expect(error.diagnostic.line == decisionLine)
            #expect(error.diagnostic.file == run.conflictDecisionsURL.path)
            #expect(error.diagnostic.field == "decision")
            #expect(error.description.contains("'maybe' is not a decision"))

            try write("update 999999")
            let unknown = try #require(
                await #expect(throws: ConflictsFileError.self) { try await resume(harness, run) })
            #expect(unknown.description.contains("not a candidate"))

            try (original.replacingOccurrences(of: "decision: undecided", with: "decision: create") + "  - step: [\n")
                .write(to: run.conflictDecisionsURL, atomically: true, encoding: .utf8)
            let syntax = try #require(await #expect(throws: ConflictsFileError.self) { try await resume(harness, run) })
            #expect(syntax.description.contains("invalid YAML"))

            let removed = lines.filter { !$0.contains("decision:") }.joined(separator: "\n")
            try removed.write(to: run.conflictDecisionsURL, atomically: true, encoding: .utf8)
            let missing = try #require(
                await #expect(throws: ConflictsFileError.self) { try await resume(harness, run) })
            #expect(missing.description.contains("has no `decision:`"))

            #expect(comparable(try await harness.contacts()) == before, "nothing was written")
            #expect(try journalLines(run) == written, "nothing was journaled")
        }
    }
}
