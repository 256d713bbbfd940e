import ArgumentParser
import CRMClient
import CRMModel
import CRMSync
import Foundation

/// Applying a plan into a run directory with progress and a closing report: what `import`,
/// `apply`, `runs resume` and `runs retry-failed` share.
struct ApplyRunner {
    let output: Output
    let concurrency: Int
    let ledger: KeyLedger

    func apply(_ plan: ImportPlan, run: ImportRunDirectory, client: CRMClient, retryFailed: Bool = false) async throws
        -> RunSummary
    {
        let reporter = ApplyProgressReporter()
        let applier = try ImportApplier(
            plan: plan, run: run, client: client, concurrency: concurrency, retryFailed: retryFailed, ledger: ledger)
        let summary: RunSummary
        do {
            summary = try await applier.apply { reporter.update($0) }
        } catch let error as ConflictsFileError {
            // Refused before anything was sent: the decisions must be fixed first.
            reporter.finish()
            Output.diagnostic(error.description)
            throw ExitStatus.usage
        } catch {
            reporter.finish()
            _ = try? applier.finish()
            Output.diagnostic("error: the run stopped: \(error)")
            Output.diagnostic("  everything done so far is journaled; continue with `crmkit runs resume \(run.name)`")
            throw ExitStatus.failure
        }
        reporter.finish()
        report(summary, run: run)
        return summary
    }

    /// The closing lines for people (with `--json` the command prints one document instead).
    func report(_ summary: RunSummary, run: ImportRunDirectory) {
        guard !output.json else { return }
        output.line(
            "Run \(run.name): \(summary.done) of \(summary.steps) steps done, \(summary.failed) "
                + "failed, \(summary.rejected) rows rejected (\(summary.status)).\n"
                + "  results: \(run.successURL.path), \(run.errorsURL.path)"
                + ((summary.conflicts ?? 0) > 0
                    ? "\n  \(summary.conflicts ?? 0) conflicts left alone: decide each in "
                        + "\(run.conflictDecisionsURL.path) (or `crmkit review \(run.url.path)`), "
                        + "then `crmkit runs resume \(run.name)`"
                    : "")
                + (summary.failed > 0 ? "\n  after fixing the cause: crmkit runs retry-failed \(run.name)" : "")
                + (summary.status == "incomplete" ? "\n  continue with: crmkit runs resume \(run.name)" : ""))
    }

    /// The whole outcome as one JSON document (`--json`): the plan's counts when there is a plan
    /// to show, and the run.
    func document(plan: PlanJSON?, summary: RunSummary?, run: ImportRunDirectory?) {
        var document = ApplyJSON(plan: plan)
        if let summary, let run {
            document.run = .init(
                run: run.name, status: summary.status, steps: summary.steps, done: summary.done,
                failed: summary.failed, rejected: summary.rejected, conflicts: summary.conflicts ?? 0,
                success: run.successURL.path, errors: run.errorsURL.path)
        }
        output.document(document)
    }

    /// The exit code the contract gives a finished run: 1 when steps failed or are left, 65 when
    /// rows were rejected or left alone as conflicts (data that did not arrive), else success.
    static func exitCode(_ summary: RunSummary) -> ExitStatus? {
        if summary.failed > 0 || summary.done < summary.steps { return .failure }
        if summary.rejected > 0 || (summary.conflicts ?? 0) > 0 { return .dataError }
        return nil
    }
}

/// The options of commands that apply: concurrency and where runs are kept.
struct ImportApplyOptions: ParsableArguments {
    @Option(help: "How many requests to have in flight at once.")
    var concurrency = 8

    @Option(help: ArgumentHelp("Where run directories (journal, results) are kept.", valueName: "DIR"))
    var journal = ".crmkit/runs"

    var root: URL { URL(fileURLWithPath: journal) }

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 64") }
    }
}

/// `crmkit import|apply --json`: the plan, and the run when one was applied.
struct ApplyJSON: Encodable {
    struct Run: Encodable {
        var run, status: String
        var steps, done, failed, rejected, conflicts: Int
        /// The run's result files.
        var success, errors: String
    }
    var plan: PlanJSON?
    var run: Run?
}
