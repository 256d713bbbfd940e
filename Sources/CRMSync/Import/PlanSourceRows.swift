import CRMImport
import CRMModel
import Foundation

/// How a plan's source was read: the format and the reader options the mapping asked for, so
/// that its rows can be read again exactly as the plan read them, without the mapping file.
public struct SourceReading: Codable, Sendable, Hashable {
    public var format: SourceFormat
    public var encoding: SourceEncoding?
    public var delimiter: UInt8?
    public var header: Bool
    public var skipLines: Int
    public var recordPath: String?
    public var nullTokens: [String]
    /// The working directory the plan was made in: a source named by a relative path is found
    /// from there, wherever the plan is applied.
    public var directory: String?

    public init(format: SourceFormat, options: ReadOptions, directory: String? = nil) {
        self.format = format
        self.directory = directory
        encoding = options.encoding
        delimiter = options.delimiter
        header = options.header
        skipLines = options.skipLines
        recordPath = options.recordPath
        nullTokens = options.nullTokens.sorted()
    }

    public var options: ReadOptions {
        var options = ReadOptions()
        options.encoding = encoding
        options.delimiter = delimiter
        options.header = header
        options.skipLines = skipLines
        options.recordPath = recordPath
        options.nullTokens = Set(nullTokens)
        return options
    }
}

/// The rows of a plan's source, read back for the files that show them (`success.csv`,
/// `errors.csv`, `conflicts.csv`). The plan keeps only where each row is; its text is read again
/// from the source, in one pass in file order, once the source is known to be the very file the
/// plan was made from (its SHA-256).
public enum PlanSourceRows {
    /// Whether any row of the plan is to be read from its source (plans of copy and restore, and
    /// older plans, carry their rows).
    public static func needsSource(_ plan: ImportPlan) -> Bool {
        plan.rejected.contains { $0.source.fields == nil } || (plan.altered ?? []).contains { $0.source.fields == nil }
            || plan.steps.contains { $0.source.map { $0.fields == nil } ?? false }
    }

    /// Throws unless the plan's source is still the file the plan was made from, saying what to
    /// do when it is not.
    public static func verify(_ plan: ImportPlan) throws {
        let path = sourcePath(plan)
        let advice =
            "the run's result files show each row as read from it. Put the file the plan was made from back at "
            + "\(path), or make a new plan from the file as it is now (`crmkit import`)"
        guard FileManager.default.fileExists(atPath: path) else {
            throw RunError("\(path): the plan's source file is no longer there; \(advice)")
        }
        let now = try FileStamp(file: path)
        guard now.sha256 == plan.source.sha256 else {
            throw RunError(
                "\(path) changed since the plan was made (its SHA-256 is not the one the plan pins); \(advice)")
        }
    }

    /// Where the plan's source is: its path, from the directory the plan was made in when relative.
    public static func sourcePath(_ plan: ImportPlan) -> String {
        let path = plan.source.path
        guard !path.hasPrefix("/"), let directory = plan.reading?.directory else { return path }
        return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
    }

    /// Reads the source once and calls `row` with each record whose number is in `wanted`
    /// (ascending, each once), in file order, with its field names and values. The caller has
    /// checked the source (`verify`). A wanted record the reader does not yield (one it could
    /// not read) is passed with no fields, so whatever lists it still does.
    static func read(
        _ plan: ImportPlan, wanted: [Int],
        row: (_ record: Int, _ fields: [(name: String, value: String)]) throws -> Void
    ) throws {
        guard !wanted.isEmpty else { return }
        guard let reading = plan.reading else {
            throw RunError(
                "\(plan.source.path): the plan does not say how its source was read; make a new plan (`crmkit import`)")
        }
        var reader = try SourceReaders.open(path: sourcePath(plan), format: reading.format, options: reading.options)
        reader.throwsWithoutRecords = false
        var next = 0
        while next < wanted.count, let event = try reader.next() {
            guard case .record(let record) = event else { continue }
            let number = record.provenance.record
            while next < wanted.count, wanted[next] < number {
                try row(wanted[next], [])
                next += 1
            }
            guard next < wanted.count, wanted[next] == number else { continue }
            let fields = record.fields.map { (name: $0.name, value: $0.value) }
            while next < wanted.count, wanted[next] == number {
                try row(number, fields)
                next += 1
            }
        }
        while next < wanted.count {
            try row(wanted[next], [])
            next += 1
        }
    }
}
