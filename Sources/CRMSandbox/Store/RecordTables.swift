import CRMModel
import GRDB

/// Reads and writes record rows of the five kinds, one table each with the same shape.
/// Every function takes the `Database` of an open transaction: callers decide the transaction
/// (a PATCH reads, validates and writes inside one write transaction, so no update is lost).
enum RecordTables {
    static func table(_ kind: EntityKind) -> String { SandboxDatabase.tableName(kind) }

    /// Record ids are decimal strings (api-notes #6); anything else names no record.
    static func rowId(_ id: String) -> Int64? {
        guard !id.isEmpty, id.count <= 18, id.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int64(id)
    }

    static func exists(_ kind: EntityKind, id: String, in db: Database) throws -> Bool {
        guard let rowId = rowId(id) else { return false }
        return try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM \(table(kind)) WHERE id = ?"), arguments: [rowId]) ?? false
    }

    static func fetch(_ kind: EntityKind, id: String, in db: Database) throws -> RecordDocument? {
        guard let rowId = rowId(id),
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT doc, tag_ids FROM \(table(kind)) WHERE id = ?"), arguments: [rowId])
        else { return nil }
        return RecordDocument(
            id: rowId, fields: try StoredJSON.parseObject(row["doc"]), tagIds: splitTags(row["tag_ids"]))
    }

    static func fetchRequired(_ kind: EntityKind, id: String, in db: Database) throws -> RecordDocument {
        guard let record = try fetch(kind, id: id, in: db) else {
            throw SandboxError.notFound("\(kind.rawValue) \(id)")
        }
        return record
    }

    /// The stored text of one record, answered without parsing it.
    static func fetchRendered(_ kind: EntityKind, id: String, tags: [String: String], in db: Database) throws -> String?
    {
        guard let rowId = rowId(id),
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT doc, tag_ids FROM \(table(kind)) WHERE id = ?"), arguments: [rowId])
        else { return nil }
        return RecordRendering.render(id: rowId, doc: row["doc"], tagIds: row["tag_ids"], tags: tags)
    }

    static func insert(_ kind: EntityKind, fields: JSONObject, tagIds: [String], stageOrder: Int?, in db: Database)
        throws -> RecordDocument
    {
        let columns = IndexedColumns(kind: kind, fields: fields, stageOrder: stageOrder).arguments
        let names = ["doc", "tag_ids"] + columns.map(\.0)
        let doc = JSONText.serialize(fields)
        let values: [(any DatabaseValueConvertible)?] = [doc, tagIds.joined(separator: ",")] + columns.map(\.1)
        try db.cachedStatement(
            sql:
                "INSERT INTO \(table(kind)) (\(names.joined(separator: ", "))) "
                + "VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
        ).execute(arguments: StatementArguments(values))
        let id = db.lastInsertedRowID
        try insertTagLinks(kind, recordId: id, tagIds: tagIds, in: db)
        return RecordDocument(id: id, fields: fields, tagIds: tagIds, storedText: doc)
    }

    static func update(_ kind: EntityKind, _ record: RecordDocument, stageOrder: Int?, in db: Database) throws {
        let columns = IndexedColumns(kind: kind, fields: record.fields, stageOrder: stageOrder).arguments
        let assignments = (["doc", "tag_ids"] + columns.map(\.0)).map { "\($0) = ?" }.joined(separator: ", ")
        let values: [(any DatabaseValueConvertible)?] =
            [JSONText.serialize(record.fields), record.tagIds.joined(separator: ",")] + columns.map(\.1) + [record.id]
        try db.cachedStatement(sql: "UPDATE \(table(kind)) SET \(assignments) WHERE id = ?").execute(
            arguments: StatementArguments(values))
        try replaceTagLinks(kind, recordId: record.id, tagIds: record.tagIds, in: db)
    }

    /// Deletes a record and clears references to it (api-notes #29): contacts' and other records'
    /// `organizationId`/`contactId`, and a lead's `convertedOpportunityId`.
    @discardableResult
    static func delete(_ kind: EntityKind, id: Int64, in db: Database) throws -> Bool {
        try db.execute(sql: "DELETE FROM \(table(kind)) WHERE id = ?", arguments: [id])
        guard db.changesCount > 0 else { return false }
        try db.execute(
            sql: "DELETE FROM record_tag WHERE entity = ? AND record_id = ?", arguments: [kind.rawValue, id])
        switch kind {
        case .organization:
            try repointReferences(column: "organization_id", member: "organizationId", from: [id], to: nil, in: db)
        case .contact: try repointReferences(column: "contact_id", member: "contactId", from: [id], to: nil, in: db)
        case .opportunity:
            for lead in try Int64.fetchAll(
                db, sql: "SELECT id FROM \(table(.lead)) WHERE converted_opportunity_id = ?", arguments: [id])
            {
                guard var record = try fetch(.lead, id: String(lead), in: db) else { continue }
                record.fields["convertedOpportunityId"] = .null
                try update(.lead, record, stageOrder: nil, in: db)
            }
        case .lead, .case: break
        }
        return true
    }

    /// Makes every record that references one of `sources` through `member` reference `target`
    /// instead (nil: null). Used by deletes and merges.
    static func repointReferences(
        column: String, member: String, from sources: [Int64], to target: Int64?, in db: Database
    ) throws {
        guard !sources.isEmpty else { return }
        let placeholders = sources.map { _ in "?" }.joined(separator: ",")
        for kind in EntityKind.allCases where kind != .organization || column != "organization_id" {
            if kind == .contact && column == "contact_id" { continue }
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM \(table(kind)) WHERE \(column) IN (\(placeholders))",
                arguments: StatementArguments(sources))
            for id in ids {
                guard var record = try fetch(kind, id: String(id), in: db) else { continue }
                record.fields[member] = target.map { .string(String($0)) } ?? .null
                let stageOrder = try Int.fetchOne(
                    db, sql: "SELECT stage_order FROM \(table(kind)) WHERE id = ?", arguments: [id])
                try update(kind, record, stageOrder: stageOrder, in: db)
            }
        }
    }

    private static func replaceTagLinks(_ kind: EntityKind, recordId: Int64, tagIds: [String], in db: Database) throws {
        try db.execute(
            sql: "DELETE FROM record_tag WHERE entity = ? AND record_id = ?", arguments: [kind.rawValue, recordId])
        try insertTagLinks(kind, recordId: recordId, tagIds: tagIds, in: db)
    }

    private static func insertTagLinks(_ kind: EntityKind, recordId: Int64, tagIds: [String], in db: Database) throws {
        for tagId in Set(tagIds) {
            try db.cachedStatement(sql: "INSERT INTO record_tag (entity, tag_id, record_id) VALUES (?, ?, ?)")
                .execute(arguments: [kind.rawValue, tagId, recordId])
        }
    }

    static func splitTags(_ text: String) -> [String] {
        text.split(separator: ",").map(String.init)
    }
}
