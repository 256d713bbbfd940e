import Foundation
import CRMModel

/// Compiling and matching `DatePattern` tokens, and the zone arithmetic of the time-zone policy.
extension DatePattern {
    static func tokens(of pattern: String) throws(TransformFailure) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                var end = index + 1
                while end < characters.count, characters[end] != "'" { end += 1 }
                tokens.append(.literal(String(characters[(index + 1)..<min(end, characters.count)])))
                index = end + 1
                continue
            }
            var run = 1
            while index + run < characters.count, characters[index + run] == character { run += 1 }
            switch (character, run) {
            case ("y", 4): tokens.append(.year4)
            case ("y", 2): tokens.append(.year2)
            case ("M", 1...2): tokens.append(.month(width: run))
            case ("M", 3...4): tokens.append(.monthName)
            case ("d", 1...2): tokens.append(.day(width: run))
            case ("H", 1...2): tokens.append(.hour24(width: run))
            case ("h", 1...2): tokens.append(.hour12(width: run))
            case ("m", 1...2): tokens.append(.minute(width: run))
            case ("s", 1...2): tokens.append(.second(width: run))
            case ("S", _): tokens.append(.fraction)
            case ("a", 1): tokens.append(.meridiem)
            case ("Z", _), ("X", _): tokens.append(.zone)
            case (let letter, _) where letter.isLetter:
                throw TransformFailure(
                    reason: .invalidFormat,
                    message: "'\(String(repeating: letter, count: run))' is not a date pattern token",
                    hint: "use yyyy MM dd HH mm ss a Z XXX, and quote literal letters as 'T'")
            default: tokens.append(.literal(String(repeating: character, count: run)))
            }
            index += run
        }
        return tokens
    }

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func match(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token]) -> Parsed? {
        var parsed = Parsed()
        var index = 0
        var pm: Bool? = nil
        func digits(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0, count = 0
            while count < maximum, index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
                count += 1
            }
            return count >= minimum ? value : nil
        }
        for token in tokens {
            switch token {
            case .year4: guard let v = digits(4, 4) else { return nil }; parsed.year = v; parsed.hasDate = true
            case .year2:
                guard let v = digits(2, 2) else { return nil }; parsed.year = v < 70 ? 2000 + v : 1900 + v;
                parsed.hasDate = true
            case .month(let width): guard let v = digits(width, 2) else { return nil }; parsed.month = v
            case .monthName:
                var letters: [UInt8] = []
                while index < bytes.count, (bytes[index] | 0x20) >= 0x61, (bytes[index] | 0x20) <= 0x7A {
                    letters.append(bytes[index] | 0x20); index += 1
                }
                guard letters.count >= 3,
                    let month = monthNames.firstIndex(of: String(decoding: letters.prefix(3), as: UTF8.self))
                else { return nil }
                parsed.month = month + 1
            case .day(let width): guard let v = digits(width, 2) else { return nil }; parsed.day = v
            case .hour24(let width): guard let v = digits(width, 2), v < 24 else { return nil }; parsed.hour = v
            case .hour12(let width):
                guard let v = digits(width, 2), (1...12).contains(v) else { return nil }; parsed.hour = v
            case .minute(let width): guard let v = digits(width, 2), v < 60 else { return nil }; parsed.minute = v
            case .second(let width): guard let v = digits(width, 2), v < 60 else { return nil }; parsed.second = v
            case .fraction: guard digits(1, 9) != nil else { return nil }
            case .meridiem:
                guard index + 1 < bytes.count, (bytes[index + 1] | 0x20) == 0x6D else { return nil }
                switch bytes[index] | 0x20 {
                case 0x61: pm = false
                case 0x70: pm = true
                default: return nil
                }
                index += 2
            case .zone:
                guard let offset = zone(bytes, &index) else { return nil }
                parsed.offsetSeconds = offset
            case .literal(let text):
                for byte in text.utf8 {
                    guard index < bytes.count, bytes[index] == byte else { return nil }
                    index += 1
                }
            }
        }
        guard index == bytes.count else { return nil }
        if let pm { parsed.hour = parsed.hour % 12 + (pm ? 12 : 0) }
        if parsed.hasDate, !CalendarSyntax.isRealDate(year: parsed.year, month: parsed.month, day: parsed.day) {
            return nil
        }
        return parsed
    }

    /// `Z`, `+HH`, `+HHMM` or `+HH:MM`.
    static func zone(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Int? {
        guard index < bytes.count else { return nil }
        if bytes[index] == 0x5A { index += 1; return 0 }
        guard bytes[index] == 0x2B || bytes[index] == 0x2D else { return nil }
        let sign = bytes[index] == 0x2D ? -1 : 1
        var digits: [Int] = []
        index += 1
        while index < bytes.count, digits.count < 4 {
            if bytes[index] == 0x3A, digits.count == 2 { index += 1; continue }
            guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { break }
            digits.append(Int(bytes[index] - 0x30))
            index += 1
        }
        guard digits.count == 2 || digits.count == 4 else { return nil }
        let hours = digits[0] * 10 + digits[1]
        let minutes = digits.count == 4 ? digits[2] * 10 + digits[3] : 0
        return sign * (hours * 3600 + minutes * 60)
    }

    static func offsetText(_ seconds: Int) -> String {
        if seconds == 0 { return "Z" }
        let magnitude = abs(seconds)
        return (seconds < 0 ? "-" : "+") + pad2(magnitude / 3600) + ":" + pad2(magnitude % 3600 / 60)
    }

    /// The offset of zone `identifier` at a wall-clock time (seconds since `Day.ordinal`'s epoch).
    static func offset(of identifier: String, atWallSeconds wall: Int) -> Int {
        guard let zone = TimeZone(identifier: identifier) else { return 0 }
        let unixOfOrdinalEpoch = CalendarSyntax.Day(year: 1970, month: 1, day: 1).ordinal * 86_400
        let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall - unixOfOrdinalEpoch)))
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall - guess - unixOfOrdinalEpoch)))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for seconds since `Day.ordinal`'s epoch.
    static func utcText(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let day = civilDay(fromOrdinal: days)
        return day.text + "T" + pad2(rest / 3600) + ":" + pad2(rest % 3600 / 60) + ":" + pad2(rest % 60) + "Z"
    }

    /// Inverse of `Day.ordinal` (days since 0000-03-01).
    static func civilDay(fromOrdinal ordinal: Int) -> CalendarSyntax.Day {
        let era = (ordinal >= 0 ? ordinal : ordinal - 146_096) / 146_097
        let dayOfEra = ordinal - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return CalendarSyntax.Day(year: year, month: month, day: day)
    }
}
