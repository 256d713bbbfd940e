import CRMModel
import Foundation
import Synchronization

/// The files of one apply run (`.crmkit/merges/RUN/`): `backup.jsonl` (every record as fetched
/// before it was changed) and `journal.jsonl` (completed steps). Both are append-only and each
/// line is written and synced at once, so a crash loses at most the step in flight.
public final class MergeRunFiles: Sendable {
    /// A step of one group, in the order they happen.
    public enum Step: String, Sendable, Codable {
        case backedUp, patching, patched, merging, merged
    }

    public let directory: URL
    /// The steps done per group, asked and recorded by whichever task applies the plan, so the
    /// files can be handed between tasks.
    private let steps: Mutex<[Int: Set<Step>]>

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let journal = directory.appendingPathComponent("journal.jsonl")
        var done: [Int: Set<Step>] = [:]
        if let text = try? String(contentsOf: journal, encoding: .utf8) {
            for line in text.split(separator: "\n") {
                guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line.utf8)) else { continue }
                done[entry.group, default: []].insert(entry.step)
            }
        }
        steps = Mutex(done)
    }

    struct Entry: Codable { var group: Int; var step: Step; var survivor: String; var sources: [String] }

    public func has(_ step: Step, group: Int) -> Bool { steps.withLock { $0[group]?.contains(step) ?? false } }

    public func record(_ step: Step, group: MergePlan.Group, sources: [String]) throws {
        let entry = Entry(group: group.group, step: step, survivor: group.survivor, sources: sources)
        try append(JSONEncoder().encode(entry), to: "journal.jsonl")
        steps.withLock { _ = $0[group.group, default: []].insert(step) }
    }

    public func backup(group: Int, entity: String, records: [JSONObject]) throws {
        for record in records {
            let line: JSONObject = [
                "group": .integer(Int64(group)), "entity": .string(entity), "record": .object(record),
            ]
            try append(JSONEncoder().encode(JSONValue.object(line)), to: "backup.jsonl")
        }
    }

    private func append(_ data: Data, to name: String) throws {
        let url = directory.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data + Data("\n".utf8))
        try handle.synchronize()
    }
}
