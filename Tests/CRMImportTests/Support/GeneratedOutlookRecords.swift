import Foundation
@testable import CRMImport

/// Outlook-style contacts from the sample generator, with bad and awkward values mixed in at
/// fixed intervals (invalid e-mails and phones, unknown departments, impossible birthdays,
/// missing names, repeated entries, odd whitespace and non-ASCII names), so that comparisons
/// of mapping and validation paths see problems as well as clean records.
enum GeneratedOutlookRecords {
    static let header = [
        "First Name", "Middle Name", "Last Name", "Suffix", "E-mail Address", "E-mail 2 Address",
        "E-mail 3 Address", "Business Phone", "Mobile Phone", "Home Phone", "Other Phone", "Job Title",
        "Department", "Company", "Categories", "Birthday", "Notes",
    ]
    static let departments = [
        "Sales", "Engineering", "Marketing", "Finance", "", "IT", "Operations", "Astrology", " customer support ",
    ]

    static func rows(count: Int, seed: UInt64 = 11) -> [[String]] {
        var generator = SampleGenerator(count: count, duplicateRate: 0.1, seed: seed)
        var rows: [[String]] = []
        var index = 0
        while let contact = generator.next() {
            var first = contact.firstName, last = contact.lastName, middle = "", suffix = ""
            var email = contact.email, email2 = "", email3 = ""
            var phone = contact.phone, mobile = contact.mobile, home = ""
            var title = contact.title,
                birthday = index % 3 == 0 ? "0/0/00" : "\(index % 12 + 1)/\(index % 28 + 1)/19\(50 + index % 50)"
            var categories = index % 5 == 0 ? "VIP" : ""
            if index % 17 == 0 { email = "not-an-email" }
            if index % 19 == 0 { email2 = email.uppercased(); email3 = " " + contact.email + " " }
            if index % 23 == 0 { phone = "n/a" }
            if index % 29 == 0 { home = mobile; mobile = "+44 (0)20 7946 0018 ext. 12" }
            if index % 31 == 0 { birthday = "13/45/1990" }
            if index % 37 == 0 { first = ""; last = "" }
            if index % 41 == 0 { categories = "VIP; Partner;; " }
            if index % 43 == 0 { middle = "  Anne\t"; suffix = "Jr." }
            if index % 47 == 0 { first = "Zoë\u{00A0}"; last = "Ångström  Öberg" }
            if index % 53 == 0 { first = "José"; last = "\u{0301}María" }
            if index % 59 == 0 { title = "  Head of\n\nSales  " }
            if index % 61 == 0 { email2 = "second@example.org" }
            if index % 67 == 0 { first = ""; last = "Ünal" }
            if index % 71 == 0 { title = " Directeur  général " }
            rows.append([
                first, middle, last, suffix, email, email2, email3, phone, mobile, home, "", title,
                departments[index % departments.count], contact.company, categories, birthday, contact.notes,
            ])
            index += 1
        }
        return rows
    }

    static func records(count: Int, file: String = "generated.csv") -> [SourceRecord] {
        rows(count: count).enumerated().map { index, row in
            SourceRecord(
                provenance: SourceProvenance(file: file, line: index + 2, record: index + 1),
                fields: zip(header, row).map { SourceField(name: $0.0, value: $0.1) })
        }
    }

    /// The rows as a CSV file (CRLF, quoted where needed), as Outlook writes them.
    static func csv(count: Int) -> String {
        ([header] + rows(count: count)).map { $0.map(quoted).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
