import ArgumentParser
import CRMModel
import CRMSync
import Foundation

/// `crmkit runs`: the import runs journaled in `.crmkit/runs/` — list, show, resume, retry the
/// failed steps, roll back.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List, inspect, resume, retry or roll back import runs.",
        subcommands: [
            RunsListCommand.self, RunsShowCommand.self, RunsResumeCommand.self, RunsRetryFailedCommand.self,
            RunsRollbackCommand.self,
        ])
}

/// Where the runs are, for commands that do not connect.
struct RunsLocation: ParsableArguments {
    @Option(help: ArgumentHelp("Where run directories are kept.", valueName: "DIR"))
    var journal = ".crmkit/runs"

    @Flag(help: "Machine output (JSON).")
    var json = false

    var root: URL { URL(fileURLWithPath: journal) }

}

struct RunsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The runs, oldest first, with their state.")

    @OptionGroup var location: RunsLocation

    func run() throws {
        let output = Output(json: location.json)
        let runs = try ImportRunDirectory.list(root: location.root)
        let summaries = runs.compactMap { $0.loadSummary() }
        if location.json {
            let data = try JSONEncoder().encode(summaries)
            output.line(String(decoding: data, as: UTF8.self))
            return
        }
        if summaries.isEmpty { output.line("No runs in \(location.journal).") }
        for summary in summaries {
            output.line(
                "\(summary.run)  \(summary.status.padding(toLength: 10, withPad: " ", startingAt: 0)) "
                    + "\(summary.done)/\(summary.steps) done, \(summary.failed) failed, \(summary.rejected) rejected  "
                    + "\(summary.entity.plural) from \(summary.source)"
            )
        }
    }
}

struct RunsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A run's plan counts, state and first failures.")

    @Argument(
        help: ArgumentHelp("The run (a directory name under .crmkit/runs; see `crmkit runs list`).", valueName: "RUN"))
    var name: String

    @OptionGroup var location: RunsLocation

    func run() throws {
        let output = Output(json: location.json)
        let (directory, plan) = try openRun(root: location.root, name: name)
        let state = try directory.state()
        let summary = directory.loadSummary()
        if location.json {
            let data = try JSONEncoder().encode(summary)
            output.line(String(decoding: data, as: UTF8.self))
            return
        }
        output.line(output.bold("Run \(directory.name): \(plan.source.path) → \(plan.entity.plural) at \(plan.target)"))
        if let summary {
            output.line(
                "  status: \(summary.status); \(summary.done)/\(summary.steps) steps done, \(summary.failed) "
                    + "failed, \(summary.rejected) rows rejected; updated \(summary.updatedAt)"
            )
        }
        for count in plan.counts { output.line("  \(count.action.rawValue) \(count.entity.rawValue): \(count.count)") }
        let failures = plan.steps.compactMap { step -> String? in
            guard case .failed(let reason) = state.state(step.id) else { return nil }
            return "  line \(step.source?.line ?? 0): \(step.action.rawValue) \(step.entity.rawValue): \(reason)"
        }
        if !failures.isEmpty {
            output.line("Failures (\(failures.count)):")
            for failure in failures.prefix(10) { output.line(failure) }
        }
        if let open = summary?.conflicts, open > 0 {
            output.line(
                "  \(open) conflict(s) undecided: decide each in \(directory.conflictDecisionsURL.path) (or "
                    + "`crmkit review \(directory.url.path)`), then `crmkit runs resume \(directory.name)`")
        }
        let conflicts = FileManager.default.fileExists(atPath: directory.conflictDecisionsURL.path)
        output.line(
            "  files: \(directory.url.path)/{plan.json,journal.jsonl,success.csv,errors.csv"
                + (conflicts ? ",conflicts.csv,conflicts.yaml}" : "}"))
    }
}

/// Resume and retry-failed: the same applier on the same run directory.
struct RunsResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a run that stopped (killed, connection lost) without repeating anything it did.")

    @Argument(
        help: ArgumentHelp("The run (a directory name under .crmkit/runs; see `crmkit runs list`).", valueName: "RUN"))
    var name: String

    @OptionGroup var apply: ImportApplyOptions
    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await RunContinuation(name: name, apply: apply, connection: connection, retryFailed: false).perform()
    }
}

struct RunsRetryFailedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry-failed", abstract: "Try the failed steps of a run again (and finish any left).")

    @Argument(
        help: ArgumentHelp("The run (a directory name under .crmkit/runs; see `crmkit runs list`).", valueName: "RUN"))
    var name: String

    @OptionGroup var apply: ImportApplyOptions
    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await RunContinuation(name: name, apply: apply, connection: connection, retryFailed: true).perform()
    }
}

struct RunContinuation {
    let name: String
    let apply: ImportApplyOptions
    let connection: ConnectionOptions
    let retryFailed: Bool

    func perform() async throws {
        let (directory, plan) = try openRun(root: apply.root, name: name)
        var exit: ExitStatus?
        try await connection.runConnected { connection in
            try requireSameCRM(plan, connection)
            let (client, output) = (connection.client, connection.output)
            let runner = ApplyRunner(
                output: output, concurrency: apply.concurrency, ledger: KeyLedger(root: apply.root))
            let summary = try await runner.apply(plan, run: directory, client: client, retryFailed: retryFailed)
            if output.json { runner.document(plan: nil, summary: summary, run: directory) }
            exit = ApplyRunner.exitCode(summary)
        }
        if let exit { throw exit }
    }
}
