/// A blocking key: records that produce the same key value are compared with each other.
///
/// Each key is a list of parts that must all be present; a record missing any part simply has
/// no value for that key, which is why the default set has several keys built from different
/// fields — a duplicate that lacks an e-mail is still found through its name and birth date.
public struct BlockingKey: Sendable, Codable, Hashable, CustomStringConvertible {
    public enum Part: String, Sendable, Codable, Hashable, CaseIterable {
        case email, phone
        /// NYSIIS of the canonical given name and of the family name, in sorted order, so swapped
        /// first and last names land in the same block.
        case namePhonetics
        case givenPhonetic, familyPhonetic
        case givenInitial
        case birthDate, birthYear
        case postcode, city, streetNumber
        /// The most distinctive word of the street name, abbreviations written out.
        case streetName
        /// First two words of the normalised company name.
        case company
        case domain
        /// Each of the record's personal identifiers (`DedupeRecord.personalIdentifiers`).
        case personalIdentifier
    }

    public var parts: [Part]
    public init(_ parts: [Part]) { self.parts = parts }
    public var description: String { parts.map(\.rawValue).joined(separator: "+") }

    /// Keys for people: identifiers (e-mail, phone, personal identifier), names, and name parts
    /// crossed with birth date and postcode, so any single field may be missing or misspelt and
    /// the pair still shares some block.
    public static let personDefaults: [BlockingKey] = [
        BlockingKey([.email]), BlockingKey([.phone]), BlockingKey([.namePhonetics]),
        BlockingKey([.familyPhonetic, .birthDate]), BlockingKey([.givenPhonetic, .birthDate]),
        BlockingKey([.familyPhonetic, .postcode]), BlockingKey([.givenPhonetic, .postcode]),
        BlockingKey([.birthDate, .postcode]), BlockingKey([.familyPhonetic, .company]),
        BlockingKey([.givenInitial, .familyPhonetic, .city]), BlockingKey([.postcode, .streetNumber]),
        BlockingKey([.givenPhonetic, .streetNumber]), BlockingKey([.birthDate, .givenInitial]),
        BlockingKey([.birthDate, .city]), BlockingKey([.birthDate, .streetName]),
        BlockingKey([.personalIdentifier]),
    ]

    /// Keys for organisations: name, website domain, identifiers, name + city, and the street
    /// address (number + street name, number + postcode), which finds the same office written
    /// under another name ("IBM" / "International Business Machines").
    public static let organizationDefaults: [BlockingKey] = [
        BlockingKey([.company]), BlockingKey([.domain]), BlockingKey([.email]), BlockingKey([.phone]),
        BlockingKey([.company, .city]), BlockingKey([.streetNumber, .streetName]),
        BlockingKey([.streetNumber, .postcode]),
    ]

    /// What an oversized block's records are sorted by before the sorted-neighbourhood pass.
    enum WindowField: Sendable { case family, given, postcode, street, email, phone }

    /// The fields this key leaves free, most telling first: within one key value they are what
    /// tells a duplicate (same person, same address) from a namesake or a neighbour.
    var windowOrder: [WindowField] {
        let fixesFamily = parts.contains(.namePhonetics) || parts.contains(.familyPhonetic)
        let fixesGiven = parts.contains(.namePhonetics) || parts.contains(.givenPhonetic)
        let fixesPlace = parts.contains(.postcode) || parts.contains(.streetNumber) || parts.contains(.streetName)
        var order: [WindowField] = []
        if !fixesFamily { order.append(.family) }
        if !fixesGiven { order.append(.given) }
        if !fixesPlace { order += [.postcode, .street] }
        return order + [.email, .phone]
    }

    /// Hashes of this key's values for one record: one per combination of part values (several
    /// when the record has several e-mails or phones), none when a part is missing. Built part by
    /// part without joining the parts into a string. E-mail and phone keys use the identifier hashes the record
    /// already carries, which are also the hashes shared identifiers are known by.
    func hashes(for record: PreparedRecord, seed: UInt64) -> [UInt64] {
        if parts == [.email] { return record.emailHashes }
        if parts == [.phone] { return record.phoneHashes }
        let counts = parts.map { Self.valueCount(of: $0, record) }
        if counts.contains(0) { return [] }
        var hashers = [StableHash(seed: seed)]
        for (part, count) in zip(parts, counts) {
            hashers = count == 1 ? hashers : hashers.flatMap { Array(repeating: $0, count: count) }
            for i in hashers.indices { Self.addValue(i % count, of: part, record, to: &hashers[i]) }
        }
        return hashers.map(\.value)
    }

    /// Calls `body` with each of `hashes(for:seed:)`, without building arrays when every part has
    /// one value (most records for most keys): blocking visits every record once per key, and the
    /// arrays of part values cost more than hashing them.
    func forEachHash(for record: PreparedRecord, seed: UInt64, _ body: (UInt64) -> Void) {
        if parts.count == 1, parts[0] == .email || parts[0] == .phone {
            for hash in parts[0] == .email ? record.emailHashes : record.phoneHashes { body(hash) }
            return
        }
        var hash = StableHash(seed: seed)
        for part in parts {
            switch Self.valueCount(of: part, record) {
            case 0: return
            case 1: Self.addValue(0, of: part, record, to: &hash)
            default:
                for hash in hashes(for: record, seed: seed) { body(hash) }
                return
            }
        }
        body(hash.value)
    }

    /// How many values `part` has in `r`: several e-mails, phones or identifiers; a formal and
    /// a written given name; none when the part is missing.
    static func valueCount(of part: Part, _ r: PreparedRecord) -> Int {
        func one(_ isEmpty: Bool) -> Int { isEmpty ? 0 : 1 }
        switch part {
        case .email: return r.emails.count
        case .phone: return r.phones.count
        case .namePhonetics:
            guard !r.givenPhonetic.isEmpty, !r.familyPhonetic.isEmpty else { return 0 }
            // Both the written and the formal given name: a swapped "Bertie Clarke" must meet
            // "Clarke Bertie" although "bertie" is formally "albert".
            return r.givenWrittenPhonetic != r.givenPhonetic && !r.givenWrittenPhonetic.isEmpty ? 2 : 1
        case .givenPhonetic: return one(r.givenPhonetic.isEmpty)
        case .familyPhonetic: return one(r.familyPhonetic.isEmpty)
        case .givenInitial: return one(r.given.isEmpty)
        case .birthDate, .birthYear: return one(r.birthDate == nil)
        case .postcode: return one(r.postcode.isEmpty)
        case .city: return one(r.city.isEmpty)
        case .streetNumber: return one(r.streetNumber.isEmpty)
        case .streetName: return one(r.streetName.isEmpty)
        case .company: return one(r.companyKey.isEmpty)
        case .domain: return one(r.domain.isEmpty)
        case .personalIdentifier: return r.personalIdentifiers.count
        }
    }

    /// Adds a separator and value `index` (below `valueCount(of:_:)`) of `part` to `hash`.
    static func addValue(_ index: Int, of part: Part, _ r: PreparedRecord, to hash: inout StableHash) {
        hash.add(CollectionOfOne(0x1F))
        switch part {
        case .email: hash.add(r.emails[index])
        case .phone: hash.add(r.phones[index])
        case .namePhonetics:
            let given = index == 0 ? r.givenPhonetic : r.givenWrittenPhonetic
            hash.add(min(given, r.familyPhonetic))
            hash.add(CollectionOfOne(0x20))
            hash.add(max(given, r.familyPhonetic))
        case .givenPhonetic: hash.add(r.givenPhonetic)
        case .familyPhonetic: hash.add(r.familyPhonetic)
        case .givenInitial: if let first = r.given.first { hash.add(String(UnicodeScalar(first))) }
        case .birthDate: if let date = r.birthDate { hash.add(date.digits) }
        case .birthYear: if let date = r.birthDate { hash.add(String(date.year)) }
        case .postcode: hash.add(r.postcode)
        case .city: hash.add(r.city)
        case .streetNumber: hash.add(r.streetNumber)
        case .streetName: hash.add(r.streetName)
        case .company: hash.add(r.companyKey)
        case .domain: hash.add(r.domain)
        case .personalIdentifier: hash.add(r.personalIdentifiers[index])
        }
    }
}
