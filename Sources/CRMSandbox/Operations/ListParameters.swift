import CRMModel
import Foundation
import GRDB

/// Turns a list request's query into a `RecordListQuery`: paging (api-notes #4, #33), sorting
/// against the allow-list (#5, #34) and the filters the reference lists for each kind.
enum ListParameters {
    static let maxPageSize = 1000
    static let defaultPageSize = 10

    /// orderBy names per kind, with the SQL they sort by.
    static func orderColumns(_ kind: EntityKind) -> [(String, String)] {
        let common = [
            ("id", "id"), ("createdOn", "created_on"), ("createdAt", "created_on"), ("updatedOn", "updated_on"),
        ]
        func json(_ member: String) -> String { "json_extract(doc, '$.\(member)') COLLATE NOCASE" }
        switch kind {
        case .lead:
            return common + [
                ("title", "label COLLATE NOCASE"), ("name", "label COLLATE NOCASE"), ("leadRating", json("leadRating")),
                ("origin", json("origin")),
            ]
        case .opportunity:
            return common + [
                ("title", "label COLLATE NOCASE"), ("name", "label COLLATE NOCASE"), ("leadRating", json("leadRating")),
                ("origin", json("origin")), ("status", "status"), ("stage", "stage_order"),
            ]
        case .contact: return common + [("name", "label COLLATE NOCASE"), ("jobTitle", json("jobTitle"))]
        case .organization: return common + [("name", "label COLLATE NOCASE"), ("industry", json("industry"))]
        case .case:
            return common + [
                ("title", "label COLLATE NOCASE"), ("status", "status"), ("priority", json("priority")),
                ("expectedDate", json("expectedDate")),
            ]
        }
    }

    struct Paging {
        var page: Int
        var size: Int
        var offset: Int?
    }

    static func query(_ kind: EntityKind, _ parameters: QueryParameters, snapshot: SchemaCatalog.Snapshot)
        throws(SandboxError) -> (RecordListQuery, Paging)
    {
        var query = RecordListQuery(kind: kind)
        let size = try parameters.integer("size", default: defaultPageSize, range: 1...maxPageSize)
        let page = try parameters.integer("page", default: 1, range: 1...Int(Int32.max))
        var paging = Paging(page: page, size: size)
        query.size = size
        query.offset = (page - 1) * size
        if kind == .case, parameters["offset"] != nil {
            let offset = try parameters.integer("offset", default: 0, range: 0...Int(Int32.max))
            query.offset = offset
            paging.offset = offset
            paging.page = offset / size + 1
        }

        if let sort = parameters["sort"] {
            switch sort.lowercased() {
            case "asc": query.descending = false
            case "desc": query.descending = true
            default:
                throw SandboxError.badRequest(
                    "Query parameter 'sort' must be asc or desc (any case), not '\(sort)'.", field: "sort")
            }
        }
        if let orderBy = parameters["orderBy"] {
            let columns = orderColumns(kind)
            guard let column = columns.first(where: { $0.0 == orderBy }) else {
                throw SandboxError.badRequest(
                    "Cannot order \(kind.plural) by '\(orderBy)'; orderBy must be "
                        + "one of: \(columns.map(\.0).joined(separator: ", ")).",
                    field: "orderBy")
            }
            query.orderExpression = column.1
        }

        try addFilters(kind, parameters, snapshot: snapshot, to: &query)
        return (query, paging)
    }

    private static func addFilters(
        _ kind: EntityKind, _ parameters: QueryParameters, snapshot: SchemaCatalog.Snapshot,
        to query: inout RecordListQuery
    ) throws(SandboxError) {
        func ids(_ name: String) -> [any DatabaseValueConvertible]? {
            parameters.list(name).map { $0.map { RecordTables.rowId($0) ?? -1 } }
        }
        let labelFilter = kind == .contact || kind == .organization ? "name" : "title"
        if let needle = parameters[labelFilter] { query.addSubstring("search_label", needle) }
        if kind == .contact, let values = ids("ids") { query.addIn("id", values) }
        if kind != .organization, let values = ids("organizationId") { query.addIn("organization_id", values) }
        if [.lead, .opportunity, .case].contains(kind), let values = ids("contactId") {
            query.addIn("contact_id", values)
        }
        if let tags = parameters.list("tags") {
            let tagIds = tags.compactMap { snapshot.tag(kind, named: $0)?.id?.rawValue }
            if tagIds.isEmpty {
                query.add("0")
            } else {
                query.add(
                    "id IN (SELECT record_id FROM record_tag WHERE entity = ? AND tag_id "
                        + "IN (\(tagIds.map { _ in "?" }.joined(separator: ","))))",
                    [kind.rawValue] + tagIds)
            }
        }
        switch kind {
        case .lead:
            if let archived = try parameters.boolean("isArchived") { query.add("is_archived = ?", [archived]) }
            if let converted = try parameters.boolean("isConverted") { query.add("is_converted = ?", [converted]) }
        case .opportunity:
            if let owners = parameters.list("ownerId") { query.addIn("owner_id", owners) }
        case .contact:
            if let email = parameters["email"] { query.addSubstring("emails", email) }
            if let phone = parameters["phone"] { query.addSubstring("phones", TelephoneSyntax.digits(of: phone)) }
            if let search = parameters["searchValue"] {
                let needle = search.lowercased()
                query.add(
                    "(instr(search_label, ?) > 0 OR instr(emails, ?) > 0 OR organization_id IN (SELECT id "
                        + "FROM \(RecordTables.table(.organization)) WHERE instr(search_label, ?) > 0))",
                    [needle, needle, needle])
            }
        case .organization:
            if let address = parameters["address"] { query.addSubstring("address", address) }
        case .case:
            if let owners = parameters.list("ownerId") { query.addIn("owner_id", owners) }
            if let statuses = parameters.list("status") {
                query.addIn("status", statuses.flatMap { CaseRules.statusIds(matching: $0, in: snapshot.caseTypes) })
            }
            if let types = parameters.list("caseType") { query.addIn("case_type_id", types) }
            if let after = parameters["createdAfterDate"] {
                query.add("created_on >= ?", [try timestamp(after, name: "createdAfterDate")])
            }
            if let before = parameters["createdBeforeDate"] {
                query.add("created_on <= ?", [try timestamp(before, name: "createdBeforeDate")])
            }
        }
    }

    /// A `date` (midnight UTC) or a `datetime` (no zone: UTC) as a stored timestamp.
    static func timestamp(_ text: String, name: String) throws(SandboxError) -> String {
        if CalendarSyntax.day(text) != nil { return text + "T00:00:00.000Z" }
        if let dateTime = CalendarSyntax.moment(text) {
            let unixEpochWall = CalendarSyntax.moment("1970-01-01T00:00:00Z")?.wallSeconds ?? 0
            let instant = dateTime.wallSeconds - Double(dateTime.offsetSeconds ?? 0) - unixEpochWall
            return Timestamp.format(Date(timeIntervalSince1970: instant))
        }
        throw SandboxError.badRequest(
            "Query parameter '\(name)' must be a date (2023-01-01) or an "
                + "ISO 8601 date-time (2023-01-01T00:00:00Z), not '\(text)'.",
            field: name)
    }
}
