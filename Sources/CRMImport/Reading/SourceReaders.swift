import struct Foundation.URL

/// A reader of any format behind one type (what `SourceReaders.open` returns).
///
/// A file that yields no record at all is an error, thrown at its end: an empty file, a header
/// without rows, binary data, an XML document with nothing at the record path. The error says
/// what the file looked like, so that the user can tell a wrong file from a wrong option.
public struct AnySourceReader: SourceRecordReader {
    private var base: any SourceRecordReader
    public let format: SourceFormat
    public let file: String
    private var records = 0
    private var rejected = 0
    private var finished = false
    /// When false, a file without records ends with a notice issue saying what it looked like
    /// instead of the error: for callers that account for an empty run themselves (a summary
    /// with its own exit status).
    public var throwsWithoutRecords = true

    public init(_ reader: some SourceRecordReader, format: SourceFormat, file: String) {
        self.base = reader
        self.format = format
        self.file = file
    }

    public mutating func next() throws -> ReadEvent? {
        if finished { return nil }
        guard let event = try base.next() else {
            finished = true
            if records == 0 {
                let what =
                    rejected > 0
                    ? "every record was rejected (\(rejected) error(s) above)"
                    : base.describeNoRecords()
                let message = "no records read from this \(format.rawValue) file: \(what)"
                let hint = base.noRecordsHint(format: format)
                guard throwsWithoutRecords else {
                    return .issue(
                        ReadIssue(
                            provenance: SourceProvenance(file: file, line: 1, record: 1), severity: .warning,
                            message: message, hint: hint, kind: .notice))
                }
                throw SourceReadError(file: file, message: message, hint: hint)
            }
            return nil
        }
        switch event {
        case .record: records += 1
        case .issue(let issue): if issue.kind == .rejected { rejected += 1 }
        }
        return event
    }

    public func describeNoRecords() -> String { base.describeNoRecords() }
}

/// Opens readers by format.
public enum SourceReaders {
    /// Opens `url` with the reader for `format`, or for the format detected from the file's
    /// extension and first bytes when `format` is nil.
    public static func open(path: String, format: SourceFormat? = nil, options: ReadOptions = ReadOptions()) throws
        -> AnySourceReader
    {
        let fmt = try detectFormat(path: path, given: format)
        switch fmt {
        case .csv: return AnySourceReader(try CSVReader(path: path, options: options), format: .csv, file: path)
        case .vcard: return AnySourceReader(try VCardReader(path: path, options: options), format: .vcard, file: path)
        case .xml: return AnySourceReader(try XMLSourceReader(path: path, options: options), format: .xml, file: path)
        }
    }

    /// How a file is written, one `key: value` line each (`crmkit read --sniff`): the format; for
    /// CSV the delimiter, quote, encoding and how sure, header row and skip-initial-space; for
    /// vCard the encoding.
    public static func sniff(path: String, format: SourceFormat? = nil, options: ReadOptions = ReadOptions()) throws
        -> [String]
    {
        switch try detectFormat(path: path, given: format) {
        case .csv:
            var reader = try CSVReader(path: path, options: options)
            return try reader.dialect().lines
        case .vcard:
            let reader = try VCardReader(path: path, options: options)
            var lines = ["format: vcard"]
            if let g = reader.encodingGuess {
                lines.append("encoding: \(g.encoding.rawValue) (\(g.confidence.rawValue) confidence: \(g.reason))")
            } else {
                lines.append("encoding: \(reader.encoding.rawValue) (given)")
            }
            return lines
        case .xml:
            return [
                "format: xml", "encoding: as the XML declaration says (UTF-8 without one)",
                "record path: \(options.recordPath ?? "the default for the root element")",
            ]
        }
    }

    /// The format given, else from the file's extension, else from its first bytes.
    static func detectFormat(path: String, given format: SourceFormat?) throws -> SourceFormat {
        let fmt: SourceFormat
        if let format {
            fmt = format
        } else if let byName = SourceFormat.fromExtension(path), !path.lowercased().hasSuffix(".txt") {
            fmt = byName
        } else {
            guard ByteInput.isRegularFile(path) else {
                throw SourceReadError(
                    file: path, message: "cannot detect the format of a pipe or device",
                    hint: "give --format csv, vcard or xml")
            }
            let input = try ByteInput(path: path)
            var prefix = [UInt8](repeating: 0, count: 4096)
            let n = try prefix.withUnsafeMutableBufferPointer { try input.read(into: $0.baseAddress!, count: 4096) }
            prefix.removeSubrange(n...)
            fmt = SourceFormat.detect(path: path, prefix: prefix)
        }
        return fmt
    }

    /// `open(path:)` for a file URL.
    public static func open(url: URL, format: SourceFormat? = nil, options: ReadOptions = ReadOptions()) throws
        -> AnySourceReader
    {
        try open(path: url.path, format: format, options: options)
    }

    /// Opens a reader over bytes in memory (tests, fuzzing).
    public static func open(
        bytes: [UInt8], name: String = "<memory>", format: SourceFormat, options: ReadOptions = ReadOptions()
    ) throws -> AnySourceReader {
        switch format {
        case .csv:
            return AnySourceReader(try CSVReader(bytes: bytes, name: name, options: options), format: .csv, file: name)
        case .vcard:
            return AnySourceReader(
                try VCardReader(bytes: bytes, name: name, options: options), format: .vcard, file: name)
        case .xml:
            return AnySourceReader(
                try XMLSourceReader(bytes: bytes, name: name, options: options), format: .xml, file: name)
        }
    }

    /// Reads a whole file into arrays (for tests and small files; use the iterator for big ones).
    public static func readAll(path: String, format: SourceFormat? = nil, options: ReadOptions = ReadOptions()) throws
        -> (records: [SourceRecord], issues: [ReadIssue])
    {
        var reader = try open(path: path, format: format, options: options)
        var records: [SourceRecord] = []
        var issues: [ReadIssue] = []
        while let e = try reader.next() {
            switch e {
            case .record(let r): records.append(r)
            case .issue(let i): issues.append(i)
            }
        }
        return (records, issues)
    }
}
