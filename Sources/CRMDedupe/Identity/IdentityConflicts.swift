/// Evidence that two person records are two people, found before any weighing.
struct IdentityConflicts: OptionSet, Sendable, Hashable {
    let rawValue: UInt16

    /// Given names that are neither equal, nicknames of each other, initials of each other nor typos.
    static let givenName = IdentityConflicts(rawValue: 1 << 0)
    static let familyName = IdentityConflicts(rawValue: 1 << 1)
    static let birthDate = IdentityConflicts(rawValue: 1 << 2)
    /// Both have private mailboxes (gmail, yahoo…) and none of their addresses agree.
    static let personalEmail = IdentityConflicts(rawValue: 1 << 3)
    /// An e-mail both give was set aside because their names conflict.
    static let sharedEmail = IdentityConflicts(rawValue: 1 << 4)
    static let sharedPhone = IdentityConflicts(rawValue: 1 << 5)
    /// An e-mail or phone both give is held elsewhere in the data by people whose names conflict
    /// (a family mailbox), and these two given names are not the same either.
    static let sharedInData = IdentityConflicts(rawValue: 1 << 7)
    /// Different generational suffixes (Jr / Sr): a parent and a child.
    static let generation = IdentityConflicts(rawValue: 1 << 6)
    /// Given names that conflict, excused by a shared birthday and home: a name replaced on one
    /// person's record, or twins living together. Not a veto; with
    /// `DedupeConfiguration.birthdayExcusesReviewOnly`, a person decides.
    static let givenNameExcusedByBirthday = IdentityConflicts(rawValue: 1 << 8)
    /// With `givenNameExcusedByBirthday`: each record holds an e-mail address or a phone number
    /// the other lacks, as twins with mobiles or mailboxes of their own do. The excuse then
    /// sends the pair to review instead of linking it.
    static let ownContactDetails = IdentityConflicts(rawValue: 1 << 9)

    var namesConflict: Bool { contains(.givenName) || contains(.familyName) }
    /// Conflicts that keep a pair out of `link` whatever else agrees.
    ///
    /// A birth date that differs is weighed, not vetoed: a mistyped date is common, while a
    /// parent and a child of one name are told apart by their suffixes (`generation`).
    var isHard: Bool {
        contains(.givenName) || contains(.personalEmail) || contains(.generation) || contains(.sharedInData)
    }

    /// Conflicts of a person pair, from the comparison pattern (which already tried swapped names).
    ///
    /// - Parameter sameIdentifier: the two hold one personal identifier (`PersonalIdentifier`).
    static func find(
        _ pattern: ComparisonPattern, _ a: PreparedRecord, _ b: PreparedRecord, sameIdentifier: Bool = false
    ) -> IdentityConflicts {
        var found = IdentityConflicts()
        // A different given name with the same birth date and another agreement is a mistyped or
        // swapped-in name on one person's record far more often than two people born the same day.
        // The street may be misspelt on one side ("baynton w treet"): close counts as agreeing,
        // and so do address lines entered the other way round.
        let birthDateCorroborates =
            pattern[.birthDate] == 0
            && ([ComparisonField.email, .phone, .postcode].contains { pattern[$0] == 0 }
                || pattern[.addressLine1].map { $0 <= 1 } == true || CrossedAddressLines.match(a, b))
        // Twins share a surname, a birthday and a home, never a personal identifier: one held by
        // both, with the surname or the birth date agreeing too, is a given name replaced on one
        // record. The second agreement keeps a mistyped number that happens to be a stranger's
        // from excusing a stranger's name.
        let identifierCorroborates =
            sameIdentifier && ((pattern[.familyName] ?? .max) <= 1 || pattern[.birthDate] == 0)
        if pattern[.givenName] == 3, NameConflict.givenConflict(a.given, a.givenGroups, b.given, b.givenGroups),
            !identifierCorroborates
        {
            found.insert(birthDateCorroborates ? .givenNameExcusedByBirthday : .givenName)
            if birthDateCorroborates, eachHoldsContactTheOtherLacks(a, b) { found.insert(.ownContactDetails) }
        }
        if !a.generation.isEmpty, !b.generation.isEmpty, a.generation != b.generation { found.insert(.generation) }
        if pattern[.familyName] == 3 { found.insert(.familyName) }
        if pattern[.birthDate] == 3 { found.insert(.birthDate) }
        if pattern[.email] == 2, privateMailboxesDiffer(a, b) { found.insert(.personalEmail) }
        return found
    }

    /// Each record holds an e-mail address or a phone number the other does not: two people's
    /// own details far more often than one person's, once their given names already differ.
    static func eachHoldsContactTheOtherLacks(_ a: PreparedRecord, _ b: PreparedRecord) -> Bool {
        func holdsOneTheOtherLacks(_ x: PreparedRecord, _ y: PreparedRecord) -> Bool {
            x.emailHashes.contains { !y.emailHashes.contains($0) }
                || x.phoneHashes.contains { !y.phoneHashes.contains($0) }
        }
        return holdsOneTheOtherLacks(a, b) && holdsOneTheOtherLacks(b, a)
    }

    /// Both have private mailboxes and they have none in common.
    static func privateMailboxesDiffer(_ a: PreparedRecord, _ b: PreparedRecord) -> Bool {
        let x = a.personalEmailHashes, y = b.personalEmailHashes
        return !x.isEmpty && !y.isEmpty && !x.contains(where: y.contains)
    }
}

/// Turns a verdict into sentences a reviewer reads: what conflicts, what is shared, what is weak.
enum IdentityReasons {
    static func describe(
        _ verdict: IdentityModel.Verdict, _ a: PreparedRecord, _ b: PreparedRecord,
        frequencies: ValueFrequencies
    ) -> [String] {
        var reasons: [String] = []
        let c = verdict.conflicts
        if c.contains(.givenName) { reasons.append("given names differ (\(display(a.given)) / \(display(b.given)))") }
        if c.contains(.givenNameExcusedByBirthday) {
            reasons.append(
                "one birthday and address excuse two given names (\(display(a.given)) / \(display(b.given))): "
                    + "a name replaced on one record, or twins")
        }
        if c.contains(.ownContactDetails) {
            reasons.append("each holds an e-mail address or phone number the other lacks, as twins would")
        }
        if c.contains(.familyName) {
            reasons.append("family names differ (\(display(a.family)) / \(display(b.family)))")
        }
        if c.contains(.sharedInData) {
            reasons.append(
                "given names are only similar (\(display(a.given)) / \(display(b.given))) "
                    + "and they share a household's or office's address"
            )
        }
        if c.contains(.generation) { reasons.append("one is \(a.generation), the other \(b.generation)") }
        // The number itself is not repeated: reasons reach logs and review pages, and a national
        // identity number does not belong there.
        if verdict.sameIdentifier { reasons.append("both hold one personal identifier") }
        if c.contains(.birthDate), let x = a.birthDate, let y = b.birthDate {
            reasons.append("birth dates differ (\(x.digits) / \(y.digits))")
        }
        if c.contains(.personalEmail) {
            let x = a.emails.filter(PersonalMailDomains.isPersonal), y = b.emails.filter(PersonalMailDomains.isPersonal)
            reasons.append("private e-mails differ (\(x.joined(separator: ", ")) / \(y.joined(separator: ", ")))")
        }
        let commonEmails = a.emails.filter(b.emails.contains)
        let commonPhones = a.phones.filter(b.phones.contains)
        for (value, hash) in zip(a.emails, a.emailHashes) where commonEmails.contains(value) {
            if let reason = sharedReason(value, hash, pairConflict: c.contains(.sharedEmail), frequencies) {
                reasons.append(reason)
            }
        }
        for (value, hash) in zip(a.phones, a.phoneHashes) where commonPhones.contains(value) {
            if let reason = sharedReason(value, hash, pairConflict: c.contains(.sharedPhone), frequencies) {
                reasons.append(reason)
            }
        }
        for role in a.roleEmails where b.roleEmails.contains(role) {
            reasons.append("\(role) is a role address and identifies no one")
        }
        if verdict.band == .review, let objection = verdict.objection { reasons.append(objection) }
        if verdict.band == .distinct && c.isEmpty && !verdict.conflicts.contains(.sharedEmail) {
            reasons.append("too little evidence (probability \(verdict.probability.formatted3))")
        }
        return reasons
    }

    private static func sharedReason(
        _ value: String, _ hash: UInt64, pairConflict: Bool, _ frequencies: ValueFrequencies
    ) -> String? {
        if pairConflict || frequencies.isConflicting(hash) {
            return "\(value) is shared by records with different names"
        }
        let holders = frequencies.holderCount(hash)
        if holders > 2 { return "\(value) is held by \(holders) records" }
        return nil
    }

    static func display(_ folded: [UInt8]) -> String {
        let text = String(decoding: folded, as: UTF8.self)
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
