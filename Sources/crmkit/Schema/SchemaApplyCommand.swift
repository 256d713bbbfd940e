import ArgumentParser
import CRMSchema
import Foundation

/// `crmkit schema apply`: execute a saved plan, or a fresh one after confirmation.
struct SchemaApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Make the CRM match the files (or run a saved plan).")

    @OptionGroup var directory: SchemaDirectoryOption
    @OptionGroup var connection: SchemaConnectionOptions

    @Argument(help: "A plan saved by `crmkit schema plan --out`; refused if the CRM changed since.")
    var planFile: String?

    @Flag(name: .long, help: "Allow deletions of tags, case types, fields, options, statuses and transitions.")
    var allowDestroy = false

    @Flag(name: .long, help: "Replace objects changed outside crmkit with the files' version.")
    var overwriteDrift = false

    @Flag(name: .long, help: "Do not ask for confirmation.")
    var yes = false

    func run() async throws {
        do {
            let engine = SchemaEngine(remote: try await connection.remote(), directory: SchemaDirectory(path: directory.dir))
            let plan = try await planToApply(engine)
            guard plan.hasChanges else {
                print("Nothing to apply: the CRM matches the files.")
                return
            }
            let options = ApplyOptions(allowDestroy: allowDestroy, overwriteDrift: overwriteDrift)
            let steps = try await engine.apply(plan, options: options) { step in
                if !connection.json { print("\(step.action.symbol) \(step.address): done") }
            }
            if connection.json {
                try SchemaOutput.printJSON(["applied": steps.map { "\($0.action.symbol) \($0.address)" }])
            } else {
                print("Apply complete: \(steps.count) step\(steps.count == 1 ? "" : "s").")
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            SchemaOutput.printError(error)
            throw ExitCode.failure
        }
    }

    /// The saved plan, or a fresh one shown and confirmed.
    private func planToApply(_ engine: SchemaEngine<ClientSchemaRemote>) async throws -> SchemaPlan {
        if let planFile { return try SchemaPlan.load(from: URL(fileURLWithPath: planFile)) }
        let plan = try await engine.plan()
        guard plan.hasChanges else { return plan }
        if !connection.json { print(PlanRenderer(color: SchemaOutput.useColor).render(plan), terminator: "") }
        if yes { return plan }
        guard isatty(STDIN_FILENO) == 1 else {
            SchemaOutput.printError("no terminal to confirm on; review the plan and re-run with --yes")
            throw ExitCode.failure
        }
        print("Apply these changes? Type 'yes' to continue: ", terminator: "")
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
            print("Cancelled; nothing was changed.")
            throw ExitCode.success
        }
        return plan
    }
}
