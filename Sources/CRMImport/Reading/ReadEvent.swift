import CRMModel

/// How serious a per-record problem is.
public enum IssueSeverity: String, Sendable, Hashable, Codable {
    /// The record was produced, but something about it was repaired or is suspicious.
    case warning
    /// The record (or part of the file) was rejected and skipped; reading went on.
    case error
}

/// What a read issue means for the data, so that a summary can account for every value: a
/// migration must say which values did not arrive exactly as written.
public enum ReadIssueKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing was lost or changed: a remark about the file (an encoding chosen with certainty,
    /// a suspicious but intact row).
    case notice
    /// A value arrived, but not exactly as written: decoded with a guessed encoding, an invalid
    /// byte replaced by U+FFFD, text after a closing quote kept, a value split differently.
    case altered
    /// A value or property was left out of a record that was itself kept (a damaged PHOTO, a
    /// line without `:`, a truncated property).
    case dropped
    /// A whole record (or a stretch of the file) was rejected and is not in the output.
    case rejected
}

/// A problem with one record or one place in the file. Reading goes on after it.
public struct ReadIssue: Sendable, Hashable, Codable, CustomStringConvertible, Error {
    public var provenance: SourceProvenance
    public var severity: IssueSeverity
    public var message: String
    /// What the user can do about it.
    public var hint: String?
    /// What happened to the data (see `ReadIssueKind`).
    public var kind: ReadIssueKind
    /// The field (CSV column, vCard property, XML path) the issue is about, when it is about one.
    public var field: String?

    /// `kind` defaults from the severity: an error rejected something, a warning altered
    /// something (so that nothing is lost without being counted); readers pass `.notice` for
    /// what loses nothing and `.dropped` for what left a value out.
    public init(
        provenance: SourceProvenance, severity: IssueSeverity, message: String, hint: String? = nil,
        kind: ReadIssueKind? = nil, field: String? = nil
    ) {
        self.provenance = provenance
        self.severity = severity
        self.message = message
        self.hint = hint
        self.kind = kind ?? (severity == .error ? .rejected : .altered)
        self.field = field
    }

    /// True when a value or record did not arrive exactly as written (what a summary counts and
    /// what makes a command exit 65 unless the loss is accepted).
    public var isLossy: Bool { kind != .notice }

    private enum CodingKeys: String, CodingKey { case provenance, severity, message, hint, kind, field }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let severity = try c.decode(IssueSeverity.self, forKey: .severity)
        self.init(
            provenance: try c.decode(SourceProvenance.self, forKey: .provenance), severity: severity,
            message: try c.decode(String.self, forKey: .message),
            hint: try c.decodeIfPresent(String.self, forKey: .hint),
            kind: try c.decodeIfPresent(ReadIssueKind.self, forKey: .kind),
            field: try c.decodeIfPresent(String.self, forKey: .field))
    }

    /// `file:line: warning: FIELD: message; hint`, as every diagnostic prints; the field is named
    /// when known. (What happened to the data is `kind`, counted by the summaries.)
    public var diagnostic: Diagnostic {
        Diagnostic(
            severity == .error ? .error : .warning, file: provenance.file, line: provenance.line, field: field,
            message, hint: hint)
    }

    public var description: String { diagnostic.description }
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
public struct SourceReadError: Error, Sendable, DiagnosticConvertible, Hashable {
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

    public var diagnostic: Diagnostic { Diagnostic(file: file, line: line, message, hint: hint) }
}

/// A streaming reader of source records. It is a synchronous iterator: call `next()` until it
/// returns nil. A damaged record is reported as an `.issue` and skipped; only a problem that
/// makes the whole file unreadable is thrown. (`SendableMetatype`: a pipeline's threads take
/// turns reading from one reader, see `ReadingWorkers`.)
public protocol SourceRecordReader: SendableMetatype {
    mutating func next() throws -> ReadEvent?
    /// What the file looked like, for the error when it yielded no record (`the file is empty`,
    /// `only a header row: name, email`, `root <entities>; entities: account, contact`).
    func describeNoRecords() -> String
    /// What to do about a file without records.
    func noRecordsHint(format: SourceFormat) -> String
}

extension SourceRecordReader {
    public func describeNoRecords() -> String { "the file holds no record" }

    public func noRecordsHint(format: SourceFormat) -> String {
        switch format {
        case .csv: return "check that this is the right file; a CSV export has a header row and one row per record"
        case .vcard: return "check that this is the right file; a vCard file holds BEGIN:VCARD … END:VCARD cards"
        case .xml: return "give --record-path (or the mapping's recordPath) naming the elements that are records"
        }
    }
}
