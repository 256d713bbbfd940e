import CRMClient
import CRMImport
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// A value only the live form refuses (an option the form's select field does not have) follows
/// the mapping's `onInvalid` like a value its transforms cannot handle: an optional field's value
/// is dropped (listed in the plan's `altered`, errors.csv and the account) and the record
/// imported; `onInvalid: reject` rejects the record; a `default:` the form takes replaces it.
@Suite struct ImportFormCheckPolicyTests {
    static let csv = """
        Name,Department,Seniority
        Ada Lovelace,engineering,4_senior
        Bob Babbage,Astrology,4_senior
        Cy Clerk,sales,Wizard

        """

    func plan(_ harness: ImportHarness, department: String) async throws -> (ImportPlan, LossAccount, URL) {
        let file = harness.directory.appendingPathComponent("people.csv")
        try Self.csv.write(to: file, atomically: true, encoding: .utf8)
        let mappingURL = harness.directory.appendingPathComponent("people.yaml")
        try """
        source: { format: csv }
        target: contact
        fields:
          name: Name
          department: \(department)
          seniorityLevel: { from: Seniority, onInvalid: reject }
        matchKeys:
          - [name]

        """.write(to: mappingURL, atomically: true, encoding: .utf8)
        let mapping = try MappingParser.load(path: mappingURL.path)
        var account = LossAccount()
        let plan = try await ImportPreparation(file: file.path, mapping: mapping, mappingPath: mappingURL.path)
            .plan(client: harness.client, ledger: harness.ledger, account: &account)
        return (plan, account, file)
    }

    @Test func anOptionTheFormLacksIsDroppedAndTheRecordImported() async throws {
        try await ImportHarness.run { harness in
            let (plan, account, _) = try await plan(harness, department: "Department")
            #expect(plan.count(.create, .contact) == 2, "\(plan.steps.map { ($0.source?.line ?? 0, $0.action) })")
            let bob = try #require(plan.steps.first { $0.source?.line == 3 })
            #expect(bob.action == .create)
            #expect(bob.body?["department"] == nil)
            let altered = try #require(plan.altered)
            #expect(altered.map(\.source.line) == [3])
            #expect(altered.first?.reasons.first?.contains("dropped: ") == true, "\(altered)")
            #expect(altered.first?.reasons.first?.contains("department") == true, "\(altered)")
            #expect(account.valuesDropped == 1)
            #expect(account.blocksImport(accepted: false))
            #expect(!account.blocksImport(accepted: true))
            // `onInvalid: reject` on the seniority rule: Cy's record is rejected.
            #expect(plan.rejected.map(\.source.line) == [4])
            #expect(plan.rejected.first?.reasons.joined().contains("seniorityLevel") == true, "\(plan.rejected)")

            let run = try ImportRunDirectory.create(root: harness.directory.appendingPathComponent("runs"))
            try run.savePlan(plan)
            let summary = try await ImportApplier(plan: plan, run: run, client: harness.client, ledger: harness.ledger)
                .apply()
            #expect(summary.failed == 0)
            let contacts = try await harness.contacts()
            #expect(Set(contacts.compactMap { $0["name"]?.stringValue }) == ["Ada Lovelace", "Bob Babbage"])
            #expect(
                contacts.first { $0["name"]?.stringValue == "Ada Lovelace" }?["department"]?.stringValue
                    == "engineering")
            let errors = try String(contentsOf: run.errorsURL, encoding: .utf8)
            #expect(errors.contains("imported, but dropped: "), "\(errors)")
            #expect(errors.contains("Astrology"), "\(errors)")
        }
    }

    @Test func theRulesDefaultReplacesARefusedValue() async throws {
        try await ImportHarness.run { harness in
            let (plan, account, _) = try await plan(harness, department: "{ from: Department, default: other }")
            let bob = try #require(plan.steps.first { $0.source?.line == 3 })
            #expect(bob.body?["department"]?.stringValue == "other")
            #expect(account.valuesDropped == 1, "the value read is still lost, and said so")
        }
    }

    @Test func rejectOnTheRuleRejectsTheRecordAsBefore() async throws {
        try await ImportHarness.run { harness in
            let (plan, _, _) = try await plan(harness, department: "{ from: Department, onInvalid: reject }")
            #expect(plan.rejected.map(\.source.line) == [3, 4])
            #expect(plan.altered == nil)
        }
    }
}
