import Foundation
import CRMModel

/// An explicit date/time input format such as `M/d/yyyy`, `dd.MM.yyyy HH:mm` or Salesforce's
/// `yyyy-MM-dd'T'HH:mm:ss.SSSZ`, matched without `DateFormatter` so that nothing depends on the
/// machine's locale or zone. Several patterns may be given; the first that matches wins.
///
/// Tokens: `yyyy` `yy` `M` `MM` `MMM` (Jan) `MMMM` (January) `d` `dd` `H` `HH` `h` `hh` `m` `mm`
/// `s` `ss` `S…` (fraction) `a` (AM/PM) `Z` (+0000) `XXX` (+00:00 or Z) `X` (any of Z, +00,
/// +0000, +00:00); `'text'` is literal; other characters match themselves.
public struct DatePattern: Sendable {
    enum Token: Sendable, Hashable {
        case year4, year2, month(width: Int), monthName, day(width: Int)
        case hour24(width: Int), hour12(width: Int), minute(width: Int), second(width: Int), fraction
        case meridiem, zone
        case literal(String)
    }

    public var patterns: [String]
    var compiled: [[Token]]

    var hasSeconds: Bool {
        compiled.contains { $0.contains { if case .second = $0 { return true } else { return false } } }
    }

    init(_ patterns: [String]) throws(TransformFailure) {
        self.patterns = patterns
        var compiled: [[Token]] = []
        for pattern in patterns { compiled.append(try DatePattern.tokens(of: pattern)) }
        self.compiled = compiled
    }

    /// The written date and time fields. A date written without a time never passes through a
    /// zone, so it cannot shift by a day.
    struct Parsed {
        var year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var offsetSeconds: Int?
        var hasDate = false

        var dateText: String {
            // Written digit by digit into a string of ten bytes: joining the padded parts made
            // five strings per date, for a value in nearly every record of some exports.
            guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
                return pad4(year) + "-" + pad2(month) + "-" + pad2(day)
            }
            return String(unsafeUninitializedCapacity: 10) { out in
                let zero = UInt8(ascii: "0")
                out[0] = zero + UInt8(year / 1000)
                out[1] = zero + UInt8(year / 100 % 10)
                out[2] = zero + UInt8(year / 10 % 10)
                out[3] = zero + UInt8(year % 10)
                out[4] = UInt8(ascii: "-")
                out[5] = zero + UInt8(month / 10)
                out[6] = zero + UInt8(month % 10)
                out[7] = UInt8(ascii: "-")
                out[8] = zero + UInt8(day / 10)
                out[9] = zero + UInt8(day % 10)
                return 10
            }
        }

        func timeText(withSeconds: Bool) -> String {
            pad2(hour) + ":" + pad2(minute) + (withSeconds ? ":" + pad2(second) : "")
        }

        func dateTimeText(zone: TimeZonePolicy) -> String {
            switch (zone, offsetSeconds) {
            case (.keep, nil):
                return dateText + "T" + timeText(withSeconds: true)
            case (.keep, let offset?):
                return dateText + "T" + timeText(withSeconds: true) + DatePattern.offsetText(offset)
            case (.convertToUTC(let identifier), let offset):
                let wall =
                    CalendarSyntax.Day(year: year, month: month, day: day).ordinal * 86_400 + hour * 3600 + minute * 60
                    + second
                let utc = wall - (offset ?? DatePattern.offset(of: identifier, atWallSeconds: wall))
                return DatePattern.utcText(utc)
            }
        }
    }

    func parse(_ raw: String) throws(TransformFailure) -> Parsed {
        var text = raw.trimmingSpaces()
        // Matched on the text's own bytes: an array of them would be an allocation per value.
        let parsed = text.withUTF8 { bytes in
            compiled.lazy.compactMap { DatePattern.match(bytes, $0) }.first
        }
        if let parsed { return parsed }
        throw TransformFailure(
            reason: .invalidFormat, message: "does not match the date format \(patterns.joined(separator: " or "))",
            hint: "fix the value, or add its format to the mapping's date patterns")
    }
}

func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
func pad4(_ value: Int) -> String { String(repeating: "0", count: max(0, 4 - String(value).count)) + String(value) }
