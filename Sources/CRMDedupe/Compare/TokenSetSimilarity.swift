/// Similarity of two texts as sets of words, so word order and repeated words do not matter
/// ("Smith & Sons Plumbing" vs "Plumbing Smith and Sons").
public enum TokenSetSimilarity {
    /// Jaccard index of the token sets (0...1); two empty texts are 1.
    public static func jaccard(_ a: [String], _ b: [String]) -> Double {
        let sa = Set(a), sb = Set(b)
        if sa.isEmpty && sb.isEmpty { return 1 }
        let union = sa.union(sb).count
        return Double(sa.intersection(sb).count) / Double(union)
    }

    /// Jaccard on space-separated bytes, the comparator's path for company names and address
    /// lines. It sits in the pair loop, so words are found and compared in place by their byte
    /// ranges: splitting both texts made two arrays of slices per pair, which at millions of pairs
    /// cost more than the comparison. Texts hold a handful of words, so looking a word up by
    /// scanning the other text is cheaper than building any set.
    static func jaccard(_ a: [UInt8], _ b: [UInt8]) -> Double {
        var distinctA = 0, common = 0
        var word = nextWord(in: a, from: 0)
        while let w = word {
            if !containsWord(a, w, in: a, before: w.lowerBound) {
                distinctA += 1
                if containsWord(a, w, in: b) { common += 1 }
            }
            word = nextWord(in: a, from: w.upperBound)
        }
        var distinctB = 0
        word = nextWord(in: b, from: 0)
        while let w = word {
            if !containsWord(b, w, in: b, before: w.lowerBound) { distinctB += 1 }
            word = nextWord(in: b, from: w.upperBound)
        }
        let union = distinctA + distinctB - common
        return union == 0 ? 1 : Double(common) / Double(union)
    }

    /// Every word of the shorter text (at least two words) occurs in the longer one.
    static func isContained(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let (short, long) = wordCount(a) <= wordCount(b) ? (a, b) : (b, a)
        guard wordCount(short) >= 2 else { return false }
        var word = nextWord(in: short, from: 0)
        while let w = word {
            if !containsWord(short, w, in: long) { return false }
            word = nextWord(in: short, from: w.upperBound)
        }
        return true
    }

    /// The range of the first space-separated word starting at or after `start`.
    static func nextWord(in text: [UInt8], from start: Int) -> Range<Int>? {
        var lower = start
        while lower < text.count, text[lower] == 0x20 { lower += 1 }
        guard lower < text.count else { return nil }
        var upper = lower + 1
        while upper < text.count, text[upper] != 0x20 { upper += 1 }
        return lower..<upper
    }

    static func wordCount(_ text: [UInt8]) -> Int {
        var count = 0
        var word = nextWord(in: text, from: 0)
        while let w = word {
            count += 1
            word = nextWord(in: text, from: w.upperBound)
        }
        return count
    }

    /// Whether `other` has a word, starting before `limit`, with the bytes of `text[word]`.
    static func containsWord(_ text: [UInt8], _ word: Range<Int>, in other: [UInt8], before limit: Int = .max) -> Bool {
        var candidate = nextWord(in: other, from: 0)
        while let c = candidate, c.lowerBound < limit {
            if c.count == word.count, sameBytes(text, word, other, c) { return true }
            candidate = nextWord(in: other, from: c.upperBound)
        }
        return false
    }

    /// Whether two equally long ranges hold the same bytes, read by index (no slices are made).
    private static func sameBytes(_ a: [UInt8], _ r: Range<Int>, _ b: [UInt8], _ s: Range<Int>) -> Bool {
        for k in 0..<r.count where a[r.lowerBound + k] != b[s.lowerBound + k] { return false }
        return true
    }
}
