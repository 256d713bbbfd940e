import Foundation

/// Reads a `Retry-After` header: delay-seconds (`"3"`) or an HTTP date
/// (`"Wed, 21 Oct 2026 07:28:00 GMT"`), RFC 9110 §10.2.3.
public enum RetryAfter {
    public static func parse(_ value: String?, now: Date = Date()) -> Duration? {
        guard let text = value?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text), seconds.isFinite, seconds >= 0 {
            return .milliseconds(Int64(seconds * 1000))
        }
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                let seconds = max(0, date.timeIntervalSince(now))
                return .milliseconds(Int64(seconds * 1000))
            }
        }
        return nil
    }

    /// IMF-fixdate first, then the two obsolete forms the RFC still asks recipients to accept.
    private static let formats = [
        "EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy",
    ]
}
