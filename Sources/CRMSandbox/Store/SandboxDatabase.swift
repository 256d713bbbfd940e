import CRMModel
import Foundation
import GRDB

/// The SQLite file of one sandbox: schema, migrations and seeding. A `DatabasePool` in WAL mode
/// lets GETs read concurrently while one writer commits. `synchronous = NORMAL`: in WAL mode a
/// committed write survives a crash of the process (it is in the WAL file); only a power loss
/// or OS crash may lose the last transactions, never corrupt the file. FULL would fsync every
/// commit and cap creates at the disk's fsync rate.
final class SandboxDatabase: Sendable {
    let pool: DatabasePool

    init(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 8
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 16 MiB of page cache per connection keeps the indexes of a 100k-record table in
            // memory; checkpointing every 4000 pages (16 MiB of WAL) instead of 1000 takes the
            // checkpoint's fsync off most commits.
            try db.execute(sql: "PRAGMA cache_size = -16384")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 4000")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    static func tableName(_ kind: EntityKind) -> String { "record_\(kind.rawValue)" }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE api_key (slot TEXT PRIMARY KEY, salt TEXT NOT NULL, digest BLOB NOT NULL);
                    CREATE TABLE form (entity TEXT PRIMARY KEY, fields TEXT NOT NULL);
                    CREATE TABLE pipeline (id TEXT PRIMARY KEY, position INTEGER NOT NULL, doc TEXT NOT NULL);
                    CREATE TABLE case_type (id TEXT PRIMARY KEY, created_on TEXT NOT NULL, doc TEXT NOT NULL);
                    CREATE TABLE tag (
                        id TEXT PRIMARY KEY, entity TEXT NOT NULL, label TEXT NOT NULL, color TEXT NOT NULL,
                        created_on TEXT NOT NULL);
                    CREATE UNIQUE INDEX tag_label ON tag(entity, label COLLATE NOCASE);
                    CREATE TABLE record_tag (
                        entity TEXT NOT NULL, tag_id TEXT NOT NULL, record_id INTEGER NOT NULL,
                        PRIMARY KEY (entity, tag_id, record_id)) WITHOUT ROWID;
                    CREATE INDEX record_tag_record ON record_tag(entity, record_id);
                    """)
            for kind in EntityKind.allCases {
                let table = tableName(kind)
                // `doc` is the record's JSON without `id` and `tags`, which are spliced in when
                // answering; the other columns are denormalised copies for filtering and sorting.
                try db.execute(
                    sql: """
                        CREATE TABLE \(table) (
                            id INTEGER PRIMARY KEY AUTOINCREMENT,
                            doc TEXT NOT NULL,
                            tag_ids TEXT NOT NULL DEFAULT '',
                            label TEXT,
                            created_on TEXT NOT NULL,
                            updated_on TEXT NOT NULL,
                            owner_id TEXT,
                            organization_id INTEGER,
                            contact_id INTEGER,
                            is_archived INTEGER NOT NULL DEFAULT 0,
                            is_converted INTEGER NOT NULL DEFAULT 0,
                            converted_opportunity_id INTEGER,
                            status TEXT,
                            stage_order INTEGER,
                            case_type_id TEXT,
                            emails TEXT,
                            phones TEXT,
                            address TEXT,
                            sort_extra TEXT);
                        CREATE INDEX \(table)_label ON \(table)(label COLLATE NOCASE, id);
                        CREATE INDEX \(table)_created ON \(table)(created_on, id);
                        CREATE INDEX \(table)_updated ON \(table)(updated_on, id);
                        CREATE INDEX \(table)_organization ON \(table)(organization_id);
                        CREATE INDEX \(table)_contact ON \(table)(contact_id);
                        CREATE INDEX \(table)_owner ON \(table)(owner_id);
                        """)
            }
        }
        migrator.registerMigration("v2-search-columns-and-descending-indexes") { db in
            // `ORDER BY x DESC, id ASC` (ties by ascending id, api-notes "Lists") can only walk an
            // index whose directions match; without these, a descending sort sorts the table.
            for kind in EntityKind.allCases {
                let table = tableName(kind)
                // Lower-cased copies for `instr` substring filters (SQLite's lower() only knows
                // ASCII; rows written from now on use Swift's full lower-casing). The label
                // indexes carry search_label, so a name filter is answered from the index alone
                // (the count) or while walking it in order (the page).
                try db.execute(
                    sql: """
                        ALTER TABLE \(table) ADD COLUMN search_label TEXT;
                        UPDATE \(table) SET search_label = lower(label), address = lower(address);
                        DROP INDEX \(table)_label;
                        CREATE INDEX \(table)_label ON \(table)(label COLLATE NOCASE, id, search_label);
                        CREATE INDEX \(table)_label_desc ON \(table)(label COLLATE NOCASE DESC, id, search_label);
                        CREATE INDEX \(table)_created_desc ON \(table)(created_on DESC, id);
                        CREATE INDEX \(table)_updated_desc ON \(table)(updated_on DESC, id);
                        """)
            }
        }
        return migrator
    }

    /// Seeds a database that has never been started: tenant id, the default schema and, unless
    /// one is given, a freshly generated primary key. Returns the keys it generated (to be printed
    /// once) or nil when the database was already initialised.
    func initialiseIfNew(primaryKey: String?) throws -> (primary: String?, secondary: String)? {
        try pool.write { db -> (primary: String?, secondary: String)? in
            if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tenantId'") != nil { return nil }
            let now = Timestamp.now()
            let tenantId = UUID().uuidString.lowercased()
            try db.execute(
                sql: "INSERT INTO meta (key, value) VALUES ('tenantId', ?), ('createdOn', ?)",
                arguments: [tenantId, now])
            for (entity, form) in [
                (EntityKind.contact, DefaultSchema.contactForm), (.organization, DefaultSchema.organizationForm),
                (.opportunity, DefaultSchema.opportunityForm),
            ] {
                try db.execute(
                    sql: "INSERT INTO form (entity, fields) VALUES (?, ?)",
                    arguments: [entity.rawValue, JSONText.serialize(form.json)])
            }
            try db.execute(
                sql: "INSERT INTO pipeline (id, position, doc) VALUES (?, 1, ?)",
                arguments: [DefaultSchema.pipelineId, JSONText.serialize(DefaultSchema.pipeline.json)])
            let caseType = DefaultSchema.caseType(tenantId: tenantId, now: now)
            try db.execute(
                sql: "INSERT INTO case_type (id, created_on, doc) VALUES (?, ?, ?)",
                arguments: [DefaultSchema.caseTypeId, now, JSONText.serialize(caseType.json)])
            let generatedPrimary = primaryKey == nil ? APIKeyGenerator.newKey() : nil
            let secondary = APIKeyGenerator.newKey()
            for stored in [
                StoredKeyHash.make(slot: "primary", key: primaryKey ?? generatedPrimary ?? ""),
                .make(slot: "secondary", key: secondary),
            ] {
                try db.execute(
                    sql: "INSERT INTO api_key (slot, salt, digest) VALUES (?, ?, ?)",
                    arguments: [stored.slot, stored.salt, Data(stored.digest)])
            }
            return (generatedPrimary, secondary)
        }
    }

    /// Replaces the primary key's hash (`serve --api-key` on an existing database).
    func setPrimaryKey(_ key: String) throws {
        let stored = StoredKeyHash.make(slot: "primary", key: key)
        try pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO api_key (slot, salt, digest) VALUES (?, ?, ?)",
                arguments: [stored.slot, stored.salt, Data(stored.digest)])
        }
    }

    func storedKeys() throws -> [StoredKeyHash] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT slot, salt, digest FROM api_key").map { row in
                StoredKeyHash(slot: row["slot"], salt: row["salt"], digest: [UInt8]((row["digest"] as Data?) ?? Data()))
            }
        }
    }

    func tenantId() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tenantId'") ?? "" }
    }
}

/// Server timestamps: ISO 8601 UTC with milliseconds (api-notes #13), which also sort as text.
enum Timestamp {
    static func now() -> String { format(Date()) }

    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds / 1000
        let millis = Int(milliseconds % 1000)
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }
}
