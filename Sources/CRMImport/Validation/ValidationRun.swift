import CRMModel

/// What a validation run found: counts for the summary, and the problems (all, or the first
/// `problemLimit`).
public struct ValidationReport: Sendable, Codable {
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

    public init() {}
}

/// Streams a source file through reader, mapper and validator: nothing but the current record
/// and the counters is kept, so any file size validates in flat memory.
public struct ValidationRun {
    public var mapping: Mapping
    public var validator: DraftValidator
    /// How many problems to keep in the report (nil: all).
    public var problemLimit: Int?
    public var rejects: RejectsFile?

    public init(mapping: Mapping, snapshot: SchemaSnapshot, problemLimit: Int? = 50, rejects: RejectsFile? = nil) throws(MappingError) {
        self.mapping = mapping
        self.validator = DraftValidator(mapping: mapping, snapshot: snapshot)
        if !validator.diagnostics.isEmpty { throw MappingError(validator.diagnostics) }
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
        options.recordPath = source.recordPath
        options.nullTokens = Set(source.nullTokens)
        return options
    }

    /// Validates every record of `path`.
    public func run(path: String) throws -> ValidationReport {
        var reader = try SourceReaders.open(path: path, format: mapping.source.format, options: Self.readOptions(for: mapping))
        return try run(&reader)
    }

    /// Validates every record a reader yields.
    public func run(_ reader: inout some SourceRecordReader) throws -> ValidationReport {
        let mapper = Mapper(mapping: mapping)
        var report = ValidationReport()
        var checkedColumns = false
        while let event = try reader.next() {
            switch event {
            case .issue(let issue):
                report.readIssues.append(issue)
            case .record(let record):
                if !checkedColumns, mapping.source.format ?? .csv == .csv {
                    checkedColumns = true
                    let missing = mapping.missingColumns(available: record.names)
                    if !missing.isEmpty { throw MappingError(missing) }
                }
                report.recordsRead += 1
                let outcome = validator.validate(mapper.map(record))
                if outcome.isValid {
                    report.valid += 1
                    continue
                }
                report.rejected += 1
                for reason in Set(outcome.problems.map(\.reason.rawValue)) { report.rejectedByReason[reason, default: 0] += 1 }
                report.problemCount += outcome.problems.count
                let room = problemLimit.map { max(0, $0 - report.problems.count) } ?? outcome.problems.count
                report.problems += outcome.problems.prefix(room)
                try rejects?.write(record, problems: outcome.problems)
            }
        }
        return report
    }
}
