import Foundation
import CRMDedupe
import CRMModel
import Testing
@testable import CRMSync

/// Merge plans from clusters: survivor, field outcomes and pair evidence, named by CRM id.
@Suite struct MergePlanTests {
    static func contact(_ id: String?, _ name: String, emails: [String], phones: [String] = []) -> Contact {
        var contact = Contact(
            name: name, email: emails.map { LabeledValue(value: $0) }, phone: phones.map { LabeledValue(value: $0) })
        contact.id = id.map { Contact.RecordID($0) }
        return contact
    }

    @Test func groupsNameSurvivorFieldsAndPairsByID() {
        let contacts = [
            Self.contact("10", "Ada Lovelace", emails: ["ada@example.com"], phones: ["+44 20 7946 0000"]),
            Self.contact("11", "Ada Lovelace", emails: ["ADA@example.com", "ada@home.example"]),
            Self.contact("12", "Alan Turing", emails: ["alan@example.com"]),
        ]
        let records = contacts.enumerated().map { DedupeRecord(index: $0.offset, contact: $0.element) }
        let result = DedupeEngine().run(records)
        let plan = MergePlanBuilder().plan(entity: .contact, records: records, result: result, threshold: 0.95)
        #expect(plan.groups.count == 1)
        let group = plan.groups.first
        #expect(group?.survivor == "10")
        #expect(group?.members.map(\.id) == ["10", "11"])
        #expect(group?.fields.first { $0.field == "emails" }?.values.contains("ada@home.example") == true)
        #expect(group?.fields.first { $0.field == "emails" }?.from.contains("11") == true)
        #expect(group?.pairs.first?.records == ["10", "11"])
        #expect(group?.pairs.first?.evidenceFor?.contains { $0.hasPrefix("email: ") } == true)
        let yaml = MergePlanYAML.render(plan)
        #expect(yaml.contains("  - group: 1\n    band: \"link\"\n    survivor: \"10\"\n"))
        #expect(yaml.contains("      - records: [\"10\", \"11\"]\n"))
    }

    @Test func recordsWithoutAnIDAreNotGrouped() {
        let contacts = [
            Self.contact(nil, "Ada Lovelace", emails: ["ada@example.com"]),
            Self.contact("11", "Ada Lovelace", emails: ["ada@example.com"]),
        ]
        let records = contacts.enumerated().map { DedupeRecord(index: $0.offset, contact: $0.element) }
        let plan = MergePlanBuilder().plan(
            entity: .contact, records: records, result: DedupeEngine().run(records), threshold: 0.95)
        #expect(plan.groups.isEmpty)
        #expect(MergePlanYAML.render(plan).hasSuffix("groups: []\n"))
    }
}

/// A plan written before pairs carried evidence for and against reads back, rendered again, as
/// the same plan (found by the merge-plan fuzz target on its own seed).
@Suite struct MergePlanRoundTripTests {
    @Test func aPlanWithoutSplitEvidenceRendersAsTheSamePlan() throws {
        let seed = ImportHarness.path("Fuzz/Seeds/merge-plan/one-group.yaml")
        let plan = try MergePlanReader.parse(String(contentsOfFile: seed, encoding: .utf8), file: seed)
        #expect(plan.groups.first?.pairs.first?.evidenceFor == nil)
        let again = try MergePlanReader.parse(MergePlanYAML.render(plan), file: "rendered.yaml")
        #expect(again == plan)
    }
}
