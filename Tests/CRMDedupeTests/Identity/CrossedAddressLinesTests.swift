import Testing
@testable import CRMDedupe

/// One address with its two lines entered the other way round counts as one address when a
/// shared birthday has to show that a different given name is a mistyped one.
@Suite struct CrossedAddressLinesTests {
    let model = IdentityModel(kind: .person)

    func fenwick(_ given: String, _ index: Int, line1: String, line2: String, postcode: String) -> DedupeRecord {
        DedupeRecord(
            index: index, givenName: given, familyName: "Fenwick", streetNumber: "30", addressLine1: line1,
            addressLine2: line2, city: "Maclean", postcode: postcode, birthDate: "1990-05-18")
    }

    /// A FEBRL pair: one birthday, one house number, the lines swapped and the postcode's digits
    /// transposed, and another given name on one copy.
    @Test func swappedLinesWithOneBirthdayJoin() {
        let lucas = fenwick(
            "Lucas", 0, line1: "Yanda Street", line2: "St John of God Hospital", postcode: "4217")
        let matthew = fenwick(
            "Matthew", 1, line1: "St John of God Hospital", line2: "Yanda Strceet", postcode: "4271")
        #expect(CrossedAddressLines.match(model.prepare(lucas), model.prepare(matthew)))
        let verdict = model.assess(lucas, matthew)
        #expect(verdict.band == .link)
        #expect(verdict.reasons.contains { $0.contains("or twins") })
    }

    /// Twins living together: one surname, birthday, house and telephone, two given names. By
    /// default the shared birthday and home excuse the names (a name replaced on one record is
    /// far commoner in the benchmarks); with `birthdayExcusesReviewOnly` a person decides.
    @Test func twinsAtOneAddressGoToReviewWhenAsked() {
        func twin(_ given: String, _ index: Int) -> DedupeRecord {
            DedupeRecord(
                index: index, givenName: given, familyName: "Tu", phones: ["+61 7 5555 0148"], streetNumber: "12",
                addressLine1: "Baynton Street", city: "Maclean", postcode: "4217", birthDate: "1990-05-18")
        }
        var configuration = DedupeConfiguration()
        configuration.birthdayExcusesReviewOnly = true
        let strict = IdentityModel(kind: .person, configuration: configuration)
        let verdict = strict.assess(twin("Kayla", 0), twin("Brooke", 1))
        #expect(verdict.band == .review)
        #expect(verdict.reasons.contains { $0.contains("or twins") })
        let groups = DedupeEngine(configuration: configuration).run([twin("Kayla", 0), twin("Brooke", 1)]).clusters
        #expect(groups.allSatisfy { $0.count == 1 }, "twins merged: \(groups)")
        #expect(model.assess(twin("Kayla", 0), twin("Brooke", 1)).band == .link)
    }

    /// Twins born the same day who live apart: their lines do not cross, so their names decide.
    @Test func sameBirthdayAtAnotherAddressStaysApart() {
        let lucas = fenwick(
            "Lucas", 0, line1: "Yanda Street", line2: "St John of God Hospital", postcode: "4217")
        let matthew = fenwick(
            "Matthew", 1, line1: "Chauvel Circle", line2: "Adventist Retirement Village", postcode: "4271")
        #expect(!CrossedAddressLines.match(model.prepare(lucas), model.prepare(matthew)))
        let verdict = model.assess(lucas, matthew)
        #expect(verdict.band == .distinct)
        #expect(verdict.reasons.contains { $0.contains("given names differ") })
    }

    /// Lines equal as written are an agreeing address already, not a crossed one; a record with
    /// one line cannot have crossed them.
    @Test func onlyTwoLinesOnBothSidesCanCross() {
        let a = fenwick("Lucas", 0, line1: "Yanda Street", line2: "Yanda Street", postcode: "4217")
        let b = fenwick("Lucas", 1, line1: "Yanda Street", line2: "Yanda Street", postcode: "4217")
        #expect(!CrossedAddressLines.match(model.prepare(a), model.prepare(b)))
        let single = DedupeRecord(
            index: 2, givenName: "Lucas", familyName: "Fenwick", addressLine1: "St John of God Hospital")
        #expect(!CrossedAddressLines.match(model.prepare(a), model.prepare(single)))
    }
}
