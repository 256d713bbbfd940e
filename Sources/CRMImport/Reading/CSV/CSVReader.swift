/// A streaming CSV reader: RFC 4180 plus what real files do (see docs/readers.md).
///
/// It scans bytes in a window over 64 KiB chunks; a record that crosses the window's end is
/// re-scanned after the window is refilled, and a record longer than the window grows it.
/// Rows are parsed a batch at a time into one buffer (`CSVRowBatch`) and handed out as records
/// that are views of it; the read issues found on the way are handed out in their place.
public struct CSVReader: SourceRecordReader {
    public let file: String
    public let options: ReadOptions
    private let buffer: ScanBuffer
    private var pos = 0
    private var line = 1
    private var recordNumber = 0
    private var names: [String] = []
    private var started = false
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// The rows being parsed.
    private var rows = CSVRowBatchBuilder(expectedRows: Self.batchRows, expectedValues: Self.batchRows * 16)
    /// `names` by position, rebuilt when `names` changes.
    private var positions: [String: Int] = [:]
    private var scratch: [UInt8] = []
    /// Issues found while parsing the rows of the batch being filled, to be handed out in
    /// front of the row they belong to.
    private var pending: [ReadIssue] = []
    /// What the batch holds, in file order: issues, and rows with their provenance.
    private var queue: [QueuedEvent] = []
    private var queueIndex = 0
    private var batch: CSVRowBatch?
    /// A failure met while filling a batch, thrown once the rows read before it are handed out.
    private var deferredFailure: (any Error)?
    /// The byte strings of `options.nullTokens`.
    private var nullTokens: [[UInt8]] = []
    private var recordLine = 1
    private var recordBlank = false
    private var special = [Bool](repeating: false, count: 256)
    /// Reads the rows of the common shape in one call each (see `CSVPlainRowReader`); nil when
    /// the dialect needs the full parser for every row (spaces skipped after delimiters).
    private var plainRows: CSVPlainRowReader?
    /// False: every row is read by the full parser (tests compare the two).
    var readsPlainRowsAtOnce = true
    private var fallbackWarned = false
    /// Spaces right after a delimiter are not part of the next field (`a, "b"` → `a`, `b`).
    public private(set) var skipInitialSpace = false
    /// The line of the header row (nil without one, or before it is read).
    public private(set) var headerLine: Int?

    /// The encoding the file was read in.
    public var encoding: SourceEncoding { buffer.text.fileEncoding }
    /// How the encoding was found and how sure that is (nil when `--encoding` forced it).
    public var encodingGuess: EncodingGuess? { buffer.text.guess }
    /// The column names (after the header row has been read).
    public var columnNames: [String] { names }

    public init(path: String, options: ReadOptions = ReadOptions()) throws {
        try self.init(input: ByteInput(path: path), options: options)
    }

    public init(bytes: [UInt8], name: String = "<memory>", options: ReadOptions = ReadOptions()) throws {
        try self.init(input: ByteInput(bytes: bytes, name: name), options: options)
    }

    init(input: ByteInput, options: ReadOptions) throws {
        self.file = input.path
        self.options = options
        let text = try TextInput(input: input, forced: options.encoding, fallback: options.fallbackEncoding)
        buffer = ScanBuffer(text: text)
        nullTokens = options.nullTokens.map { Array($0.utf8) }
    }

    /// Rows per batch (fewer when their values exceed `batchBytes`).
    static let batchRows = 512
    static let batchBytes = 1 << 20

    private enum QueuedEvent {
        case issue(ReadIssue)
        /// A row of the batch, its line and its record number.
        case row(Int, line: Int, record: Int)
    }

    // MARK: Iteration

    public mutating func next() throws -> ReadEvent? {
        while true {
            if queueIndex < queue.count {
                let event = queue[queueIndex]
                queueIndex += 1
                switch event {
                case .issue(let issue): return .issue(issue)
                case .row(let row, let line, let record):
                    guard let batch else { continue }
                    return .record(SourceRecord(batch: batch, row: row, line: line, record: record))
                }
            }
            if let failure = deferredFailure {
                deferredFailure = nil
                throw failure
            }
            guard try fillBatch() else { return nil }
        }
    }

    /// Parses the next batch of rows (and the issues met on the way) into `queue`; false when
    /// the input had nothing more. A failure is kept to be thrown after the rows before it.
    private mutating func fillBatch() throws -> Bool {
        queue.removeAll(keepingCapacity: true)
        queueIndex = 0
        batch = nil
        if !started { try start() }
        do {
            while rows.rowCount < Self.batchRows, rows.byteCount < Self.batchBytes {
                if !buffer.text.notes.isEmpty {
                    for note in buffer.text.notes { report(note) }
                    buffer.text.notes.removeAll()
                }
                guard try parseRecord() else { break }
                if recordBlank {
                    rows.abandonRow()
                    continue
                }
                if closeRecord() {
                    queueIssues()
                    queue.append(.row(rows.rowCount - 1, line: recordLine, record: recordNumber))
                }
            }
        } catch {
            rows.abandonRow()
            deferredFailure = error
        }
        queueIssues()
        if positions.count != names.count { positions = CSVHeader.positions(of: names) }
        batch = rows.finish(file: file, names: names, positions: positions)
        return !queue.isEmpty || deferredFailure != nil
    }

    private mutating func queueIssues() {
        for issue in pending { queue.append(.issue(issue)) }
        pending.removeAll(keepingCapacity: true)
    }

    public func describeNoRecords() -> String {
        if buffer.text.isEmpty { return "the file is empty (0 bytes)" }
        if let headerLine, !names.isEmpty {
            return
                "it holds only a header row (line \(headerLine): "
                + "\(names.prefix(8).joined(separator: ", "))\(names.count > 8 ? ", …" : "")) and no data rows"
        }
        return "it holds only blank or skipped lines (it starts: \(buffer.text.firstLineShown))"
    }

    /// Bytes of the record being parsed that did not fit the window (checked against maxRecordBytes).
    private var incompleteRecordBytes = 0

    // MARK: Start: skip lines, sep=, delimiter, header

    private mutating func start() throws {
        started = true
        try buffer.refill(keepFrom: 0)
        if let what = buffer.text.binaryContent {
            throw SourceReadError(
                file: file, line: 1, message: "not a text file: \(what)",
                hint: "export the data as CSV (or give the right file)")
        }
        // Junk lines the user asked to skip.
        var skip = options.skipLines
        while skip > 0, try skipPhysicalLine() { skip -= 1 }
        // Excel's `sep=;` line.
        if try matchSepLine() {
        } else if let d = options.delimiter {
            delimiter = d
        } else {
            let sample = UnsafeBufferPointer(start: buffer.base + pos, count: buffer.end - pos)
            let r = CSVDelimiterSniffer.sniff(sample)
            delimiter = r.delimiter
            if r.modalColumns >= 2 && r.firstLineColumns == 1 {
                warn(
                    "delimiter \(CSVDelimiterSniffer.name(r.delimiter)) detected: most lines have "
                        + "\(r.modalColumns) columns with it, but the first has \(r.firstLineColumns)",
                    hint: "the delimiter may change within the file; give --delimiter to choose", line: line)
            }
        }
        for note in buffer.text.notes { report(note) }
        buffer.text.notes.removeAll()
        if let forced = options.skipInitialSpace {
            skipInitialSpace = forced
        } else {
            let sample = UnsafeBufferPointer(start: buffer.base + pos, count: buffer.end - pos)
            skipInitialSpace = Self.fieldsStartWithSpaceQuote(sample, delimiter: delimiter)
            if skipInitialSpace {
                warn(
                    "fields start with a space before their opening quote "
                        + "(`\(String(UnicodeScalar(delimiter))) \"…\"`): spaces after a delimiter are skipped",
                    hint: "give --skip-initial-space false to keep them", line: line)
            }
        }
        special = [Bool](repeating: false, count: 256)
        special[Int(delimiter)] = true
        special[0x0A] = true
        special[0x0D] = true
        if readsPlainRowsAtOnce && !skipInitialSpace {
            plainRows = CSVPlainRowReader(delimiter: delimiter, bytesAreUTF8: buffer.text.encoding == .utf8)
        }
        if options.header {
            // The header is the first non-blank row.
            while try parseRecord() {
                if recordBlank { continue }
                names = CSVHeader.uniqueNames((0..<rows.openWidth).map { rows.openValue($0) })
                positions = CSVHeader.positions(of: names)
                rows.abandonRow()
                headerLine = recordLine
                break
            }
        }
    }

    private mutating func skipPhysicalLine() throws -> Bool {
        while true {
            var p = pos
            while p < buffer.end, buffer.base[p] != 0x0A, buffer.base[p] != 0x0D { p += 1 }
            if p >= buffer.end && !buffer.atEOF {
                try buffer.refill(keepFrom: pos, minimum: buffer.end - pos + ByteInput.chunkSize)
                pos = 0
                continue
            }
            if p >= buffer.end { let had = p > pos; pos = p; return had }
            if buffer.base[p] == 0x0D {
                if p + 1 >= buffer.end && !buffer.atEOF { try buffer.refill(keepFrom: pos); pos = 0; continue }
                if p + 1 < buffer.end && buffer.base[p + 1] == 0x0A { p += 1 }
            }
            pos = p + 1
            line += 1
            return true
        }
    }

    /// Whether the sample's fields open their quotes after a space (`a, "b", "c"`): at least two
    /// such fields and more of them than quotes right after a delimiter. Text inside quoted
    /// fields is skipped (a note saying `, "great lead"` is not a field).
    static func fieldsStartWithSpaceQuote(_ p: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Bool {
        var spaced = 0, tight = 0
        var inQuote = false
        var fieldStart = true
        var afterDelimiter = false
        var i = 0
        while i < p.count {
            let b = p[i]
            if inQuote {
                if b == 0x22 {
                    if i + 1 < p.count && p[i + 1] == 0x22 { i += 2; continue }
                    inQuote = false
                }
                i += 1
                continue
            }
            if fieldStart && b == 0x22 {
                if afterDelimiter { tight += 1 }
                inQuote = true
            } else if fieldStart && afterDelimiter && b == 0x20 {
                var j = i
                while j < p.count && p[j] == 0x20 { j += 1 }
                if j < p.count && p[j] == 0x22 {
                    spaced += 1
                    inQuote = true
                    i = j + 1
                    fieldStart = false
                    continue
                }
            }
            fieldStart = false
            if b == delimiter {
                fieldStart = true
                afterDelimiter = true
            } else if b == 0x0A || b == 0x0D {
                fieldStart = true
                afterDelimiter = false
            }
            i += 1
        }
        return spaced >= 2 && spaced > tight
    }

    /// What `crmkit read --sniff` reports: how the file is written. Reading the first record
    /// settles it (delimiter, header, skip-initial-space).
    public mutating func dialect() throws -> CSVDialect {
        if !started { try start() }
        return CSVDialect(
            delimiter: delimiter, quote: 0x22, encoding: encoding, encodingGuess: encodingGuess, headerLine: headerLine,
            columns: names, skipInitialSpace: skipInitialSpace)
    }

    private mutating func matchSepLine() throws -> Bool {
        let n = buffer.end - pos
        guard n >= 5 else { return false }
        let b = buffer.base + pos
        guard b[0] | 0x20 == UInt8(ascii: "s"), b[1] | 0x20 == UInt8(ascii: "e"), b[2] | 0x20 == UInt8(ascii: "p"),
            b[3] == UInt8(ascii: "=")
        else { return false }
        guard n == 5 || b[5] == 0x0A || b[5] == 0x0D else { return false }
        delimiter = options.delimiter ?? b[4]
        _ = try skipPhysicalLine()
        return true
    }

    // MARK: Records

    /// Ends the row just parsed as record number `recordNumber`; false (and the row abandoned)
    /// when the row is skipped.
    private mutating func closeRecord() -> Bool {
        recordNumber += 1
        let count = rows.openWidth
        if options.header && count != names.count {
            let prov = SourceProvenance(file: file, line: recordLine, record: recordNumber)
            let detail = "expected \(names.count) columns, found \(count)"
            if options.raggedRows == .strict {
                pending.append(
                    ReadIssue(
                        provenance: prov, severity: .error, message: "\(detail); row skipped",
                        hint: "fix the row, or read with the lenient ragged-row policy"))
                rows.abandonRow()
                return false
            }
            let what =
                count < names.count
                ? "missing trailing fields are absent from the record"
                : count == names.count + 1
                    ? "the extra value is kept as \(CSVHeader.positionalName(names.count))"
                    : "extra values are kept as "
                        + "\(CSVHeader.positionalName(names.count))…\(CSVHeader.positionalName(count - 1))"
            // Extra values end up under names no mapping expects: that is an alteration.
            pending.append(
                ReadIssue(
                    provenance: prov, severity: .warning, message: "\(detail); \(what)",
                    hint: "check for an unquoted delimiter or line break in this row",
                    kind: count > names.count ? .altered : .notice))
        }
        if !nullTokens.isEmpty {
            for i in 0..<count where nullTokens.contains(where: { rows.openValue(i, equals: $0) }) {
                rows.markAbsent(i)
            }
        }
        while !options.header && names.count < count { names.append(CSVHeader.positionalName(names.count)) }
        rows.closeRow()
        return true
    }

    private mutating func warn(
        _ message: String, hint: String?, line: Int, kind: ReadIssueKind = .notice, field: String? = nil
    ) {
        pending.append(
            ReadIssue(
                provenance: SourceProvenance(file: file, line: line, record: recordNumber + 1),
                severity: .warning, message: message, hint: hint, kind: kind, field: field))
    }

    private mutating func report(_ note: TextNote) {
        warn(note.message, hint: note.hint, line: note.line ?? line, kind: note.kind)
    }

    /// Parses one record into the open row of `rows`; false at the end of the input.
    private mutating func parseRecord() throws -> Bool {
        var quotesEnabled = true
        incompleteRecordBytes = 0
        outer: while true {
            rows.abandonRow()
            recordBlank = false
            let recStart = pos
            var p = pos
            var lines = 0
            let base = buffer.base
            let end = buffer.end
            let eof = buffer.atEOF
            let delim = delimiter
            var sawQuote = false
            var recordWarnings: [RecordWarning] = []
            // Where the first line break inside a quoted field is (to recover from an unclosed quote).
            var firstQuotedBreak = -1

            @inline(__always) func needMore() -> Bool { !eof }

            if recStart >= end {
                if !eof { try buffer.refill(keepFrom: pos); pos = 0; continue outer }
                return false
            }
            if incompleteRecordBytes > options.maxRecordBytes {
                incompleteRecordBytes = 0
                if quotesEnabled {
                    pending.append(
                        ReadIssue(
                            provenance: SourceProvenance(file: file, line: line, record: recordNumber + 1),
                            severity: .error,
                            message:
                                "record longer than \(options.maxRecordBytes) bytes (an "
                                + "unbalanced quote?); read again without quoting",
                            hint: "check the quotes on this line"))
                    quotesEnabled = false
                } else {
                    throw SourceReadError(
                        file: file, line: line, message: "line longer than \(options.maxRecordBytes) bytes",
                        hint: "is this a CSV file?")
                }
            }
            // Comment lines.
            if let prefix = options.commentPrefix, !prefix.isEmpty {
                let pb = Array(prefix.utf8)
                if end - recStart < pb.count && !eof { try grow(recStart); continue outer }
                if end - recStart >= pb.count && (0..<pb.count).allSatisfy({ base[recStart + $0] == pb[$0] }) {
                    pos = recStart
                    _ = try skipPhysicalLine()
                    recordBlank = true
                    return true
                }
            }
            if quotesEnabled, let plainRows,
                let read = plainRows.read(base + recStart, available: end - recStart, atEnd: eof, into: &rows)
            {
                recordLine = line
                line += 1
                pos = recStart + read.length
                recordBlank = rows.openWidth == 1 && !read.sawQuote && rows.openValue(0).isEmpty
                return true
            }
            fieldLoop: while true {
                if p >= end {
                    if needMore() { try grow(recStart); continue outer }
                    // End of input right after a delimiter: one last empty field.
                    rows.append(UnsafeBufferPointer(start: base + p, count: 0))
                    break fieldLoop
                }
                let c = base[p]
                if c == 0x22 && quotesEnabled {
                    sawQuote = true
                    p += 1
                    scratch.removeAll(keepingCapacity: true)
                    var closed = false
                    let linesBefore = lines
                    while true {
                        if p >= end {
                            if needMore() { try grow(recStart); continue outer }
                            break
                        }
                        // Copy a run of ordinary bytes.
                        var q = p
                        while q < end {
                            let b = base[q]
                            if b == 0x22 || b == 0x0A || b == 0x0D { break }
                            q += 1
                        }
                        if q > p {
                            scratch.append(contentsOf: UnsafeBufferPointer(start: base + p, count: q - p)); p = q
                        }
                        if p >= end { continue }
                        let b = base[p]
                        if b == 0x22 {
                            if p + 1 >= end && needMore() { try grow(recStart); continue outer }
                            if p + 1 < end && base[p + 1] == 0x22 { scratch.append(0x22); p += 2; continue }
                            p += 1
                            closed = true
                            break
                        }
                        if firstQuotedBreak < 0 { firstQuotedBreak = p }
                        if b == 0x0D {
                            if p + 1 >= end && needMore() { try grow(recStart); continue outer }
                            if !(p + 1 < end && base[p + 1] == 0x0A) { lines += 1 }
                        } else {
                            lines += 1
                        }
                        scratch.append(b)
                        p += 1
                    }
                    if lines > linesBefore, firstQuotedBreak >= 0, let swallowed = swallowedRows(closed: closed) {
                        // The quote swallowed whole rows: reject this row, read those rows again.
                        var q = firstQuotedBreak
                        if base[q] == 0x0D && q + 1 < end && base[q + 1] == 0x0A { q += 1 }
                        let shown = String(
                            decoding: UnsafeBufferPointer(
                                start: base + recStart, count: min(60, firstQuotedBreak - recStart)), as: UTF8.self)
                        recordLine = line
                        line += 1
                        pos = q + 1
                        rows.abandonRow()
                        recordBlank = true
                        pending.append(
                            ReadIssue(
                                provenance: SourceProvenance(file: file, line: recordLine, record: recordNumber + 1),
                                severity: .error,
                                message:
                                    "a quote opened in this row is not closed on it and swallowed the next "
                                    + "\(swallowed) line(s), which are whole rows of \(names.count) "
                                    + "columns; this row is rejected and those lines are read as rows",
                                hint: "close or remove the quote in this row: \(shown)", kind: .rejected))
                        return true
                    }
                    if !closed {
                        recordWarnings.append(
                            RecordWarning(
                                message: "a quoted field is not closed before the end of the file; it runs to the end",
                                hint: "check for a missing closing quote", kind: .altered, column: rows.openWidth))
                    } else if p < end, base[p] != delim, base[p] != 0x0A, base[p] != 0x0D {
                        // Text after the closing quote: keep it literally.
                        let q0 = p
                        while p < end, base[p] != delim, base[p] != 0x0A, base[p] != 0x0D { p += 1 }
                        if p >= end && needMore() { try grow(recStart); continue outer }
                        scratch.append(contentsOf: UnsafeBufferPointer(start: base + q0, count: p - q0))
                        recordWarnings.append(
                            RecordWarning(
                                message: "text after a closing quote was kept as part of the value",
                                hint: "quote the whole field and double the quotes inside it", kind: .altered,
                                column: rows.openWidth))
                    }
                    scratch.withUnsafeBufferPointer { appendValue($0, ascii: false, warnings: &recordWarnings) }
                } else {
                    let s = p
                    var acc: UInt8 = 0
                    while p < end {
                        let b = base[p]
                        if special[Int(b)] { break }
                        acc |= b
                        p += 1
                    }
                    if p >= end && needMore() { try grow(recStart); continue outer }
                    appendValue(
                        UnsafeBufferPointer(start: base + s, count: p - s), ascii: acc < 0x80, warnings: &recordWarnings
                    )
                }
                if p >= end { break fieldLoop }
                let b = base[p]
                if b == delim {
                    p += 1
                    if skipInitialSpace {
                        while true {
                            if p >= end && needMore() { try grow(recStart); continue outer }
                            guard p < end, base[p] == 0x20 else { break }
                            p += 1
                        }
                    }
                    continue fieldLoop
                }
                if b == 0x0D {
                    if p + 1 >= end && needMore() { try grow(recStart); continue outer }
                    p += 1
                    if p < end && base[p] == 0x0A { p += 1 }
                    lines += 1
                    break fieldLoop
                }
                if b == 0x0A {
                    p += 1
                    lines += 1
                    break fieldLoop
                }
                // Cannot happen: a field ends at a delimiter, a line end or the end.
                p += 1
            }
            recordLine = line
            line += lines
            pos = p
            if rows.openWidth == 1 && !sawQuote && rows.openValue(0).isEmpty { recordBlank = true }
            for w in recordWarnings {
                let field =
                    options.header && !names.isEmpty
                    ? (w.column < names.count ? names[w.column] : CSVHeader.positionalName(w.column)) : nil
                warn(w.message, hint: w.hint, line: recordLine, kind: w.kind, field: field)
            }
            return true
        }
    }

    /// Keeps the current record and reads more input (at least as much again as the record so far).
    private mutating func grow(_ recStart: Int) throws {
        incompleteRecordBytes = buffer.end - recStart
        try buffer.refill(keepFrom: recStart, minimum: buffer.end - recStart + ByteInput.chunkSize)
        pos = 0
    }

    /// A warning about one value of the record being parsed (reported once the record is complete).
    private struct RecordWarning {
        var message: String
        var hint: String?
        var kind: ReadIssueKind
        var column: Int
    }

    /// When a quoted field that spans lines swallowed whole rows: the number of its complete inner
    /// lines when every one of them parses as a row of the header's width, else nil. (A real
    /// multi-line value — an address, a note — rarely has the header's exact number of delimiters
    /// on every line.)
    private func swallowedRows(closed: Bool) -> Int? {
        guard options.header, names.count >= 2 else { return nil }
        var segments: [ArraySlice<UInt8>] = []
        var start = 0
        var i = 0
        while i < scratch.count {
            let b = scratch[i]
            if b == 0x0A || b == 0x0D {
                segments.append(scratch[start..<i])
                if b == 0x0D && i + 1 < scratch.count && scratch[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        segments.append(scratch[start..<scratch.count])
        // The first segment is on the opening row; when closed, the last one ends at the quote.
        var inner = segments.dropFirst()
        if closed { inner = inner.dropLast() }
        if !closed, let last = inner.last, last.isEmpty { inner = inner.dropLast() }
        guard !inner.isEmpty else { return nil }
        for line in inner where fieldCount(line) != names.count { return nil }
        return inner.count
    }

    private func fieldCount(_ line: ArraySlice<UInt8>) -> Int {
        var n = 1
        var quoted = false
        for b in line {
            if b == 0x22 { quoted.toggle() } else if b == delimiter && !quoted { n += 1 }
        }
        return n
    }

    /// Appends a value to the row being read, as UTF-8: ASCII as it is, other text decoded from
    /// the file's encoding.
    @inline(__always)
    private mutating func appendValue(_ p: UnsafeBufferPointer<UInt8>, ascii: Bool, warnings: inout [RecordWarning]) {
        if ascii || p.isEmpty {
            rows.append(p)
            return
        }
        rows.append(decode(p, warnings: &warnings))
    }

    private func decode(_ p: UnsafeBufferPointer<UInt8>, warnings: inout [RecordWarning]) -> String {
        let enc = buffer.text.encoding
        if let s = enc.decode(p) { return s }
        // Not valid in the file's encoding (e.g. a Latin-1 byte in a UTF-8 file): decode this
        // value with the fallback and say so.
        let fb = options.fallbackEncoding == enc ? SourceEncoding.latin1 : options.fallbackEncoding
        let s = fb.decode(p) ?? SourceEncoding.latin1.decode(p) ?? String(decoding: p, as: UTF8.self)
        warnings.append(
            RecordWarning(
                message: "a value is not valid \(enc.rawValue); decoded it as \(fb.rawValue): \"\(s.prefix(40))\"",
                hint: "use --encoding to say which encoding the file is in", kind: .altered, column: rows.openWidth))
        return s
    }
}
