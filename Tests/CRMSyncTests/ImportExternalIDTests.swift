import CRMClient
import CRMImport
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// An external id (a match key on `extras`) names one record of the source system: rows with
/// different ids under the same key are different records however alike they look, rows with
/// the same id are one, and a second import of the file writes nothing.
@Suite struct ImportExternalIDTests {
    /// Plans and applies `file` with the mapping at the absolute path `mapping`.
    func importFile(_ harness: ImportHarness, _ file: URL, mapping: URL) async throws -> (ImportPlan, RunSummary) {
        let parsed = try MappingParser.load(path: mapping.path)
        let plan = try await ImportPreparation(file: file.path, mapping: parsed, mappingPath: mapping.path).plan(
            client: harness.client, ledger: harness.ledger
        )
        let run = try ImportRunDirectory.create(root: harness.directory.appendingPathComponent("runs"))
        try run.savePlan(plan)
        return (
            plan, try await ImportApplier(plan: plan, run: run, client: harness.client, ledger: harness.ledger).apply()
        )
    }

    @Test func rowsWithDifferentExternalIDsAreNeverFolded() async throws {
        try await ImportHarness.run { harness in
            let file = harness.directory.appendingPathComponent("people.csv")
            try "Id,Name,Email\n1,Ann Lee,ann@lee.example\n2,Ann Lee,ann@lee.example\n1,Ann Lee,ann.lee@home.example\n"
                .write(to: file, atomically: true, encoding: .utf8)
            let mapping = harness.directory.appendingPathComponent("people.yaml")
            try
                ("source: { format: csv }\ntarget: contact\nfields:\n  name: Name\n  email: Email\n"
                + "extras:\n  sourceId: Id\nmatchKeys:\n  - [extras.sourceId]\n  - [email]\n")
                .write(to: mapping, atomically: true, encoding: .utf8)
            let (plan, summary) = try await importFile(harness, file, mapping: mapping)
            #expect(summary.failed == 0)
            #expect(plan.steps.map { "\($0.source?.line ?? 0) \($0.action)" } == ["2 create", "3 create", "4 skip"])
            #expect(plan.steps.last?.targetStep == plan.steps.first?.id, "the same id folds into its record")
            #expect(try await harness.contacts().count == 2)

            let (again, _) = try await importFile(harness, file, mapping: mapping)
            #expect(
                again.steps.allSatisfy { $0.action == .skip },
                "\(again.steps.map { "\($0.source?.line ?? 0) \($0.action)" })")
            #expect(try await harness.contacts().count == 2)
        }
    }
}
