/// How common each value is in the data being matched (file + CRM), for term-frequency adjustment
/// and for recognising shared identifiers (an e-mail or phone held by records whose names conflict).
///
/// Counts are kept by 64-bit hash of (field, normalised value), so a million records cost a few
/// dozen bytes per distinct value. For every e-mail and phone it also remembers the name of its
/// first holder and whether a later holder's name conflicts with it: that is how
/// `family@smiths.net` held by John and Jane Smith becomes "shared" for every pair, including a
/// third record that only says "J. Smith".
public struct ValueFrequencies: Sendable {
    enum Category: UInt64, Sendable { case givenName = 1, familyName, email, phone, company, personalIdentifier }

    /// Who holds one e-mail or phone: sixteen bytes, as there is one per distinct e-mail and
    /// phone of the data (two or three per record).
    struct Holders: Sendable {
        var count: UInt32
        /// Names of the first holder that had a given name, as indexes into `names`.
        var given: UInt32
        var family: UInt32
        /// Two holders have names that cannot be one person's.
        var conflicting: Bool
    }

    private(set) var counts: [UInt64: UInt32] = [:]
    private(set) var holders: [UInt64: Holders] = [:]
    /// Every folded name a holder has, once (a population has far fewer names than addresses);
    /// index 0 is the empty name.
    private var names: [[UInt8]] = [[]]
    private var nameIndexes: [[UInt8]: UInt32] = [[]: 0]
    /// Records counted, by kind.
    public private(set) var personCount = 0
    public private(set) var organizationCount = 0
    let preparer: RecordPreparer

    public init() { preparer = RecordPreparer() }

    /// Counts with the normalisers of `configuration` (e-mail options, phone region, date order).
    public init(configuration: DedupeConfiguration) {
        preparer = RecordPreparer(
            emailOptions: configuration.emailOptions, defaultPhoneRegion: configuration.defaultPhoneRegion,
            dayFirstDates: configuration.dayFirstDates)
    }

    public mutating func count(_ record: DedupeRecord) { count(prepared: preparer.prepare(record)) }

    mutating func count(prepared record: PreparedRecord) {
        if record.isPerson {
            personCount += 1
            add(.givenName, record.given)
            add(.familyName, record.family)
        } else {
            organizationCount += 1
        }
        add(.company, record.company)
        for identifier in record.personalIdentifiers { add(.personalIdentifier, identifier) }
        for (email, hash) in zip(record.emails, record.emailHashes) {
            addHolder(hash, record, surnameMatters: SharedAddress.isBareGivenName(email, of: record))
        }
        for hash in record.phoneHashes { addHolder(hash, record, surnameMatters: false) }
    }

    /// How many counted records have this value.
    func occurrences(_ category: Category, _ value: [UInt8]) -> Int {
        value.isEmpty ? 0 : Int(counts[Self.key(category, value)] ?? 0)
    }

    /// How many counted records hold this e-mail or phone (by `RecordPreparer.identifierHash`).
    func holderCount(_ identifier: UInt64) -> Int { Int(holders[identifier]?.count ?? 0) }

    /// Identifiers that identify nobody: held by more than `threshold` records, or by records
    /// whose names conflict.
    func sharedIdentifiers(threshold: Int) -> Set<UInt64> {
        var shared = Set<UInt64>()
        for (hash, holder) in holders where holder.conflicting || Int(holder.count) > threshold { shared.insert(hash) }
        return shared
    }

    func isConflicting(_ identifier: UInt64) -> Bool { holders[identifier]?.conflicting ?? false }

    /// Some e-mail or phone both records give is held by people whose names conflict.
    func sharesConflictingIdentifier(_ a: PreparedRecord, _ b: PreparedRecord) -> Bool {
        guard !holders.isEmpty else { return false }
        return a.emailHashes.contains { b.emailHashes.contains($0) && isConflicting($0) }
            || a.phoneHashes.contains { b.phoneHashes.contains($0) && isConflicting($0) }
    }

    private mutating func add(_ category: Category, _ value: [UInt8]) {
        guard !value.isEmpty else { return }
        counts[Self.key(category, value), default: 0] += 1
    }

    /// `surnameMatters`: the identifier is a bare first name (`john@acme.com`), so holders with
    /// different surnames are different people; otherwise only conflicting given names count.
    private mutating func addHolder(_ hash: UInt64, _ record: PreparedRecord, surnameMatters: Bool) {
        guard var entry = holders[hash] else {
            holders[hash] = Holders(
                count: 1, given: nameIndex(record.given), family: nameIndex(record.family), conflicting: false)
            return
        }
        entry.count += 1
        if record.isPerson, !entry.conflicting {
            if entry.given == 0 && entry.family == 0 {
                entry.given = nameIndex(record.given)
                entry.family = nameIndex(record.family)
            } else if NameConflict.between(
                names[Int(entry.given)], names[Int(entry.family)], record.given, record.family,
                surnameMatters: surnameMatters)
            {
                entry.conflicting = true
            }
        }
        holders[hash] = entry
    }

    /// `name`'s index in `names`, added when new.
    private mutating func nameIndex(_ name: [UInt8]) -> UInt32 {
        if let index = nameIndexes[name] { return index }
        let index = UInt32(names.count)
        names.append(name)
        nameIndexes[name] = index
        return index
    }

    static func key(_ category: Category, _ value: [UInt8]) -> UInt64 {
        var hash = StableHash(seed: category.rawValue)
        hash.add(value)
        return hash.value
    }
}

/// Whether two people's names cannot belong to one person: a given name that differs beyond
/// nicknames, initials and typos, or a surname that differs beyond typos. Used for shared
/// identifiers, where a married name or a typo must not be mistaken for a second person too
/// eagerly, so only clear differences count.
enum NameConflict {
    /// Names conflict both as written and crossed over ("Palmer Freddie" is Freddie Palmer swapped).
    static func between(
        _ givenA: [UInt8], _ familyA: [UInt8], _ givenB: [UInt8], _ familyB: [UInt8], surnameMatters: Bool
    ) -> Bool {
        func straight() -> Bool {
            givenConflict(givenA, givenB) || (surnameMatters && familyConflict(familyA, familyB))
        }
        func crossed() -> Bool { givenConflict(givenA, familyB) || (surnameMatters && familyConflict(familyA, givenB)) }
        return straight() && crossed()
    }

    static func givenConflict(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        givenConflict(
            a, NicknameTable.groups.byName[String(decoding: a, as: UTF8.self)] ?? [],
            b, NicknameTable.groups.byName[String(decoding: b, as: UTF8.self)] ?? [])
    }

    /// With the nickname groups already looked up (`PreparedRecord.givenGroups`).
    static func givenConflict(_ a: [UInt8], _ groupsA: [Int], _ b: [UInt8], _ groupsB: [Int]) -> Bool {
        guard !a.isEmpty, !b.isEmpty, a != b else { return false }
        if a.count == 1 || b.count == 1 { return a[0] != b[0] }
        if groupsA.contains(where: groupsB.contains) { return false }
        if JaroWinkler.reaches(0.80, a, b) { return false }
        return !GarbledName.isGarbledCopy(
            a, knownA: GarbledName.isKnownGivenName(a, groups: groupsA), b,
            knownB: GarbledName.isKnownGivenName(b, groups: groupsB))
    }

    static func familyConflict(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard !a.isEmpty, !b.isEmpty, a != b else { return false }
        if JaroWinkler.reaches(0.80, a, b) { return false }
        return !GarbledName.isGarbledCopy(
            a, knownA: GarbledName.isKnownSurname(a), b, knownB: GarbledName.isKnownSurname(b))
    }
}
