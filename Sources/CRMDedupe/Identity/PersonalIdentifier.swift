/// A number issued to one person only (`DedupeRecord.personalIdentifiers`): evidence twins,
/// spouses and namesakes cannot have, since each of them holds their own.
///
/// A number agrees when it is equal, or equal but for two neighbouring characters swapped
/// (`3397372` / `3397732`), the commonest slip in keying digits. One character different does
/// not count: that is as likely a neighbour in an issuing sequence (twins registered together)
/// as a typo.
enum PersonalIdentifier {
    /// Values that stand in for "unknown" rather than identify anyone: too short to be issued to a
    /// single person, one character repeated (`000000000`), or a word for "none".
    static func isPlaceholder(_ value: [UInt8]) -> Bool {
        guard value.count >= 4, let first = value.first else { return true }
        if value.allSatisfy({ $0 == first }) { return true }
        return placeholderWords.contains(value)
    }

    private static let placeholderWords: Set<[UInt8]> = Set(
        ["none", "null", "unknown", "pending", "missing", "notknown", "notapplicable"].map { Array($0.utf8) })

    /// Both records hold the same personal identifier, and it identifies: held by no more than
    /// `threshold` records in the data counted. A number on dozens of records is a default an
    /// export filled in, not a person's.
    static func isShared(
        _ a: PreparedRecord, _ b: PreparedRecord, frequencies: ValueFrequencies, threshold: Int
    ) -> Bool {
        guard !a.personalIdentifiers.isEmpty, !b.personalIdentifiers.isEmpty else { return false }
        return a.personalIdentifiers.contains { value in
            frequencies.occurrences(.personalIdentifier, value) <= threshold
                && b.personalIdentifiers.contains { $0 == value || isTransposition(value, $0) }
        }
    }

    /// Equal length, and equal but for one swap of two neighbouring, different characters.
    static func isTransposition(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count, let i = a.indices.first(where: { a[$0] != b[$0] }), i + 1 < a.count else {
            return false
        }
        return a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
    }
}
