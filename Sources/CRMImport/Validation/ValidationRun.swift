import Foundation
import CRMModel

/// What a validation run found: counts for the summary, and the problems (all, or the first
/// `problemLimit`).
public struct ValidationReport: Sendable, Encodable {
    public var recordsRead = 0
    public var valid = 0
    public var rejected = 0
    /// Rejected records by problem reason (a record with two reasons counts under both).
    public var rejectedByReason: [String: Int] = [:]
    /// Problems of the reader (damaged rows); `error` ones are records that never reached mapping.
    public var readIssues: [ReadIssue] = []
    public var problems: [RecordProblem] = []
    /// Problems found in total, also those beyond `problemLimit`.
    public var problemCount = 0
    /// Values the mapping dropped from records it did not reject (`onInvalid`, see
    /// docs/mapping.md), the first `problemLimit` of them.
    public var droppedValues: [RecordProblem] = []
    /// Values dropped in total, also those beyond `problemLimit`.
    public var droppedValueCount = 0
    /// Columns of optional rules the file lacks (once per file, not per row).
    public var notes: [MappingDiagnostic] = []

    /// What the run read and lost, for the summary and the exit code.
    public var account: LossAccount {
        var account = LossAccount()
        account.recordsRead = recordsRead
        account.rejected = rejected
        for issue in readIssues { account.add(issue) }
        account.addDropped(droppedValues, total: droppedValueCount)
        return account
    }

    public init() {}
}

/// Streams a source file through reader, mapper and validator (`ValidationPipeline`): nothing
/// but a few batches of records in flight and the counters are kept, so any file
/// size validates in flat memory.
public struct ValidationRun {
    public var mapping: Mapping
    public var validator: DraftValidator
    /// How many problems to keep in the report (nil: all).
    public var problemLimit: Int?
    public var rejects: RejectsFile?
    /// Threads that read, map and validate (each a batch at a time; the calling thread counts
    /// and writes rejects): one per core by default; 1 does everything on the calling thread.
    public var threads = ValidationRun.defaultThreads

    public static var defaultThreads: Int { ValidationPipeline.defaultThreads }

    /// The mapping's problems against the forms (`DraftValidator.diagnostics`) are thrown by
    /// `run`, together with a CSV file's missing columns, so that one pass reports them all.
    public init(mapping: Mapping, snapshot: SchemaSnapshot, problemLimit: Int? = 50, rejects: RejectsFile? = nil)
        throws(MappingError)
    {
        self.mapping = mapping
        self.validator = DraftValidator(mapping: mapping, snapshot: snapshot)
        self.problemLimit = problemLimit
        self.rejects = rejects
    }

    /// The reader options the mapping's `source:` asks for.
    public static func readOptions(for mapping: Mapping) -> ReadOptions {
        var options = ReadOptions()
        let source = mapping.source
        options.encoding = source.encoding.flatMap(SourceEncoding.init(name:))
        if let delimiter = source.delimiter {
            options.delimiter = delimiter == "tab" || delimiter == "\\t" ? 0x09 : delimiter.utf8.first
        }
        if let header = source.header { options.header = header }
        if let skipLines = source.skipLines { options.skipLines = skipLines }
        options.recordPath = source.recordPath
        options.nullTokens = Set(source.nullTokens)
        return options
    }

    /// Validates every record of `path`.
    public func run(path: String) throws -> ValidationReport {
        var reader = try SourceReaders.open(
            path: path, format: mapping.source.format, options: Self.readOptions(for: mapping))
        // A file without records ends in the account ("no record was read", exit 65), with the
        // reader's notice of what the file held, rather than in an error thrown at its end.
        reader.throwsWithoutRecords = false
        return try run(&reader)
    }

    /// Validates every record a reader yields (see `ValidationPipeline`): outcomes are counted,
    /// and rejects written, in file order, so the report and the rejects file are the same
    /// whatever the number of threads.
    public func run(_ reader: inout some SourceRecordReader) throws -> ValidationReport {
        var report = ValidationReport()
        let pipeline = ValidationPipeline(mapping: mapping, validator: validator, threads: threads)
        try pipeline.run(
            &reader,
            outcome: { mapper, validator, record -> RecordVerdict in
                // Valid records are not handed back: they are freed on the thread that checked them.
                let (problems, dropped) = validator.verdict(of: mapper.mapFields(record, keepingExtras: false))
                // A rejected row lists every value that needs fixing, also those that alone would
                // only have been dropped.
                if !problems.isEmpty {
                    return RecordVerdict.rejected(record, dropped.isEmpty ? problems : problems + dropped)
                }
                return dropped.isEmpty ? RecordVerdict.valid : RecordVerdict.validWithout(record, dropped)
            }, notes: { report.notes = $0 }
        ) { item in
            switch item {
            case .issue(let issue):
                report.readIssues.append(issue)
                try rejects?.write(issue)
            case .outcome(let verdict): try tally(verdict, into: &report)
            }
        }
        return report
    }

    /// Counts a record's verdict into the report and writes it to the rejects file if rejected.
    private func tally(_ verdict: RecordVerdict, into report: inout ValidationReport) throws {
        report.recordsRead += 1
        let record: SourceRecord, problems: [RecordProblem]
        switch verdict {
        case .valid:
            report.valid += 1
            return
        case .validWithout(let kept, let dropped):
            report.valid += 1
            report.droppedValueCount += dropped.count
            let room = problemLimit.map { max(0, $0 - report.droppedValues.count) } ?? dropped.count
            report.droppedValues += dropped.prefix(room)
            try rejects?.write(kept, dropped: dropped)
            return
        case .rejected(let rejected, let found):
            (record, problems) = (rejected, found)
        }
        report.rejected += 1
        for reason in Set(problems.map(\.reason.rawValue)) { report.rejectedByReason[reason, default: 0] += 1 }
        report.problemCount += problems.count
        let room = problemLimit.map { max(0, $0 - report.problems.count) } ?? problems.count
        report.problems += problems.prefix(room)
        try rejects?.write(record, problems: problems)
    }
}

/// What validation made of one record: valid, valid without some values, or rejected with the
/// record (for the errors file) and every reason.
enum RecordVerdict: Sendable {
    case valid
    /// Valid once the mapping dropped these values (the record is kept for the errors file).
    case validWithout(SourceRecord, [RecordProblem])
    case rejected(SourceRecord, [RecordProblem])
}
