/// Compares two prepared records field by field into a `ComparisonPattern`.
///
/// Missing on either side is "missing", never "different": a record without an e-mail is not
/// evidence against a match. Identifiers shared by many records (a switchboard number, a team
/// mailbox that escaped the role list) are reported as missing too, because agreeing on them says
/// nothing about two people being one.
public struct RecordComparator: Sendable {
    public var fields: [ComparisonField]
    /// Hashes of e-mails and phones carried by too many records to identify anyone.
    var sharedIdentifiers: Set<UInt64>

    public init(fields: [ComparisonField] = ComparisonField.allCases, sharedIdentifiers: Set<UInt64> = []) {
        self.fields = fields
        self.sharedIdentifiers = sharedIdentifiers
    }

    public func compare(_ a: PreparedRecord, _ b: PreparedRecord) -> ComparisonPattern {
        var pattern = ComparisonPattern()
        for field in fields {
            pattern[field] = level(field, a, b)
        }
        if pattern[.givenName] != nil || pattern[.familyName] != nil {
            applySwappedNames(a, b, &pattern)
        }
        // A postcode determines the city and region: counting all three would weigh one fact
        // three times (Fellegi-Sunter assumes fields independent) and lets EM mistake "same
        // area" for "same person". The city speaks only when a postcode is missing.
        if pattern[.postcode] != nil {
            pattern[.city] = nil
            pattern[.region] = nil
        }
        return pattern
    }

    func level(_ field: ComparisonField, _ a: PreparedRecord, _ b: PreparedRecord) -> UInt8? {
        switch field {
        case .givenName: return givenLevel(a.given, a.givenGroups, b.given, b.givenGroups)
        case .familyName:
            let level = Self.similarityLevel(a.family, b.family, close: 0.92, similar: 0.80)
            guard level == 3 else { return level }
            return GarbledName.isGarbledCopy(
                a.family, knownA: GarbledName.isKnownSurname(a.family), b.family,
                knownB: GarbledName.isKnownSurname(b.family)) ? 2 : 3
        case .birthDate:
            guard let x = a.birthDate, let y = b.birthDate else { return nil }
            return UInt8(DateComparison.compare(x, y).rawValue)
        case .email: return emailLevel(a, b)
        case .phone: return phoneLevel(a, b)
        case .company:
            guard let level = Self.textLevel(a.company, b.company, close: 0.92) else { return nil }
            // "Acme Dental" within "Springfield Acme Dental Clinic": a prefix or suffix added.
            return level == 2 && TokenSetSimilarity.isContained(a.company, b.company) ? 1 : level
        case .streetNumber:
            guard !a.streetNumber.isEmpty, !b.streetNumber.isEmpty else { return nil }
            if a.streetNumber == b.streetNumber { return 0 }
            let x = String(decoding: a.streetNumber, as: UTF8.self), y = String(decoding: b.streetNumber, as: UTF8.self)
            if NumericComparison.compare(x, y, absoluteTolerance: 2) != .different { return 1 }
            return EditCount.isOneSubstitutionOrTransposition(a.streetNumber, b.streetNumber) ? 1 : 2
        case .addressLine1: return Self.textLevel(a.addressLine1, b.addressLine1, close: 0.90)
        case .addressLine2: return Self.textLevel(a.addressLine2, b.addressLine2, close: 0.90)
        case .city:
            guard let l = Self.similarityLevel(a.city, b.city, close: 0.90, similar: 2) else { return nil }
            return min(l, 2)
        case .postcode:
            guard !a.postcode.isEmpty, !b.postcode.isEmpty else { return nil }
            if a.postcode == b.postcode { return 0 }
            return EditCount.isOneSubstitutionOrTransposition(a.postcode, b.postcode) ? 1 : 2
        case .region:
            guard !a.region.isEmpty, !b.region.isEmpty else { return nil }
            return a.region == b.region ? 0 : 1
        case .website:
            guard !a.domain.isEmpty, !b.domain.isEmpty else { return nil }
            return a.domain == b.domain ? 0 : 1
        }
    }

    func givenLevel(_ a: [UInt8], _ ga: [Int], _ b: [UInt8], _ gb: [Int]) -> UInt8? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        if a == b { return 0 }
        if !ga.isEmpty, ga.contains(where: gb.contains) { return 1 }
        if a.count == 1 || b.count == 1 { return a[0] == b[0] ? 2 : 3 }
        let level = Self.similarityLevel(a, b, close: 0.92, similar: 0.80)
        guard level == 3 else { return level }
        return GarbledName.isGarbledCopy(
            a, knownA: GarbledName.isKnownGivenName(a, groups: ga), b,
            knownB: GarbledName.isKnownGivenName(b, groups: gb)) ? 2 : 3
    }

    /// 0 exact, 1 ≥ close, 2 ≥ similar, 3 otherwise.
    static func similarityLevel(_ a: [UInt8], _ b: [UInt8], close: Double, similar: Double) -> UInt8? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        if a == b { return 0 }
        if similar >= 0.7, similar <= 1, !JaroWinkler.reaches(similar, a, b) { return 3 }
        let s = JaroWinkler.similarity(a, b)
        return s >= close ? 1 : (s >= similar ? 2 : 3)
    }

    /// Three levels for multi-word text: exact, close (Jaro-Winkler or half the words), different.
    static func textLevel(_ a: [UInt8], _ b: [UInt8], close: Double) -> UInt8? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        if a == b { return 0 }
        if JaroWinkler.reaches(close, a, b) || TokenSetSimilarity.jaccard(a, b) >= 0.5 { return 1 }
        return 2
    }

    func emailLevel(_ a: PreparedRecord, _ b: PreparedRecord) -> UInt8? {
        identifierLevel(a.emailHashes, b.emailHashes) {
            for (x, localX) in zip(a.emailBytes, a.emailLocalHashes) {
                for (y, localY) in zip(b.emailBytes, b.emailLocalHashes) {
                    if localX != 0, localX == localY { return true }
                    if JaroWinkler.reaches(0.90, x, y) { return true }
                }
            }
            return false
        }
    }

    func phoneLevel(_ a: PreparedRecord, _ b: PreparedRecord) -> UInt8? {
        identifierLevel(a.phoneHashes, b.phoneHashes) {
            a.phones.contains { x in
                b.phones.contains { y in
                    x.utf8.count >= 8 && EditCount.isOneEdit(x.utf8, y.utf8)
                }
            }
        }
    }

    /// 0 when a non-shared value is common to both, missing when only shared values are,
    /// 1 when `isClose`, 2 otherwise.
    func identifierLevel(_ a: [UInt64], _ b: [UInt64], isClose: () -> Bool) -> UInt8? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        var sharedOnly = false
        for hash in a where b.contains(hash) {
            if !sharedIdentifiers.contains(hash) { return 0 }
            sharedOnly = true
        }
        if sharedOnly { return nil }
        return isClose() ? 1 : 2
    }

    /// "Smith John" vs "John Smith": when the names agree better crossed over, use the crossed
    /// levels, but never as "exact" — a swap is itself a small disagreement.
    func applySwappedNames(_ a: PreparedRecord, _ b: PreparedRecord, _ pattern: inout ComparisonPattern) {
        guard !a.given.isEmpty, !a.family.isEmpty, !b.given.isEmpty, !b.family.isEmpty else { return }
        let straight = Int(pattern[.givenName] ?? 3) + Int(pattern[.familyName] ?? 3)
        guard straight >= 4 else { return }
        // Crossed: a's given name against b's family field (which holds b's given name), with
        // nicknames and initials, and a's family name against b's given field.
        guard
            let g = givenLevel(a.given, a.givenGroups, b.family, b.familyAsGivenGroups),
            let f = givenLevel(b.given, b.givenGroups, a.family, a.familyAsGivenGroups),
            g <= 2, f <= 2, g + f <= 3, Int(g) + Int(f) < straight
        else { return }
        pattern[.givenName] = max(g, 1)
        pattern[.familyName] = max(f, 1)
    }
}
