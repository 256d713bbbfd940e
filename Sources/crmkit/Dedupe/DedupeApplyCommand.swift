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
        discussion: "Run files go to .crmkit/merges/RUN/ (backup.jsonl, journal.jsonl). Running the same plan again, or --resume RUN, continues an interrupted run. See docs/dedupe.md. Take a `crmkit backup` of the whole CRM first (docs/export.md).")

    @Argument(help: ArgumentHelp("The merge plan written by `crmkit dedupe contacts|organizations`.", valueName: "MERGES.yaml"))
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
        let run = try runName()
        let output = Output(json: connection.json)
        let records = plan.groupsToMerge.reduce(0) { $0 + $1.members.count - 1 }
        do {
            let held = plan.groups.count - plan.groupsToMerge.count
            let question = "\(plan.groupsToMerge.count) group(s): \(records) \(plan.entity) will be merged into \(plan.groupsToMerge.count) survivor(s)"
                + (held > 0 ? "; \(held) group(s) in review are skipped (set their band to link to merge them)." : ".")
            guard try confirmation.confirm(question, output: output, otherwise: "review \(self.plan) and re-run with --yes") else { return }
        }
        let files = try MergeRunFiles(directory: URL(fileURLWithPath: ".crmkit/merges").appendingPathComponent(run))
        var refused = 0
        try await connection.run { client, output in
            let results = try await MergeApplier(plan: plan, files: files).apply(client) { group, result in
                if case .refused(let why) = result { Output.diagnostic("group \(group.group): refused: \(why)") }
            }
            refused = results.filter { if case .refused = $0 { true } else { false } }.count
            let merged = results.filter { $0 == .merged }.count
            let done = results.filter { $0 == .alreadyDone }.count
            output.done("\(merged) group(s) merged, \(done) already done, \(refused) refused; run \(run) (backup and journal in \(files.directory.path))",
                        json: .object(["merged": .integer(Int64(merged)), "alreadyDone": .integer(Int64(done)),
                                       "refused": .integer(Int64(refused)), "run": .string(run)]))
        }
        if refused > 0 { throw ExitStatus.failure }
    }

    /// The run directory: `--resume`'s, else one named after the plan's bytes, so applying the
    /// same plan again finds its own journal and an edited plan starts a fresh run.
    func runName() throws -> String {
        if let resume {
            guard FileManager.default.fileExists(atPath: ".crmkit/merges/\(resume)/journal.jsonl"), !resume.contains("/") else {
                Output.diagnostic("error: no run \(resume) in .crmkit/merges; give a directory name listed there")
                throw ExitStatus.usage
            }
            return resume
        }
        let bytes = (try? Data(contentsOf: URL(fileURLWithPath: plan))) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a: stable across runs, unlike Hasher
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "plan-" + String(hash, radix: 16)
    }
}
