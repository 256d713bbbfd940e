/// The fields two records are compared on, each with an ordered list of agreement levels
/// (level 0 is the strongest agreement, the last level is "different").
///
/// Levels rather than raw similarities are what Fellegi-Sunter weighs: every level gets its own
/// m- and u-probability, so "Jaro-Winkler 0.93" can be worth less than "exact" and more than
/// "different" by an amount learnt from the data.
public enum ComparisonField: Int, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case givenName, familyName, birthDate, email, phone, company, streetNumber
    case addressLine1, addressLine2, city, postcode, region, website

    public var description: String {
        switch self {
        case .givenName: "givenName"
        case .familyName: "familyName"
        case .birthDate: "birthDate"
        case .email: "email"
        case .phone: "phone"
        case .company: "company"
        case .streetNumber: "streetNumber"
        case .addressLine1: "addressLine1"
        case .addressLine2: "addressLine2"
        case .city: "city"
        case .postcode: "postcode"
        case .region: "region"
        case .website: "website"
        }
    }

    public var levelLabels: [String] {
        switch self {
        case .givenName:
            ["exact", "nickname or Jaro-Winkler ≥ 0.92", "Jaro-Winkler ≥ 0.80 or same initial", "different"]
        case .familyName: ["exact", "Jaro-Winkler ≥ 0.92", "Jaro-Winkler ≥ 0.80", "different"]
        case .birthDate: ["exact", "typo (one digit, transposition, day/month swapped)", "within a year", "different"]
        case .email: ["same address", "same local part or Jaro-Winkler ≥ 0.90", "different"]
        case .phone: ["same number", "one digit wrong or two swapped", "different"]
        case .company: ["exact", "Jaro-Winkler ≥ 0.92 or half the words shared", "different"]
        case .streetNumber: ["exact", "within 2 or one digit wrong", "different"]
        case .addressLine1, .addressLine2: ["exact", "Jaro-Winkler ≥ 0.90 or half the words shared", "different"]
        case .city: ["exact", "Jaro-Winkler ≥ 0.90", "different"]
        case .postcode: ["exact", "one character wrong or two swapped", "different"]
        case .region: ["exact", "different"]
        case .website: ["same domain", "different"]
        }
    }

    public var levelCount: Int { levelLabels.count }
    /// Index of the "different" level.
    public var disagreeLevel: Int { levelCount - 1 }
    /// Fields that identify a contact channel rather than describe the person.
    public var isIdentifier: Bool { self == .email || self == .phone }
    public var isPersonName: Bool { self == .givenName || self == .familyName }

    public init?(name: String) {
        guard let field = Self.allCases.first(where: { $0.description.lowercased() == name.lowercased() }) else {
            return nil
        }
        self = field
    }
}

/// The agreement level of every field for one pair, four bits per field; `missing` when either
/// record lacks the field (which counts neither for nor against a match).
public struct ComparisonPattern: Hashable, Sendable, Codable {
    public static let missing: UInt8 = 0xF
    public private(set) var bits: UInt64

    /// All fields missing.
    public init() { bits = UInt64.max }
    public init(bits: UInt64) { self.bits = bits }

    public subscript(field: ComparisonField) -> UInt8? {
        get {
            let value = UInt8((bits >> UInt64(field.rawValue * 4)) & 0xF)
            return value == Self.missing ? nil : value
        }
        set {
            let shift = UInt64(field.rawValue * 4)
            bits = (bits & ~(0xF << shift)) | (UInt64(newValue ?? Self.missing) << shift)
        }
    }
}
