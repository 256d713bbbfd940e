/// A calendar date kept as written digits as well as numbers, because typos are digit-level
/// (19850412 vs 19850421) and must be compared as such.
public struct SimpleDate: Sendable, Hashable, Codable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// "yyyymmdd".
    public var digits: String {
        let y = String(year).leftPadded(4), m = String(month).leftPadded(2), d = String(day).leftPadded(2)
        return y + m + d
    }
    /// Days since an arbitrary epoch (proleptic Gregorian); tolerant of invalid days like 31 June.
    public var dayNumber: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }
}

/// Parses birth dates in the shapes exports use: `19850412`, `1985-04-12` (with or without a time),
/// `12/04/1985` or `04/12/1985` (by `dayFirst`), `12.04.1985`.
public struct BirthDateParser: Sendable {
    public var dayFirst: Bool
    public init(dayFirst: Bool = true) { self.dayFirst = dayFirst }

    public func parse(_ raw: String) -> SimpleDate? {
        // Digit groups, split on anything else (bytes: dates are ASCII digits and separators).
        let groups = raw.utf8.split(whereSeparator: { $0 < 0x30 || $0 > 0x39 }).map {
            String(decoding: $0, as: UTF8.self)
        }
        var y = 0, m = 0, d = 0
        if groups.count == 1, groups[0].count == 8, let value = Int(groups[0]) {
            y = value / 10000; m = value / 100 % 100; d = value % 100
        } else if groups.count >= 3, let a = Int(groups[0]), let b = Int(groups[1]), let c = Int(groups[2]) {
            if groups[0].count == 4 {
                y = a; m = b; d = c
            } else if groups[2].count == 4 || groups[2].count == 2 {
                y = groups[2].count == 2 ? (c < 30 ? 2000 + c : 1900 + c) : c
                (d, m) = dayFirst ? (a, b) : (b, a)
                if m > 12 && d <= 12 { swap(&d, &m) }  // unambiguous the other way round
            } else {
                return nil
            }
        } else {
            return nil
        }
        guard (1000...2999).contains(y), (1...31).contains(m), (1...31).contains(d) else { return nil }
        return SimpleDate(year: y, month: m, day: d)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

import Foundation
