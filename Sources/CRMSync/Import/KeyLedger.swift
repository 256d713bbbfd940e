import CRMModel
import Foundation
import Synchronization

/// Which CRM record earlier runs wrote for each match key the CRM cannot be searched by — keys
/// naming `extras.*` (a ticket number, a Salesforce Id) whose values are never sent. Without it
/// such keys would only find repeats within one file and a second import would create again.
/// One JSON line per completed step in `<runs>/ledger.jsonl`, scoped by the CRM it was written
/// to; an entry whose record no longer exists (rolled back, deleted) is ignored.
public final class KeyLedger: Sendable {
    struct Entry: Codable {
        var crm: String
        var entity: EntityKind
        var key: String
        var id: String
    }

    /// The id recorded for a row left alone as a conflict (no record holds it).
    public static let leftAlone = "-"

    public let url: URL
    /// Held while lines are appended: concurrent steps record at once, and each one's lines must
    /// land whole. The file is opened per append, so the lock guards no other state.
    private let appending = Mutex(())

    public init(root: URL) {
        url = root.appendingPathComponent("ledger.jsonl")
    }

    /// Key → record id, for one CRM and entity; later entries win.
    public func entries(crm: String, entity: EntityKind) -> [String: String] {
        guard let data = try? Data(contentsOf: url) else { return [:] }
        let decoder = JSONDecoder()
        var result: [String: String] = [:]
        for line in data.split(separator: 0x0A) {
            guard let entry = try? decoder.decode(Entry.self, from: line), entry.crm == crm, entry.entity == entity
            else { continue }
            result[entry.key] = entry.id
        }
        return result
    }

    public func record(crm: String, entity: EntityKind, keys: [String], id: String) throws {
        guard !keys.isEmpty else { return }
        let encoder = JSONEncoder()
        var data = Data()
        for key in keys {
            data.append(try encoder.encode(Entry(crm: crm, entity: entity, key: key, id: id)))
            data.append(0x0A)
        }
        try appending.withLock { _ in
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: url.path) {
                _ = FileManager.default.createFile(
                    atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: data)
        }
    }
}
