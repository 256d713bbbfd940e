import CRMModel
import CRMSupport
import Foundation

/// `manifest.json` of a backup directory: which CRM, when, and every file with its record count
/// and SHA-256, so a backup can be checked before it is trusted (`BackupManifest.verify`).
public struct BackupManifest: Codable, Sendable, Hashable {
    public struct File: Codable, Sendable, Hashable {
        /// Relative to the backup directory, e.g. `records/contacts.jsonl`.
        public var path: String
        /// Records (JSON Lines) or schema objects in the file.
        public var count: Int
        public var bytes: Int
        public var sha256: String
    }

    public static let formatName = "crmkit-backup/1"
    public var format = Self.formatName
    /// The CRM it was taken from: its base URL, or `sandbox:PATH`.
    public var crm: String
    public var createdAt: String
    public var files: [File]

    /// Records per entity, by plural (`contacts: 12`).
    public var counts: [String: Int] {
        var counts: [String: Int] = [:]
        for file in files where file.path.hasPrefix("records/") {
            counts[String(file.path.dropFirst("records/".count).dropLast(".jsonl".count))] = file.count
        }
        return counts
    }

    public static func load(_ directory: URL) throws -> BackupManifest {
        let url = directory.appendingPathComponent("manifest.json")
        do {
            return try JSONDecoder().decode(BackupManifest.self, from: Data(contentsOf: url))
        } catch {
            throw ExportError.io(path: url.path, reason: "not a crmkit backup manifest (\(error.localizedDescription))")
        }
    }

    /// The files whose size or SHA-256 differ from the manifest's (empty: the backup is intact).
    public func verify(_ directory: URL) -> [String] {
        files.compactMap { file in
            let url = directory.appendingPathComponent(file.path)
            guard let digest = try? FileDigest.of(url) else { return "\(file.path): missing or unreadable" }
            return digest.sha256 == file.sha256 && digest.bytes == file.bytes
                ? nil : "\(file.path): changed since the backup"
        }
    }
}

/// SHA-256 and size of a file, read 256 KiB at a time.
enum FileDigest {
    static func of(_ url: URL) throws -> (sha256: String, bytes: Int) {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ExportError.io(path: url.path, reason: "cannot open")
        }
        defer { try? handle.close() }
        var hasher = SHA256.Hasher()
        var bytes = 0
        while let chunk = try handle.read(upToCount: 1 << 18), !chunk.isEmpty {
            hasher.update(chunk)
            bytes += chunk.count
        }
        return (SHA256.hex(hasher.finalize()), bytes)
    }
}
