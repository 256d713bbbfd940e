import struct Foundation.URL

/// A reader of any format behind one type (what `SourceReaders.open` returns).
public struct AnySourceReader: SourceRecordReader {
    private var base: any SourceRecordReader
    public let format: SourceFormat
    public let file: String

    public init(_ reader: some SourceRecordReader, format: SourceFormat, file: String) {
        self.base = reader
        self.format = format
        self.file = file
    }

    public mutating func next() throws -> ReadEvent? {
        try base.next()
    }
}

/// Opens readers by format.
public enum SourceReaders {
    /// Opens `url` with the reader for `format`, or for the format detected from the file's
    /// extension and first bytes when `format` is nil.
    public static func open(path: String, format: SourceFormat? = nil, options: ReadOptions = ReadOptions()) throws -> AnySourceReader {
        let fmt: SourceFormat
        if let format { fmt = format } else if let byName = SourceFormat.fromExtension(path), !path.lowercased().hasSuffix(".txt") {
            fmt = byName
        } else {
            guard ByteInput.isRegularFile(path) else {
                throw SourceReadError(file: path, message: "cannot detect the format of a pipe or device", hint: "give --format csv, vcard or xml")
            }
            let input = try ByteInput(path: path)
            var prefix = [UInt8](repeating: 0, count: 4096)
            let n = try prefix.withUnsafeMutableBufferPointer { try input.read(into: $0.baseAddress!, count: 4096) }
            prefix.removeSubrange(n...)
            fmt = SourceFormat.detect(path: path, prefix: prefix)
        }
        switch fmt {
        case .csv: return AnySourceReader(try CSVReader(path: path, options: options), format: .csv, file: path)
        case .vcard: return AnySourceReader(try VCardReader(path: path, options: options), format: .vcard, file: path)
        case .xml: return AnySourceReader(try XMLSourceReader(path: path, options: options), format: .xml, file: path)
        }
    }

    /// `open(path:)` for a file URL.
    public static func open(url: URL, format: SourceFormat? = nil, options: ReadOptions = ReadOptions()) throws -> AnySourceReader {
        try open(path: url.path, format: format, options: options)
    }

    /// Opens a reader over bytes in memory (tests, fuzzing).
    public static func open(bytes: [UInt8], name: String = "<memory>", format: SourceFormat, options: ReadOptions = ReadOptions()) throws -> AnySourceReader {
        switch format {
        case .csv: return AnySourceReader(try CSVReader(bytes: bytes, name: name, options: options), format: .csv, file: name)
        case .vcard: return AnySourceReader(try VCardReader(bytes: bytes, name: name, options: options), format: .vcard, file: name)
        case .xml: return AnySourceReader(try XMLSourceReader(bytes: bytes, name: name, options: options), format: .xml, file: name)
        }
    }

    /// Reads a whole file into arrays (for tests and small files; use the iterator for big ones).
    public static func readAll(path: String, format: SourceFormat? = nil, options: ReadOptions = ReadOptions()) throws -> (records: [SourceRecord], issues: [ReadIssue]) {
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
