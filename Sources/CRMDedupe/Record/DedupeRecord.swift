import Foundation

/// The engine's own view of a record: a person or an organisation with the fields that help
/// decide whether two records describe the same entity.
///
/// It is deliberately neutral — CRM contacts and organisations, mapped import rows and benchmark
/// files are all converted into it — so that the engine never depends on the API model or a reader.
/// Every field is optional: blank text is treated as missing, and missing never counts as a
/// disagreement.
public struct DedupeRecord: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case person, organization }

    /// Position of the record in its input (0-based); ground-truth files refer to it.
    public var index: Int
    /// Identifier in the source system (CRM id, source row key), if any.
    public var id: String?
    public var kind: Kind
    /// Full name for people when given/family are not separated; the organisation's name otherwise.
    public var name: String?
    public var givenName: String?
    public var familyName: String?
    public var emails: [String]
    public var phones: [String]
    /// Employer for people; for organisations `name` is used and this may repeat it.
    public var company: String?
    public var jobTitle: String?
    public var streetNumber: String?
    public var addressLine1: String?
    public var addressLine2: String?
    public var city: String?
    public var region: String?
    public var postcode: String?
    /// ISO 3166 alpha-2 code or country name; used as the phone region when it is a known code.
    public var country: String?
    /// Text as found (`19850412`, `1985-04-12`, `12/04/1985`); parsed by `BirthDateParser`.
    public var birthDate: String?
    public var website: String?
    public var createdOn: Date?
    public var updatedOn: Date?
    public var note: String?
    /// Anything else a caller wants carried through to survivorship (custom fields and the like).
    public var extra: [String: String]
    /// Numbers issued to one person and never to another: a national identity or social security
    /// number, a passport, a patient or member number. Not a household's account, a policy that
    /// covers a family, or an employer's number: those are shared by design. Two records holding
    /// the same one are one person even when their given names differ, which is the one thing
    /// twins living together cannot show. A differing number is not taken against a pair
    /// (identifiers are mistyped as often as names).
    public var personalIdentifiers: [String]

    public init(
        index: Int, id: String? = nil, kind: Kind = .person, name: String? = nil,
        givenName: String? = nil, familyName: String? = nil, emails: [String] = [], phones: [String] = [],
        company: String? = nil, jobTitle: String? = nil, streetNumber: String? = nil,
        addressLine1: String? = nil, addressLine2: String? = nil, city: String? = nil,
        region: String? = nil, postcode: String? = nil, country: String? = nil, birthDate: String? = nil,
        website: String? = nil, createdOn: Date? = nil, updatedOn: Date? = nil, note: String? = nil,
        extra: [String: String] = [:], personalIdentifiers: [String] = []
    ) {
        self.index = index
        self.id = id
        self.kind = kind
        self.name = name
        self.givenName = givenName
        self.familyName = familyName
        self.emails = emails
        self.phones = phones
        self.company = company
        self.jobTitle = jobTitle
        self.streetNumber = streetNumber
        self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2
        self.city = city
        self.region = region
        self.postcode = postcode
        self.country = country
        self.birthDate = birthDate
        self.website = website
        self.createdOn = createdOn
        self.updatedOn = updatedOn
        self.note = note
        self.extra = extra
        self.personalIdentifiers = personalIdentifiers
    }
}
