import ArgumentParser
import CRMImport
#if canImport(Glibc)
    import Glibc
#endif

/// `crmkit read FILE`: streams a CSV, vCard or XML export's records as NDJSON.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Stream the records of a CSV, vCard or XML export as NDJSON.",
        discussion: """
            Each record is one line on stdout:
              {"source":{"file":…,"line":…,"record":…},"fields":{…}}
            Problems with single records are printed on stderr as `file:line: warning: message`; \
            a damaged record is skipped and reading goes on. Exit status: 0 when every record was \
            read, 65 when some were rejected, 1 when the file could not be read, 64 for usage errors. \
            See docs/readers.md for encodings, delimiters, the XML record path and field naming.
            """
    )

    @Argument(help: "The file to read.")
    var file: String

    @Option(help: "csv, vcard or xml (default: from the extension, then the content).")
    var format: SourceFormat?

    @Option(
        name: .customLong("record-path"),
        help: "XML: the elements that are records, e.g. /entities/entity[@name='contact']/records/record")
    var recordPath: String?

    @Option(help: "Force the input encoding (utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1, shift_jis, …).")
    var encoding: String?

    @Option(
        name: .customLong("fallback-encoding"),
        help: "Encoding for bytes that are not UTF-8 when nothing says otherwise.")
    var fallbackEncoding: String = "windows-1252"

    @Option(help: "CSV delimiter: a character, or tab (default: detected among , ; TAB |).")
    var delimiter: String?

    @Flag(name: .customLong("no-header"), help: "CSV: the first row is data; columns are named _1, _2, …")
    var noHeader = false

    @Option(help: "CSV ragged rows: lenient (keep and warn) or strict (reject the row).")
    var ragged: RaggedRowPolicy = .lenient

    @Option(name: .customLong("skip-lines"), help: "CSV: lines to skip before the header.")
    var skipLines = 0

    @Option(help: "CSV: skip lines starting with this text (e.g. #).")
    var comment: String?

    @Option(name: .customLong("null"), help: "A value that means 'no value' (repeatable); such fields are left out.")
    var nullTokens: [String] = []

    @Option(
        name: .customLong("skip-initial-space"),
        help:
            """
            CSV: spaces after a delimiter are not part of the field (true/false; \
            default: detected from fields that open their quote after a space).
            """
    )
    var skipInitialSpace: Bool?

    @Flag(
        help:
            """
            Print how the file is written (format, delimiter, quote, \
            encoding and how sure, header row, skip initial space) and stop.
            """
    )
    var sniff = false

    @Flag(help: "Read and decode everything, but print only \"N records, M errors\".")
    var count = false

    @Flag(help: "Do not print warnings (errors are still printed).")
    var quiet = false

    func validate() throws {
        if let encoding, SourceEncoding(name: encoding) == nil {
            throw ValidationError(
                "unknown encoding '\(encoding)'; known: "
                    + "\(SourceEncoding.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if SourceEncoding(name: fallbackEncoding) == nil {
            throw ValidationError("unknown encoding '\(fallbackEncoding)'")
        }
        if let delimiter, Self.delimiterByte(delimiter) == nil {
            throw ValidationError("--delimiter must be one ASCII character or 'tab'")
        }
    }

    static func delimiterByte(_ s: String) -> UInt8? {
        switch s.lowercased() {
        case "tab", "\\t", "\t": return 0x09
        case "comma": return UInt8(ascii: ",")
        case "semicolon": return UInt8(ascii: ";")
        case "pipe": return UInt8(ascii: "|")
        default:
            let u = Array(s.utf8)
            return u.count == 1 && u[0] < 0x80 && u[0] != 0x22 && u[0] != 0x0A && u[0] != 0x0D ? u[0] : nil
        }
    }

    func run() throws {
        var options = ReadOptions()
        options.encoding = encoding.flatMap(SourceEncoding.init(name:))
        options.fallbackEncoding = SourceEncoding(name: fallbackEncoding) ?? .windows1252
        options.delimiter = delimiter.flatMap(Self.delimiterByte)
        options.header = !noHeader
        options.raggedRows = ragged
        options.skipLines = skipLines
        options.commentPrefix = comment
        options.recordPath = recordPath
        options.nullTokens = Set(nullTokens)
        options.skipInitialSpace = skipInitialSpace

        if sniff {
            do {
                var out = Array(
                    try SourceReaders.sniff(path: file, format: format, options: options).joined(separator: "\n").utf8)
                out.append(0x0A)
                Self.write(&out, to: 1)
                return
            } catch let e as SourceReadError {
                var line = Array(e.description.utf8)
                line.append(0x0A)
                Self.write(&line, to: 2)
                throw ExitCode.failure
            }
        }

        var records = 0
        var errors = 0
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        do {
            var reader = try SourceReaders.open(path: file, format: format, options: options)
            while let event = try reader.next() {
                switch event {
                case .record(let r):
                    records += 1
                    if !count {
                        NDJSON.render(r, into: &out)
                        if out.count >= 1 << 16 { Self.write(&out, to: 1) }
                    }
                case .issue(let issue):
                    if issue.severity == .error { errors += 1 }
                    if issue.severity == .error || !quiet {
                        Self.write(&out, to: 1)
                        var line = Array(issue.description.utf8)
                        line.append(0x0A)
                        Self.write(&line, to: 2)
                    }
                }
            }
        } catch let e as SourceReadError {
            Self.write(&out, to: 1)
            var line = Array(e.description.utf8)
            line.append(0x0A)
            Self.write(&line, to: 2)
            throw ExitStatus.failure
        }
        Self.write(&out, to: 1)
        if count {
            var line = Array("\(records) records, \(errors) errors\n".utf8)
            Self.write(&line, to: 1)
        }
        if errors > 0 { throw ExitStatus.dataError }
    }

    /// Writes all of `bytes` to a file descriptor and empties the buffer.
    static func write(_ bytes: inout [UInt8], to fd: Int32) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer { StandardStreams.writeAll($0, to: fd) }
        bytes.removeAll(keepingCapacity: true)
    }
}

extension SourceFormat: ExpressibleByArgument {}
extension RaggedRowPolicy: ExpressibleByArgument {}
