import Foundation

/// A small Outlook-layout export shaped like real data, with the person behind every row: common
/// names that repeat (different people), families sharing one address, people exported twice
/// (a nickname, a missing e-mail, the phone written another way), rows without e-mail.
struct IdentityFixture {
    var rows: [String] = []
    /// The person behind each row, in row order.
    var people: [Int] = []
    /// Each person's own e-mail addresses (never shared with anyone else).
    var ownEmails: [Int: Set<String>] = [:]

    static let header =
        "First Name,Middle Name,Last Name,Suffix,E-mail Address,E-mail 2 Address,E-mail 3 Address,"
        + "Business Phone,Mobile Phone,Home Phone,Other Phone,Job Title,Department,Company,Categories,Birthday,Notes"

    /// `families` pairs of people sharing a family address, `namesakes` groups of three people
    /// called John/Mary Smith/Johnson, and every third person exported twice.
    init(families: Int, namesakes: Int) {
        var person = 0
        let domains = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com"]
        // Every person has a mobile of their own (shared numbers are another test's business).
        func phone() -> String {
            "+1 415 \(String(format: "%03d", 200 + person / 10_000)) "
                + "\(String(format: "%04d", (person * 7_919) % 10_000))"
        }
        func add(_ given: String, _ family: String, email: String?, second: String?, mobile: String, company: String) {
            let twice = person % 3 == 0
            rows.append("\(given),,\(family),,\(email ?? ""),\(second ?? ""),,,\(mobile),,,,,\(company),,,")
            people.append(person)
            if let email { ownEmails[person, default: []].insert(email) }
            if twice {
                // The second system: nickname where there is one, no e-mail on some, phone reformatted.
                let nick =
                    ["William": "Bill", "Robert": "Bob", "Elizabeth": "Liz", "Margaret": "Peggy"][given] ?? given
                let digits = mobile.filter(\.isNumber)
                let reformatted =
                    "(\(digits.dropFirst().prefix(3))) \(digits.dropFirst(4).prefix(3))-\(digits.suffix(4))"
                let keepEmail = person % 2 == 0
                rows.append("\(nick),,\(family),,\(keepEmail ? email ?? "" : ""),,,,\(reformatted),,,,,\(company),,,")
                people.append(person)
            }
            person += 1
        }
        let surnames = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Garcia"]
        let men = ["William", "Robert", "James", "John", "Michael", "David"]
        let women = ["Elizabeth", "Margaret", "Mary", "Patricia", "Jennifer", "Linda"]
        for index in 0..<families {
            let family = surnames[index % surnames.count]
            let shared = "\(family.lowercased()).family\(index)@\(domains[index % domains.count])"
            let he = men[index % men.count], she = women[index % women.count]
            add(
                he, family, email: "\(he.lowercased()).\(family.lowercased())\(index)@gmail.com", second: shared,
                mobile: phone(), company: "")
            add(
                she, family, email: "\(she.lowercased()).\(family.lowercased())\(index)@yahoo.com", second: shared,
                mobile: phone(), company: "")
        }
        for index in 0..<namesakes {
            for (offset, given) in ["John", "Mary", "John"].enumerated() {
                let family = index % 2 == 0 ? "Smith" : "Johnson"
                let email =
                    offset == 2
                    ? nil : "\(given.lowercased())\(index)x\(offset)@\(domains[(index + offset) % domains.count])"
                add(
                    given, family, email: email, second: nil, mobile: phone(),
                    company: ["Initech", "Globex", "Acme"][offset])
            }
        }
    }

    func write(to url: URL) throws {
        try ([Self.header] + rows).joined(separator: "\r\n").appending("\r\n").write(
            to: url, atomically: true, encoding: .utf8)
    }

    /// Contacts holding the own e-mails of two or more people.
    func contactsHoldingTwoPeople(_ contacts: [[String]]) -> Int {
        contacts.filter { emails in
            Set(emails.compactMap { email in ownEmails.first { $0.value.contains(email) }?.key }).count > 1
        }.count
    }
}
