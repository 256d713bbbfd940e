import Foundation

/// What a source's first records hold, per column: its name and a sample of its non-blank
/// values, for recognising the export and sniffing what each column is.
struct ColumnSample: Sendable {
    /// Field names in first-seen order.
    var names: [String] = []
    var values: [String: [String]] = [:]
    var records: [SourceRecord] = []
    /// Each vCard property or XML field seen, with how many records held it more than once.
    var repeated: Set<String> = []
    /// CSV: how many columns the header row has.
    var headerWidth = 0

    mutating func add(_ record: SourceRecord) {
        var seen = Set<String>()
        for field in record.fields {
            if values[field.name] == nil { names.append(field.name); values[field.name] = [] }
            if !seen.insert(field.name).inserted { repeated.insert(field.name) }
            let value = field.value.trimmingCharacters(in: .whitespacesAndNewlines)
            if !value.isEmpty { values[field.name, default: []].append(value) }
        }
        records.append(record)
    }

    func values(of name: String) -> [String] { values[name] ?? [] }
}

/// Recognises what a column's values are.
enum ValueSniffer {
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !text.contains(" ") else { return false }
        return !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }

    static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www."))
            && !lower.contains(" ")
    }

    /// Digits with the separators phone numbers are written with, 7 to 15 digits. A decimal
    /// number (`4325.0000000000`, an amount as Dynamics exports it) is not one: a phone written
    /// with dots has two of them or more (`555.010.0199`).
    static func looksLikePhone(_ text: String) -> Bool {
        let digits = text.filter(\.isNumber).count
        guard (7...15).contains(digits) else { return false }
        if isDecimal(text) { return false }
        return text.allSatisfy { $0.isNumber || " +-().\u{A0}/".contains($0) || $0 == "x" }
    }

    /// A column of phone numbers by its values alone: each looks like one, and they are not one
    /// code repeated (a Dynamics option-set value such as `794560000` in every record): people
    /// have different numbers.
    static func isPhoneColumn(_ values: [String]) -> Bool {
        guard all(values, looksLikePhone) else { return false }
        let bareDigits = values.allSatisfy { $0.allSatisfy(\.isNumber) }
        return !(bareDigits && values.count >= 3 && Set(values).count * 3 <= values.count)
    }

    /// Digits, one decimal point, digits: `12.50`, `-3.0`.
    static func isDecimal(_ text: String) -> Bool {
        let unsigned = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2
            && parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    static func isBoolean(_ text: String) -> Bool {
        ["true", "false", "yes", "no", "0", "1", "y", "n", "ja", "nein", "oui", "non"].contains(text.lowercased())
    }

    /// The date patterns tried, most specific first.
    static let datePatterns = [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss.SSSZ", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm",
        "M/d/yyyy", "d.M.yyyy", "d/M/yyyy", "M/d/yy", "dd MMM yyyy",
    ]

    /// Whether most values (and at least one) satisfy `test`.
    static func most(_ values: [String], _ test: (String) -> Bool) -> Bool {
        guard !values.isEmpty else { return false }
        return values.filter(test).count * 10 >= values.count * 9
    }

    /// Whether every value satisfies `test` (and there is one).
    static func all(_ values: [String], _ test: (String) -> Bool) -> Bool {
        !values.isEmpty && values.allSatisfy(test)
    }
}
