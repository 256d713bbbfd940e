import CRMClient
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// The import pipeline end to end against a sandbox: exact creates, re-imports that skip,
/// changed rows that update only what changed, rows that fold existing duplicates together.
@Suite struct ImportEndToEndTests {
    let sample = ImportHarness.path("samples/outlook-contacts.csv")
    let mapping = "mappings/outlook-contacts.yaml"

    @Test func importingTheSampleCreatesExactlyItsRecords() async throws {
        try await ImportHarness.run { harness in
            let (plan, summary, run) = try await harness.importFile(sample, mapping: mapping)
            #expect(plan.rejected.isEmpty, "\(plan.rejected)")
            #expect(plan.count(.create, .contact) == 12)
            #expect(plan.count(.create, .organization) == 12)
            #expect(summary.status == "complete")
            #expect(summary.failed == 0)
            let contacts = try await harness.contacts()
            #expect(contacts.count == 12)
            let jane = try #require(contacts.first { $0["name"]?.stringValue == "Jane A. Doe" })
            #expect(jane["jobTitle"]?.stringValue == "Account Manager")
            #expect(jane["department"]?.stringValue == "sales")
            let emails = (jane["email"]?.arrayValue ?? []).compactMap { $0["value"]?.stringValue }
            #expect(emails == ["jane.doe@northwind.example", "jane@home.example"])
            let organizations = try await harness.records(.organization)
            #expect(organizations.count == 12)
            let northwind = organizations.first { $0["name"]?.stringValue == "Northwind Traders" }
            #expect(jane["organizationId"] == northwind?["id"])
            #expect(
                Set((jane["tags"]?.arrayValue ?? []).compactMap { $0["label"]?.stringValue }) == ["Key account", "VIP"])
            // The result files say what happened, row by row.
            let success = try String(contentsOf: run.successURL, encoding: .utf8)
            #expect(success.components(separatedBy: "\r\n").filter { $0.contains(",create,contact,") }.count == 12)
            let errors = try String(contentsOf: run.errorsURL, encoding: .utf8)
            #expect(errors.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1)
        }
    }

    @Test func importingTheSameFileAgainPlansOnlySkips() async throws {
        try await ImportHarness.run { harness in
            try await harness.importFile(sample, mapping: mapping)
            let before = comparable(try await harness.contacts())
            let (again, summary, _) = try await harness.importFile(sample, mapping: mapping)
            #expect(again.steps.count == 12)
            #expect(
                again.count(.skip) == 12,
                "\(again.steps.filter { $0.action != .skip }.map { ($0.action, $0.body ?? [:]) })")
            #expect(summary.status == "complete")
            #expect(comparable(try await harness.contacts()) == before)
        }
    }

    @Test func threeChangedRowsPlanExactlyThreeUpdatesWithTheirDiffs() async throws {
        try await ImportHarness.run { harness in
            try await harness.importFile(sample, mapping: mapping)
            let changed = try harness.edited(sample, name: "changed.csv") { lines in
                lines[1] = lines[1].replacingOccurrences(of: "Account Manager", with: "Sales Director")
                lines[2] = lines[2].replacingOccurrences(
                    of: ",,,555.010.0102", with: ",omar@home.example,,555.010.0102")
                lines[4] = lines[4].replacingOccurrences(of: "Prefers email.", with: "Prefers phone.")
            }
            let plan = try await harness.plan(changed, mapping: mapping)
            let updates = plan.steps.filter { $0.action == .update }
            #expect(updates.count == 3)
            #expect(plan.count(.skip) == 9)
            #expect(updates.map { $0.source?.line } == [2, 3, 5])
            #expect(updates[0].body == ["jobTitle": "Sales Director"])
            #expect(updates[0].expected?.values == ["jobTitle": "Account Manager"])
            let omarEmails = (updates[1].body?["email"]?.arrayValue ?? []).compactMap { $0["value"]?.stringValue }
            #expect(updates[1].body?.keys.sorted() == ["email"])
            #expect(omarEmails == ["omar.haddad@contoso.example", "omar@home.example"])
            #expect(updates[2].body == ["note": "Prefers phone."])
            try await harness.importFile(changed, mapping: mapping)
            let contacts = try await harness.contacts()
            #expect(contacts.count == 12)
            #expect(contacts.contains { $0["jobTitle"]?.stringValue == "Sales Director" })
            #expect(contacts.contains { $0["note"]?.stringValue == "Prefers phone." })
        }
    }

    @Test func aRowMatchingTwoContactsMergesThem() async throws {
        try await ImportHarness.run { harness in
            let first = try await harness.client.contacts.create(
                Contact(name: "Jane Doe", email: [LabeledValue(value: "jane.doe@northwind.example")]))
            let second = try await harness.client.contacts.create(
                Contact(
                    name: "J. Doe", email: [LabeledValue(value: "jane@home.example")],
                    phone: [LabeledValue(value: "+15550100999")]))
            let file = try harness.edited(sample, name: "jane.csv") { lines in lines = Array(lines.prefix(2)) }
            let plan = try await harness.plan(file, mapping: mapping)
            let merge = try #require(plan.steps.first { $0.action == .merge })
            #expect(merge.target == first.id?.rawValue)
            #expect(merge.mergeSources?.map(\.id) == [second.id?.rawValue].compactMap { $0 })
            let (_, summary, run) = try await harness.importFile(file, mapping: mapping)
            #expect(summary.failed == 0)
            let contacts = try await harness.contacts()
            #expect(contacts.count == 1)
            let jane = try #require(contacts.first)
            #expect(jane["id"]?.stringValue == first.id?.rawValue)
            #expect(jane["name"]?.stringValue == "Jane A. Doe")
            let phones = Set((jane["phone"]?.arrayValue ?? []).compactMap { $0["value"]?.stringValue })
            #expect(phones.contains("+15550100999"))
            #expect(phones.count == 3)
            // The merged records are backed up before the merge.
            let backup = try String(contentsOf: run.backupURL, encoding: .utf8)
            #expect(backup.contains("J. Doe"))
        }
    }

    @Test func repeatedRowsInOneFileCreateOnce() async throws {
        try await ImportHarness.run { harness in
            let file = try harness.edited(sample, name: "repeated.csv") { lines in
                lines.insert(lines[1], at: 3)
                lines.insert(lines[1].replacingOccurrences(of: "Account Manager", with: "Key Account Manager"), at: 4)
            }
            let plan = try await harness.plan(file, mapping: mapping)
            #expect(plan.count(.create, .contact) == 12)
            #expect(plan.count(.update, .contact) == 0)
            #expect(plan.count(.skip, .contact) == 2)
            // The repeats are folded into the first row's create: one write, last row winning.
            let jane = try #require(plan.steps.first { $0.action == .create && $0.source?.line == 2 })
            #expect(jane.body?["jobTitle"] == "Key Account Manager")
            try await harness.importFile(file, mapping: mapping)
            let contacts = try await harness.contacts()
            #expect(contacts.count == 12)
            #expect(
                contacts.first { $0["name"]?.stringValue == "Jane A. Doe" }?["jobTitle"]?.stringValue
                    == "Key Account Manager")
        }
    }
}

/// Rows imported with a value dropped are accounted for in the plan and the run's errors.csv.
@Suite struct ImportAccountTests {
    @Test func droppedValuesAreListedInThePlanAndTheErrorsFile() async throws {
        try await ImportHarness.run { harness in
            let file = ImportHarness.path("samples/bad/outlook-contacts-bad-rows.csv")
            let (plan, _, run) = try await harness.importFile(file, mapping: "mappings/outlook-contacts.yaml")
            let altered = try #require(plan.altered)
            // Flo Gray's birthday (2/30/1990) is no date: the extra is dropped, Flo imported.
            let flo = try #require(
                altered.first { $0.source.line == 8 }, "\(altered.map { ($0.source.line, $0.reasons) })")
            #expect(flo.reasons.contains { $0.hasPrefix("dropped:") && $0.contains("2/30/1990") })
            #expect(plan.steps.contains { $0.source?.line == 8 && $0.action == .create })
            let errors = try String(contentsOf: run.errorsURL, encoding: .utf8)
            #expect(errors.contains("imported, but dropped:"))
            #expect(
                errors.components(separatedBy: "\r\n").contains { $0.hasPrefix("8,") && $0.contains("imported, but") })
        }
    }
}
