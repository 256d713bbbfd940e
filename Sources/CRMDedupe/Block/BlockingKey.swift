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
        var hashers = [StableHash(seed: seed)]
        for part in parts {
            let options = Self.values(of: part, record)
            if options.isEmpty { return [] }
            hashers = options.count == 1 ? hashers : hashers.flatMap { Array(repeating: $0, count: options.count) }
            for i in hashers.indices {
                hashers[i].add(CollectionOfOne(0x1F))
                hashers[i].add(options[i % options.count])
            }
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
            switch Self.addSingleValue(of: part, record, to: &hash) {
            case .added: continue
            case .missing: return
            case .several:
                for hash in hashes(for: record, seed: seed) { body(hash) }
                return
            }
        }
        body(hash.value)
    }

    enum SingleValue { case added, missing, several }

    /// Adds the separator and the part's value to `hash` when the record has exactly one value for
    /// it: the same bytes `hashes(for:seed:)` adds for that value, so both give the same hash.
    static func addSingleValue(of part: Part, _ r: PreparedRecord, to hash: inout StableHash) -> SingleValue {
        func add(_ bytes: some Sequence<UInt8>) -> SingleValue {
            hash.add(CollectionOfOne(0x1F))
            hash.add(bytes)
            return .added
        }
        func add(_ bytes: [UInt8]) -> SingleValue { bytes.isEmpty ? .missing : add(bytes[...]) }
        func add(_ text: String) -> SingleValue { text.isEmpty ? .missing : add(text.utf8) }
        switch part {
        case .email: return r.emails.count > 1 ? .several : r.emails.first.map { add($0.utf8) } ?? .missing
        case .phone: return r.phones.count > 1 ? .several : r.phones.first.map { add($0.utf8) } ?? .missing
        case .namePhonetics:
            guard !r.givenPhonetic.isEmpty, !r.familyPhonetic.isEmpty else { return .missing }
            if r.givenWrittenPhonetic != r.givenPhonetic, !r.givenWrittenPhonetic.isEmpty { return .several }
            _ = add(min(r.givenPhonetic, r.familyPhonetic).utf8)
            hash.add(CollectionOfOne(0x20))
            hash.add(max(r.givenPhonetic, r.familyPhonetic).utf8)
            return .added
        case .givenPhonetic: return add(r.givenPhonetic)
        case .familyPhonetic: return add(r.familyPhonetic)
        case .givenInitial: return r.given.first.map { add(String(UnicodeScalar($0)).utf8) } ?? .missing
        case .birthDate: return r.birthDate.map { add($0.digits.utf8) } ?? .missing
        case .birthYear: return r.birthDate.map { add(String($0.year).utf8) } ?? .missing
        case .postcode: return add(r.postcode)
        case .city: return add(r.city)
        case .streetNumber: return add(r.streetNumber)
        case .streetName: return add(r.streetName)
        case .company: return add(r.companyKey)
        case .domain: return add(r.domain)
        case .personalIdentifier:
            return r.personalIdentifiers.count > 1
                ? .several : r.personalIdentifiers.first.map { add($0[...]) } ?? .missing
        }
    }

    static func values(of part: Part, _ r: PreparedRecord) -> [String] {
        func text(_ bytes: [UInt8]) -> [String] { bytes.isEmpty ? [] : [String(decoding: bytes, as: UTF8.self)] }
        switch part {
        case .email: return r.emails
        case .phone: return r.phones
        case .namePhonetics:
            guard !r.givenPhonetic.isEmpty, !r.familyPhonetic.isEmpty else { return [] }
            // Both the written and the formal given name: a swapped "Bertie Clarke" must meet
            // "Clarke Bertie" although "bertie" is formally "albert".
            var keys = [min(r.givenPhonetic, r.familyPhonetic) + " " + max(r.givenPhonetic, r.familyPhonetic)]
            if r.givenWrittenPhonetic != r.givenPhonetic, !r.givenWrittenPhonetic.isEmpty {
                keys.append(
                    min(r.givenWrittenPhonetic, r.familyPhonetic) + " " + max(r.givenWrittenPhonetic, r.familyPhonetic))
            }
            return keys
        case .givenPhonetic: return r.givenPhonetic.isEmpty ? [] : [r.givenPhonetic]
        case .familyPhonetic: return r.familyPhonetic.isEmpty ? [] : [r.familyPhonetic]
        case .givenInitial: return r.given.first.map { [String(UnicodeScalar($0))] } ?? []
        case .birthDate: return r.birthDate.map { [$0.digits] } ?? []
        case .birthYear: return r.birthDate.map { [String($0.year)] } ?? []
        case .postcode: return text(r.postcode)
        case .city: return text(r.city)
        case .streetNumber: return text(r.streetNumber)
        case .streetName: return r.streetName.isEmpty ? [] : [r.streetName]
        case .company: return r.companyKey.isEmpty ? [] : [r.companyKey]
        case .domain: return text(r.domain)
        case .personalIdentifier: return r.personalIdentifiers.map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
