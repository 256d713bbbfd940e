import Testing
@testable import CRMDedupe

/// The shared-birthday-and-home excuse for two given names (a name replaced on one copy) links
/// a pair only where nothing else tells two people apart. Twins who each have an e-mail address
/// or a mobile of their own are never linked, with the default settings: a person decides.
@Suite struct TwinsWithTheirOwnContactsTests {
    let model = IdentityModel(kind: .person)

    func twin(_ given: String, _ index: Int, emails: [String] = [], phones: [String] = []) -> DedupeRecord {
        DedupeRecord(
            index: index, givenName: given, familyName: "Okafor", emails: emails,
            phones: ["+44 20 7946 0321"] + phones, streetNumber: "7", addressLine1: "Larch Close", city: "Leeds",
            postcode: "LS6 2AB", birthDate: "2004-11-02")
    }

    @Test func twinsWithTheirOwnEmailsStayApart() {
        let chidi = twin("Chidi", 0, emails: ["chidi.okafor@gmail.com"])
        let amara = twin("Amara", 1, emails: ["amara.okafor@outlook.com"])
        #expect(model.assess(chidi, amara).band != .link)
        let groups = DedupeEngine().run([chidi, amara]).clusters
        #expect(groups.allSatisfy { $0.count == 1 }, "twins merged: \(groups)")
    }

    @Test func twinsWithTheirOwnMobilesStayApart() {
        let chidi = twin("Chidi", 0, phones: ["+44 7700 900123"])
        let amara = twin("Amara", 1, phones: ["+44 7700 900456"])
        let verdict = model.assess(chidi, amara)
        #expect(verdict.band == .review)
        #expect(verdict.reasons.contains { $0.contains("the other lacks, as twins would") })
        let groups = DedupeEngine().run([chidi, amara]).clusters
        #expect(groups.allSatisfy { $0.count == 1 }, "twins merged: \(groups)")
    }

    /// One copy with a phone the other lacks is a record kept longer, not a second person: the
    /// excuse still links.
    @Test func oneCopyWithAnExtraPhoneStillLinks() {
        let kept = twin("Chidi", 0, phones: ["+44 7700 900123"])
        let replaced = twin("Emeka", 1)
        #expect(model.assess(kept, replaced).band == .link)
    }
}
