import Testing

@testable import CRMDedupe

/// Blocking hashes a record's single-valued key parts straight into the hasher and builds every
/// combination only for records with several values; both ways must give the same hashes, or
/// records would land in different blocks depending on how many e-mails they carry.
@Suite struct BlockingHashTests {
    static let records: [DedupeRecord] = [
        DedupeRecord(
            index: 0, givenName: "Bill", familyName: "O'Brien", emails: ["bill@x.com"], phones: ["+1 415 555 0100"],
            company: "Acme Dental Clinic", streetNumber: "12", addressLine1: "12 Main Street", city: "Springfield",
            postcode: "SW1A 1AA", birthDate: "1980-01-02", website: "acme.com", personalIdentifiers: ["123-45-6789"]),
        DedupeRecord(
            index: 1, givenName: "Ann", familyName: "Lee", emails: ["ann@x.com", "ann.lee@y.org"],
            phones: ["+1 415 555 0100", "+1 415 555 0199"], birthDate: "02/01/1980",
            personalIdentifiers: ["A1", "B2"]),
        DedupeRecord(index: 2, givenName: "Élodie", familyName: "Ødegård", city: "Zürich", postcode: "8001"),
        DedupeRecord(index: 3, name: "Smith John", addressLine1: "Flat 2, 5 High St", city: "Leeds"),
        DedupeRecord(index: 4),
        DedupeRecord(
            index: 5, kind: .organization, name: "International Business Machines", phones: ["+1 914 499 1900"],
            streetNumber: "1", addressLine1: "New Orchard Road", city: "Armonk", postcode: "10504",
            website: "https://www.ibm.com"),
    ]

    @Test("forEachHash gives exactly hashes(for:seed:) for every default key and record")
    func sameHashesEitherWay() {
        let preparer = RecordPreparer()
        let keys =
            BlockingKey.personDefaults + BlockingKey.organizationDefaults
            + Self.parts.map { BlockingKey([$0]) } + [
                BlockingKey([.email, .phone]), BlockingKey([.namePhonetics, .email]),
            ]
        for record in Self.records.map(preparer.prepare) {
            for (index, key) in keys.enumerated() {
                var streamed: [UInt64] = []
                key.forEachHash(for: record, seed: UInt64(index + 1)) { streamed.append($0) }
                #expect(
                    streamed == key.hashes(for: record, seed: UInt64(index + 1)), "record \(record.index), key \(key)")
            }
        }
    }

    static let parts = BlockingKey.Part.allCases
}
