/// A record after normalisation, in the byte form comparators and blocking use.
///
/// Preparing once per record (rather than normalising inside every pair comparison) is what keeps
/// comparison cost to a few hundred nanoseconds per pair. A class, because the pair loops hand each
/// record to the comparator millions of times: passing one reference is one reference-count
/// update, while copying the fields would be one for each of their two dozen arrays and strings.
/// Empty arrays mean "missing".
public final class PreparedRecord: Sendable {
    public let index: Int
    public let isPerson: Bool
    public let given: [UInt8]
    /// Indices of the nickname groups of `given`; empty when the name is not in the table.
    let givenGroups: [Int]
    public let canonicalGiven: String
    public let family: [UInt8]
    /// NYSIIS of the formal given name ("bill" → code of "william").
    public let givenPhonetic: String
    /// NYSIIS of the given name as written.
    public let givenWrittenPhonetic: String
    public let familyPhonetic: String
    /// Nickname groups of `family` read as a given name, for "Smith John" against "John Smith".
    let familyAsGivenGroups: [Int]
    /// Share of a real population with this given name and surname (`PopulationNames`), looked
    /// up once here rather than for every pair the record is in.
    let givenPopulationShare: Double
    let familyPopulationShare: Double
    /// Generational suffix ("jr", "sr", "ii", "iii"…), empty when none: John Smith Sr and Jr are two people.
    public let generation: String
    /// Non-role addresses; role addresses are kept apart because they never identify a person.
    public let emails: [String]
    let emailHashes: [UInt64]
    /// `emails` as bytes, and the hash of each local part of four or more characters (0 for a
    /// shorter one): comparing addresses sits in the inner loop, so nothing is split or copied there.
    let emailBytes: [[UInt8]]
    let emailLocalHashes: [UInt64]
    /// Hashes of the addresses at private mail providers (`PersonalMailDomains`).
    let personalEmailHashes: [UInt64]
    public let roleEmails: [String]
    public let phones: [String]
    let phoneHashes: [UInt64]
    public let company: [UInt8]
    public let companyKey: String
    public let streetNumber: [UInt8]
    public let addressLine1: [UInt8]
    /// The most distinctive word of the street name ("main" of "main street"), for blocking.
    public let streetName: String
    public let addressLine2: [UInt8]
    public let city: [UInt8]
    public let postcode: [UInt8]
    public let region: [UInt8]
    public let birthDate: SimpleDate?
    public let domain: [UInt8]
    /// `DedupeRecord.personalIdentifiers`, letters and digits only, lower-cased; placeholders
    /// (`PersonalIdentifier.isPlaceholder`) left out.
    public let personalIdentifiers: [[UInt8]]

    init(_ fields: Fields) {
        index = fields.index
        isPerson = fields.isPerson
        given = fields.given
        givenGroups = fields.givenGroups
        canonicalGiven = fields.canonicalGiven
        family = fields.family
        givenPhonetic = fields.givenPhonetic
        givenWrittenPhonetic = fields.givenWrittenPhonetic
        familyPhonetic = fields.familyPhonetic
        familyAsGivenGroups = NicknameTable.groups.byName[String(decoding: fields.family, as: UTF8.self)] ?? []
        givenPopulationShare = fields.givenPopulationShare
        familyPopulationShare = fields.familyPopulationShare
        generation = fields.generation
        emails = fields.emails
        emailHashes = fields.emailHashes
        emailBytes = fields.emailBytes
        emailLocalHashes = fields.emailLocalHashes
        personalEmailHashes = fields.personalEmailHashes
        roleEmails = fields.roleEmails
        phones = fields.phones
        phoneHashes = fields.phoneHashes
        company = fields.company
        companyKey = fields.companyKey
        streetNumber = fields.streetNumber
        addressLine1 = fields.addressLine1
        streetName = fields.streetName
        addressLine2 = fields.addressLine2
        city = fields.city
        postcode = fields.postcode
        region = fields.region
        birthDate = fields.birthDate
        domain = fields.domain
        personalIdentifiers = fields.personalIdentifiers
    }

    /// The fields as `RecordPreparer` fills them in, one at a time.
    struct Fields: Sendable {
        var index: Int
        var isPerson: Bool
        var given: [UInt8] = []
        var givenGroups: [Int] = []
        var canonicalGiven: String = ""
        var family: [UInt8] = []
        var givenPhonetic: String = ""
        var givenWrittenPhonetic: String = ""
        var familyPhonetic: String = ""
        var givenPopulationShare: Double = 0
        var familyPopulationShare: Double = 0
        var generation: String = ""
        var emails: [String] = []
        var emailHashes: [UInt64] = []
        var emailBytes: [[UInt8]] = []
        var emailLocalHashes: [UInt64] = []
        var personalEmailHashes: [UInt64] = []
        var roleEmails: [String] = []
        var phones: [String] = []
        var phoneHashes: [UInt64] = []
        var company: [UInt8] = []
        var companyKey: String = ""
        var streetNumber: [UInt8] = []
        var addressLine1: [UInt8] = []
        var streetName: String = ""
        var addressLine2: [UInt8] = []
        var city: [UInt8] = []
        var postcode: [UInt8] = []
        var region: [UInt8] = []
        var birthDate: SimpleDate?
        var domain: [UInt8] = []
        var personalIdentifiers: [[UInt8]] = []
    }
}

/// Turns `DedupeRecord`s into `PreparedRecord`s with the configured normalisers.
public struct RecordPreparer: Sendable {
    public var emailNormalizer: EmailNormalizer
    public var phoneNormalizer: PhoneNormalizer
    public var dateParser: BirthDateParser
    let names = PersonNameNormalizer()
    let companies = CompanyNameNormalizer()
    let streets = StreetAddressNormalizer()

    public init(
        emailOptions: EmailNormalizer.Options = .init(), defaultPhoneRegion: String = "US", dayFirstDates: Bool = true
    ) {
        emailNormalizer = EmailNormalizer(options: emailOptions)
        phoneNormalizer = PhoneNormalizer(defaultRegion: defaultPhoneRegion)
        dateParser = BirthDateParser(dayFirst: dayFirstDates)
    }

    public func prepare(_ record: DedupeRecord) -> PreparedRecord {
        var p = PreparedRecord.Fields(index: record.index, isPerson: record.kind == .person)
        if record.kind == .person {
            let name: NormalizedPersonName
            if record.givenName?.nonBlank != nil || record.familyName?.nonBlank != nil {
                name = names.normalize(given: record.givenName, family: record.familyName)
            } else if let full = record.name?.nonBlank {
                name = names.normalize(fullName: full)
            } else {
                name = NormalizedPersonName(given: "", middle: [], family: "", titles: [], suffixes: [])
            }
            p.given = Array(name.given.utf8)
            p.givenGroups = NicknameTable.groups.byName[name.given] ?? []
            p.canonicalGiven = name.canonicalGiven
            p.family = Array(name.family.utf8)
            p.givenPhonetic = NYSIIS.encode(p.canonicalGiven)
            p.givenWrittenPhonetic = p.canonicalGiven == name.given ? p.givenPhonetic : NYSIIS.encode(name.given)
            p.familyPhonetic = NYSIIS.encode(name.family)
            p.givenPopulationShare = PopulationNames.givenNames.share(name.given)
            p.familyPopulationShare = PopulationNames.surnames.share(name.family)
            let generation = name.suffixes.first(where: PersonNameNormalizer.generationalSuffixes.contains) ?? ""
            p.generation = ["junior": "jr", "senior": "sr"][generation] ?? generation
            if let company = record.company?.nonBlank { p.company = Array(companies.normalize(company).utf8) }
        } else if let company = (record.name ?? record.company)?.nonBlank {
            p.company = Array(companies.normalize(company).utf8)
        }
        if !p.company.isEmpty {
            p.companyKey = String(
                decoding: Array(p.company.split(separator: 0x20).prefix(2).joined(separator: [0x20])), as: UTF8.self)
        }
        for raw in record.emails {
            guard let email = emailNormalizer.normalize(raw) else { continue }
            if email.isRoleAddress {
                if !p.roleEmails.contains(email.address) { p.roleEmails.append(email.address) }
            } else if !p.emails.contains(email.address) {
                p.emails.append(email.address)
                let hash = Self.identifierHash(email.address)
                p.emailHashes.append(hash)
                if PersonalMailDomains.isPersonal(email.address) { p.personalEmailHashes.append(hash) }
                let bytes = Array(email.address.utf8)
                p.emailBytes.append(bytes)
                let local = bytes.prefix { $0 != UInt8(ascii: "@") }
                p.emailLocalHashes.append(
                    local.count >= 4 ? Self.identifierHash(String(decoding: local, as: UTF8.self)) : 0)
            }
        }
        let region = record.country.flatMap { $0.count == 2 ? $0.uppercased() : nil }
        for raw in record.phones {
            guard let phone = phoneNormalizer.normalize(raw, region: region), !p.phones.contains(phone.e164) else {
                continue
            }
            p.phones.append(phone.e164)
            p.phoneHashes.append(Self.identifierHash(phone.e164))
        }
        if let line = record.addressLine1?.nonBlank {
            let street = streets.normalize(line, number: record.streetNumber?.nonBlank)
            p.streetNumber = Array(street.number.utf8)
            p.addressLine1 = Array(street.street.utf8)
            p.streetName = StreetAddressNormalizer.nameWord(street.street)
        } else {
            p.streetNumber = folded(record.streetNumber)
        }
        p.addressLine2 = folded(record.addressLine2)
        p.city = folded(record.city)
        p.postcode = folded(record.postcode).filter { $0 != 0x20 }
        p.region = folded(record.region)
        p.birthDate = record.birthDate.flatMap { $0.nonBlank }.flatMap(dateParser.parse)
        if let site = record.website.flatMap(DomainNormalizer.normalize) { p.domain = Array(site.utf8) }
        for raw in record.personalIdentifiers {
            let value = folded(raw).filter { $0 != 0x20 }
            if !PersonalIdentifier.isPlaceholder(value), !p.personalIdentifiers.contains(value) {
                p.personalIdentifiers.append(value)
            }
        }
        return PreparedRecord(p)
    }

    private func folded(_ text: String?) -> [UInt8] {
        guard let text = text?.nonBlank else { return [] }
        return Array(TextFolding.foldAlphanumeric(text).utf8)
    }

    static func identifierHash(_ value: String) -> UInt64 {
        var hash = StableHash()
        hash.add(value)
        return hash.value
    }
}
