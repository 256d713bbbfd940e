import CRMClient
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// Every shipped mapping imports its sample into a fresh sandbox with nothing rejected and
/// nothing failed, and importing it a second time changes nothing (every row plans a skip): the
/// planner compares what it would send with what the CRM stored, for every entity and field kind.
@Suite struct ShippedMappingImportTests {
    static let pairs: [(mapping: String, sample: String)] = [
        ("outlook-contacts", "outlook-contacts.csv"), ("google-contacts", "google-contacts.csv"),
        ("salesforce-contacts", "salesforce-contacts.csv"), ("salesforce-accounts", "salesforce-accounts.csv"),
        ("salesforce-opportunities", "salesforce-opportunities.csv"),
        ("hubspot-contacts", "hubspot-contacts.csv"), ("hubspot-companies", "hubspot-companies.csv"),
        ("vcard-contacts", "vcard-contacts.vcf"), ("dynamics-cmt-contacts", "dynamics-cmt-data.xml"),
        ("dynamics-cmt-accounts", "dynamics-cmt-data.xml"), ("leads-csv", "leads.csv"),
        ("opportunities-csv", "opportunities.csv"), ("cases-csv", "cases.csv"), ("febrl-persons", "febrl-persons.csv"),
        ("sample-contacts", "sample-contacts.csv"), ("splink-persons", "splink-persons.csv"),
    ]

    @Test(arguments: pairs.map(\.mapping))
    func theSampleImportsCleanlyAndASecondImportOnlySkips(_ name: String) async throws {
        let sample = try #require(Self.pairs.first { $0.mapping == name }?.sample)
        try await ImportHarness.run { harness in
            let file = ImportHarness.path("samples/\(sample)")
            let (plan, summary, _) = try await harness.importFile(file, mapping: "mappings/\(name).yaml")
            #expect(plan.rejected.isEmpty, "\(plan.rejected.prefix(3).map(\.reasons))")
            #expect(summary.failed == 0 && summary.status == "complete", "\(summary)")
            let created = try await harness.records(plan.entity)
            #expect(created.count == plan.count(.create, plan.entity) + (plan.entity == .contact ? 0 : 0))
            #expect(!created.isEmpty)
            let again = try await harness.plan(file, mapping: "mappings/\(name).yaml")
            let changes = again.steps.filter { $0.action != .skip }
            #expect(
                changes.isEmpty,
                "\(changes.prefix(3).map { "\($0.action) line \($0.source?.line ?? 0): \($0.body ?? [:])" })")
        }
    }
}
