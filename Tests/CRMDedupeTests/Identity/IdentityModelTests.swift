import Testing
@testable import CRMDedupe

/// The pair verdicts the importer and the engine both rely on.
@Suite struct IdentityModelTests {
    let model = IdentityModel(kind: .person)

    @Test func familyAddressPairIsNotLinkedAndTheAddressIsNamed() {
        let john = DedupeRecord(
            index: 0, givenName: "John", familyName: "Smith",
            emails: ["john.smith@gmail.com", "family@smiths.net"], phones: ["+1 415 555 0101"])
        let jane = DedupeRecord(
            index: 1, givenName: "Jane", familyName: "Smith",
            emails: ["jane.smith@yahoo.com", "family@smiths.net"], phones: ["+1 415 555 0199"])
        let verdict = model.assess(john, jane)
        #expect(verdict.band != .link)
        #expect(verdict.reasons.contains { $0.contains("family@smiths.net") && $0.contains("shared") })
        #expect(verdict.reasons.contains { $0.contains("given names differ") })
    }

    @Test func familyAddressAloneWithConflictingNamesIsNotLinked() {
        let john = DedupeRecord(index: 0, givenName: "John", familyName: "Smith", emails: ["family@smiths.net"])
        let jane = DedupeRecord(index: 1, givenName: "Jane", familyName: "Smith", emails: ["family@smiths.net"])
        #expect(model.assess(john, jane).band != .link)
    }

    @Test func sameNameStrangersAreNotLinked() {
        let a = DedupeRecord(
            index: 0, givenName: "John", familyName: "Smith", emails: ["john.smith@acme.com"],
            phones: ["+1 415 555 0101"], company: "Acme Inc.")
        let b = DedupeRecord(
            index: 1, givenName: "John", familyName: "Smith", emails: ["jsmith@globex.com"],
            phones: ["+1 212 555 0177"], company: "Globex Corp")
        #expect(model.assess(a, b).band == .distinct)
        let bare = DedupeRecord(index: 2, givenName: "John", familyName: "Smith")
        #expect(model.assess(a, bare).band != .link)
    }

    /// Two given names, one surname, one birthday, one street number in one town (a FEBRL pair):
    /// relatives to the default model, one mistyped person when the veto is off (a registry keyed
    /// by hand).
    @Test func namesVetoKeepsAHouseholdApartAndCanBeTurnedOff() {
        let kayla = DedupeRecord(
            index: 0, givenName: "Kayla", familyName: "Tu", streetNumber: "12",
            addressLine1: "Chauvel Circle", city: "Coleambally", postcode: "3137", birthDate: "1998-03-29")
        let brooke = DedupeRecord(
            index: 1, givenName: "Brooke", familyName: "Tu", streetNumber: "12",
            addressLine1: "Crichton Crescent", city: "Coleambally", postcode: "3173", birthDate: "1998-03-29")
        let strict = model.assess(kayla, brooke)
        #expect(strict.band != .link)
        #expect(strict.reasons.contains { $0.contains("given names differ") })
        var lenient = DedupeConfiguration()
        lenient.namesVeto = false
        #expect(IdentityModel(kind: .person, configuration: lenient).assess(kayla, brooke).band == .link)
    }

    @Test func rowThatAddsNothingButAgreesIsLinked() {
        let a = DedupeRecord(index: 0, givenName: "Mary", familyName: "Jones", emails: ["mary.jones@example.org"])
        let b = DedupeRecord(index: 1, givenName: "Mary", familyName: "Jones", emails: ["Mary.Jones@Example.org"])
        #expect(model.assess(a, b).band == .link)
    }

    @Test func sameEmailWithCompatibleNamesIsLinked() {
        let william = DedupeRecord(
            index: 0, givenName: "William", familyName: "Turner", emails: ["w.turner@example.org"])
        let bill = DedupeRecord(index: 1, givenName: "Bill", familyName: "Turner", emails: ["w.turner@example.org"])
        let noGiven = DedupeRecord(index: 2, familyName: "Turner", emails: ["w.turner@example.org"])
        #expect(model.assess(william, bill).band == .link)
        #expect(model.assess(william, noGiven).band == .link)
    }

    @Test func rareNameAgreementWeighsMoreThanCommonOne() {
        func weight(_ given: String, _ family: String) -> Double {
            let a = DedupeRecord(index: 0, givenName: given, familyName: family)
            let verdict = model.assess(a, a)
            return verdict.evidence.filter { $0.field == "givenName" || $0.field == "familyName" }.map(\.weight).reduce(
                0, +)
        }
        let common = weight("John", "Smith"), rare = weight("Siobhán", "Ó Briain")
        #expect(rare > common + 8)
    }

    @Test func dataFrequenciesMakeACommonValueWeak() {
        var frequencies = ValueFrequencies()
        for i in 0..<500 {
            frequencies.count(
                DedupeRecord(index: i, givenName: i % 2 == 0 ? "Zebulon" : "Ann", familyName: "Family\(i)"))
        }
        let tuned = IdentityModel(kind: .person, frequencies: frequencies)
        let a = DedupeRecord(index: 0, givenName: "Zebulon", familyName: "Quist")
        let given = { (m: IdentityModel) in m.assess(a, a).evidence.first { $0.field == "givenName" }?.weight ?? 0 }
        #expect(given(tuned) < given(model) - 5)
    }

    @Test func addressSharedAcrossTheDataIsRecognisedForThirdRecords() {
        var frequencies = ValueFrequencies()
        let john = DedupeRecord(index: 0, givenName: "John", familyName: "Smith", emails: ["family@smiths.net"])
        let jane = DedupeRecord(index: 1, givenName: "Jane", familyName: "Smith", emails: ["family@smiths.net"])
        let initial = DedupeRecord(index: 2, givenName: "J", familyName: "Smith", emails: ["family@smiths.net"])
        for record in [john, jane, initial] { frequencies.count(record) }
        let tuned = IdentityModel(kind: .person, frequencies: frequencies)
        let verdict = tuned.assess(john, initial)
        #expect(verdict.band != .link)
        #expect(verdict.reasons.contains { $0.contains("family@smiths.net is shared") })
    }

    @Test func differentPrivateMailboxesConflict() {
        let a = DedupeRecord(
            index: 0, givenName: "Ann", familyName: "Lee", emails: ["ann.lee@gmail.com"], phones: ["415 555 0101"])
        let b = DedupeRecord(
            index: 1, givenName: "Ann", familyName: "Lee", emails: ["annlee77@yahoo.com"], phones: ["415 555 0101"])
        let verdict = model.assess(a, b)
        #expect(verdict.band != .link)
        #expect(verdict.reasons.contains { $0.contains("private e-mails differ") })
    }

    @Test func verdictIsDeterministicAndSymmetricInBand() {
        let a = DedupeRecord(
            index: 0, givenName: "Bob", familyName: "Smith", phones: ["415 555 0132"], company: "Acme Inc.")
        let b = DedupeRecord(
            index: 1, givenName: "Robert", familyName: "Smith", phones: ["+1 (415) 555-0132"], company: "ACME")
        #expect(model.assess(a, b) == model.assess(a, b))
        #expect(model.assess(a, b).band == model.assess(b, a).band)
    }
}

/// The worked example of docs/dedupe.md, so the text stays true.
@Suite struct IdentityDocumentationExampleTests {
    @Test func familyMailboxExample() {
        let john = DedupeRecord(
            index: 0, givenName: "John", familyName: "Smith",
            emails: ["john.smith@gmail.com", "family@smiths.net"], phones: ["+1 415 555 0101"])
        let jane = DedupeRecord(
            index: 1, givenName: "Jane", familyName: "Smith",
            emails: ["jane.smith@yahoo.com", "family@smiths.net"], phones: ["+1 415 555 0199"])
        let verdict = IdentityModel(kind: .person).assess(john, jane)
        #expect(verdict.band == .distinct)
        #expect(
            verdict.reasons == [
                "given names differ (John / Jane)",
                "private e-mails differ (john.smith@gmail.com / jane.smith@yahoo.com)",
                "family@smiths.net is shared by records with different names",
            ])
    }
}
