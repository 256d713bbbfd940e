/// "Did you mean …?": the known names a misspelt word most likely meant. One rule for every
/// place that suggests (subcommands, schema file keys), so suggestions read the same everywhere.
public enum Suggestion {
    /// The names nearest to `word` when near enough to be a typo: one edit for words of up to
    /// four letters, else a third of the length (two to three), ignoring case; swapping two
    /// neighbouring letters is one edit. Ties are all returned, in order.
    public static func closest(to word: String, among names: [String]) -> [String] {
        let limit = word.count <= 4 ? 1 : min(3, max(2, word.count / 3))
        let scored = names.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= limit }
        guard let best = scored.map(\.1).min() else { return [] }
        return scored.filter { $0.1 == best }.map(\.0)
    }

    /// "did you mean 'a' or 'b'?", a `Diagnostic` hint, or nil when nothing is close.
    public static func hint(for word: String, among names: [String]) -> String? {
        let close = closest(to: word, among: names)
        guard !close.isEmpty else { return nil }
        return "did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }

    /// Edit distance with adjacent transpositions (optimal string alignment), ignoring case;
    /// fine for the few dozen short names it compares.
    public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.lowercased())
        let b = Array(rhs.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, beforePrevious[j - 2] + 1)
                }
                current[j] = best
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
