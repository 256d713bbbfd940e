import ArgumentParser
import CRMSchema
import Foundation

/// `crmkit schema apply`: execute a saved plan, or a fresh one after confirmation.
struct SchemaApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Make the CRM match the files (or run a saved plan).",
        discussion: """
            Without PLAN.json, makes a plan, shows it and asks for confirmation (--yes skips it). \
            Deletions need --allow-destroy; objects changed outside crmkit need --overwrite-drift \
            (or a pull). Exit status: 0 applied or nothing to do, 1 refused by the CRM or a failed step, \
            64 invalid schema files or no terminal to confirm on without --yes.
            """)

    @OptionGroup var directory: SchemaDirectoryOption
    @OptionGroup var connection: ConnectionOptions

    @Argument(
        help: ArgumentHelp(
            "A plan saved by `crmkit schema plan --out`; refused if the CRM changed since.", valueName: "PLAN.json"))
    var planFile: String?

    @Flag(name: .long, help: "Allow deletions of tags, case types, fields, options, statuses and transitions.")
    var allowDestroy = false

    @Flag(name: .long, help: "Replace objects changed outside crmkit with the files' version.")
    var overwriteDrift = false

    @OptionGroup var confirmation: ConfirmationOption

    func run() async throws {
        try await connection.run { client, output in
            let engine = SchemaEngine(
                remote: ClientSchemaRemote(client: client), directory: SchemaDirectory(path: directory.dir))
            guard let plan = try await planToApply(engine, output: output) else { return }
            let options = ApplyOptions(allowDestroy: allowDestroy, overwriteDrift: overwriteDrift)
            let steps = try await engine.apply(plan, options: options) { step in
                if !output.json { output.line("\(step.action.symbol) \(step.address): done") }
            }
            if output.json {
                try SchemaOutput.printJSON(["applied": steps.map { "\($0.action.symbol) \($0.address)" }], to: output)
            } else {
                output.line("Apply complete: \(steps.count) step\(steps.count == 1 ? "" : "s").")
            }
        }
    }

    /// The saved plan, or a fresh one shown and confirmed; nil when there is nothing to do.
    private func planToApply(_ engine: SchemaEngine<ClientSchemaRemote>, output: Output) async throws -> SchemaPlan? {
        let plan: SchemaPlan
        if let planFile {
            plan = try SchemaPlan.load(from: URL(fileURLWithPath: planFile))
        } else {
            plan = try await engine.plan()
            if !output.json && plan.hasChanges {
                output.line(String(PlanRenderer(color: output.color).render(plan).dropLast()))
            }
        }
        guard plan.hasChanges else {
            if output.json {
                try SchemaOutput.printJSON(["applied": [String]()], to: output)
            } else {
                output.line("Nothing to apply: the CRM matches the files.")
            }
            return nil
        }
        if confirmation.yes || planFile != nil { return plan }
        let advice = "review the plan (`crmkit schema plan --out plan.json`), then re-run with --yes or apply plan.json"
        return try Confirmation.ask("Apply these changes?", output: output, otherwise: advice) ? plan : nil
    }
}
