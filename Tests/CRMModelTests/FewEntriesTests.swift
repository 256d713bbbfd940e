import Testing
@testable import CRMModel

/// `FewEntries` holds four values in slots and the rest in an array; repeats are found in both,
/// with the position of the first holder, by the list's `EntryIdentity`.
@Suite struct FewEntriesTests {
    @Test func repeatsAreFoundInTheSlotsAndBeyond() {
        var entries = FewEntries(identity: .caseless)
        let values = [
            "a@x.example", "b@x.example", "a-much-longer-address-than-fifteen-bytes@x.example", "d@x.example",
            "e@x.example", "f@x.example",
        ]
        for (position, value) in values.enumerated() {
            #expect(entries.insert(value, at: position).inserted)
        }
        #expect(entries.count == 6)
        for (position, value) in values.enumerated() {
            let again = entries.insert(value.uppercased(), at: 99)
            #expect(!again.inserted && again.firstPosition == position, "\(value)")
            #expect(entries.firstPosition(of: value) == position)
        }
        #expect(entries.count == 6)
        #expect(entries.firstPosition(of: "") == nil, "an empty slot is not an empty value")
        #expect(entries.firstPosition(of: "g@x.example") == nil)
    }

    @Test func phonesRepeatByTheirDigits() {
        var entries = FewEntries(identity: .digits)
        #expect(entries.insert("+1 (202) 555-0123", at: 0).inserted)
        let again = entries.insert("+12025550123", at: 1)
        #expect(!again.inserted && again.firstPosition == 0)
        #expect(entries.insert("+1 202 555 0124", at: 2).inserted)
        #expect(entries.count == 2)
    }

    /// Answered on bytes, `same` must agree with comparing the keys the API compares, for
    /// every pair: ASCII case, non-ASCII letters (whose lower case is Unicode's), separators,
    /// extensions, empty texts.
    @Test func sameAgreesWithTheKeys() {
        let texts = [
            "", "a@b.example", "A@B.EXAMPLE", "a@b.examplf", "a@b.exampl", "Émile@x.example", "émile@x.example",
            "EMILE@x.example", "straße@x.example", "STRASSE@x.example", "İ@x.example", "i̇@x.example", "i@x.example",
            "+1 (202) 555-0123", "+12025550123", "12025550123 ext. 4", "120255501234", "abc", "x", "00", "0",
            "Ｋ@x.example", "k@x.example",
        ]
        for identity in [EntryIdentity.digits, .caseless] {
            for a in texts {
                for b in texts {
                    #expect(
                        identity.same(a, b) == (identity.key(of: a) == identity.key(of: b)),
                        "\(identity) \(a.debugDescription) \(b.debugDescription)")
                }
            }
        }
    }
}
