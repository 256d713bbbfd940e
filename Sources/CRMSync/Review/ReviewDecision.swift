/// One thing a reviewer decides about a group of a merge plan. Each is written to the plan file
/// in the plan's own terms, so `dedupe apply` needs nothing new to honour it.
public enum ReviewDecision: Sendable, Equatable {
    /// The records are one: `band` becomes `link`, so `dedupe apply` merges the group.
    case accept(group: Int)
    /// The records are distinct: `band` becomes `rejected`, so `dedupe apply` skips the group.
    case reject(group: Int)
    /// Keep this member's record.
    case survivor(group: Int, member: String)
    /// Leave this member out of the merge (its pairs and the values it gave go with it).
    case drop(group: Int, member: String)
    /// The survivor takes this member's value of `field` (`name`, `jobTitle`, `emails`, `phones`).
    case keep(group: Int, field: String, member: String)

    public var group: Int {
        switch self {
        case .accept(let group), .reject(let group), .survivor(let group, _), .drop(let group, _),
            .keep(let group, _, _):
            group
        }
    }

    /// The fields a reviewer can pick a value for: those `dedupe apply` writes to the survivor.
    public static let pickableFields = ["name", "jobTitle", "emails", "phones"]
}

/// A decision that cannot be carried out, in words the page shows the reviewer.
public struct ReviewError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
