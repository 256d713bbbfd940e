import Foundation

/// `history.jsonl`: one line per applied step, appended and never rewritten, so a team can see
/// who changed the CRM's configuration from which commit, and an interrupted apply can be traced.
public struct HistoryLog: Sendable {
    public static let fileName = "history.jsonl"

    public struct Entry: Codable, Sendable, Hashable {
        public var at: String
        public var instance: String
        public var action: String
        public var object: String
        public var detail: String?
        public var commit: String?
    }

    public let url: URL
    /// The git commit of the schema directory, looked up once per apply.
    public let commit: String?

    public init(directory: URL, commit: String?) {
        self.url = directory.appendingPathComponent(Self.fileName)
        self.commit = commit
    }

    public func append(instance: String, action: String, object: ObjectAddress, detail: String? = nil) throws {
        let entry = Entry(
            at: ISO8601DateFormatter().string(from: Date()), instance: instance, action: action,
            object: object.description, detail: detail, commit: commit)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(entry)
        line.append(0x0A)
        if !FileManager.default.fileExists(atPath: url.path) {
            try Data().write(to: url)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
    }

    public func entries() throws -> [Entry] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Entry.self, from: Data($0.utf8)) }
    }
}
