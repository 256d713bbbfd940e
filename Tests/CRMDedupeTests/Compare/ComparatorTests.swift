import Testing
@testable import CRMDedupe

@Suite struct ComparatorTests {
    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 0.001 }

    @Test func jaroWinklerMatchesPublishedValues() {
        #expect(close(JaroWinkler.similarity("MARTHA", "MARHTA"), 0.961))
        #expect(close(JaroWinkler.similarity("DWAYNE", "DUANE"), 0.840))
        #expect(close(JaroWinkler.similarity("DIXON", "DICKSONX"), 0.813))
        #expect(JaroWinkler.similarity("same", "same") == 1)
        #expect(JaroWinkler.similarity("abc", "xyz") == 0)
        #expect(JaroWinkler.similarity("", "abc") == 0)
    }

    /// The shortcut must answer exactly as the full computation, including near the threshold.
    @Test("JaroWinkler.reaches agrees with similarity ≥ threshold (20,000 random pairs of e-mail-like strings)")
    func jaroWinklerShortcutIsExact() {
        var rng = SplitMix64(seed: 20_261_205)
        let alphabet = Array("aeinorst.@bcdlm".utf8)
        func word() -> [UInt8] {
            (0..<Int.random(in: 1...14, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? 0x61 }
        }
        for _ in 0..<20_000 {
            let a = word()
            var b = Bool.random(using: &rng) ? a : word()
            if !b.isEmpty, Bool.random(using: &rng) {
                b[Int.random(in: 0..<b.count, using: &rng)] = alphabet.randomElement(using: &rng) ?? 0x61
            }
            for threshold in [0.7, 0.8, 0.9, 0.92] {
                let full = JaroWinkler.similarity(a, b) >= threshold
                #expect(
                    JaroWinkler.reaches(threshold, a, b) == full,
                    "\(String(decoding: a, as: UTF8.self)) / \(String(decoding: b, as: UTF8.self)) at \(threshold)")
            }
        }
    }

    @Test func tokenSetIgnoresOrder() {
        #expect(TokenSetSimilarity.jaccard(["smith", "sons", "plumbing"], ["plumbing", "smith", "sons"]) == 1)
        #expect(TokenSetSimilarity.jaccard(Array("a b c".utf8), Array("c d".utf8)) == 0.25)
        #expect(TokenSetSimilarity.jaccard([String](), []) == 1)
    }

    @Test func datesAgreeOnTyposAndSwaps() {
        let base = SimpleDate(year: 1985, month: 4, day: 12)
        #expect(DateComparison.compare(base, base) == .exact)
        #expect(DateComparison.compare(base, SimpleDate(year: 1985, month: 12, day: 4)) == .typo)  // day/month swapped
        // Year digits swapped.
        #expect(DateComparison.compare(base, SimpleDate(year: 1958, month: 4, day: 12)) == .typo)
        #expect(DateComparison.compare(base, SimpleDate(year: 1986, month: 4, day: 12)) == .typo)  // one digit
        #expect(DateComparison.compare(base, SimpleDate(year: 1985, month: 9, day: 30)) == .withinYear)
        #expect(DateComparison.compare(base, SimpleDate(year: 1970, month: 1, day: 1)) == .different)
    }

    @Test func numbersAgreeWithinTolerance() {
        #expect(NumericComparison.compare("12", "12") == .exact)
        #expect(NumericComparison.compare("12", "12.0") == .exact)
        #expect(NumericComparison.compare("12", "14", absoluteTolerance: 2) == .close)
        #expect(NumericComparison.compare("100", "109", relativeTolerance: 0.1) == .close)
        #expect(NumericComparison.compare("12", "20", absoluteTolerance: 2) == .different)
        #expect(NumericComparison.compare("12a", "12b") == .different)
    }

    @Test func singleEdits() {
        #expect(EditCount.isOneSubstitutionOrTransposition(Array("2259".utf8), Array("2295".utf8)))
        #expect(EditCount.isOneSubstitutionOrTransposition(Array("2259".utf8), Array("2250".utf8)))
        #expect(!EditCount.isOneSubstitutionOrTransposition(Array("2259".utf8), Array("2259".utf8)))
        #expect(!EditCount.isOneSubstitutionOrTransposition(Array("2259".utf8), Array("3358".utf8)))
        #expect(!EditCount.isOneSubstitutionOrTransposition(Array("225".utf8), Array("2259".utf8)))
        // Two differences count only as one swap of neighbours.
        #expect(!EditCount.isOneSubstitutionOrTransposition(Array("2259".utf8), Array("5229".utf8)))
        #expect(!EditCount.isOneSubstitutionOrTransposition(Array("2259".utf8), Array("2368".utf8)))
        #expect(!EditCount.isOneSubstitutionOrTransposition(Array("2259".utf8), Array("2215".utf8)))
        #expect(EditCount.isOneSubstitutionOrTransposition(Array("2259".utf8), Array("2529".utf8)))
        #expect(EditCount.isOneSubstitutionOrTransposition(Array("+15551234567".utf8), Array("+15551234576".utf8)))
    }

    private func prepare(_ record: DedupeRecord) -> PreparedRecord { RecordPreparer().prepare(record) }

    @Test func recordComparatorLevels() {
        let a = prepare(
            DedupeRecord(
                index: 0, givenName: "Bill", familyName: "Smith", emails: ["Bill.Smith@x.com"],
                phones: ["(415) 555-0132"], birthDate: "1980-01-02"))
        let b = prepare(
            DedupeRecord(
                index: 1, givenName: "William", familyName: "Smiht", emails: ["bill.smith@x.com"],
                phones: ["+1 415 555 0132 ext 9"], birthDate: "1980-02-01"))
        let pattern = RecordComparator().compare(a, b)
        #expect(pattern[.givenName] == 1)  // nickname
        #expect(pattern[.familyName] == 1)  // Jaro-Winkler ≥ 0.92
        #expect(pattern[.email] == 0)
        #expect(pattern[.phone] == 0)
        #expect(pattern[.birthDate] == 1)  // day and month swapped
        #expect(pattern[.company] == nil)  // missing is not disagreement
        #expect(pattern[.city] == nil)
    }

    @Test func swappedNamesAgreeButNotExactly() {
        let a = prepare(DedupeRecord(index: 0, givenName: "Clarke", familyName: "Bertie"))
        let b = prepare(DedupeRecord(index: 1, givenName: "Bertie", familyName: "Clarke"))
        let pattern = RecordComparator().compare(a, b)
        #expect(pattern[.givenName] == 1)
        #expect(pattern[.familyName] == 1)
    }

    @Test func roleAndSharedIdentifiersCarryNoEvidence() {
        let a = prepare(
            DedupeRecord(
                index: 0, givenName: "Ann", familyName: "Lee", emails: ["info@acme.com"], phones: ["415 555 0100"]))
        let b = prepare(
            DedupeRecord(
                index: 1, givenName: "Bob", familyName: "Ray", emails: ["INFO@acme.com"], phones: ["4155550100"]))
        #expect(a.emails.isEmpty && a.roleEmails == ["info@acme.com"])
        let plain = RecordComparator().compare(a, b)
        #expect(plain[.email] == nil)
        #expect(plain[.phone] == 0)
        let shared = RecordComparator(sharedIdentifiers: Set(a.phoneHashes)).compare(a, b)
        #expect(shared[.phone] == nil)
    }
}
