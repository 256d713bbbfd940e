import Foundation

/// The errors file: one CSV row per rejected record, holding the record's original fields in
/// their original order plus a last column with every reason, so the file can be fixed in a
/// spreadsheet and fed back in with the same mapping. Written as records are rejected.
///
/// It also accounts for what was not rejected but not kept whole either: a record the mapping
/// dropped values from (its fields, and `line N: dropped field …` for each value), and each
/// problem of the reader (a row of empty fields and `line N: warning: …`), so that every value
/// altered or lost is listed with its line and field.
public final class RejectsFile {
    /// The name of the added column; the mapping ignores it when the file is read back.
    public static let reasonsColumn = "crmkit_errors"

    private let handle: FileHandle
    private var header: [String]?
    private var buffer = Data()
    public private(set) var rows = 0
    /// Reasons of rows without fields met before the header was known (reader problems before
    /// the first record written), written once it is.
    private var waiting: [String] = []

    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    /// Writes `record` with `problems` as the reasons. The first rejected record fixes the
    /// header (a CSV source has the same columns on every row).
    public func write(_ record: SourceRecord, problems: [RecordProblem]) throws {
        let reasons = problems.map { "\($0.field): \($0.reason.rawValue): \($0.message)" }.joined(separator: "; ")
        try append(record, reasons: reasons)
    }

    /// Writes a record that was kept without the values the mapping dropped from it.
    public func write(_ record: SourceRecord, dropped: [RecordProblem]) throws {
        let reasons = dropped.map { problem in
            let shown = problem.value.isEmpty ? "" : " '\(problem.value)'"
            return
                "line \(problem.provenance.line): dropped \(problem.field)\(shown): "
                + "\(problem.reason.rawValue): \(problem.message)"
        }
        try append(record, reasons: reasons.joined(separator: "; "))
    }

    /// Writes a problem of the reader: a row of empty fields and the problem with its line.
    public func write(_ issue: ReadIssue) throws {
        let reason =
            "line \(issue.provenance.line): \(issue.severity.rawValue): \(issue.message)"
            + (issue.hint.map { " (\($0))" } ?? "")
        guard let header else {
            waiting.append(reason)
            return
        }
        append(row: header.map { _ in "" } + [reason])
        rows += 1
        if buffer.count > 1 << 16 { try flush() }
    }

    public func close() throws {
        if header == nil, !waiting.isEmpty {
            header = []
            append(row: [Self.reasonsColumn])
        }
        writeWaiting()
        try flush()
        try handle.close()
    }

    private func append(_ record: SourceRecord, reasons: String) throws {
        if header == nil {
            let names = record.names.filter { $0 != Self.reasonsColumn }
            header = names
            append(row: names + [Self.reasonsColumn])
            writeWaiting()
        }
        append(row: (header ?? []).map { record.first($0) ?? "" } + [reasons])
        rows += 1
        if buffer.count > 1 << 16 { try flush() }
    }

    private func writeWaiting() {
        for reason in waiting {
            append(row: (header ?? []).map { _ in "" } + [reason])
            rows += 1
        }
        waiting = []
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
