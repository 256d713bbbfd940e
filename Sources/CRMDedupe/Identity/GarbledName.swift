/// Recognises a name written with its letters scrambled or one of them lost ("lmeAi" for Amelia,
/// "Enht" for Ethan, "Ynnollc" for Connolly): keyed by hand, OCR'd or exported through a broken
/// system, such a name fails every string similarity yet is one person's name.
///
/// The rule is strict on purpose, because excusing a difference in names is what merges two people:
/// both names at least four letters, their letters equal but for at most two, and at least one of
/// them not a real name (not in the population table nor the nickname table). Two real names never
/// excuse each other this way: Noel and Leon, Mary and Myra are two people.
enum GarbledName {
    static func isGarbledCopy(
        _ a: [UInt8], knownA: Bool, _ b: [UInt8], knownB: Bool
    ) -> Bool {
        guard !(knownA && knownB), a.count >= 4, b.count >= 4, abs(a.count - b.count) <= 2 else { return false }
        return unmatchedLetters(a, b) <= 2
    }

    /// Letters of either name without a partner in the other (the size of the multisets' symmetric
    /// difference). Names are short, so a pairing loop with a bit mask needs no allocation.
    static func unmatchedLetters(_ a: [UInt8], _ b: [UInt8]) -> Int {
        guard a.count <= 64, b.count <= 64 else { return Int.max }
        var used: UInt64 = 0
        var matched = 0
        for letter in a {
            for (index, other) in b.enumerated() where other == letter && used & (1 << UInt64(index)) == 0 {
                used |= 1 << UInt64(index)
                matched += 1
                break
            }
        }
        return (a.count - matched) + (b.count - matched)
    }

    static func isKnownGivenName(_ folded: [UInt8], groups: [Int]) -> Bool {
        !groups.isEmpty || PopulationNames.givenNames.contains(folded)
    }

    static func isKnownSurname(_ folded: [UInt8]) -> Bool { PopulationNames.surnames.contains(folded) }
}
