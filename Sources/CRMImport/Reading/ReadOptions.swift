/// What to do with a CSV row that has fewer or more values than the header has names.
public enum RaggedRowPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Keep the row and warn: a short row simply lacks its missing trailing fields (they are
    /// absent, not empty); a long row keeps its extra values under `_N` names (N = 1-based column).
    case lenient
    /// Reject the row with an error issue; reading goes on with the next row.
    case strict
}

/// Options shared by every reader; each reader uses the ones that apply to its format.
public struct ReadOptions: Sendable, Hashable {
    /// nil: detect (BOM, then UTF-16/32 byte patterns, then UTF-8 validity, then `fallbackEncoding`).
    public var encoding: SourceEncoding?
    /// Used when the bytes are not valid UTF-8 and nothing else says which encoding they are in.
    public var fallbackEncoding: SourceEncoding
    /// CSV: nil detects among `,` `;` TAB `|` (and honours Excel's `sep=` first line).
    public var delimiter: UInt8?
    /// CSV: whether the first row names the columns. Without one, columns are called `_1`, `_2`…
    public var header: Bool
    /// CSV: the ragged-row policy.
    public var raggedRows: RaggedRowPolicy
    /// CSV: lines to skip before the header (junk before the table).
    public var skipLines: Int
    /// CSV: lines starting with this byte sequence are skipped (nil: no comments, the default).
    public var commentPrefix: String?
    /// XML: which elements are records (`/entities/entity[@name='contact']/records/record`);
    /// nil picks a default from the root element (see docs/readers.md).
    public var recordPath: String?
    /// Values that stand for "no value" (e.g. `NULL`, `N/A`): such fields are left out of the
    /// record. None by default: every value is kept as written.
    public var nullTokens: Set<String>
    /// Largest record accepted, in bytes of input; a larger one is reported and skipped.
    public var maxRecordBytes: Int
    /// CSV: spaces right after a delimiter are not part of the field (`a, "b"`); nil detects it
    /// (fields that open their quote after a space).
    public var skipInitialSpace: Bool?

    public init(
        encoding: SourceEncoding? = nil,
        fallbackEncoding: SourceEncoding = .windows1252,
        delimiter: UInt8? = nil,
        header: Bool = true,
        raggedRows: RaggedRowPolicy = .lenient,
        skipLines: Int = 0,
        commentPrefix: String? = nil,
        recordPath: String? = nil,
        nullTokens: Set<String> = [],
        maxRecordBytes: Int = 16 << 20,
        skipInitialSpace: Bool? = nil
    ) {
        self.skipInitialSpace = skipInitialSpace
        self.encoding = encoding
        self.fallbackEncoding = fallbackEncoding
        self.delimiter = delimiter
        self.header = header
        self.raggedRows = raggedRows
        self.skipLines = skipLines
        self.commentPrefix = commentPrefix
        self.recordPath = recordPath
        self.nullTokens = nullTokens
        self.maxRecordBytes = maxRecordBytes
    }
}
