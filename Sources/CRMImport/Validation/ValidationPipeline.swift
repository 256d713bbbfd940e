import Foundation

/// One thing a pipeline hands back, in file order: a problem of the reader, or what the
/// pipeline's function made of a record.
public enum PipelineItem<Outcome: Sendable>: Sendable {
    case issue(ReadIssue)
    case outcome(Outcome)
}

/// Reads a source's records on the calling thread and maps and validates them on `threads`
/// threads, a batch at a time (see `BatchWorkers`), and hands every outcome (and
/// every read issue) back on the calling thread in file order, so that what the caller builds
/// (a report, a rejects file, an import plan) is the same whatever the number of threads. Only
/// a few batches are in flight (four per thread, 1,024 records each), so any file size runs in
/// flat memory.
///
/// Every thread maps with the mapping's columns bound to the file's header once (see
/// `ColumnBinding`), so a record's values are found by position, and with a mapper and a
/// validator of its own.
public struct ValidationPipeline: Sendable {
    public let mapping: Mapping
    public let validator: DraftValidator
    /// Threads that map and validate; 1 does everything on the calling thread.
    public var threads: Int

    public init(mapping: Mapping, validator: DraftValidator, threads: Int = ValidationPipeline.defaultThreads) {
        self.mapping = mapping
        self.validator = validator
        self.threads = threads
    }

    /// One per core, at most 8 (beyond that reading, one thread at a time, is the limit).
    public static var defaultThreads: Int { min(8, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    /// Records per batch: large enough that taking turns at the reader costs nothing
    /// measurable, small enough that a few in flight stay a few megabytes.
    public static let batchSize = 1024

    /// Batches read ahead of the one delivered next, per thread. Results are taken in file
    /// order, so a thread that finishes early needs work queued while another is still on the
    /// batch to deliver next; fewer left cores idle, more gained nothing (docs/benchmarks.md).
    static let batchesAheadPerThread = 4

    /// Runs `outcome` on every record the reader yields (on the pipeline's threads) and `each`
    /// on every outcome and read issue (on the calling thread, in file order). A CSV file's
    /// header is checked against the mapping's columns first (`notes` gets, once, the columns
    /// of optional rules the file lacks), and the mapping's problems
    /// against the forms (`DraftValidator.diagnostics`) are thrown with those (`MappingError`). When the reader fails,
    /// what was read before is still handed to `each`, then
    /// the failure is thrown.
    public func run<Outcome: Sendable>(
        _ reader: inout some SourceRecordReader,
        outcome: @escaping @Sendable (Mapper, DraftValidator, SourceRecord) -> Outcome,
        notes: ([MappingDiagnostic]) -> Void = { _ in },
        each: (PipelineItem<Outcome>) throws -> Void
    ) throws {
        let mapping = self.mapping, validator = self.validator
        // The first batch is read here, so that a CSV file's header is checked against the
        // mapping before anything else is done.
        var first: [ReadEvent] = []
        var (ended, failure) = Self.readBatch(&reader, into: &first, size: Self.batchSize)
        // (A batch of nothing but read issues: on to the first record.)
        var sawRecord = first.contains(where: \.isRecord)
        while !ended, failure == nil, !sawRecord {
            (ended, failure) = Self.readBatch(&reader, into: &first, size: first.count + 1)
            sawRecord = first.last?.isRecord ?? false
        }
        var header: [String]?
        // The mapping's problems against the forms and against the file's columns, together.
        var problems = validator.diagnostics
        if mapping.source.format ?? .csv == .csv, let record = first.lazy.compactMap(\.record).first {
            header = record.names
            let columns = mapping.columnCheck(available: record.names)
            problems += columns.errors
            if problems.isEmpty, !columns.notes.isEmpty { notes(columns.notes) }
        }
        if !problems.isEmpty {
            throw MappingError(
                problems.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) })
        }
        let bound = header.map(mapping.bound) ?? mapping
        guard threads > 1, !ended || failure != nil || first.count >= Self.batchSize else {
            // One thread (or one batch): everything here, batch by batch.
            let work = Self.work(Mapper(mapping: bound), validator, outcome)
            var batch = first
            while true {
                for item in work(batch) { try each(item) }
                if let failure { throw failure }
                if ended { return }
                batch.removeAll(keepingCapacity: true)
                (ended, failure) = Self.readBatch(&reader, into: &batch, size: Self.batchSize)
            }
        }
        // Each thread prepares its own mapper and validator: the plans and prepared forms they
        // read for every record are objects whose reference counts would otherwise move between
        // the cores with every record.
        let (checkedMapping, snapshot) = (validator.mapping, validator.snapshot)
        let workers = BatchWorkers(threads: threads) {
            Self.work(Mapper(mapping: bound), DraftValidator(mapping: checkedMapping, snapshot: snapshot), outcome)
        }
        defer { workers.close() }
        // Read here, worked on there: a few batches ahead of the one delivered next.
        workers.submit(first, index: 0)
        first = []
        var submitted = 1, delivered = 0
        let ahead = Self.batchesAheadPerThread * threads
        while delivered < submitted {
            while !ended, failure == nil, submitted - delivered < ahead {
                var batch: [ReadEvent] = []
                (ended, failure) = Self.readBatch(&reader, into: &batch, size: Self.batchSize)
                if batch.isEmpty { continue }
                workers.submit(batch, index: submitted)
                submitted += 1
            }
            for item in workers.result(delivered) { try each(item) }
            delivered += 1
        }
        if let failure { throw failure }
    }

    /// Appends up to `size` events in all to `batch`. `ended`: the reader has nothing more;
    /// `failure`: it failed after what was appended.
    static func readBatch(_ reader: inout some SourceRecordReader, into batch: inout [ReadEvent], size: Int) -> (
        ended: Bool, failure: (any Error)?
    ) {
        // Sized for a fresh batch only: growing an array one by one with `reserveCapacity`
        // would copy it each time.
        if batch.isEmpty { batch.reserveCapacity(size) }
        do {
            while batch.count < size {
                guard let event = try reader.next() else { return (true, nil) }
                batch.append(event)
            }
            return (false, nil)
        } catch {
            return (true, error)
        }
    }

    /// What a thread runs on each batch. Read issues pass through in their place.
    private static func work<Outcome: Sendable>(
        _ mapper: Mapper, _ validator: DraftValidator,
        _ outcome: @escaping @Sendable (Mapper, DraftValidator, SourceRecord) -> Outcome
    ) -> ([ReadEvent]) -> [PipelineItem<Outcome>] {
        return { events in
            var items: [PipelineItem<Outcome>] = []
            items.reserveCapacity(events.count)
            for event in events {
                switch event {
                case .issue(let issue): items.append(.issue(issue))
                case .record(let record): items.append(.outcome(outcome(mapper, validator, record)))
                }
            }
            return items
        }
    }
}
