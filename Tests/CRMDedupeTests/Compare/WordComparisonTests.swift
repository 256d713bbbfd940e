import Testing

@testable import CRMDedupe

/// The pair loop compares words and digits in place, without building arrays; these check it
/// answers exactly as the plain definitions written with arrays and sets do.
@Suite struct WordComparisonTests {
    /// Jaccard of the distinct words, by the definition.
    private func referenceJaccard(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let wa = Set(a.split(separator: 0x20).map(Array.init)), wb = Set(b.split(separator: 0x20).map(Array.init))
        let union = wa.union(wb).count
        return union == 0 ? 1 : Double(wa.intersection(wb).count) / Double(union)
    }

    /// The shorter text's words (counted with repeats, at least two) all occur in the longer one.
    private func referenceContained(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let ta = a.split(separator: 0x20).map(Array.init), tb = b.split(separator: 0x20).map(Array.init)
        let (short, long) = ta.count <= tb.count ? (ta, tb) : (tb, ta)
        return short.count >= 2 && Set(short).isSubset(of: Set(long))
    }

    @Test func wordsAreFoundBetweenAnyRunOfSpaces() {
        let text = Array("  main  street main ".utf8)
        #expect(TokenSetSimilarity.wordCount(text) == 3)
        #expect(TokenSetSimilarity.wordCount([]) == 0)
        #expect(TokenSetSimilarity.wordCount(Array("   ".utf8)) == 0)
        #expect(TokenSetSimilarity.nextWord(in: text, from: 0) == 2..<6)
        #expect(TokenSetSimilarity.nextWord(in: text, from: 6) == 8..<14)
        #expect(TokenSetSimilarity.nextWord(in: text, from: 19) == nil)
        #expect(TokenSetSimilarity.jaccard(Array("main street".utf8), Array("street  main main".utf8)) == 1)
        #expect(TokenSetSimilarity.jaccard(Array("a b".utf8), Array("b c".utf8)) == 1.0 / 3)
    }

    @Test("Jaccard and containment equal their definitions (20,000 random pairs of texts)")
    func agreeWithDefinitions() {
        var rng = SplitMix64(seed: 20_261_206)
        let vocabulary = ["st", "main", "street", "acme", "dental", "a", "b", "ab", "ba", "clinic", "of", "the"]
        func text() -> [UInt8] {
            let count = Int.random(in: 0...5, using: &rng)
            var words = (0..<count).map { _ in vocabulary.randomElement(using: &rng) ?? "a" }
            if Bool.random(using: &rng) { words.insert("", at: 0) }  // a leading space
            return Array(words.joined(separator: Bool.random(using: &rng) ? " " : "  ").utf8)
        }
        for _ in 0..<20_000 {
            let a = text(), b = text()
            let label = "\(String(decoding: a, as: UTF8.self)) / \(String(decoding: b, as: UTF8.self))"
            #expect(TokenSetSimilarity.jaccard(a, b) == referenceJaccard(a, b), "\(label)")
            #expect(TokenSetSimilarity.isContained(a, b) == referenceContained(a, b), "\(label)")
        }
    }

    @Test("one substitution or swap of neighbours, on byte arrays and on phone numbers' UTF-8 views")
    func oneEditAgreesWithDefinition() {
        func oneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
            guard a.count == b.count else { return false }
            let diffs = a.indices.filter { a[$0] != b[$0] }
            if diffs.count == 1 { return true }
            return diffs.count == 2 && diffs[1] == diffs[0] + 1 && a[diffs[0]] == b[diffs[1]]
                && a[diffs[1]] == b[diffs[0]]
        }
        let numbers = [
            "+15551234567", "+15551234576", "+15551234561", "+15551243567", "+1555123456", "+25551234567",
            "+51551234567", "+15551234675",
        ]
        for x in numbers {
            for y in numbers {
                let expected = oneEdit(Array(x.utf8), Array(y.utf8))
                #expect(EditCount.isOneEdit(x.utf8, y.utf8) == expected, "\(x) / \(y)")
                #expect(EditCount.isOneSubstitutionOrTransposition(Array(x.utf8), Array(y.utf8)) == expected)
            }
        }
    }
}
