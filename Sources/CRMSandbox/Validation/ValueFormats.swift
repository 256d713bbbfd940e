import Foundation

/// Syntax checks for the scalar field types of api-notes "Validation rules per field type".
/// Hand-written scanners rather than regular expressions: they run on every write and must say
/// exactly what is accepted.
enum ValueFormats {
    static func isEmail(_ text: String) -> Bool {
        guard text.utf8.count <= 254, let at = text.firstIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard (1...64).contains(local.count), !local.contains(where: { $0 == " " || $0 == "@" || $0.isWhitespace }) else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.first != "-", label.last != "-",
                label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            else { return false }
        }
        guard let last = labels.last, last.count >= 2, last.allSatisfy({ $0.isLetter }) else { return false }
        return true
    }

    /// `+`? then digits, spaces, `-().`; 3–20 digits; optional extension (`ext`, `ext.`, `x`, `#` + 1–6 digits).
    static func isTelephone(_ text: String) -> Bool {
        var main = Substring(text)
        let lower = text.lowercased()
        for marker in ["ext.", "ext", "x", "#"] {
            if let range = lower.range(of: marker, options: .backwards) {
                let offset = lower.distance(from: lower.startIndex, to: range.lowerBound)
                let suffix = lower[range.upperBound...].trimmingCharacters(in: .whitespaces)
                if (1...6).contains(suffix.count), suffix.allSatisfy(\.isASCIIDigit) {
                    main = Substring(text.prefix(offset))
                    break
                }
            }
        }
        var digits = 0
        for (index, character) in main.trimmingCharacters(in: .whitespaces).enumerated() {
            if character.isASCIIDigit {
                digits += 1
            } else if character == "+" {
                if index != 0 { return false }
            } else if !" -().".contains(character) {
                return false
            }
        }
        return (3...20).contains(digits)
    }

    static func digits(of text: String) -> String { String(text.filter(\.isASCIIDigit)) }

    static func isURL(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 2048, !text.contains(where: \.isWhitespace) else { return false }
        var rest = Substring(text)
        let lower = text.lowercased()
        if lower.hasPrefix("http://") {
            rest = rest.dropFirst(7)
        } else if lower.hasPrefix("https://") {
            rest = rest.dropFirst(8)
        } else if let colon = rest.firstIndex(of: ":"), let slash = rest.firstIndex(of: "/"), colon < slash {
            // A scheme other than http(s), e.g. ftp://; a host:port without a scheme has no "/" first.
            let scheme = rest[..<colon]
            if scheme.allSatisfy({ $0.isLetter }) && rest[colon...].hasPrefix("://") { return false }
        } else if let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy({ $0.isLetter }),
            !(rest[rest.index(after: colon)...].first?.isASCIIDigit ?? false)
        {
            return false  // javascript:, mailto: and similar
        }
        let hostEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        var host = rest[..<hostEnd]
        if let colon = host.lastIndex(of: ":") {
            let port = host[host.index(after: colon)...]
            guard port.allSatisfy(\.isASCIIDigit) else { return false }
            host = host[..<colon]
        }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        guard !host.isEmpty else { return false }
        return host.lowercased() == "localhost" || (host.contains(".") && !host.hasPrefix(".") && !host.hasSuffix("."))
    }

    /// A finite decimal number, as a JSON number or a numeric string.
    static func number(from text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var index = trimmed.startIndex
        func digitsRun() -> Int {
            var count = 0
            while index < trimmed.endIndex, trimmed[index].isASCIIDigit { index = trimmed.index(after: index); count += 1 }
            return count
        }
        if index < trimmed.endIndex, trimmed[index] == "-" { index = trimmed.index(after: index) }
        guard digitsRun() > 0 else { return nil }
        if index < trimmed.endIndex, trimmed[index] == "." {
            index = trimmed.index(after: index)
            guard digitsRun() > 0 else { return nil }
        }
        if index < trimmed.endIndex, trimmed[index] == "e" || trimmed[index] == "E" {
            index = trimmed.index(after: index)
            if index < trimmed.endIndex, trimmed[index] == "+" || trimmed[index] == "-" { index = trimmed.index(after: index) }
            guard digitsRun() > 0 else { return nil }
        }
        guard index == trimmed.endIndex, let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }

    /// `YYYY-MM-DD`, a real calendar date. Returns a sortable key.
    static func dateKey(_ text: Substring) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return year * 10_000 + month * 100 + day
    }

    static func isDate(_ text: String) -> Bool { dateKey(Substring(text)) != nil }

    /// `HH:MM` or `HH:MM:SS`; returns seconds since midnight.
    static func timeSeconds(_ text: Substring, allowFraction: Bool = false) -> Double? {
        var main = text
        var fraction = 0.0
        if allowFraction, let dot = text.firstIndex(of: ".") {
            let digits = text[text.index(after: dot)...]
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let value = Double("0." + digits) else { return nil }
            fraction = value
            main = text[..<dot]
        }
        let parts = main.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
            let hours = Int(parts[0]), let minutes = Int(parts[1]), hours < 24, minutes < 60
        else { return nil }
        let seconds = parts.count == 3 ? Int(parts[2]) ?? 99 : 0
        guard seconds < 60, fraction == 0 || parts.count == 3 else { return nil }
        return Double(hours * 3600 + minutes * 60 + seconds) + fraction
    }

    static func isTime(_ text: String) -> Bool { timeSeconds(Substring(text)) != nil }

    /// A parsed `YYYY-MM-DDTHH:MM[:SS[.f]][Z|±HH:MM]`.
    struct DateTime {
        /// Wall-clock seconds since an arbitrary epoch (days from the date key).
        var wallSeconds: Double
        /// The zone offset in seconds, when one was written.
        var zoneOffset: Int?
        var instant: Double? { zoneOffset.map { wallSeconds - Double($0) } }
    }

    static func dateTime(_ text: String) -> DateTime? {
        guard let separator = text.firstIndex(of: "T") else { return nil }
        let datePart = text[..<separator]
        var timePart = text[text.index(after: separator)...]
        guard let dateKey = dateKey(datePart) else { return nil }
        var offset: Int?
        if timePart.hasSuffix("Z") {
            offset = 0
            timePart = timePart.dropLast()
        } else if let sign = timePart.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = timePart[timePart.index(after: sign)...]
            let zoneParts = zone.split(separator: ":", omittingEmptySubsequences: false)
            guard zoneParts.count == 2, zoneParts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
                let hours = Int(zoneParts[0]), let minutes = Int(zoneParts[1]), hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (timePart[sign] == "-" ? -1 : 1)
            timePart = timePart[..<sign]
        }
        guard let seconds = timeSeconds(timePart, allowFraction: true) else { return nil }
        let days = Double(daysSinceEpoch(dateKey))
        return DateTime(wallSeconds: days * 86_400 + seconds, zoneOffset: offset)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 0000-03-01 (proleptic Gregorian), for comparing datetimes.
    private static func daysSinceEpoch(_ key: Int) -> Int {
        var year = key / 10_000
        var month = key / 100 % 100
        let day = key % 100
        if month <= 2 { year -= 1; month += 12 }
        return 365 * year + year / 4 - year / 100 + year / 400 + (153 * (month - 3) + 2) / 5 + day - 1
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
