import CRMModel
import GRDB

/// A list request turned into SQL: a WHERE clause over the indexed columns, an ORDER BY from the
/// allow-list, and a window. Built by `ListParameters`, run by `run(in:)`.
struct RecordListQuery: Sendable {
    var kind: EntityKind
    var conditions: [String] = []
    var arguments: [DatabaseValue] = []
    var orderExpression = "id"
    var descending = false
    var size = 10
    var offset = 0

    mutating func add(_ condition: String, _ values: [any DatabaseValueConvertible] = []) {
        conditions.append(condition)
        arguments += values.map(\.databaseValue)
    }

    /// A case-insensitive substring condition on a column the store keeps lower-cased
    /// (`search_label`, `emails`, `address`) or digits-only (`phones`). `instr` on such a column
    /// is about twice as fast as `LIKE` and needs no escaping of wildcards.
    mutating func addSubstring(_ column: String, _ needle: String) {
        add("instr(\(column), ?) > 0", [needle.lowercased()])
    }

    /// `expression IN (?, ?, …)`; an empty list matches nothing.
    mutating func addIn(_ expression: String, _ values: [any DatabaseValueConvertible]) {
        guard !values.isEmpty else {
            add("0")
            return
        }
        add("\(expression) IN (\(values.map { _ in "?" }.joined(separator: ",")))", values)
    }

    /// The page's rows (as response text) and the number of matching records.
    func run(tags: [String: String], in db: Database) throws -> (items: [String], total: Int) {
        let table = RecordTables.table(kind)
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let total =
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM \(table)\(whereClause)", arguments: StatementArguments(arguments)) ?? 0
        let direction = descending ? "DESC" : "ASC"
        let order = orderExpression == "id" ? "id \(direction)" : "\(orderExpression) \(direction), id ASC"
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, doc, tag_ids FROM \(table)\(whereClause) ORDER BY \(order) LIMIT ? OFFSET ?",
            arguments: StatementArguments(arguments + [size.databaseValue, offset.databaseValue]))
        var items: [String] = []
        items.reserveCapacity(size)
        while let row = try rows.next() {
            items.append(RecordRendering.render(id: row[0], doc: row[1], tagIds: row[2], tags: tags))
        }
        return (items, total)
    }
}
