/// The fields of `DedupeRecord` survivorship can choose between, read and written uniformly as
/// lists of strings (single-valued fields have zero or one element).
public enum SurvivorshipField: String, CaseIterable, Sendable, Codable {
    case name, givenName, familyName, emails, phones, company, jobTitle, streetNumber
    case addressLine1, addressLine2, city, region, postcode, country, birthDate, website, note

    private var keyPath: WritableKeyPath<DedupeRecord, String?>? {
        switch self {
        case .name: \.name
        case .givenName: \.givenName
        case .familyName: \.familyName
        case .company: \.company
        case .jobTitle: \.jobTitle
        case .streetNumber: \.streetNumber
        case .addressLine1: \.addressLine1
        case .addressLine2: \.addressLine2
        case .city: \.city
        case .region: \.region
        case .postcode: \.postcode
        case .country: \.country
        case .birthDate: \.birthDate
        case .website: \.website
        case .note: \.note
        case .emails, .phones: nil
        }
    }

    func values(of record: DedupeRecord) -> [String] {
        switch self {
        case .emails: return record.emails.compactMap(\.nonBlank)
        case .phones: return record.phones.compactMap(\.nonBlank)
        default: return keyPath.flatMap { record[keyPath: $0]?.nonBlank }.map { [$0] } ?? []
        }
    }

    func set(_ values: [String], on record: inout DedupeRecord) {
        switch self {
        case .emails: record.emails = values
        case .phones: record.phones = values
        default: if let keyPath { record[keyPath: keyPath] = values.first }
        }
    }

    /// What makes two values the same for `union`: "Ann@X.com" and "ann@x.com" are one address,
    /// "(020) 7946 0018" and "+44 20 7946 0018" one number.
    func identity(_ value: String) -> String {
        switch self {
        case .emails: EmailNormalizer().normalize(value)?.address ?? value
        case .phones: PhoneNormalizer().normalize(value)?.e164 ?? value
        default: TextFolding.fold(value)
        }
    }
}
