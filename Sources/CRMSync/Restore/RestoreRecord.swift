import CRMSupport
import Foundation

/// `restore.json` in a restore's run directory: which backup it restores and what is left to
/// do after the records (archiving leads), so running `crmkit restore` again finds and finishes
/// the same run instead of starting another.
struct RestoreRecord: Codable, Sendable {
    static let fileName = "restore.json"

    /// The backup directory and the SHA-256 of its manifest.
    var backup: String
    var manifestSHA256: String
    /// The CRM restored into.
    var crm: String
    /// Steps creating leads archived in the backup.
    var archivedLeads: [Int]
    /// The schema changes applied before the records (`+ tags.contacts/VIP`, …).
    var schemaChanges: [String]
    var finished = false

    static func load(_ run: ImportRunDirectory) -> RestoreRecord? {
        guard let data = try? Data(contentsOf: run.url.appendingPathComponent(fileName)) else { return nil }
        return try? JSONDecoder().decode(RestoreRecord.self, from: data)
    }

    func save(_ run: ImportRunDirectory) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: run.url.appendingPathComponent(Self.fileName), options: .atomic)
    }
}
