import Testing
@testable import CRMDedupe

/// Names mangled in an export (scrambled letters, one lost) against names that are two people's.
@Suite struct GarbledNameTests {
    private func folded(_ name: String) -> [UInt8] { Array(name.lowercased().utf8) }

    private func isGarbled(_ a: String, _ b: String) -> Bool {
        let x = folded(a), y = folded(b)
        return GarbledName.isGarbledCopy(
            x, knownA: GarbledName.isKnownGivenName(x, groups: []), y,
            knownB: GarbledName.isKnownGivenName(y, groups: []))
    }

    @Test(arguments: [("lmeAi", "Amelia"), ("Enht", "Ethan"), ("Chirla", "Charlie"), ("Oliet", "Elliot")])
    func scrambledGivenNameIsACopy(garbled: String, real: String) {
        #expect(isGarbled(garbled, real))
        #expect(isGarbled(real, garbled))
        #expect(!NameConflict.givenConflict(folded(garbled), folded(real)))
    }

    /// Anagrams and near-anagrams that are both real names are two people.
    @Test(arguments: [("Noel", "Leon"), ("Mary", "Myra"), ("Mark", "Mary"), ("Kayla", "Brooke")])
    func twoRealNamesAreNeverExcused(a: String, b: String) {
        #expect(!isGarbled(a, b))
    }

    @Test func anagramOfARealNameStillConflicts() {
        #expect(NameConflict.givenConflict(folded("Noel"), folded("Leon")))
        #expect(NameConflict.givenConflict(folded("Kayla"), folded("Brooke")))
    }

    @Test func shortOrDistantNamesAreNotCopies() {
        #expect(!isGarbled("Xa", "Ax"))
        #expect(!isGarbled("Qwzy", "Amelia"))
        #expect(GarbledName.unmatchedLetters(folded("lmeai"), folded("amelia")) == 1)
        #expect(GarbledName.unmatchedLetters(folded("abcd"), folded("wxyz")) == 8)
    }

    @Test func scrambledSurnameIsComparedAsSimilar() {
        let comparator = RecordComparator(fields: [.familyName])
        let preparer = RecordPreparer()
        let a = preparer.prepare(DedupeRecord(index: 0, givenName: "Oliver", familyName: "ynnollC"))
        let b = preparer.prepare(DedupeRecord(index: 1, givenName: "Oliver", familyName: "Connolly"))
        let c = preparer.prepare(DedupeRecord(index: 2, givenName: "Oliver", familyName: "Brown"))
        #expect(comparator.compare(a, b)[.familyName] == 2)
        #expect(comparator.compare(a, c)[.familyName] == 3)
    }

    /// The same birth date and the same street, misspelt on one side: one person whose given name
    /// was replaced, as when the street is written identically.
    @Test func birthDateWithACloseStreetCorroboratesAnotherGivenName() {
        let model = IdentityModel(kind: .person)
        let april = DedupeRecord(
            index: 0, givenName: "April", familyName: "Dreckow", streetNumber: "7",
            addressLine1: "Baynton Street", city: "Seven Hills", postcode: "3564", birthDate: "1939-03-15")
        let cain = DedupeRecord(
            index: 1, givenName: "Cain", familyName: "Dreckow", streetNumber: "7",
            addressLine1: "Baynton W Treet", city: "Seven Hills", postcode: "3562", birthDate: "1939-03-15")
        #expect(!model.assess(april, cain).reasons.contains { $0.contains("given names differ") })
        let elsewhere = DedupeRecord(
            index: 2, givenName: "Cain", familyName: "Dreckow", streetNumber: "7",
            addressLine1: "Crichton Crescent", city: "Seven Hills", postcode: "3562", birthDate: "1939-03-15")
        #expect(model.assess(april, elsewhere).reasons.contains { $0.contains("given names differ") })
    }
}
