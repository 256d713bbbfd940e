import Foundation

/// The errors file: one CSV row per rejected record, holding the record's original fields in
/// their original order plus a last column with every reason, so the file can be fixed in a
/// spreadsheet and fed back in with the same mapping. Written as records are rejected.
public final class RejectsFile {
    /// The name of the added column; the mapping ignores it when the file is read back.
    public static let reasonsColumn = "crmkit_errors"

    private let handle: FileHandle
    private var header: [String]?
    private var buffer = Data()
    public private(set) var rows = 0

    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    /// Writes `record` with `problems` as the reasons. The first rejected record fixes the
    /// header (a CSV source has the same columns on every row).
    public func write(_ record: SourceRecord, problems: [RecordProblem]) throws {
        if header == nil {
            let names = record.names.filter { $0 != Self.reasonsColumn }
            header = names
            append(row: names + [Self.reasonsColumn])
        }
        let reasons = problems.map { "\($0.field): \($0.reason.rawValue): \($0.message)" }.joined(separator: "; ")
        append(row: (header ?? []).map { record.first($0) ?? "" } + [reasons])
        rows += 1
        if buffer.count > 1 << 16 { try flush() }
    }

    public func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func append(row: [String]) {
        buffer.append(contentsOf: row.map(Self.quoted).joined(separator: ",").utf8)
        buffer.append(contentsOf: "\r\n".utf8)
    }

    /// RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled.
    public static func quoted(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
