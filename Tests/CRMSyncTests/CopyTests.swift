import CRMClient
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// `crmkit copy`: staging → production over two sandboxes, matched against what production
/// already holds, and a second copy that writes nothing.
@Suite struct CopyTests {
    @Test func copyingTwiceWritesNothingTheSecondTime() async throws {
        try await ImportHarness.run { staging in
            try await WholeCRMFixture.seed(staging.client)
            try await ImportHarness.run { production in
                // Production already knows Amelia (by her e-mail) and Contoso, and has a tag of its own.
                _ = try await production.client.contacts.tags.create(TagOption(label: "Local", color: "#123456"))
                _ = try await production.client.contacts.create(
                    Contact(fields: [
                        "name": "Amelia Hart",
                        "email": [["label": "Work", "value": "amelia.hart@northwind.example", "primary": true]],
                    ]))
                _ = try await production.client.organizations.create(Organization(fields: ["name": "Contoso"]))

                let copy = Copy(
                    source: staging.client, sourceIdentity: "staging", target: production.client,
                    targetIdentity: "production",
                    runsRoot: production.directory.appendingPathComponent("runs"))
                let plan = try await copy.plan()
                #expect(plan.schema.hasChanges)
                #expect(plan.records.count(.update, .contact) == 1, "Amelia is completed, not created again")
                #expect(plan.records.count(.skip, .organization) == 1, "Contoso is there already")
                #expect(plan.records.count(.create, .contact) == 2)
                let outcome = try await copy.apply(plan)
                #expect(outcome.summary.status == "complete" && outcome.summary.failed == 0, "\(outcome.summary)")

                let counts = try await Restore.recordCounts(production.client)
                #expect(counts == ["organizations": 2, "contacts": 3, "leads": 2, "opportunities": 1, "cases": 2])
                let amelia = try #require(
                    try await production.contacts().first { $0["name"]?.stringValue == "Amelia Hart" })
                #expect(amelia["jobTitle"]?.stringValue == "Purchasing Lead")
                #expect(amelia["customFields"]?["cf_tier"]?.stringValue == "platinum")
                let tags = try await production.client.contacts.tags.list().compactMap(\.label)
                #expect(Set(tags) == ["VIP", "Local"])
                let cases = try await production.records(.case)
                let dark = try #require(cases.first { $0["title"]?.stringValue == "Dark mode" })
                let caseTypes = try await production.client.caseTypes.list()
                #expect(
                    caseTypes.first { $0.id?.rawValue == dark["caseTypeId"]?.stringValue }?.label == "Feature Request")
                #expect(dark["status"]?.stringValue == "in-progress")
                #expect(dark["contactId"] == amelia["id"])
                let ids = try IDMapFile.read(outcome.idMap)
                #expect(ids[.contact]?.values.contains(amelia["id"]?.stringValue ?? "-") == true)

                let before = comparable(try await production.contacts())
                let again = try await copy.plan()
                defer { again.discard() }
                #expect(again.isNoOp, "\(again.records.counts) \(again.schema.changes.map(\.address))")
                #expect(comparable(try await production.contacts()) == before)
            }
        }
    }

    /// A production contact with Bo's e-mail but another name, employer and phone: the copy
    /// neither updates nor duplicates it, and says so.
    @Test func aSharedAddressTheEvidenceDoesNotConfirmIsLeftAlone() async throws {
        try await ImportHarness.run { staging in
            _ = try await staging.client.contacts.create(
                Contact(fields: [
                    "name": "Bo Li", "jobTitle": "Buyer",
                    "email": [["label": "Work", "value": "shared@example.net", "primary": true]],
                    "phone": [["label": "Mobile", "value": "+14155550111", "primary": true]],
                ]))
            try await ImportHarness.run { production in
                let other = try await production.client.organizations.create(Organization(fields: ["name": "Globex"]))
                _ = try await production.client.contacts.create(
                    Contact(fields: [
                        "name": "Margaret Okonkwo", "organizationId": .string(other.id?.rawValue ?? ""),
                        "jobTitle": "Lawyer",
                        "email": [["label": "Work", "value": "shared@example.net", "primary": true]],
                        "phone": [["label": "Mobile", "value": "+442079460000", "primary": true]],
                    ]))
                let before = comparable(try await production.contacts())
                var copy = Copy(
                    source: staging.client, sourceIdentity: "staging", target: production.client,
                    targetIdentity: "production",
                    runsRoot: production.directory.appendingPathComponent("runs"))
                copy.entities = [.contact]
                let plan = try await copy.plan()
                #expect(plan.records.count(.conflict, .contact) == 1, "\(plan.records.counts)")
                let step = try #require(plan.records.conflicts.first)
                #expect(step.conflict?.candidates.first?.record["name"]?.stringValue == "Margaret Okonkwo")
                let outcome = try await copy.apply(plan)
                #expect(outcome.summary.failed == 0 && (outcome.summary.conflicts ?? 0) == 1)
                #expect(comparable(try await production.contacts()) == before)
                #expect(FileManager.default.fileExists(atPath: outcome.run.conflictsURL.path))
            }
        }
    }

    @Test func aSubsetBringsWhatItLinksTo() {
        #expect(Copy.closure([.contact]) == [.organization, .contact])
        #expect(Copy.closure([.case]) == [.organization, .contact, .case])
        #expect(Copy.closure([.organization]) == [.organization])
    }
}
