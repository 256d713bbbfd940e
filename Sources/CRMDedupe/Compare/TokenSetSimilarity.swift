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

    /// Jaccard on space-separated bytes, without building Strings (the comparator's fast path).
    static func jaccard(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let ta = a.split(separator: 0x20), tb = b.split(separator: 0x20)
        if ta.isEmpty && tb.isEmpty { return 1 }
        var common = 0
        var seen: [ArraySlice<UInt8>] = []
        for token in ta where !seen.contains(where: { $0.elementsEqual(token) }) {
            seen.append(token)
            if tb.contains(where: { $0.elementsEqual(token) }) { common += 1 }
        }
        var distinctB = 0
        var seenB: [ArraySlice<UInt8>] = []
        for token in tb where !seenB.contains(where: { $0.elementsEqual(token) }) {
            seenB.append(token)
            distinctB += 1
        }
        let union = seen.count + distinctB - common
        return union == 0 ? 1 : Double(common) / Double(union)
    }

    /// Every word of the shorter text (at least two words) occurs in the longer one.
    static func isContained(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let ta = a.split(separator: 0x20), tb = b.split(separator: 0x20)
        let (short, long) = ta.count <= tb.count ? (ta, tb) : (tb, ta)
        guard short.count >= 2 else { return false }
        return short.allSatisfy { word in long.contains { $0.elementsEqual(word) } }
    }
}
