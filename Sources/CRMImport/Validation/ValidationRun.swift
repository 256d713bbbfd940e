import Foundation
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

/// Streams a source file through reader, mapper and validator: nothing but a few batches of
/// records in flight (two per thread, 1,024 records each) and the counters is kept, so any file
/// size validates in flat memory.
public struct ValidationRun {
    public var mapping: Mapping
    public var validator: DraftValidator
    /// How many problems to keep in the report (nil: all).
    public var problemLimit: Int?
    public var rejects: RejectsFile?
    /// Threads that map and validate (the reading thread only reads and counts): one per core
    /// by default; 1 checks every record on the calling thread.
    public var threads = ValidationRun.defaultThreads

    /// One per core, at most 8 (beyond that the single reading thread is the limit).
    public static var defaultThreads: Int { min(8, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

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

    /// Validates every record a reader yields. Records are read here, in batches, and mapped and
    /// validated on `threads` threads; outcomes are counted, and rejects written, in file order,
    /// so the report and the rejects file are the same whatever the number of threads.
    public func run(_ reader: inout some SourceRecordReader) throws -> ValidationReport {
        let mapping = self.mapping, validator = self.validator
        var report = ValidationReport()
        var workers: OrderedBatchWorkers<[SourceRecord], CheckedBatch>?
        defer { workers?.close() }
        var check: (([SourceRecord]) -> CheckedBatch)?
        /// A CSV file's column names, read from its first record, for `Mapping.bound(to:)`.
        var header: [String]?
        /// Hands a batch to the threads (or checks it here when there is one thread), keeping at
        /// most two batches per thread in flight so memory stays flat. Each thread checks with a
        /// mapping and forms of its own (see PrivateCopies).
        func dispatch(_ batch: [SourceRecord]) throws {
            guard threads > 1 else {
                let local = check ?? Self.check(Mapper(mapping: header.map(mapping.bound) ?? mapping), validator)
                check = local
                return try tally(local(batch), into: &report)
            }
            let pool = workers ?? OrderedBatchWorkers(threads: threads) { [header] in
                let own = mapping.privateCopy()
                return Self.check(Mapper(mapping: header.map(own.bound) ?? own), DraftValidator(mapping: own, snapshot: validator.snapshot.privateCopy()))
            }
            workers = pool
            pool.submit(batch)
            while pool.pending >= 2 * threads, let done = pool.next() { try tally(done, into: &report) }
        }
        var batch: [SourceRecord] = []
        batch.reserveCapacity(Self.batchSize)
        var checkedColumns = false
        while true {
            let event: ReadEvent?
            do {
                event = try reader.next()
            } catch {
                // As when records were checked one by one: what was read before the failure is
                // still counted and its rejects written, then the failure is reported.
                if !batch.isEmpty { try dispatch(batch) }
                while let done = workers?.next() { try tally(done, into: &report) }
                throw error
            }
            guard let event else { break }
            switch event {
            case .issue(let issue):
                report.readIssues.append(issue)
            case .record(let record):
                if !checkedColumns, mapping.source.format ?? .csv == .csv {
                    checkedColumns = true
                    header = record.names
                    let missing = mapping.missingColumns(available: record.names)
                    if !missing.isEmpty { throw MappingError(missing) }
                }
                report.recordsRead += 1
                batch.append(record)
                if batch.count == Self.batchSize {
                    try dispatch(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
        if !batch.isEmpty { try dispatch(batch) }
        while let done = workers?.next() { try tally(done, into: &report) }
        return report
    }

    /// What a thread runs on each batch: map, validate, keep the problems and the rejected records.
    private static func check(_ mapper: Mapper, _ validator: DraftValidator) -> ([SourceRecord]) -> CheckedBatch {
        { records in
            var batch = CheckedBatch()
            batch.problems.reserveCapacity(records.count)
            for record in records {
                let problems = validator.problems(of: mapper.map(record, matchKeys: false))
                if !problems.isEmpty { batch.rejected.append(record) }
                batch.problems.append(problems)
            }
            return batch
        }
    }

    /// Records per batch: large enough that handing batches between threads costs nothing
    /// measurable, small enough that a few in flight stay a few megabytes.
    static let batchSize = 1024

    /// Counts a checked batch into the report and writes its rejects, in record order.
    private func tally(_ batch: CheckedBatch, into report: inout ValidationReport) throws {
        var rejected = batch.rejected.makeIterator()
        for problems in batch.problems {
            if problems.isEmpty {
                report.valid += 1
                continue
            }
            guard let record = rejected.next() else { continue }
            report.rejected += 1
            for reason in Set(problems.map(\.reason.rawValue)) { report.rejectedByReason[reason, default: 0] += 1 }
            report.problemCount += problems.count
            let room = problemLimit.map { max(0, $0 - report.problems.count) } ?? problems.count
            report.problems += problems.prefix(room)
            try rejects?.write(record, problems: problems)
        }
    }
}

/// For each record of a batch, the problems that reject it (none: valid), and the rejected
/// records themselves, in order, for the errors file. Valid records are not handed back: they
/// are freed on the thread that checked them, not on the reading thread.
struct CheckedBatch: Sendable {
    var problems: [[RecordProblem]] = []
    var rejected: [SourceRecord] = []
}
