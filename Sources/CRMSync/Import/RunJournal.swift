import CRMModel
import Foundation
import Synchronization

/// The journal of one import run (`.crmkit/runs/RUN/journal.jsonl`): one JSON line per event,
/// appended with a single `write(2)` as the event happens (so a killed process loses nothing it
/// journaled) and synced to disk at checkpoints. A step is journaled `started` before its request
/// is sent, so a restarted run knows which creates may have happened without an answer.
public final class RunJournal: Sendable {
    public struct Entry: Codable, Sendable {
        public var step: Int
        public var event: Event
        /// The CRM id the step created, changed or found.
        public var id: String?
        /// The record's `updatedOn` after this run wrote it (rollback refuses to overwrite
        /// later changes made by someone else).
        public var updatedOn: String?
        public var reason: String?
        /// For updates and merges, on `started`: the values the write replaces, as the CRM held
        /// them (what a rollback writes back).
        public var before: JSONObject?
        public var at: String

        public init(
            step: Int, event: Event, id: String? = nil, updatedOn: String? = nil, reason: String? = nil,
            before: JSONObject? = nil
        ) {
            self.step = step
            self.event = event
            self.id = id
            self.updatedOn = updatedOn
            self.reason = reason
            self.before = before
            self.at = RunClock.now()
        }
    }

    public enum Event: String, Codable, Sendable {
        case started, created, updated, merged, skipped, failed
        /// A conflict: nothing was written for the row (the run's conflicts.csv lists it). A step
        /// decided later in conflicts.yaml is journaled again when its decision is applied.
        case leftAlone
        /// A tag or record that already existed was used instead of creating one.
        case found
        /// Rollback: the created record was deleted / the before-values were written back.
        case deleted, restored
        /// Rollback refused to touch the record (changed since the run) or cannot undo (merge).
        case rollbackSkipped
    }

    public let url: URL
    /// The open journal file. Held by the mutex so that one step's line is written whole before
    /// another's begins, and a sync never runs beside a write.
    private let descriptor: Mutex<Int32>

    public init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        url = directory.appendingPathComponent("journal.jsonl")
        let opened = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard opened >= 0 else {
            throw RunError("cannot open the journal \(url.path): \(String(cString: strerror(errno)))")
        }
        descriptor = Mutex(opened)
    }

    deinit { descriptor.withLock { _ = close($0) } }

    /// Appends `entry` as one line with one write, so concurrent steps never interleave.
    public func append(_ entry: Entry) throws {
        var line = Array(JSONWriter.text(entry.json).utf8)
        line.append(0x0A)
        try descriptor.withLock { descriptor in
            let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == line.count else {
                throw RunError(
                    "cannot write the journal \(url.path): \(String(cString: strerror(errno))); "
                        + "the run stopped so that nothing goes unrecorded"
                )
            }
        }
    }

    /// Forces what was written onto the disk (end of a phase, end of the run).
    public func sync() { descriptor.withLock { _ = fsync($0) } }

    /// Every entry, in order; a torn last line (a crash mid-write) is ignored.
    public static func read(_ directory: URL) throws -> [Entry] {
        var entries: [Entry] = []
        try forEachEntry(directory) { entries.append($0) }
        return entries
    }

    /// Calls `body` with every entry, in order, reading the journal line by line (a run of a
    /// million steps journals two million lines); a torn last line is ignored.
    public static func forEachEntry(_ directory: URL, _ body: (Entry) throws -> Void) throws {
        let url = directory.appendingPathComponent("journal.jsonl")
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw RunError("cannot read the journal \(url.path)")
        }
        defer { try? handle.close() }
        var lines = LineReader(handle: handle)
        let decoder = JSONDecoder()
        while let line = try lines.next() {
            guard !line.isEmpty, let entry = try? decoder.decode(Entry.self, from: line) else { continue }
            try body(entry)
        }
    }
}

/// Where each step of a run stands, folded from its journal.
public struct RunState: Sendable {
    public enum StepState: Sendable, Equatable {
        case notStarted
        /// Sent, answer unknown (the process died or the connection dropped).
        case started
        case done(id: String?, updatedOn: String?, event: RunJournal.Event)
        case failed(reason: String)
    }

    public private(set) var steps: [Int: StepState] = [:]
    /// When each step still `started` was last sent (its journal entry's time): how long ago a
    /// request whose outcome is unknown may have reached the CRM.
    public private(set) var startedAt: [Int: String] = [:]
    /// Rollback events per step.
    public private(set) var rollback: [Int: RunJournal.Entry] = [:]

    public init(entries: [RunJournal.Entry] = []) {
        for entry in entries { apply(entry) }
    }

    public mutating func apply(_ entry: RunJournal.Entry) {
        switch entry.event {
        case .started:
            // A conflict left alone is started again once someone decides it.
            if case .done(_, _, let event) = steps[entry.step], event != .leftAlone { return }
            steps[entry.step] = .started
            startedAt[entry.step] = entry.at
        case .created, .updated, .merged, .skipped, .found, .leftAlone:
            steps[entry.step] = .done(id: entry.id, updatedOn: entry.updatedOn, event: entry.event)
            startedAt[entry.step] = nil
        case .failed:
            steps[entry.step] = .failed(reason: entry.reason ?? "failed")
            startedAt[entry.step] = nil
        case .deleted, .restored, .rollbackSkipped:
            rollback[entry.step] = entry
        }
    }

    public func state(_ step: Int) -> StepState { steps[step] ?? .notStarted }

    /// The CRM id of a finished step.
    public func id(_ step: Int) -> String? {
        if case .done(let id, _, _) = state(step) { return id }
        return nil
    }
}

public struct RunError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Timestamps for journals and plans: UTC, millisecond precision, ISO 8601.
public enum RunClock {
    /// A timestamp written by `now()` as a point in time; nil for any other text.
    public static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    public static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let milliseconds = pad(Int32(spec.tv_nsec / 1_000_000), 3)
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(milliseconds)Z"
    }
}
