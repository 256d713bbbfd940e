import ArgumentParser
import CRMClient
import CRMDedupe
import CRMImport
import CRMSandbox
import CRMSync
import Foundation

/// `crmkit-bench import-identity`: imports an export with ground truth into a fresh embedded
/// sandbox and counts what matters for identity: contacts that hold rows of two or more people,
/// people split over two or more contacts, rows left as conflicts, and the writes a second import
/// of the same file plans (zero is the goal).
struct ImportIdentityBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-identity",
        abstract: "Import a file with ground truth; count contacts holding two people and people split.")

    @Option(
        help:
            """
            The export (CSV, vCard or XML). Without it, `--count` \
            contacts are generated with `crmkit sample`'s generator.
            """
    )
    var file: String?

    @Option(help: "Ground truth for --file: record_index,cluster_id (0-based record index).")
    var truth: String?

    @Option(help: "How many contacts to generate when no --file is given.")
    var count = 5_000

    @Option(help: "Share of generated records that duplicate an earlier person.")
    var duplicates = 0.3

    @Option(help: "Generator seed.")
    var seed: UInt64 = 1

    @Option(help: "The mapping.")
    var mapping = "mappings/sample-contacts.yaml"

    @Option(name: .customLong("on-conflict"), help: "skip, create or update.")
    var onConflict: String = "skip"

    @Option(help: "Keep the generated file, its truth, the plan and the run's result files in this directory.")
    var keep: String?

    func run() async throws {
        guard let policy = ConflictPolicy(rawValue: onConflict) else {
            throw ValidationError("--on-conflict: use skip, create or update")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-identity-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (source, truthPath) = try inputs(directory)
        let groundTruth = try GroundTruth.parse(
            csv: String(contentsOfFile: truthPath, encoding: .utf8), source: truthPath)
        let parsed = try MappingParser.load(path: mapping)
        let lines = try recordLines(source, parsed)

        let sandbox = try await SandboxServer.start(
            SandboxConfiguration(databasePath: directory.appendingPathComponent("s.sqlite").path))
        do {
            try await measure(
                sandbox, source: source, parsed: parsed, lines: lines, groundTruth: groundTruth, policy: policy,
                directory: directory)
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    private func measure(
        _ sandbox: RunningSandbox, source: String, parsed: Mapping, lines: [Int: Int], groundTruth: GroundTruth,
        policy: ConflictPolicy, directory: URL
    ) async throws {
        let client = try CRMClient(baseURL: sandbox.baseURL, apiKey: sandbox.primaryKey)
        var preparation = ImportPreparation(file: source, mapping: parsed, mappingPath: mapping)
        preparation.onConflict = policy
        let clock = ContinuousClock()
        let start = clock.now
        // As `crmkit import` does: the key ledger of earlier runs into this CRM.
        let ledger = KeyLedger(root: directory.appendingPathComponent("runs"))
        let plan = try await preparation.plan(client: client, ledger: ledger)
        let planned = clock.now - start
        let run = try ImportRunDirectory.create(root: directory.appendingPathComponent("runs"))
        try run.savePlan(plan)
        let summary = try await ImportApplier(plan: plan, run: run, client: client, ledger: ledger).apply()
        let state = try run.state()
        if let keep {
            let target = URL(fileURLWithPath: keep)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: directory, to: target)
            print("  kept in \(keep) (plan in runs/\(run.name)/plan.json)")
        }

        let outcome = IdentityOutcome(
            plan: plan, state: state, clusterOfLine: { line in lines[line].flatMap { groundTruth.clusterOf[$0] } })
        let second = try await preparation.plan(client: client, ledger: ledger)
        if let keep {
            try PlanFile.write(second, to: URL(fileURLWithPath: keep).appendingPathComponent("second-plan.json"))
        }
        let writes = second.steps.filter { $0.action != .skip && $0.action != .conflict }.count
        print(
            "crmkit-bench import-identity: \(source) (\(lines.count) records, "
                + "\(Set(groundTruth.clusterOf.values).count) people), "
                + "mapping \(mapping), on-conflict \(policy.rawValue)"
        )
        let counts = plan.counts.map { "\($0.action.rawValue) \($0.count) \($0.entity.rawValue)" }
        print(
            "  plan: \(counts.joined(separator: ", ")); rejected \(plan.rejected.count); planned in \(planned)"
        )
        print("  apply: \(summary.status), \(summary.done) steps done, \(summary.failed) failed")
        print("  contacts holding two or more people: \(outcome.mixedRecords) of \(outcome.records)")
        print(
            "  people split over two or more contacts: \(outcome.splitPeople) of \(outcome.people) ("
                + String(format: "%.2f %%", outcome.splitShare * 100) + ")")
        print("  rows left as conflicts: \(plan.conflicts.count)")
        print("  second import of the same file: \(writes) writes planned (\(second.conflicts.count) conflicts)")
    }

    private func inputs(_ directory: URL) throws -> (String, String) {
        if let file {
            guard let truth else { throw ValidationError("--file needs --truth") }
            return (file, truth)
        }
        let path = directory.appendingPathComponent("contacts.csv").path
        let truthPath = directory.appendingPathComponent("truth.csv").path
        _ = try SampleWriter.write(
            count: count, format: .csv, to: path, truthPath: truthPath, duplicateRate: duplicates, seed: seed)
        return (path, truthPath)
    }

    /// Line of each record → its 0-based record index (what ground truth refers to).
    private func recordLines(_ path: String, _ mapping: Mapping) throws -> [Int: Int] {
        var reader = try SourceReaders.open(
            path: path, format: mapping.source.format, options: ValidationRun.readOptions(for: mapping))
        var lines: [Int: Int] = [:]
        var index = 0
        while let event = try reader.next() {
            guard case .record(let record) = event else { continue }
            lines[record.provenance.line] = index
            index += 1
        }
        return lines
    }
}

/// Which CRM record each row ended in, against the person behind each row.
struct IdentityOutcome {
    var records = 0
    var mixedRecords = 0
    var people = 0
    var splitPeople = 0
    var splitShare: Double { people == 0 ? 0 : Double(splitPeople) / Double(people) }

    init(plan: ImportPlan, state: RunState, clusterOfLine: (Int) -> String?) {
        var peopleOfRecord: [String: Set<String>] = [:]
        var recordsOfPerson: [String: Set<String>] = [:]
        for step in plan.steps where step.entity == plan.entity {
            guard let line = step.source?.line, let person = clusterOfLine(line) else { continue }
            let owner = step.targetStep ?? step.id
            guard case .done(let id?, _, _) = state.state(owner) else { continue }
            peopleOfRecord[id, default: []].insert(person)
            recordsOfPerson[person, default: []].insert(id)
        }
        records = peopleOfRecord.count
        mixedRecords = peopleOfRecord.values.filter { $0.count > 1 }.count
        people = recordsOfPerson.count
        splitPeople = recordsOfPerson.values.filter { $0.count > 1 }.count
    }
}
