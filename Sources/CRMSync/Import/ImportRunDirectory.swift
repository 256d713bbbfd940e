import CRMModel
import Foundation

/// One run's files under `.crmkit/runs/RUN/`: `plan.json` (the plan being applied),
/// `journal.jsonl` (what happened), `backup.jsonl` (records as they were before a merge),
/// `run.json` (a summary for `crmkit runs list`), `success.csv` / `errors.csv`, and for rows left
/// alone as conflicts `conflicts.csv` and `conflicts.yaml` (where they are decided).
public struct ImportRunDirectory: Sendable {
    public let name: String
    public let url: URL

    public init(root: URL, name: String) {
        self.name = name
        self.url = root.appendingPathComponent(name)
    }

    /// A new run directory named after the current time (sortable), never reusing one.
    public static func create(root: URL) throws -> ImportRunDirectory {
        let stamp = RunClock.now().replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
            .replacingOccurrences(of: ".", with: "")
        var name = String(stamp.prefix(15))  // 20261130T063000
        var suffix = 1
        while FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path) {
            suffix += 1
            name = String(stamp.prefix(15)) + "-\(suffix)"
        }
        let run = ImportRunDirectory(root: root, name: name)
        try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
        return run
    }

    /// An existing run, or an error naming the runs there are.
    public static func existing(root: URL, name: String) throws -> ImportRunDirectory {
        let run = ImportRunDirectory(root: root, name: name)
        guard !name.contains("/"), FileManager.default.fileExists(atPath: run.planURL.path) else {
            let known = (try? list(root: root).map(\.name).suffix(5).joined(separator: ", ")) ?? ""
            throw RunError(
                "no run '\(name)' in \(root.path)" + (known.isEmpty ? "" : "; recent runs: \(known)")
                    + " (see `crmkit runs list`)")
        }
        return run
    }

    /// The runs under `root`, oldest first.
    public static func list(root: URL) throws -> [ImportRunDirectory] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        return names.sorted().map { ImportRunDirectory(root: root, name: $0) }
            .filter { FileManager.default.fileExists(atPath: $0.planURL.path) }
    }

    public var planURL: URL { url.appendingPathComponent("plan.json") }
    public var summaryURL: URL { url.appendingPathComponent("run.json") }
    public var backupURL: URL { url.appendingPathComponent("backup.jsonl") }
    public var successURL: URL { url.appendingPathComponent("success.csv") }
    public var errorsURL: URL { url.appendingPathComponent("errors.csv") }
    /// Rows left alone because their evidence conflicts with the records they match by key.
    public var conflictsURL: URL { url.appendingPathComponent("conflicts.csv") }
    /// The same rows with both sides and a decision each (see `ConflictsFile`).
    public var conflictDecisionsURL: URL { url.appendingPathComponent("conflicts.yaml") }

    public func savePlan(_ plan: ImportPlan) throws { try PlanFile.write(plan, to: planURL) }
    public func loadPlan() throws -> ImportPlan { try PlanFile.read(planURL) }
    public func journal() throws -> RunJournal { try RunJournal(directory: url) }
    public func state() throws -> RunState {
        var state = RunState()
        try RunJournal.forEachEntry(url) { state.apply($0) }
        return state
    }

    public func saveSummary(_ summary: RunSummary) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(summary).write(to: summaryURL, options: .atomic)
    }

    public func loadSummary() -> RunSummary? {
        guard let data = try? Data(contentsOf: summaryURL) else { return nil }
        return try? JSONDecoder().decode(RunSummary.self, from: data)
    }

    /// Appends records as fetched before a merge changed them (one JSON line each).
    public func backup(step: Int, entity: EntityKind, records: [JSONObject]) throws {
        var data = Data()
        for record in records {
            let line: JSONObject = [
                "step": .integer(Int64(step)), "entity": .string(entity.rawValue), "record": .object(record),
            ]
            data.append(contentsOf: JSONWriter.text(.object(line)).utf8)
            data.append(0x0A)
        }
        if !FileManager.default.fileExists(atPath: backupURL.path) {
            _ = FileManager.default.createFile(
                atPath: backupURL.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let handle = try FileHandle(forWritingTo: backupURL)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }
}

/// What `crmkit runs list` shows of a run without reading its plan.
public struct RunSummary: Codable, Sendable {
    public var run: String
    public var createdAt: String
    public var updatedAt: String
    public var source: String
    public var mapping: String
    public var entity: EntityKind
    public var target: String
    public var steps: Int
    public var done: Int
    public var failed: Int
    public var rejected: Int
    /// Rows left alone because their evidence conflicts with the records they match by key
    /// (listed in conflicts.csv); nil in runs made before conflicts existed.
    public var conflicts: Int?
    /// `complete`, `incomplete` (killed or stopped: resume it), `failures` (retry-failed), `rolledBack`.
    public var status: String
}
