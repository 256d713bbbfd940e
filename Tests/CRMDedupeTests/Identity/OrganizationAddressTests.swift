import Testing
@testable import CRMDedupe

/// Organisations written differently at one street address.
@Suite struct OrganizationAddressTests {
    let model = IdentityModel(kind: .organization)

    func org(_ index: Int, _ name: String, _ street: String, postcode: String = "62701", phone: String? = nil)
        -> DedupeRecord
    {
        DedupeRecord(
            index: index, kind: .organization, name: name, phones: phone.map { [$0] } ?? [],
            addressLine1: street, city: "Springfield", postcode: postcode)
    }

    @Test func streetAbbreviationsAndNumbersNormalise() {
        let n = StreetAddressNormalizer()
        #expect(n.normalize("12 Main St.", number: nil) == ("12", "main street"))
        #expect(n.normalize("Main Street 12", number: nil) == ("12", "main street"))
        #expect(n.normalize("400 N. Lake Blvd", number: nil) == ("400", "north lake boulevard"))
        #expect(n.normalize("The Mall", number: nil).street == "mall")
        #expect(StreetAddressNormalizer.nameWord("north lake boulevard") == "lake")
    }

    @Test func abbreviatedAddressAndLegalSuffixLink() {
        let a = org(0, "The Acme Company, Inc.", "12 Main St.", phone: "+1 217 555 0100")
        let b = org(1, "Acme Co", "12 Main Street", phone: "(217) 555-0100")
        let verdict = model.assess(a, b)
        #expect(verdict.band == .link)
        #expect(verdict.evidence.contains { $0.field == "addressLine1" && $0.weight > 0 })
    }

    @Test func reorderedNameAtTheSameAddressLinks() {
        let a = org(0, "Smith & Sons Plumbing", "401 Oak Avenue", phone: "+1 217 555 0142")
        let b = org(1, "Plumbing Smith and Sons Ltd", "401 Oak Ave", phone: "217-555-0142")
        #expect(model.assess(a, b).band == .link)
    }

    @Test func nameWithAParentPrefixAtTheSameOfficeLinks() {
        let a = org(0, "Springfield Dental Clinic", "88 Elm Blvd", phone: "+1 217 555 0177")
        let b = org(1, "Mercy Health Springfield Dental Clinic", "88 Elm Boulevard", phone: "+1 217 555 0177")
        #expect(model.assess(a, b).band == .link)
    }

    @Test func anotherStreetNumberIsNotTheSameOffice() {
        let a = org(0, "Springfield Dental", "88 Elm Blvd")
        let b = org(1, "Riverside Dental", "90 Elm Blvd")
        #expect(model.assess(a, b).band != .link)
    }

    @Test func engineFindsTheSameOfficeUnderAnotherNameThroughTheAddress() {
        let records = [
            org(0, "International Business Machines", "1 New Orchard Rd", postcode: "10504", phone: "+1 914 499 1900"),
            org(1, "IBM Corp", "1 New Orchard Road", postcode: "10504", phone: "914-499-1900"),
            org(2, "Orchard Bakery", "7 New Orchard Road", postcode: "10504", phone: "914-499-7777"),
        ]
        let result = DedupeEngine(configuration: .forOrganizations()).run(records)
        #expect(result.clusters == [[0, 1]])
    }
}
