import CRMModel
import Foundation
import GRDB

/// The tag lists of the five entities. Records store tag ids, so renaming a tag renames it
/// everywhere; deleting one removes it from every record (api-notes #51).
enum TagStore {
    static let defaultColor = "#808080"

    static func insert(_ kind: EntityKind, label: String, color: String, in db: Database) throws -> String {
        let id = UUID().uuidString.lowercased()
        try db.execute(
            sql: "INSERT INTO tag (id, entity, label, color, created_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, kind.rawValue, label, color, Timestamp.now()])
        return id
    }

    static func update(_ kind: EntityKind, id: String, label: String?, color: String?, in db: Database) throws {
        if let label {
            try db.execute(
                sql: "UPDATE tag SET label = ? WHERE id = ? AND entity = ?", arguments: [label, id, kind.rawValue])
        }
        if let color {
            try db.execute(
                sql: "UPDATE tag SET color = ? WHERE id = ? AND entity = ?", arguments: [color, id, kind.rawValue])
        }
    }

    /// Deletes the tag and takes it off every record of its entity (their `updatedOn` stays).
    static func delete(_ kind: EntityKind, id: String, in db: Database) throws -> Bool {
        try db.execute(sql: "DELETE FROM tag WHERE id = ? AND entity = ?", arguments: [id, kind.rawValue])
        guard db.changesCount > 0 else { return false }
        let recordIds = try Int64.fetchAll(
            db, sql: "SELECT record_id FROM record_tag WHERE entity = ? AND tag_id = ?", arguments: [kind.rawValue, id])
        try db.execute(sql: "DELETE FROM record_tag WHERE entity = ? AND tag_id = ?", arguments: [kind.rawValue, id])
        let table = RecordTables.table(kind)
        for recordId in recordIds {
            let current =
                try String.fetchOne(db, sql: "SELECT tag_ids FROM \(table) WHERE id = ?", arguments: [recordId]) ?? ""
            let remaining = RecordTables.splitTags(current).filter { $0 != id }.joined(separator: ",")
            try db.execute(sql: "UPDATE \(table) SET tag_ids = ? WHERE id = ?", arguments: [remaining, recordId])
        }
        return true
    }
}
