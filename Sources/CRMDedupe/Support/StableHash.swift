/// FNV-1a, 64 bits: a hash that is the same on every run and platform.
///
/// Blocking keys are grouped by their hash rather than by the strings themselves, which keeps the
/// key table at 16 bytes per entry for a million records; Swift's `Hasher` is seeded per process,
/// so it would make candidate order (and thus tie-breaking) differ between runs.
struct StableHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init(seed: UInt64 = 0) { if seed != 0 { mix(seed) } }

    mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
    }

    mutating func add(_ text: String) { add(text.utf8) }

    mutating func mix(_ word: UInt64) {
        var w = word
        for _ in 0..<8 {
            value ^= w & 0xFF
            value &*= 0x0000_0100_0000_01B3
            w >>= 8
        }
    }

    /// A separator that cannot occur inside UTF-8 text, so ("ab","c") and ("a","bc") differ.
    mutating func separate() { add(CollectionOfOne(0xFF)) }
}

/// SplitMix64: small, fast, deterministic; used to sample random pairs for the u-probabilities
/// (and by the benchmarks' synthetic data, so runs are reproducible).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
