import CRMImport
import CRMModel
import Foundation
import Testing
@testable import CRMDedupe

/// The conversions into the engine's record: from the CRM's contacts and organizations, and from
/// drafts a mapping built.
@Suite struct RecordAdapterTests {
    @Test func contactKeepsPrimaryFirstAndReadsServerDates() throws {
        var contact = Contact(
            name: "  Ada Lovelace ",
            email: [
                LabeledValue(label: "Home", value: "ada@home.example"),
                LabeledValue(label: "Work", value: "ada@work.example", primary: true),
                LabeledValue(label: "Other", value: "  "),
            ],
            phone: [LabeledValue(label: "Mobile", value: "+44 20 7946 0000")])
        contact.id = "42"
        contact.createdOn = "2024-05-01T10:00:00Z"
        contact.updatedOn = "2024-06-01T10:00:00.250Z"
        contact.jobTitle = "Analyst"
        let record = DedupeRecord(index: 3, contact: contact, organizationName: "Analytical Engines")
        #expect(record.index == 3)
        #expect(record.id == "42")
        #expect(record.kind == .person)
        #expect(record.name == "Ada Lovelace")
        #expect(record.emails == ["ada@work.example", "ada@home.example"])
        #expect(record.phones == ["+44 20 7946 0000"])
        #expect(record.company == "Analytical Engines")
        #expect(record.jobTitle == "Analyst")
        let created = try #require(record.createdOn)
        let updated = try #require(record.updatedOn)
        #expect(updated.timeIntervalSince(created) == 31 * 86_400 + 0.25)
    }

    @Test func unreadableDatesAreMissingNotErrors() {
        var contact = Contact(name: "X")
        contact.createdOn = "yesterday"
        contact.updatedOn = "2024-05-01T10:00:00"
        let record = DedupeRecord(index: 0, contact: contact)
        #expect(record.createdOn == nil)
        #expect(record.updatedOn == Date(timeIntervalSince1970: 1_714_557_600))
    }

    @Test func organizationUsesNameAsCompanyAndAddress() {
        var organization = Organization(name: "Initech Ltd")
        organization.address = "1 Main St, Springfield"
        organization.website = "https://initech.example"
        organization.email = [LabeledValue(value: "info@initech.example")]
        let record = DedupeRecord(index: 1, organization: organization)
        #expect(record.kind == .organization)
        #expect(record.name == "Initech Ltd")
        #expect(record.company == "Initech Ltd")
        #expect(record.addressLine1 == "1 Main St, Springfield")
        #expect(record.website == "https://initech.example")
        #expect(record.emails == ["info@initech.example"])
    }

    @Test func draftTakesFieldsReferencesAndExtras() throws {
        let mapping = try MappingParser.parse(
            yaml: """
                source: { format: csv }
                target: contact
                defaults: { region: US }
                fields:
                  name: { template: "{{First}} {{Last}}" }
                  email: { entries: [{ from: Mail, label: Work }], transforms: [email] }
                  phone: { entries: [{ from: Tel, label: Work }], transforms: [phone] }
                  organizationId: { from: Company }
                extras:
                  givenName: First
                  surname: Last
                  suburb: Town
                  state: State
                  postcode: Zip
                  birthDate: { from: Born, transforms: [{ date: yyyyMMdd }] }
                  personalIdentifier: { from: Member, transforms: [trim] }
                """, file: "inline.yaml")
        let source = SourceRecord(
            provenance: SourceProvenance(file: "in.csv", line: 2, record: 1),
            fields: [
                SourceField(name: "First", value: "Grace"), SourceField(name: "Last", value: "Hopper"),
                SourceField(name: "Mail", value: "Grace@Navy.example"),
                SourceField(name: "Tel", value: "(202) 555-0142"),
                SourceField(name: "Company", value: "US Navy"), SourceField(name: "Town", value: "Arlington"),
                SourceField(name: "State", value: "VA"), SourceField(name: "Zip", value: "22201"),
                SourceField(name: "Born", value: "19061209"), SourceField(name: "Member", value: " 507 4015 "),
            ])
        let draft = Mapper(mapping: mapping).map(source)
        #expect(draft.problems.isEmpty)
        let record = DedupeRecord(index: 7, draft: draft)
        #expect(record.index == 7)
        #expect(record.name == "Grace Hopper")
        #expect(record.givenName == "Grace")
        #expect(record.familyName == "Hopper")
        #expect(record.emails == ["grace@navy.example"])
        #expect(record.phones.count == 1)
        #expect(record.company == "US Navy")
        #expect(record.city == "Arlington")
        #expect(record.region == "VA")
        #expect(record.postcode == "22201")
        #expect(record.birthDate == "1906-12-09")
        #expect(record.personalIdentifiers == ["507 4015"])
    }
}
