/// How serious a per-record problem is.
public enum IssueSeverity: String, Sendable, Hashable, Codable {
    /// The record was produced, but something about it was repaired or is suspicious.
    case warning
    /// The record (or part of the file) was rejected and skipped; reading went on.
    case error
}

/// A problem with one record or one place in the file. Reading goes on after it.
public struct ReadIssue: Sendable, Hashable, Codable, CustomStringConvertible, Error {
    public var provenance: SourceProvenance
    public var severity: IssueSeverity
    public var message: String
    /// What the user can do about it.
    public var hint: String?

    public init(provenance: SourceProvenance, severity: IssueSeverity, message: String, hint: String? = nil) {
        self.provenance = provenance
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    /// `file:line: warning: message (hint)`.
    public var description: String {
        var s = "\(provenance.file):\(provenance.line): \(severity.rawValue): \(message)"
        if let hint { s += " (\(hint))" }
        return s
    }
}

/// What a reader yields: a record, or an issue about a record or a place in the file.
public enum ReadEvent: Sendable, Hashable {
    case record(SourceRecord)
    case issue(ReadIssue)

    /// The record, when this is one.
    public var record: SourceRecord? {
        if case .record(let record) = self { return record }
        return nil
    }

    public var isRecord: Bool { record != nil }
}

/// A problem that makes a whole file unreadable (it cannot be opened, it is not XML at all…).
public struct SourceReadError: Error, Sendable, CustomStringConvertible, Hashable {
    public var file: String
    public var line: Int?
    public var message: String
    public var hint: String?

    public init(file: String, line: Int? = nil, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": error: \(message)"
        if let hint { s += " (\(hint))" }
        return s
    }
}

/// A streaming reader of source records. It is a synchronous iterator: call `next()` until it
/// returns nil. A damaged record is reported as an `.issue` and skipped; only a problem that
/// makes the whole file unreadable is thrown. (`SendableMetatype`: a pipeline's threads take
/// turns reading from one reader, see `ReadingWorkers`.)
public protocol SourceRecordReader: SendableMetatype {
    mutating func next() throws -> ReadEvent?
}
