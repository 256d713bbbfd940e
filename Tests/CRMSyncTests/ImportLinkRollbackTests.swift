import CRMClient
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// An update whose change is a link to an organization the same run creates: it is a write
/// (not a skip), it keeps the value it replaces, and rollback restores that value.
@Suite struct ImportLinkRollbackTests {
    static let header =
        "First Name,Last Name,Email,Phone,Mobile,Company,Title,Street,City,Postal Code,Country,Notes,Email 2"

    func write(_ harness: ImportHarness, _ name: String, company: String) throws -> String {
        let url = harness.directory.appendingPathComponent(name)
        let row = "Ada,Lovelace,ada@engines.example,,,\(company),Analyst,,,,,,"
        try [Self.header, row, ""].joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func anUpdateThatOnlyLinksToANewOrganizationIsWrittenAndRolledBack() async throws {
        try await ImportHarness.run { harness in
            let mapping = "mappings/sample-contacts.yaml"
            try await harness.importFile(
                try write(harness, "first.csv", company: "Analytical Society"), mapping: mapping)
            let before = try #require(try await harness.contacts().first)
            let oldOrganization = try #require(before["organizationId"])

            let (plan, summary, run) = try await harness.importFile(
                try write(harness, "second.csv", company: "Difference Engines Ltd"), mapping: mapping)
            let update = try #require(plan.steps.first { $0.entity == .contact }, "\(plan.steps)")
            #expect(update.action == .update, "a link is a change: \(update)")
            #expect(update.links?.map(\.field) == ["organizationId"])
            #expect(update.expected?.values?["organizationId"] == oldOrganization)
            #expect(summary.failed == 0)
            let linked = try #require(try await harness.contacts().first)
            let created = try #require(
                try await harness.records(.organization).first { $0["name"]?.stringValue == "Difference Engines Ltd" })
            #expect(linked["organizationId"] == created["id"])

            _ = try await ImportRollback(plan: plan, run: run, client: harness.client).rollback()
            let restored = try #require(try await harness.contacts().first)
            #expect(restored["organizationId"] == oldOrganization)
            #expect(try await harness.records(.organization).map { $0["name"]?.stringValue } == ["Analytical Society"])
        }
    }

    /// Two rows of one person naming two organizations: the later row's wins, and the earlier
    /// row's organization, which no record would refer to, is not created.
    @Test func anOrganizationOnlyASupersededRowNamedIsNotCreated() async throws {
        try await ImportHarness.run { harness in
            let url = harness.directory.appendingPathComponent("moved.csv")
            try [
                Self.header, "Ada,Lovelace,ada@engines.example,,,Analytical Society,Analyst,,,,,,",
                "Ada,Lovelace,ada@engines.example,,,Difference Engines Ltd,Analyst,,,,,,", "",
            ]
            .joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
            let (plan, summary, _) = try await harness.importFile(url.path, mapping: "mappings/sample-contacts.yaml")
            #expect(summary.failed == 0)
            #expect(
                plan.steps.filter { $0.entity == .organization }.compactMap { $0.body?["name"]?.stringValue } == [
                    "Difference Engines Ltd"
                ])
            let organizations = try await harness.records(.organization)
            #expect(organizations.map { $0["name"]?.stringValue } == ["Difference Engines Ltd"])
            #expect(try await harness.contacts().first?["organizationId"] == organizations.first?["id"])
        }
    }
}
