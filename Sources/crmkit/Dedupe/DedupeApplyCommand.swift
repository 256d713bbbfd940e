import ArgumentParser
import CRMModel
import CRMSync
import Foundation

/// `crmkit dedupe apply MERGES.yaml`: carries out a reviewed merge plan. Changes the CRM, so it
/// asks first (or needs `--yes`), backs every record up before touching it and journals each step.
struct DedupeApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Merge the groups of a reviewed merge plan (backup, survivor update, merge; resumable).",
        discussion:
            "Run files go to .crmkit/merges/RUN/ (backup.jsonl, journal.jsonl). Running the same "
            + "plan again, or --resume RUN, continues an interrupted run. See docs/dedupe.md. "
            + "Take a `crmkit backup` of the whole CRM first (docs/export.md)."
    )

    @Argument(
        help: ArgumentHelp(
            "The merge plan written by `crmkit dedupe contacts|organizations`.", valueName: "MERGES.yaml"))
    var plan: String

    @OptionGroup var confirmation: ConfirmationOption

    @Option(help: ArgumentHelp("Continue this earlier run (a directory name under .crmkit/merges).", valueName: "RUN"))
    var resume: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let plan: MergePlan
        do { plan = try MergePlanReader.load(path: self.plan) } catch {
            Output.diagnostic("\(error)")
            throw ExitStatus.usage
        }
        let resumed = try resume.map { try MergeRunDirectory.existing(name: $0) }
        let output = Output(json: connection.json)
        let records = plan.groupsToMerge.reduce(0) { $0 + $1.members.count - 1 }
        do {
            let held = plan.groups.count - plan.groupsToMerge.count
            let question =
                "\(plan.groupsToMerge.count) group(s): \(records) \(plan.entity) "
                + "will be merged into \(plan.groupsToMerge.count) survivor(s)"
                + (held > 0 ? "; \(held) group(s) in review are skipped (set their band to link to merge them)." : ".")
            guard
                try confirmation.confirm(
                    question, output: output, otherwise: "review \(self.plan) and re-run with --yes")
            else { return }
        }
        let files = try resumed ?? MergeRunDirectory.forPlan(at: self.plan)
        let run = files.directory.lastPathComponent
        var refused = 0
        try await connection.run { client, output in
            let results = try await MergeApplier(plan: plan, files: files).apply(client) { group, result in
                if case .refused(let why) = result { Output.diagnostic("group \(group.group): refused: \(why)") }
            }
            refused = results.filter { if case .refused = $0 { true } else { false } }.count
            let merged = results.filter { $0 == .merged }.count
            let done = results.filter { $0 == .alreadyDone }.count
            output.done(
                "\(merged) group(s) merged, \(done) already done, \(refused) refused; "
                    + "run \(run) (backup and journal in \(files.directory.path))",
                json: MergeRunJSON(merged: merged, alreadyDone: done, refused: refused, run: run))
        }
        if refused > 0 { throw ExitStatus.failure }
    }
}

/// `crmkit dedupe apply --json`.
struct MergeRunJSON: Encodable {
    var merged, alreadyDone, refused: Int
    var run: String
}
