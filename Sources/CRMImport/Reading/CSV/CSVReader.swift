/// A streaming CSV reader: RFC 4180 plus what real files do (see docs/readers.md).
///
/// It scans bytes in a window over 64 KiB chunks; a record that crosses the window's end is
/// re-scanned after the window is refilled, and a record longer than the window grows it.
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
    private var values: [String] = []
    private var scratch: [UInt8] = []
    private var pending: [ReadIssue] = []
    private var pendingIndex = 0
    private var recordLine = 1
    private var recordBlank = false
    private var special = [Bool](repeating: false, count: 256)
    private var fallbackWarned = false

    /// The encoding the file was read in.
    public var encoding: SourceEncoding { buffer.text.fileEncoding }
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
        values.reserveCapacity(32)
    }

    // MARK: Iteration

    public mutating func next() throws -> ReadEvent? {
        if !started { try start() }
        while true {
            if pendingIndex < pending.count {
                let issue = pending[pendingIndex]
                pendingIndex += 1
                if pendingIndex == pending.count { pending.removeAll(keepingCapacity: true); pendingIndex = 0 }
                return .issue(issue)
            }
            if let s = stash { stash = nil; return .record(s) }
            if !buffer.text.notes.isEmpty {
                for note in buffer.text.notes { warn(note, hint: "use --encoding to say which encoding the file is in", line: line) }
                buffer.text.notes.removeAll()
                continue
            }
            guard try parseRecord() else { return nil }
            if recordBlank { continue }
            if let r = makeRecord() {
                if pendingIndex < pending.count { stash = r; continue }  // its warnings first
                return .record(r)
            }
        }
    }

    private var stash: SourceRecord?
    /// Bytes of the record being parsed that did not fit the window (checked against maxRecordBytes).
    private var incompleteRecordBytes = 0

    // MARK: Start: skip lines, sep=, delimiter, header

    private mutating func start() throws {
        started = true
        try buffer.refill(keepFrom: 0)
        // Junk lines the user asked to skip.
        var skip = options.skipLines
        while skip > 0, try skipPhysicalLine() { skip -= 1 }
        // Excel's `sep=;` line.
        if try matchSepLine() {} else if let d = options.delimiter {
            delimiter = d
        } else {
            let sample = UnsafeBufferPointer(start: buffer.base + pos, count: buffer.end - pos)
            let r = CSVDelimiterSniffer.sniff(sample)
            delimiter = r.delimiter
            if r.modalColumns >= 2 && r.firstLineColumns == 1 {
                warn(
                    "delimiter \(CSVDelimiterSniffer.name(r.delimiter)) detected: most lines have \(r.modalColumns) columns with it, but the first has \(r.firstLineColumns)",
                    hint: "the delimiter may change within the file; give --delimiter to choose", line: line)
            }
        }
        for note in buffer.text.notes { warn(note, hint: "use --encoding to say which encoding the file is in", line: 1) }
        buffer.text.notes.removeAll()
        special = [Bool](repeating: false, count: 256)
        special[Int(delimiter)] = true
        special[0x0A] = true
        special[0x0D] = true
        if options.header {
            // The header is the first non-blank row.
            while try parseRecord() {
                if recordBlank { continue }
                names = CSVHeader.uniqueNames(values)
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

    private mutating func matchSepLine() throws -> Bool {
        let n = buffer.end - pos
        guard n >= 5 else { return false }
        let b = buffer.base + pos
        guard b[0] | 0x20 == UInt8(ascii: "s"), b[1] | 0x20 == UInt8(ascii: "e"), b[2] | 0x20 == UInt8(ascii: "p"), b[3] == UInt8(ascii: "=") else { return false }
        guard n == 5 || b[5] == 0x0A || b[5] == 0x0D else { return false }
        delimiter = options.delimiter ?? b[4]
        _ = try skipPhysicalLine()
        return true
    }

    // MARK: Records

    private mutating func makeRecord() -> SourceRecord? {
        recordNumber += 1
        let prov = SourceProvenance(file: file, line: recordLine, record: recordNumber)
        let count = values.count
        if options.header && count != names.count {
            let detail = "expected \(names.count) columns, found \(count)"
            if options.raggedRows == .strict {
                pending.append(ReadIssue(provenance: prov, severity: .error, message: "\(detail); row skipped",
                                         hint: "fix the row, or read with the lenient ragged-row policy"))
                return nil
            }
            let what = count < names.count
                ? "missing trailing fields are absent from the record"
                : count == names.count + 1 ? "the extra value is kept as \(CSVHeader.positionalName(names.count))"
                    : "extra values are kept as \(CSVHeader.positionalName(names.count))…\(CSVHeader.positionalName(count - 1))"
            pending.append(ReadIssue(provenance: prov, severity: .warning, message: "\(detail); \(what)",
                                     hint: "check for an unquoted delimiter or line break in this row"))
        }
        var fields = [SourceField]()
        fields.reserveCapacity(count)
        let useNulls = !options.nullTokens.isEmpty
        for i in 0..<count {
            // Moved out of the scratch list rather than copied: a copy was a retain here and a
            // release when the list is cleared, for every value of every record.
            var v = ""
            swap(&v, &values[i])
            if useNulls && options.nullTokens.contains(v) { continue }
            let name: String
            if i < names.count { name = names[i] } else {
                while names.count <= i && !options.header { names.append(CSVHeader.positionalName(names.count)) }
                name = i < names.count ? names[i] : CSVHeader.positionalName(i)
            }
            fields.append(SourceField(name: name, value: v))
        }
        return SourceRecord(provenance: prov, fields: fields)
    }

    private mutating func warn(_ message: String, hint: String?, line: Int) {
        pending.append(ReadIssue(provenance: SourceProvenance(file: file, line: line, record: recordNumber + 1),
                                 severity: .warning, message: message, hint: hint))
    }

    /// Parses one record into `values`; false at the end of the input.
    private mutating func parseRecord() throws -> Bool {
        var quotesEnabled = true
        incompleteRecordBytes = 0
        outer: while true {
            values.removeAll(keepingCapacity: true)
            recordBlank = false
            let recStart = pos
            var p = pos
            var lines = 0
            let base = buffer.base
            let end = buffer.end
            let eof = buffer.atEOF
            let delim = delimiter
            var sawQuote = false
            var recordWarnings: [(String, String?)] = []

            @inline(__always) func needMore() -> Bool { !eof }

            if recStart >= end {
                if !eof { try buffer.refill(keepFrom: pos); pos = 0; continue outer }
                return false
            }
            if incompleteRecordBytes > options.maxRecordBytes {
                incompleteRecordBytes = 0
                if quotesEnabled {
                    pending.append(ReadIssue(provenance: SourceProvenance(file: file, line: line, record: recordNumber + 1), severity: .error,
                                             message: "record longer than \(options.maxRecordBytes) bytes (an unbalanced quote?); read again without quoting",
                                             hint: "check the quotes on this line"))
                    quotesEnabled = false
                } else {
                    throw SourceReadError(file: file, line: line, message: "line longer than \(options.maxRecordBytes) bytes", hint: "is this a CSV file?")
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
            fieldLoop: while true {
                if p >= end {
                    if needMore() { try grow(recStart); continue outer }
                    // End of input right after a delimiter: one last empty field.
                    values.append("")
                    break fieldLoop
                }
                let c = base[p]
                if c == 0x22 && quotesEnabled {
                    sawQuote = true
                    p += 1
                    scratch.removeAll(keepingCapacity: true)
                    var closed = false
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
                        if q > p { scratch.append(contentsOf: UnsafeBufferPointer(start: base + p, count: q - p)); p = q }
                        if p >= end { continue }
                        let b = base[p]
                        if b == 0x22 {
                            if p + 1 >= end && needMore() { try grow(recStart); continue outer }
                            if p + 1 < end && base[p + 1] == 0x22 { scratch.append(0x22); p += 2; continue }
                            p += 1
                            closed = true
                            break
                        }
                        if b == 0x0D {
                            if p + 1 >= end && needMore() { try grow(recStart); continue outer }
                            if !(p + 1 < end && base[p + 1] == 0x0A) { lines += 1 }
                        } else {
                            lines += 1
                        }
                        scratch.append(b)
                        p += 1
                    }
                    if !closed {
                        recordWarnings.append(("a quoted field is not closed before the end of the file; it runs to the end", "check for a missing closing quote"))
                    } else if p < end, base[p] != delim, base[p] != 0x0A, base[p] != 0x0D {
                        // Text after the closing quote: keep it literally.
                        let q0 = p
                        while p < end, base[p] != delim, base[p] != 0x0A, base[p] != 0x0D { p += 1 }
                        if p >= end && needMore() { try grow(recStart); continue outer }
                        scratch.append(contentsOf: UnsafeBufferPointer(start: base + q0, count: p - q0))
                        recordWarnings.append(("text after a closing quote was kept as part of the value", "quote the whole field and double the quotes inside it"))
                    }
                    values.append(scratch.withUnsafeBufferPointer { makeString($0, ascii: false, warnings: &recordWarnings) })
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
                    values.append(makeString(UnsafeBufferPointer(start: base + s, count: p - s), ascii: acc < 0x80, warnings: &recordWarnings))
                }
                if p >= end { break fieldLoop }
                let b = base[p]
                if b == delim {
                    p += 1
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
            if values.count == 1 && !sawQuote && values[0].isEmpty { recordBlank = true }
            for (m, h) in recordWarnings { warn(m, hint: h, line: recordLine) }
            return true
        }
    }

    /// Keeps the current record and reads more input (at least as much again as the record so far).
    private mutating func grow(_ recStart: Int) throws {
        incompleteRecordBytes = buffer.end - recStart
        try buffer.refill(keepFrom: recStart, minimum: buffer.end - recStart + ByteInput.chunkSize)
        pos = 0
    }

    @inline(__always)
    private func makeString(_ p: UnsafeBufferPointer<UInt8>, ascii: Bool, warnings: inout [(String, String?)]) -> String {
        if ascii || p.isEmpty { return String(decoding: p, as: UTF8.self) }
        let enc = buffer.text.encoding
        if let s = enc.decode(p) { return s }
        // Not valid in the file's encoding (e.g. a Latin-1 byte in a UTF-8 file): decode this
        // value with the fallback and say so.
        let fb = options.fallbackEncoding == enc ? SourceEncoding.latin1 : options.fallbackEncoding
        let s = fb.decode(p) ?? SourceEncoding.latin1.decode(p)!
        warnings.append(("a value is not valid \(enc.rawValue); decoded it as \(fb.rawValue): \"\(s.prefix(40))\"",
                         "use --encoding to say which encoding the file is in"))
        return s
    }
}
