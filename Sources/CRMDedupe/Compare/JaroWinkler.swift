/// Jaro-Winkler similarity on bytes of folded text (0 = nothing in common, 1 = equal).
///
/// Works on `[UInt8]` because the inputs are already folded to ASCII and this sits in the inner
/// loop of every candidate pair; the match flags live on the stack.
public enum JaroWinkler {
    public static func similarity(_ a: String, _ b: String) -> Double {
        similarity(Array(a.utf8), Array(b.utf8))
    }

    public static func similarity(_ a: [UInt8], _ b: [UInt8], prefixScale: Double = 0.1) -> Double {
        let jaro = jaroSimilarity(a, b)
        guard jaro > 0.7 else { return jaro }  // Winkler's boost applies only to already-close strings
        var prefix = 0
        while prefix < min(4, a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * prefixScale * (1 - jaro)
    }

    /// Whether the similarity reaches `threshold` (≥ 0.7), deciding most unlike pairs without
    /// computing it: Jaro cannot exceed what the two strings' shared characters allow (counted
    /// with repeats, ignoring positions), and the prefix boost is known from the first four bytes.
    /// Exact: returns what `similarity(a, b) >= threshold` returns.
    public static func reaches(_ threshold: Double, _ a: [UInt8], _ b: [UInt8], prefixScale: Double = 0.1) -> Bool {
        if a.isEmpty || b.isEmpty { return a.isEmpty && b.isEmpty }
        var prefix = 0
        while prefix < min(4, a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        let boost = Double(prefix) * prefixScale
        let required = (threshold - boost) / (1 - boost)
        let shared = Double(sharedCharacters(a, b))
        let ceiling = (shared / Double(a.count) + shared / Double(b.count) + 1) / 3
        guard ceiling >= required - 1e-12 else { return false }
        return similarity(a, b, prefixScale: prefixScale) >= threshold
    }

    /// Characters two strings have in common, each counted as often as it occurs in both.
    static func sharedCharacters(_ a: [UInt8], _ b: [UInt8]) -> Int {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            for byte in a { counts[Int(byte)] += 1 }
            var shared = 0
            for byte in b where counts[Int(byte)] > 0 {
                counts[Int(byte)] -= 1
                shared += 1
            }
            return shared
        }
    }

    public static func jaroSimilarity(_ a: [UInt8], _ b: [UInt8]) -> Double {
        if a.isEmpty || b.isEmpty { return a.isEmpty && b.isEmpty ? 1 : 0 }
        if a == b { return 1 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: a.count + b.count) { flags in
            flags.initialize(repeating: false)
            var matches = 0
            for i in 0..<a.count {
                let lo = max(0, i - window), hi = min(b.count - 1, i + window)
                if lo > hi { continue }
                for j in lo...hi where !flags[a.count + j] && a[i] == b[j] {
                    flags[i] = true
                    flags[a.count + j] = true
                    matches += 1
                    break
                }
            }
            guard matches > 0 else { return 0 }
            var transpositions = 0
            var k = 0
            for i in 0..<a.count where flags[i] {
                while !flags[a.count + k] { k += 1 }
                if a[i] != b[k] { transpositions += 1 }
                k += 1
            }
            let m = Double(matches)
            return (m / Double(a.count) + m / Double(b.count) + (m - Double(transpositions / 2)) / m) / 3
        }
    }
}
