/// How close two dates are, in the ways data entry gets dates wrong.
public enum DateAgreement: Int, Sendable, Codable, Comparable {
    case exact = 0
    /// Day and month swapped, one digit wrong, or two adjacent digits transposed (1985 vs 1958).
    case typo = 1
    /// Within a year of each other: a shifted date of the same person, or a coincidence.
    case withinYear = 2
    case different = 3
    public static func < (l: Self, r: Self) -> Bool { l.rawValue < r.rawValue }
}

public enum DateComparison {
    public static func compare(_ a: SimpleDate, _ b: SimpleDate) -> DateAgreement {
        if a == b { return .exact }
        if a.year == b.year, a.month == b.day, a.day == b.month { return .typo }
        let da = Array(a.digits.utf8), db = Array(b.digits.utf8)
        if EditCount.isOneSubstitutionOrTransposition(da, db) { return .typo }
        if abs(a.dayNumber - b.dayNumber) <= 366 { return .withinYear }
        return .different
    }
}

/// Single-edit checks on short codes (dates, postcodes, phone digits).
public enum EditCount {
    /// True when equal-length `a` and `b` differ in exactly one position, or by one swap of
    /// adjacent characters.
    public static func isOneSubstitutionOrTransposition(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        isOneEdit(a, b)
    }

    /// `isOneSubstitutionOrTransposition` on any bytes: E.164 phone numbers are compared on their
    /// `utf8` views, so the pair loop makes no arrays.
    static func isOneEdit<Bytes: Collection<UInt8>>(_ a: Bytes, _ b: Bytes) -> Bool {
        guard a.count == b.count else { return false }
        // The first two differing positions and their bytes; a third difference rules both edits out.
        var first = -1, second = -1
        var firstBytes: (UInt8, UInt8) = (0, 0), secondBytes: (UInt8, UInt8) = (0, 0)
        for (position, (x, y)) in zip(a, b).enumerated() where x != y {
            if first < 0 {
                (first, firstBytes) = (position, (x, y))
            } else if second < 0 {
                (second, secondBytes) = (position, (x, y))
            } else {
                return false
            }
        }
        guard first >= 0 else { return false }
        if second < 0 { return true }
        return second == first + 1 && firstBytes.0 == secondBytes.1 && secondBytes.0 == firstBytes.1
    }
}
