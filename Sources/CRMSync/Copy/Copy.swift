import CRMClient
import CRMModel
import CRMSchema
import Foundation

/// What `crmkit copy --from A --to B` does: a CRM-to-CRM migration planned first, then applied.
///
/// `plan` downloads the source's records (JSON Lines, as `crmkit export` does), plans the
/// source's forms, tags and case types on the target (added to what it has, nothing deleted) and
/// plans the records (`CopyPlanner`): what the target already holds is skipped or completed,
/// the rest created, with every reference remapped. `apply` applies the schema, then the records
/// as an import run (journaled, resumable with `crmkit runs resume`, reversible with `crmkit
/// runs rollback`), and writes the run's `id-map.csv`. A second copy of the same data plans
/// nothing.
public struct Copy: Sendable {
    public let source: CRMClient
    public let sourceIdentity: String
    public let target: CRMClient
    public let targetIdentity: String
    public let runsRoot: URL
    /// The entities asked for; what they refer to comes along (`closure`).
    public var entities: [EntityKind] = EntityKind.exportOrder
    public var concurrency = 8

    public init(source: CRMClient, sourceIdentity: String, target: CRMClient, targetIdentity: String, runsRoot: URL) {
        self.source = source
        self.sourceIdentity = sourceIdentity
        self.target = target
        self.targetIdentity = targetIdentity
        self.runsRoot = runsRoot
    }

    /// `entities` with the entities their records link to, in dependency order: contacts bring
    /// their organizations; leads, opportunities and cases their contacts and organizations.
    public static func closure(_ entities: [EntityKind]) -> [EntityKind] {
        var wanted = Set(entities)
        if !wanted.isDisjoint(with: [.lead, .opportunity, .case]) { wanted.formUnion([.contact, .organization]) }
        if wanted.contains(.contact) { wanted.insert(.organization) }
        return EntityKind.exportOrder.filter { wanted.contains($0) }
    }

    /// What a copy would do: the schema changes and the records' plan, kept in a new run
    /// directory (with the downloaded source) until applied or discarded.
    public struct Plan: Sendable {
        public var run: ImportRunDirectory
        public var schema: SchemaPlan
        public var records: ImportPlan
        var archivedLeads: [Int]
        /// Whether applying would change nothing.
        public var isNoOp: Bool { !schema.hasChanges && records.isNoOp }
        /// Removes the run directory of a plan that will not be applied.
        public func discard() { try? FileManager.default.removeItem(at: run.url) }
    }

    public struct Outcome: Sendable {
        public var run: ImportRunDirectory
        public var summary: RunSummary
        public var schemaChanges: [String]
        public var plan: ImportPlan
        public var idMap: URL { run.url.appendingPathComponent(IDMapFile.fileName) }
    }

    public func plan(progress: @escaping @Sendable (EntityKind, Int, Int?) -> Void = { _, _, _ in }) async throws
        -> Plan
    {
        let run = try ImportRunDirectory.create(root: runsRoot)
        let records = run.url.appendingPathComponent("source")
        var options = Exporter.Options()
        options.format = .jsonl
        options.identity = sourceIdentity
        let exporter = Exporter(client: source, options: options)
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        for entity in Self.closure(entities) {
            _ = try await exporter.export(
                [entity], to: records.appendingPathComponent("\(entity.plural).jsonl"), progress: progress)
        }
        let schema = try await transfer(run).plan(from: ClientSchemaRemote(client: source))
        let (plan, archived) = try await planRecords(run)
        return Plan(run: run, schema: schema, records: plan, archivedLeads: archived)
    }

    /// Applies the schema, then (planned again when the schema changed, since new case types
    /// have ids only now) the records.
    public func apply(_ plan: Plan, progress: @escaping @Sendable (ApplyProgress) -> Void = { _ in }) async throws
        -> Outcome
    {
        let changes = try await transfer(plan.run).apply(plan.schema)
        var records = plan.records
        var archived = plan.archivedLeads
        if !changes.isEmpty { (records, archived) = try await planRecords(plan.run) }
        try plan.run.savePlan(records)
        let summary = try await ImportApplier(plan: records, run: plan.run, client: target, concurrency: concurrency)
            .apply(progress: progress)
        let state = try plan.run.state()
        try await ArchivedLeads.archive(archived, state: state, client: target)
        try IDMapFile.write(plan: records, state: state, to: plan.run)
        return Outcome(run: plan.run, summary: summary, schemaChanges: changes, plan: records)
    }

    /// The name a copy plan gives as its mapping (runs list it as such).
    public static let mappingName = "crmkit:copy"

    private func transfer(_ run: ImportRunDirectory) -> SchemaTransfer {
        SchemaTransfer(directory: run.url.appendingPathComponent("schema"), target: target, mode: .additive)
    }

    private func planRecords(_ run: ImportRunDirectory) async throws -> (ImportPlan, [Int]) {
        let references = TargetReferences(
            sourcePipelines: try await source.pipelines.list(), targetPipelines: try await target.pipelines.list(),
            sourceCaseTypes: try await source.caseTypes.list(), targetCaseTypes: try await target.caseTypes.list())
        var planner = CopyPlanner(translation: RecordTranslation(references: references))
        var organizationNames: [String: String] = [:]
        for entity in Self.closure(entities) {
            let records = try await RecordStore(client: target, entity: entity).all()
            if entity == .organization {
                for record in records {
                    if let id = record["id"].flatMap(RecordTranslation.text), let name = record["name"]?.stringValue {
                        organizationNames[id] = name
                    }
                }
            }
            planner.target(entity, records: records, organizationNames: organizationNames)
            let path = "source/\(entity.plural).jsonl"
            let spool = SpoolReader(url: run.url.appendingPathComponent(path))
            try spool.forEach { planner.count($0, entity: entity) }
            try spool.forEachLine { line, record in planner.add(record, entity: entity, file: path, line: line) }
        }
        var plan = ImportPlan(
            createdAt: RunClock.now(), entity: .contact, source: FileStamp(path: sourceIdentity, sha256: ""),
            mapping: FileStamp(path: Self.mappingName, sha256: ""), target: target.baseURL, columns: ["id"],
            steps: planner.steps.sorted { ($0.phase, $0.id) < ($1.phase, $1.id) }, rejected: [])
        plan.altered = planner.altered.isEmpty ? nil : planner.altered
        plan.crm = targetIdentity
        return (plan, planner.archivedLeads)
    }
}
