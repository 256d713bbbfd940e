import ArgumentParser
import CRMImport
import Foundation

/// Contacts from the sample generator written the way Outlook exports them: every one of the 92
/// columns of Outlook's English CSV export, in its order, mostly empty, with the values Outlook
/// writes for nothing (`0/0/00` dates, `Normal`, `False`, `Unspecified`). Wide, sparse rows are
/// what real exports look like, and what a reader that makes every value a string is slow on.
enum OutlookLayoutFile {
    static let header = [
        "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department", "Job Title",
        "Business Street", "Business Street 2", "Business Street 3", "Business City", "Business State",
        "Business Postal Code", "Business Country", "Home Street", "Home Street 2", "Home Street 3", "Home City",
        "Home State", "Home Postal Code", "Home Country", "Other Street", "Other Street 2", "Other Street 3",
        "Other City", "Other State", "Other Postal Code", "Other Country", "Assistant's Phone", "Business Fax",
        "Business Phone", "Business Phone 2", "Callback", "Car Phone", "Company Main Phone", "Home Fax",
        "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone", "Other Fax", "Other Phone", "Pager", "Primary Phone",
        "Radio Phone", "TTY/TDD Phone", "Telex", "Account", "Anniversary", "Assistant's Name", "Billing Information",
        "Birthday", "Business Address PO Box", "Categories", "Children", "Directory Server", "E-mail Address",
        "E-mail Type", "E-mail Display Name", "E-mail 2 Address", "E-mail 2 Type", "E-mail 2 Display Name",
        "E-mail 3 Address", "E-mail 3 Type", "E-mail 3 Display Name", "Gender", "Government ID Number", "Hobby",
        "Home Address PO Box", "Initials", "Internet Free Busy", "Keywords", "Language", "Location",
        "Manager's Name", "Mileage", "Notes", "Office Location", "Organizational ID Number", "Other Address PO Box",
        "Priority", "Private", "Profession", "Referred By", "Sensitivity", "Spouse", "User 1", "User 2", "User 3",
        "User 4", "Web Page",
    ]
    static let departments = ["Sales", "Engineering", "Marketing", "Finance", "", "IT", "Operations"]

    /// Writes `count` contacts to `path` (CRLF line ends, quotes where needed); returns the size.
    static func write(count: Int, to path: String, seed: UInt64 = 7) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw ValidationError("cannot write \(path)") }
        defer { try? handle.close() }
        let column = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var text = header.map(quoted).joined(separator: ",") + "\r\n"
        var written = 0
        var generator = SampleGenerator(count: count, duplicateRate: 0.1, seed: seed)
        var index = 0
        while let contact = generator.next() {
            var row = [String](repeating: "", count: header.count)
            func put(_ name: String, _ value: String) {
                if let position = column[name] { row[position] = value }
            }
            put("First Name", contact.firstName)
            put("Last Name", contact.lastName)
            put("Company", contact.company)
            put("Department", departments[index % departments.count])
            put("Job Title", contact.title)
            put("Business Street", contact.street)
            put("Business City", contact.city)
            put("Business Postal Code", contact.postalCode)
            put("Business Country", contact.country)
            put("Business Phone", contact.phone)
            put("Mobile Phone", contact.mobile)
            put("E-mail Address", contact.email)
            if !contact.email.isEmpty {
                put("E-mail Type", "SMTP")
                put("E-mail Display Name", "\(contact.firstName) \(contact.lastName) (\(contact.email))")
            }
            put("E-mail 2 Address", contact.email2)
            put("Notes", contact.notes)
            put("Categories", index % 5 == 0 ? "VIP" : "")
            put("Birthday", index % 3 == 0 ? "0/0/00" : "\(index % 12 + 1)/\(index % 28 + 1)/19\(50 + index % 50)")
            put("Anniversary", "0/0/00")
            put("Gender", "Unspecified")
            put("Priority", "Normal")
            put("Private", "False")
            put("Sensitivity", "Normal")
            text += row.map(quoted).joined(separator: ",") + "\r\n"
            index += 1
            if text.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(text.utf8))
                written += text.utf8.count
                text = ""
            }
        }
        try handle.write(contentsOf: Data(text.utf8))
        return written + text.utf8.count
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
