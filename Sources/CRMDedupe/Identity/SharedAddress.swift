/// Recognises addresses that several people use by design, beyond the role list (`info@`,
/// `sales@`) the e-mail normaliser already sets aside.
enum SharedAddress {
    /// The local part is just a given name (`john@acme.com`, `bill@…`): the address of whoever at
    /// that company is called John, so a surname difference means another person.
    static func isBareGivenName(_ email: String, of record: PreparedRecord) -> Bool {
        guard let at = email.firstIndex(of: "@"), !record.given.isEmpty else { return false }
        let local = email[..<at]
        let given = String(decoding: record.given, as: UTF8.self)
        return local == given || NicknameTable.areEquivalent(String(local), given)
    }

    /// Some e-mail both records give is a bare given name of either.
    static func isFirstNameAddress(_ a: PreparedRecord, _ b: PreparedRecord) -> Bool {
        a.emails.contains { email in
            b.emails.contains(email) && (isBareGivenName(email, of: a) || isBareGivenName(email, of: b))
        }
    }

    /// The e-mails agree only in a local part that spells the name (`john.smith@acme` and
    /// `john.smith@globex`): that is the name agreeing a second time, not an identifier agreeing.
    static func localPartOnlyRepeatsName(_ a: PreparedRecord, _ b: PreparedRecord) -> Bool {
        guard a.family.count >= 2 else { return false }
        let family = String(decoding: a.family, as: UTF8.self)
        for x in a.emails {
            guard let at = x.firstIndex(of: "@") else { continue }
            let local = x[..<at]
            if b.emails.contains(where: { $0.hasPrefix(local + "@") }), !local.contains(family) { return false }
        }
        return true
    }

    /// With the surnames in conflict, a link needs two independent agreements among e-mail, phone,
    /// personal identifier, birth date and street address: a renamed person keeps those, a colleague or relative who
    /// happens to share one channel does not. The same birth date at the same street or postcode,
    /// even misspelt, also counts: one given name and one birthday in one place is one person far
    /// more often than two.
    ///
    /// A personal identifier both hold (`PersonalIdentifier`) counts as one such agreement.
    static func corroboratesOtherSurname(_ pattern: ComparisonPattern, sameIdentifier: Bool = false) -> Bool {
        let identifiers =
            [ComparisonField.email, .phone].filter { pattern[$0] == 0 }.count + (sameIdentifier ? 1 : 0)
        let others = [ComparisonField.birthDate, .addressLine1, .postcode].filter { pattern[$0] == 0 }.count
        if identifiers + others >= 2 { return true }
        return pattern[.birthDate] == 0
            && [ComparisonField.addressLine1, .postcode].contains { (pattern[$0] ?? .max) <= 1 }
    }
}
