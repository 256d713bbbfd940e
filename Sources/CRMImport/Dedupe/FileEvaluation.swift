import CRMDedupe
import CRMModel

/// `crmkit dedupe evaluate`: reads a file, maps each record, clusters the file's own records and
/// scores the clusters against a ground truth.
///
/// Record numbers are 0-based positions among the records the reader produced — the numbering
/// truth files use. A record whose mapping fails (a bad date in an extra, say) is **not**
/// clustered, but it keeps its number and its true pairs stay in the truth: every pair it belongs
/// to counts as missed. A broken row therefore lowers recall instead of silently vanishing from
/// the measure, and the report says how many there were.
public struct FileEvaluation: Sendable {
    public var mapping: Mapping
    public var configuration: DedupeConfiguration

    public init(mapping: Mapping, configuration: DedupeConfiguration) {
        self.mapping = mapping
        self.configuration = configuration
    }

    /// What one evaluation found.
    public struct Report: Sendable {
        public var metrics: PairMetrics
        public var result: DedupeResult
        /// Records the reader produced (clustered or not).
        public var records: Int
        /// Records whose mapping failed, with the first problem of each (all counted, kept in order).
        public var unmapped: [RecordProblem]
        public var unmappedCount: Int
        /// Damaged rows the reader skipped (they have no record number).
        public var readIssues: [ReadIssue]
        /// Truth entries naming a record number the file does not have.
        public var truthOutOfRange: Int
    }

    /// The records of a file as the engine sees them, numbered as truth files number them.
    public struct MappedRecords: Sendable {
        /// Records that mapped, each with its 0-based position among all records read as `index`.
        public var records: [DedupeRecord]
        /// Records the reader produced (mapped or not).
        public var count: Int
        public var unmapped: [RecordProblem]
        public var unmappedCount: Int
        public var readIssues: [ReadIssue]
    }

    /// Reads `path` through the mapping and scores the result against `truth`.
    /// Throws `SourceReadError` when the file cannot be read at all, and `MappingError` when a CSV
    /// lacks a column the mapping names (one error at the mapping's line, not one per row).
    public func run(path: String, truth: GroundTruth, problemLimit: Int = 20) throws -> Report {
        let mapped = try records(path: path, problemLimit: problemLimit)
        let result = DedupeEngine(configuration: configuration).run(mapped.records)
        let metrics = DedupeEvaluation.metrics(
            clusters: result.clusters, truth: truth, records: mapped.count,
            candidatePairs: result.candidatePairs)
        let outOfRange = truth.clusterOf.keys.filter { $0 >= mapped.count }.count
        return Report(
            metrics: metrics, result: result, records: mapped.count, unmapped: mapped.unmapped,
            unmappedCount: mapped.unmappedCount, readIssues: mapped.readIssues, truthOutOfRange: outOfRange)
    }

    /// Reads and maps every record of `path`; the records that fail to map are counted, not returned.
    public func records(path: String, problemLimit: Int = 20) throws -> MappedRecords {
        var reader = try SourceReaders.open(
            path: path, format: mapping.source.format, options: ValidationRun.readOptions(for: mapping))
        let mapper = Mapper(mapping: mapping)
        var mapped = MappedRecords(records: [], count: 0, unmapped: [], unmappedCount: 0, readIssues: [])
        while let event = try reader.next() {
            switch event {
            case .issue(let issue):
                mapped.readIssues.append(issue)
            case .record(let source):
                if mapped.count == 0, mapping.source.format ?? .csv == .csv {
                    let missing = mapping.missingColumns(available: source.names)
                    if !missing.isEmpty { throw MappingError(missing) }
                }
                let draft = mapper.map(source)
                // A value the mapping would drop (`onInvalid`) leaves the record out too: the
                // measure counts its pairs as missed rather than scoring it on less than it holds.
                if let problem = draft.problems.first ?? draft.pendingDrops.first?.problem ?? draft.dropped.first {
                    mapped.unmappedCount += 1
                    if mapped.unmapped.count < problemLimit { mapped.unmapped.append(problem) }
                } else {
                    mapped.records.append(DedupeRecord(index: mapped.count, draft: draft))
                }
                mapped.count += 1
            }
        }
        return mapped
    }
}
