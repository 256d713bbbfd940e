import ArgumentParser
import CRMModel
import CRMSync
import Foundation

/// `crmkit runs rollback RUN`: deletes what the run created, writes back what it changed, and
/// reports the merges it cannot undo with the file that holds the merged records.
struct RunsRollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract:
            "Undo a run: delete what it created, restore what it updated; merges are reported (with their backup).",
        discussion:
            "Records changed by someone else since the run are left alone and listed (use "
            + "--force to overwrite them). Take a `crmkit backup` first (docs/export.md)."
    )

    @Argument(
        help: ArgumentHelp("The run (a directory name under .crmkit/runs; see `crmkit runs list`).", valueName: "RUN"))
    var name: String

    @OptionGroup var confirmation: ConfirmationOption

    @Flag(help: "Restore records even when they were changed after the run.")
    var force = false

    @OptionGroup var apply: ImportApplyOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let (directory, plan) = try openRun(root: apply.root, name: name)
        let output = Output(json: connection.json)
        do {
            let summary = directory.loadSummary()
            let question =
                "Roll back run \(name) (\(summary?.done ?? 0) steps done): "
                + "created records are deleted, updated ones restored."
            guard try confirmation.confirm(question, output: output) else { return }
        }
        var incomplete = false
        try await connection.runConnected { connection in
            try requireSameCRM(plan, connection)
            let (client, output) = (connection.client, connection.output)
            let report = try await ImportRollback(plan: plan, run: directory, client: client, force: force).rollback()
            let deleted = report.deleted.sorted { $0.key.dependencyOrder < $1.key.dependencyOrder }
                .map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
            let tags = report.deletedTags > 0 ? ", \(report.deletedTags) tags" : ""
            output.done(
                "Rolled back run \(name): deleted \(deleted.isEmpty ? "nothing" : deleted)\(tags); "
                    + "restored \(report.restored) records.",
                json: RollbackJSON(
                    run: name, restored: report.restored, deletedTags: report.deletedTags,
                    deleted: Dictionary(uniqueKeysWithValues: report.deleted.map { ($0.key.rawValue, $0.value) }),
                    notRestored: report.notRestored, merges: report.merges))
            for merge in report.merges { Output.diagnostic("not undone (merge): \(merge)") }
            for record in report.notRestored { Output.diagnostic("not restored: \(record)") }
            incomplete = !report.notRestored.isEmpty
        }
        if incomplete { throw ExitStatus.failure }
    }
}

/// `crmkit runs rollback --json`.
struct RollbackJSON: Encodable {
    var run: String
    var restored, deletedTags: Int
    /// Records deleted, by entity.
    var deleted: [String: Int]
    var notRestored, merges: [String]
}
