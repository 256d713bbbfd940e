import Foundation
import Testing
@testable import CRMDedupe

@Suite struct SurvivorshipTests {
    let old = Date(timeIntervalSince1970: 1_000_000)
    let recent = Date(timeIntervalSince1970: 2_000_000)

    var cluster: [DedupeRecord] {
        [
            DedupeRecord(
                index: 0, id: "a", givenName: "Bob", familyName: "Smith", emails: ["bob@x.com"],
                phones: ["415 555 0132"],
                createdOn: recent, updatedOn: recent, note: "short"),
            DedupeRecord(
                index: 1, id: "b", givenName: "Robert", familyName: "Smith", emails: ["BOB@x.com", "rs@y.com"],
                phones: ["+1 (415) 555-0132", "+44 20 7946 0018"], company: "Acme", city: "Springfield",
                createdOn: old, updatedOn: old, note: "a much longer note"),
        ]
    }

    @Test func mostCompleteSurvivesAndFieldsFollowTheirRules() throws {
        let decision = try #require(Survivorship().resolve(cluster))
        #expect(decision.survivorIndex == 1)
        #expect(decision.mergedIds == ["a"])
        #expect(decision.merged.emails == ["BOB@x.com", "rs@y.com"])  // union, case-insensitive identity
        #expect(decision.merged.phones.count == 2)  // the two spellings of one number count once
        #expect(decision.merged.note == "a much longer note")
        #expect(decision.merged.givenName == "Robert")  // survivor's value kept
    }

    /// A copy's personal identifier stays with the person, once, whichever record survives.
    @Test func personalIdentifiersOfEveryCopyAreKept() throws {
        var records = cluster
        records[0].personalIdentifiers = ["123-45-6789", "X1234567"]
        records[1].personalIdentifiers = ["123-45-6789"]
        let decision = try #require(Survivorship().resolve(records))
        #expect(decision.survivorIndex == 1)
        #expect(decision.merged.personalIdentifiers == ["123-45-6789", "X1234567"])
    }

    @Test func survivorRules() throws {
        #expect(try #require(Survivorship(policy: .init(survivor: .oldest)).resolve(cluster)).survivorIndex == 1)
        #expect(
            try #require(Survivorship(policy: .init(survivor: .mostRecentlyUpdated)).resolve(cluster)).survivorIndex
                == 0)
    }

    @Test func fillBlanksAndKeepSurvivor() throws {
        let fill = try #require(Survivorship(policy: .init(survivor: .mostRecentlyUpdated)).resolve(cluster))
        #expect(fill.merged.company == "Acme")
        #expect(fill.changes.contains { $0.field == "company" && $0.sources == [1] && $0.rule == .fillBlanks })
        let keep = try #require(
            Survivorship(policy: .init(survivor: .mostRecentlyUpdated, fieldRules: [:], defaultRule: .keepSurvivor))
                .resolve(cluster))
        #expect(keep.merged.company == nil)
        #expect(keep.changes.isEmpty)
    }

    @Test func decisionRoundTripsThroughJSON() throws {
        let decision = try #require(Survivorship().resolve(cluster))
        let data = try JSONEncoder().encode(decision)
        #expect(try JSONDecoder().decode(MergeDecision.self, from: data) == decision)
        #expect(Survivorship().resolve([]) == nil)
    }
}
