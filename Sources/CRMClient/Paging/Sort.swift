/// The order of a list: a field (`orderBy`, checked by the server against a per-entity list) and
/// a direction (`sort`).
public struct Sort: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable { case ascending = "asc", descending = "desc" }

    public var field: String
    public var direction: Direction

    public init(_ field: String, _ direction: Direction = .ascending) {
        self.field = field
        self.direction = direction
    }

    public static func ascending(_ field: String) -> Sort { Sort(field, .ascending) }
    public static func descending(_ field: String) -> Sort { Sort(field, .descending) }

    var queryItems: [(String, String)] { [("orderBy", field), ("sort", direction.rawValue)] }
}
