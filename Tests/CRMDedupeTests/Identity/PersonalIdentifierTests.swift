import Testing
@testable import CRMDedupe

/// A number issued to one person (national ID, member number) against the given-name veto:
/// it joins a record whose given name was replaced, and nothing twins or relatives can show.
@Suite struct PersonalIdentifierTests {
    let model = IdentityModel(kind: .person)

    /// FEBRL's "replace the given name" corruption: one surname, one address, no birth date.
    func spratt(_ given: String, index: Int, identifier: String?) -> DedupeRecord {
        DedupeRecord(
            index: index, givenName: given, familyName: "Spratt", streetNumber: "16",
            addressLine1: "Bastow Circuit", addressLine2: "Shoalwater", city: "Shoalwater", postcode: "2587",
            personalIdentifiers: identifier.map { [$0] } ?? [])
    }

    @Test func sameIdentifierJoinsARecordWhoseGivenNameWasReplaced() {
        let a = spratt("Isabekle", index: 0, identifier: "5074015")
        let b = spratt("Campbell", index: 1, identifier: "507 4015")
        #expect(model.assess(a, b).band == .link)
    }

    /// The reasons say why the veto did not apply, without repeating the number.
    @Test func reasonNamesTheIdentifierButNotItsValue() {
        let verdict = model.assess(
            spratt("Isabekle", index: 0, identifier: "5074015"), spratt("Campbell", index: 1, identifier: "5074015"))
        #expect(verdict.reasons.contains("both hold one personal identifier"))
        #expect(!verdict.reasons.joined().contains("5074015"))
    }

    /// Two neighbouring digits swapped is a keying slip on one person's number; one digit off
    /// is as likely the next number issued, to a twin registered the same day.
    @Test func swappedDigitsAgreeButTheNextNumberDoesNot() {
        let ethan = spratt("Ethan", index: 0, identifier: "3397372")
        #expect(model.assess(ethan, spratt("Spencer", index: 1, identifier: "3397732")).band == .link)
        #expect(model.assess(ethan, spratt("Spencer", index: 1, identifier: "3397373")).band == .distinct)
        #expect(PersonalIdentifier.isTransposition(Array("3397372".utf8), Array("3397732".utf8)))
        #expect(!PersonalIdentifier.isTransposition(Array("3397372".utf8), Array("3397373".utf8)))
        #expect(PersonalIdentifier.isTransposition(Array("3397372".utf8), Array("3937372".utf8)))
        #expect(!PersonalIdentifier.isTransposition(Array("1234567".utf8), Array("2143567".utf8)))
    }

    @Test func withoutTheIdentifierTheSamePairIsAHousehold() {
        let a = spratt("Isabekle", index: 0, identifier: "5074015")
        let b = spratt("Campbell", index: 1, identifier: nil)
        let verdict = model.assess(a, b)
        #expect(verdict.band == .distinct)
        #expect(verdict.reasons.contains { $0.contains("given names differ") })
    }

    /// Siblings at one address, each with their own number (and no birth dates to tell them
    /// apart): the numbers do not excuse their names, so the veto stands.
    @Test func siblingsWithTheirOwnNumbersStayApart() {
        func sibling(_ given: String, _ index: Int, _ number: String) -> DedupeRecord {
            DedupeRecord(
                index: index, givenName: given, familyName: "Everett", streetNumber: "8",
                addressLine1: "Eddy Crescent", city: "Noble Park", postcode: "3174", personalIdentifiers: [number])
        }
        let verdict = model.assess(sibling("Kiara", 0, "3831644"), sibling("Kieran", 1, "7790213"))
        #expect(verdict.band == .distinct)
        #expect(verdict.reasons.contains { $0.contains("given names differ") })
    }

    /// A number one person's record holds and a stranger's holds by a slip of the keyboard: with
    /// neither the surname nor the birth date agreeing, the given names still decide.
    @Test func sameNumberOnStrangersDoesNotExcuseTheirNames() {
        let a = DedupeRecord(
            index: 0, givenName: "Monique", familyName: "Millar", postcode: "3104", birthDate: "1975-02-11",
            personalIdentifiers: ["2679526"])
        let b = DedupeRecord(
            index: 1, givenName: "Elle", familyName: "Kowalski", postcode: "3104", birthDate: "1988-09-30",
            personalIdentifiers: ["2679526"])
        #expect(model.assess(a, b).band == .distinct)
    }

    /// `000000000` or `unknown` in an export's identifier column is nobody's number.
    @Test func placeholdersIdentifyNoOne() {
        let a = spratt("Isabekle", index: 0, identifier: "000000000")
        let b = spratt("Campbell", index: 1, identifier: "000000000")
        #expect(model.assess(a, b).band == .distinct)
        #expect(PersonalIdentifier.isPlaceholder(Array("unknown".utf8)))
        #expect(PersonalIdentifier.isPlaceholder(Array("12".utf8)))
        #expect(!PersonalIdentifier.isPlaceholder(Array("5074015".utf8)))
    }

    /// A married name and a birth-date typo, but one social security number and one postcode: the
    /// number is the second agreement another surname needs.
    @Test func sameIdentifierCorroboratesAnotherSurname() {
        func kirra(_ family: String, _ index: Int, _ number: String?) -> DedupeRecord {
            DedupeRecord(
                index: index, givenName: "Kirra", familyName: family, streetNumber: "15", city: "Auburn",
                postcode: "4034", birthDate: index == 0 ? "1990-11-11" : "1909-11-11",
                personalIdentifiers: number.map { [$0] } ?? [])
        }
        #expect(model.assess(kirra("Gaskin", 0, "6678130"), kirra("Stubbs", 1, "6678130")).band == .link)
        #expect(model.assess(kirra("Gaskin", 0, "6678130"), kirra("Stubbs", 1, nil)).band != .link)
    }

    /// An identifier held by more records than `sharedIdentifierThreshold` is an export's default.
    @Test func numberOnManyRecordsIsNotIdentifying() {
        var frequencies = ValueFrequencies()
        for i in 0..<25 { frequencies.count(spratt("Person\(i)", index: i, identifier: "1234567")) }
        let crowded = IdentityModel(kind: .person, frequencies: frequencies)
        let a = spratt("Isabekle", index: 0, identifier: "1234567")
        let b = spratt("Campbell", index: 1, identifier: "1234567")
        #expect(crowded.assess(a, b).band == .distinct)
    }

    @Test func identifierIsABlockingKey() {
        let preparer = RecordPreparer()
        let records = [
            spratt("Isabekle", index: 0, identifier: "5074015"),
            DedupeRecord(index: 1, givenName: "Campbell", familyName: "Sprat", personalIdentifiers: ["5074015"]),
        ].map(preparer.prepare)
        let pairs = CandidateGenerator(keys: [BlockingKey([.personalIdentifier])]).generate(records).pairs
        #expect(pairs == [CandidateGenerator.pair(0, 1)])
    }
}
