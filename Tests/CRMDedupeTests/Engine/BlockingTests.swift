import Testing
@testable import CRMDedupe

@Suite struct BlockingTests {
    private func prepared(_ records: [DedupeRecord]) -> [PreparedRecord] { records.map(RecordPreparer().prepare) }

    @Test func oversizedBlockIsWindowedNotQuadratic() {
        // 500 different people behind one switchboard number.
        let records = (0..<500).map { i in
            DedupeRecord(index: i, givenName: "Given\(i)", familyName: "Family\(i)", phones: ["+1 415 555 0100"])
        }
        let generator = CandidateGenerator(
            keys: [BlockingKey([.phone])], maxBlockSize: 50, oversizedWindow: 4, sharedIdentifierThreshold: 20)
        let output = generator.generate(prepared(records))
        #expect(output.statistics.keys[0].oversizedBlocks == 1)
        #expect(output.pairs.count <= 500 * 4)  // linear, not 124,750
        #expect(output.sharedIdentifiers.count == 1)
    }

    @Test func aMissingFieldDoesNotHideADuplicate() {
        let records = [
            DedupeRecord(index: 0, givenName: "Ann", familyName: "Lee", emails: ["ann@x.com"], birthDate: "1980-01-02"),
            DedupeRecord(index: 1, givenName: "Ann", familyName: "Lee", birthDate: "1980-01-02"),  // no e-mail
            DedupeRecord(index: 2, givenName: "Ann", familyName: "Lea", emails: ["ann@x.com"]),  // typo, no birth date
            DedupeRecord(
                index: 3, givenName: "Zed", familyName: "Quux", emails: ["zed@y.com"], birthDate: "1990-05-06"),
        ]
        let output = CandidateGenerator(keys: BlockingKey.personDefaults).generate(prepared(records))
        let pairs = Set(output.pairs)
        #expect(pairs.contains(CandidateGenerator.pair(0, 1)))
        #expect(pairs.contains(CandidateGenerator.pair(0, 2)))
        #expect(!pairs.contains(CandidateGenerator.pair(0, 3)))
        #expect(output.pairs == output.pairs.sorted())
    }

    @Test func swappedNamesShareANameBlock() {
        let records = [
            DedupeRecord(index: 0, givenName: "Bertie", familyName: "Clarke"),
            DedupeRecord(index: 1, givenName: "Clarke", familyName: "Bertie"),
        ]
        let output = CandidateGenerator(keys: [BlockingKey([.namePhonetics])]).generate(prepared(records))
        #expect(output.pairs == [CandidateGenerator.pair(0, 1)])
    }

    @Test func roleAddressesNeverFormBlocks() {
        let records = (0..<5).map {
            DedupeRecord(index: $0, givenName: "P\($0)", familyName: "Q\($0)", emails: ["info@acme.com"])
        }
        let output = CandidateGenerator(keys: [BlockingKey([.email])]).generate(prepared(records))
        #expect(output.pairs.isEmpty)
    }
}
