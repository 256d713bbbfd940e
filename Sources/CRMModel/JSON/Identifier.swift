/// A typed id: a contact id cannot be passed where an organization id is expected.
/// The API writes ids as strings ("42", UUIDs); numbers are accepted when reading.
public struct Identifier<Entity>: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible, JSONConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init?(json: JSONValue) {
        switch json {
        case .string(let value): rawValue = value
        case .integer(let value): rawValue = String(value)
        default: return nil
        }
    }

    public var json: JSONValue { .string(rawValue) }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            rawValue = String(number)
        } else {
            rawValue = try container.decode(String.self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Numeric ids sort as numbers ("9" before "10"), others as text.
    public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
        switch (Int64(lhs.rawValue), Int64(rhs.rawValue)) {
        case let (left?, right?): return left < right
        default: return lhs.rawValue < rhs.rawValue
        }
    }
}

public typealias LeadID = Identifier<Lead>
public typealias OpportunityID = Identifier<Opportunity>
public typealias ContactID = Identifier<Contact>
public typealias OrganizationID = Identifier<Organization>
public typealias CaseID = Identifier<Case>
public typealias CaseTypeID = Identifier<CaseType>
public typealias TagID = Identifier<TagOption>
public typealias PipelineID = Identifier<Pipeline>
public typealias StageID = Identifier<Stage>
public typealias UserID = Identifier<User>
public typealias FieldID = Identifier<FormField>
