import CRMClient
import CRMImport
import CRMModel
import CRMSandbox
import CRMTestSupport
import Foundation
import Testing
@testable import CRMSync

/// A sandbox in this process, a scratch directory, and the import pipeline as `crmkit import`
/// runs it (plan, then apply into a new run directory).
struct ImportHarness {
    let client: CRMClient
    let directory: URL
    let sandbox: RunningSandbox

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func run(faults: FaultConfiguration = .init(), _ body: (ImportHarness) async throws -> Void) async throws {
        try await withLoopbackSandbox(faults: faults) { sandbox in
            try await body(
                ImportHarness(client: sandbox.client, directory: sandbox.directory, sandbox: sandbox.running))
        }
    }

    var ledger: KeyLedger { KeyLedger(root: directory.appendingPathComponent("runs")) }

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func plan(_ file: String, mapping: String) async throws -> ImportPlan {
        let mappingPath = Self.path(mapping)
        let parsed = try MappingParser.load(path: mappingPath)
        return try await ImportPreparation(file: file, mapping: parsed, mappingPath: mappingPath).plan(
            client: client, ledger: ledger
        )
    }

    /// Plans and applies; answers the plan and the run's summary.
    @discardableResult
    func importFile(_ file: String, mapping: String, concurrency: Int = 8) async throws -> (
        ImportPlan, RunSummary, ImportRunDirectory
    ) {
        let plan = try await plan(file, mapping: mapping)
        let run = try ImportRunDirectory.create(root: directory.appendingPathComponent("runs"))
        try run.savePlan(plan)
        let summary = try await ImportApplier(
            plan: plan, run: run, client: client, concurrency: concurrency, ledger: ledger
        ).apply()
        return (plan, summary, run)
    }

    func contacts() async throws -> [JSONObject] { try await RecordStore(client: client, entity: .contact).all() }
    func records(_ entity: EntityKind) async throws -> [JSONObject] {
        try await RecordStore(client: client, entity: entity).all()
    }

    /// A copy of `file` with `edit` applied to its lines (0 is the header).
    func edited(_ file: String, name: String, _ edit: (inout [String]) -> Void) throws -> String {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let newline = text.contains("\r\n") ? "\r\n" : "\n"  // "\r\n" is one Character in Swift
        var lines = text.components(separatedBy: newline)
        try #require(lines.count > 5, "\(file) has \(lines.count) lines")
        edit(&lines)
        let url = directory.appendingPathComponent(name)
        try lines.joined(separator: newline).write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

extension ImportPlan {
    func count(_ action: PlanStep.Action, _ entity: EntityKind? = nil) -> Int {
        steps.filter { $0.action == action && (entity == nil || $0.entity == entity) }.count
    }
}

/// Records compared as a user sees them: without the fields every write changes.
func comparable(_ records: [JSONObject]) -> [JSONObject] {
    records.map { $0.filter { !["updatedOn", "lastUpdatedBy"].contains($0.key) } }
        .sorted { ($0["id"]?.stringValue ?? "") < ($1["id"]?.stringValue ?? "") }
}
