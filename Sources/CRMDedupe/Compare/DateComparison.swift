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
        guard a.count == b.count, a != b else { return false }
        var diffs: [Int] = []
        for i in 0..<a.count where a[i] != b[i] {
            diffs.append(i)
            if diffs.count > 2 { return false }
        }
        if diffs.count == 1 { return true }
        let (i, j) = (diffs[0], diffs[1])
        return j == i + 1 && a[i] == b[j] && a[j] == b[i]
    }
}
