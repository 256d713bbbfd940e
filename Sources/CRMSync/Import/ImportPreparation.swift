import CRMClient
import CRMImport
import CRMModel
import CRMSupport
import Foundation

/// Where the time of making a plan went (the benchmark prints it).
/// The stages of `ImportPreparation.plan`, as reported to its `stageObserver`.
public enum PreparationStage: String, Sendable {
    /// Reading, mapping and validating the source (and fetching the forms).
    case readMapValidate
    /// Fetching the CRM's records and matching every draft against them and the file.
    case planning
}

/// Makes an import plan from a source file: fetches the schema snapshot and the CRM's records
/// once, then streams the file through reader, mapper, validator and planner. Only the plan
/// itself (one step per row) is kept in memory, never the file.
public struct ImportPreparation: Sendable {
    public let mapping: Mapping
    public let mappingPath: String
    public let file: String

    /// Threads that map and validate records while the planner works (`ValidationPipeline`).
    public var threads = ValidationPipeline.defaultThreads
    /// What to do with rows whose evidence conflicts with the records they match by key
    /// (nil: the mapping's `onConflict`, else skip).
    public var onConflict: ConflictPolicy?
    /// Told how long each stage took once the plan is made: for benchmarks, which say where the
    /// time goes; the plan itself never depends on it.
    public var stageObserver: (@Sendable (PreparationStage, Duration) -> Void)?
    /// How much of the decided steps' bodies the planner collects before writing it to its spill
    /// file (nil: the bodies stay in memory). See `SpillFile`.
    public var spillChunkBytes: Int? = SpillFile.defaultChunkBytes

    public init(file: String, mapping: Mapping, mappingPath: String) {
        self.file = file
        self.mapping = mapping
        self.mappingPath = mappingPath
    }

    /// `crm` names the CRM for the key ledger (default: the client's base URL).
    public func plan(client: CRMClient, crm: String? = nil, ledger: KeyLedger? = nil) async throws -> ImportPlan {
        var account = LossAccount()
        return try await plan(client: client, crm: crm, ledger: ledger, account: &account)
    }

    /// `plan(client:crm:ledger:)`, counting every record, read problem and dropped value into `account`.
    public func plan(
        client: CRMClient, crm: String? = nil, ledger: KeyLedger? = nil,
        account: inout LossAccount
    ) async throws -> ImportPlan {
        let crm = crm ?? client.baseURL
        var readMapValidate = Duration.zero
        var planning = Duration.zero
        let clock = ContinuousClock()
        var start = clock.now
        let snapshot = try await SchemaSnapshot.fetch(for: mapping, from: ClientSchemaSource(client: client))
        let validator = DraftValidator(mapping: mapping, snapshot: snapshot)
        if !validator.diagnostics.isEmpty { throw MappingError(validator.diagnostics) }
        readMapValidate += clock.now - start
        start = clock.now
        var state = try await CRMState.fetch(for: mapping, client: client)
        state.externalIDs.load(for: mapping, ledger: ledger, crm: crm, existing: state.referencedIDs)
        var planner = ImportPlanner(
            mapping: mapping, state: state, ledger: ledger?.entries(crm: crm, entity: mapping.entity) ?? [:],
            onConflict: onConflict, spillChunkBytes: spillChunkBytes)
        planning += clock.now - start

        let options = ValidationRun.readOptions(for: mapping)
        var reader = try SourceReaders.open(path: file, format: mapping.source.format, options: options)
        let reading = SourceReading(
            format: reader.format, options: options, directory: FileManager.default.currentDirectoryPath)
        reader.throwsWithoutRecords = false
        let pipeline = ValidationPipeline(mapping: mapping, validator: validator, threads: threads)
        let readStart = clock.now
        var planTime = Duration.zero
        try pipeline.run(&reader, outcome: { mapper, validator, record in validator.validate(mapper.map(record)) }) {
            item in
            let before = clock.now
            switch item {
            case .issue(let issue):
                account.add(issue)
                if issue.isLossy && issue.severity != .error {
                    planner.alter(issue.provenance, reason: "altered: \(issue.description)")
                }
                guard issue.severity == .error else { return }
                planner.reject(SourceRecord(provenance: issue.provenance, fields: []), reasons: [issue.description])
            case .outcome(let validated):
                account.add(validated)
                planner.add(validated)
            }
            planTime += clock.now - before
        }
        // Reading, mapping and validating overlap the planner's work on the calling thread:
        // what is left of the pass once the planner's own time is taken out.
        let validateTime = clock.now - readStart - planTime
        readMapValidate += validateTime
        planning += planTime
        let planStart = clock.now
        var plan = try planner.plan(
            createdAt: RunClock.now(), source: try FileStamp(file: file), mapping: try FileStamp(file: mappingPath),
            target: client.baseURL)
        planning += clock.now - planStart
        account.rejected += planner.unresolvedReferences.rejected
        account.addDropped(planner.unresolvedReferences.dropped)
        plan.crm = crm
        plan.reading = reading
        stageObserver?(.readMapValidate, readMapValidate)
        stageObserver?(.planning, planning)
        return plan
    }
}

extension FileStamp {
    /// The file's path and SHA-256, read in 1 MiB pieces.
    public init(file: String) throws {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw RunError("cannot read \(file)") }
        defer { try? handle.close() }
        var hasher = SHA256.Hasher()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(chunk) }
        self.init(path: file, sha256: SHA256.hex(hasher.finalize()))
    }
}
