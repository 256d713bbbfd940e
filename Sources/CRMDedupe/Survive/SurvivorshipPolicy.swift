/// How a cluster becomes one record: which record survives, and how each field is filled.
public struct SurvivorshipPolicy: Sendable, Codable, Hashable {
    public enum SurvivorRule: String, Sendable, Codable, Hashable {
        /// The record with the most non-blank fields (ties: oldest, then lowest index).
        case mostComplete
        /// The earliest `createdOn` (records without a date come last).
        case oldest
        /// The latest `updatedOn` (records without a date come last).
        case mostRecentlyUpdated
    }

    public enum FieldRule: String, Sendable, Codable, Hashable {
        /// The survivor's value, even when blank.
        case keepSurvivor
        /// The survivor's value, or the first non-blank value of the others (in cluster order).
        case fillBlanks
        /// Every distinct value of every record, survivor's first (for e-mails and phones).
        case union
        /// The longest value (for notes and descriptions).
        case longest
        /// The value of the most recently updated record that has one.
        case mostRecent
    }

    public var survivor: SurvivorRule
    /// Field name (as in `SurvivorshipField`) → rule; fields not listed use `defaultRule`.
    public var fieldRules: [String: FieldRule]
    public var defaultRule: FieldRule

    public init(
        survivor: SurvivorRule = .mostComplete, fieldRules: [String: FieldRule] = Self.standardFieldRules,
        defaultRule: FieldRule = .fillBlanks
    ) {
        self.survivor = survivor
        self.fieldRules = fieldRules
        self.defaultRule = defaultRule
    }

    public static let standardFieldRules: [String: FieldRule] = ["emails": .union, "phones": .union, "note": .longest]

    public func rule(for field: String) -> FieldRule { fieldRules[field] ?? defaultRule }
}
