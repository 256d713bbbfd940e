import CRMClient
import CRMModel
import CRMSchema
import CRMSupport
import Foundation

/// What `crmkit restore DIR` does: recreates a backup in a CRM.
///
/// 1. The backup is checked against its manifest (every file's SHA-256 and size, every records
///    file's count) before anything is written.
/// 2. The target must hold no records (unless `intoNonEmpty`).
/// 3. Forms, tags and case types are recreated with the forms-as-code engine (`SchemaTransfer`);
///    pipelines, which the API cannot create, are found on the target by name.
/// 4. The records become an import plan of creates in dependency order, each reference a link
///    to the step creating the referenced record, and the import's applier runs it in a run
///    directory: journaled, resumable (`crmkit runs resume RUN`, or the same `crmkit restore`
///    again, which finds the unfinished run), reversible (`crmkit runs rollback RUN`).
/// 5. Leads archived in the backup are archived, and `id-map.csv` says which id each record got.
public struct Restore: Sendable {
    public let client: CRMClient
    /// Which CRM this is (the base URL, or the database of an embedded sandbox).
    public let identity: String
    /// Where run directories are kept (`.crmkit/runs`).
    public let runsRoot: URL
    /// Restore into a CRM that holds records (see `RestoreError.notEmpty`).
    public var intoNonEmpty = false
    public var concurrency = 8

    public init(client: CRMClient, identity: String, runsRoot: URL) {
        self.client = client
        self.identity = identity
        self.runsRoot = runsRoot
    }

    public struct Outcome: Sendable {
        public var run: ImportRunDirectory
        public var summary: RunSummary
        /// Records per entity the backup holds, by plural.
        public var counts: [String: Int]
        public var schemaChanges: [String]
        /// Records recreated without some value (listed in the run's errors.csv).
        public var altered: Int
        /// Whether an unfinished restore of the same backup was continued.
        public var resumed: Bool
        public var idMap: URL { run.url.appendingPathComponent(IDMapFile.fileName) }
    }

    public func restore(from directory: URL, progress: @escaping @Sendable (ApplyProgress) -> Void = { _ in })
        async throws -> Outcome
    {
        let manifest = try BackupManifest.load(directory)
        let problems = manifest.verify(directory)
        guard problems.isEmpty else { throw RestoreError.damaged(directory: directory.path, problems: problems) }
        let stamp = try FileStamp(file: directory.appendingPathComponent("manifest.json").path)

        if let unfinished = unfinishedRun(of: stamp) {
            let plan = try unfinished.run.loadPlan()
            return try await finish(
                plan: plan, record: unfinished.record, run: unfinished.run, manifest: manifest, resumed: true,
                progress: progress)
        }
        if !intoNonEmpty {
            let counts = try await Self.recordCounts(client)
            if counts.values.contains(where: { $0 > 0 }) { throw RestoreError.notEmpty(counts: counts) }
        }
        let run = try ImportRunDirectory.create(root: runsRoot)
        let source = BackupSchemaRemote(directory: directory, manifest: manifest)
        let transfer = SchemaTransfer(
            directory: run.url.appendingPathComponent("schema"), target: client, mode: intoNonEmpty ? .additive : .exact
        )
        let changes = try await transfer.apply(from: source)
        let references = TargetReferences(
            sourcePipelines: try source.pipelines(), targetPipelines: try await client.pipelines.list(),
            sourceCaseTypes: try await source.caseTypes(), targetCaseTypes: try await client.caseTypes.list())

        // Records are read in dependency order, so the steps are in the applier's phase order
        // as they are made (no sorted copy of a plan that may hold 100,000 steps).
        var builder = RestorePlanBuilder(translation: RecordTranslation(references: references))
        for entity in EntityKind.exportOrder {
            let path = "records/\(entity.plural).jsonl"
            let url = directory.appendingPathComponent(path)
            var count = 0
            if FileManager.default.fileExists(atPath: url.path) {
                try SpoolReader(url: url).forEachLine { line, record in
                    count += 1
                    builder.add(record, entity: entity, file: path, line: line)
                }
            }
            let expected = manifest.counts[entity.plural] ?? 0
            guard count == expected else {
                throw RestoreError.countMismatch(path: url.path, manifest: expected, found: count)
            }
        }
        var plan = ImportPlan(
            createdAt: RunClock.now(), entity: .contact, source: stamp,
            mapping: FileStamp(path: Self.mappingName, sha256: ""),
            target: client.baseURL, columns: ["id"],
            steps: builder.steps, rejected: [])
        plan.altered = builder.altered.isEmpty ? nil : builder.altered
        plan.crm = identity
        try run.savePlan(plan)
        let record = RestoreRecord(
            backup: directory.path, manifestSHA256: stamp.sha256, crm: identity,
            archivedLeads: builder.archivedLeads, schemaChanges: changes)
        try record.save(run)
        return try await finish(
            plan: plan, record: record, run: run, manifest: manifest, resumed: false, progress: progress)
    }

    /// What a restore plan names as its mapping (runs list it as such).
    public static let mappingName = "crmkit:restore"

    /// Applies what is left of the plan, archives the archived leads, writes the id map.
    private func finish(
        plan: ImportPlan, record: RestoreRecord, run: ImportRunDirectory, manifest: BackupManifest, resumed: Bool,
        progress: @escaping @Sendable (ApplyProgress) -> Void
    ) async throws -> Outcome {
        let summary = try await ImportApplier(plan: plan, run: run, client: client, concurrency: concurrency).apply(
            progress: progress)
        let state = try run.state()
        try await ArchivedLeads.archive(record.archivedLeads, state: state, client: client)
        try IDMapFile.write(plan: plan, state: state, to: run)
        var finished = record
        finished.finished = summary.status == "complete"
        try finished.save(run)
        return Outcome(
            run: run, summary: summary, counts: manifest.counts, schemaChanges: record.schemaChanges,
            altered: plan.altered?.count ?? 0, resumed: resumed)
    }

    /// The newest restore run of the same backup into this CRM that has not finished.
    private func unfinishedRun(of stamp: FileStamp) -> (run: ImportRunDirectory, record: RestoreRecord)? {
        let runs = (try? ImportRunDirectory.list(root: runsRoot)) ?? []
        for run in runs.reversed() {
            guard let record = RestoreRecord.load(run), record.manifestSHA256 == stamp.sha256, record.crm == identity
            else { continue }
            return record.finished ? nil : (run, record)
        }
        return nil
    }

    /// Records per entity in the CRM (one one-record page each).
    static func recordCounts(_ client: CRMClient) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for entity in EntityKind.exportOrder {
            let page = try await RecordPager(client: client, entity: entity, pageSize: 1).fetch(1)
            counts[entity.plural] = page.total ?? page.items.count
        }
        return counts
    }
}
