import ArgumentParser
import CRMSync
import Foundation

/// `crmkit apply PLAN.json`: applies exactly a plan written by `crmkit import --plan-out`, after
/// checking that the CRM has not changed under it.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a plan written by `crmkit import --plan-out` (refused if the CRM changed since).",
        discussion:
            "The records the plan updates or merges must still have the updatedOn the plan saw, "
            + "and no record may have appeared that matches a row the plan creates; "
            + "otherwise nothing is written and the records are named. Make a new plan then."
    )

    @Argument(help: ArgumentHelp("The plan file.", valueName: "PLAN.json"))
    var plan: String

    @OptionGroup var confirmation: ConfirmationOption

    @OptionGroup var apply: ImportApplyOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let plan = try exitingOnInputErrors { try PlanFile.read(URL(fileURLWithPath: self.plan)) }
        var exit: ExitStatus?
        try await connection.runConnected { connection in
            try requireSameCRM(plan, connection)
            let (client, output) = (connection.client, connection.output)
            let problems = try await PlanFreshness.check(plan, client: client)
            guard problems.isEmpty else {
                Output.diagnostic("error: the CRM changed since \(self.plan) was made; nothing was written:")
                for problem in problems.prefix(20) { Output.diagnostic("  \(problem)") }
                if problems.count > 20 { Output.diagnostic("  … and \(problems.count - 20) more") }
                Output.diagnostic(
                    "  make a new plan: crmkit import \(plan.source.path) "
                        + "--mapping \(plan.mapping.path) --plan-out \(self.plan)"
                )
                exit = .failure
                return
            }
            let printer = PlanSummaryPrinter(output: output)
            let rows = plan.steps.filter { $0.source != nil }.count + plan.rejected.count
            printer.print(plan, rows: rows)
            if !plan.isNoOp {
                guard
                    try confirmation.confirm(
                        "Apply this plan?", output: output, otherwise: "review \(self.plan), then re-run with --yes")
                else { return }
            }
            let run = try ImportRunDirectory.create(root: apply.root)
            try run.savePlan(plan)
            let runner = ApplyRunner(
                output: output, concurrency: apply.concurrency, ledger: KeyLedger(root: apply.root))
            let summary = try await runner.apply(plan, run: run, client: client)
            if output.json { runner.document(plan: printer.json(plan, rows: rows), summary: summary, run: run) }
            exit = ApplyRunner.exitCode(summary)
        }
        if let exit { throw exit }
    }
}
