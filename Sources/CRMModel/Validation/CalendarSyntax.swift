/// The API's date and time rules (api-notes, `date`, `time`, `datetime`): ISO 8601 shapes with
/// real calendar values. The parsed forms carry sortable keys so that ranges can check
/// `start ≤ end` without Foundation's calendars.
public enum CalendarSyntax {
    /// A calendar date, `YYYY-MM-DD`.
    public struct Day: Sendable, Hashable, Comparable {
        public var year: Int, month: Int, day: Int
        public init(year: Int, month: Int, day: Int) { (self.year, self.month, self.day) = (year, month, day) }
        public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

        /// Days since 0000-03-01 in the proleptic Gregorian calendar.
        public var ordinal: Int {
            var year = self.year, month = self.month
            if month <= 2 { year -= 1; month += 12 }
            return 365 * year + year / 4 - year / 100 + year / 400 + (153 * (month - 3) + 2) / 5 + day - 1
        }

        /// `YYYY-MM-DD`.
        public var text: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }
    }

    /// A date and time as written: wall-clock seconds, and the zone offset when one was written.
    public struct Moment: Sendable, Hashable {
        public var wallSeconds: Double
        public var offsetSeconds: Int?
        /// Seconds since the epoch of `Day.ordinal`, when the zone is known.
        public var instant: Double? { offsetSeconds.map { wallSeconds - Double($0) } }
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isRealDate(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= daysIn(month: month, year: year)
    }

    /// `YYYY-MM-DD`, a real calendar date.
    public static func day(_ text: String) -> Day? { day(Array(text.utf8), 0, text.utf8.count) }

    /// `HH:MM` or `HH:MM:SS` (24-hour): seconds since midnight.
    public static func time(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard let seconds = time(bytes, 0, bytes.count, allowFraction: false) else { return nil }
        return Int(seconds)
    }

    /// `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]`.
    public static func moment(_ text: String) -> Moment? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, bytes[10] == 0x54, let date = day(bytes, 0, 10) else { return nil }
        var end = bytes.count
        var offset: Int? = nil
        if bytes[end - 1] == 0x5A {
            offset = 0
            end -= 1
        } else if end - 6 > 10, bytes[end - 6] == 0x2B || bytes[end - 6] == 0x2D {
            guard bytes[end - 3] == 0x3A, let hours = ASCII.number(bytes, end - 5, 2),
                let minutes = ASCII.number(bytes, end - 2, 2), hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[end - 6] == 0x2D ? -1 : 1)
            end -= 6
        }
        guard let seconds = time(bytes, 11, end, allowFraction: true) else { return nil }
        return Moment(wallSeconds: Double(date.ordinal) * 86_400 + seconds, offsetSeconds: offset)
    }

    static func day(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Day? {
        guard end - start == 10, bytes[start + 4] == 0x2D, bytes[start + 7] == 0x2D,
            let year = ASCII.number(bytes, start, 4), let month = ASCII.number(bytes, start + 5, 2),
            let day = ASCII.number(bytes, start + 8, 2), isRealDate(year: year, month: month, day: day)
        else { return nil }
        return Day(year: year, month: month, day: day)
    }

    static func time(_ bytes: [UInt8], _ start: Int, _ end: Int, allowFraction: Bool) -> Double? {
        let length = end - start
        guard length == 5 || length >= 8, bytes[start + 2] == 0x3A,
            let hours = ASCII.number(bytes, start, 2), let minutes = ASCII.number(bytes, start + 3, 2),
            hours < 24, minutes < 60
        else { return nil }
        var total = Double(hours * 3600 + minutes * 60)
        guard length > 5 else { return total }
        guard bytes[start + 5] == 0x3A, let seconds = ASCII.number(bytes, start + 6, 2), seconds < 60 else {
            return nil
        }
        total += Double(seconds)
        guard length > 8 else { return total }
        guard allowFraction, length > 9, bytes[start + 8] == 0x2E else { return nil }
        var scale = 0.1
        for index in (start + 9)..<end {
            guard ASCII.isDigit(bytes[index]) else { return nil }
            total += Double(bytes[index] - 0x30) * scale
            scale /= 10
        }
        return total
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
