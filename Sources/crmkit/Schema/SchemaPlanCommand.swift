import ArgumentParser
import CRMSchema
import Foundation

/// `crmkit schema plan`: compare the files with the CRM, Terraform-style.
struct SchemaPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change, with drift conflicts and data warnings.",
        discussion: "Exit codes: 0 no changes (or changes without --detailed-exitcode), 1 error, 2 changes present with --detailed-exitcode.")

    @OptionGroup var directory: SchemaDirectoryOption
    @OptionGroup var connection: SchemaConnectionOptions

    @Option(name: .long, help: "Save the plan as JSON, for `crmkit schema apply PLAN.json`.")
    var out: String?

    @Flag(name: .long, help: "Exit 2 when there are changes, 0 when there are none.")
    var detailedExitcode = false

    func run() async throws {
        let plan: SchemaPlan
        do {
            let engine = SchemaEngine(remote: try await connection.remote(), directory: SchemaDirectory(path: directory.dir))
            plan = try await engine.plan()
            if let out { try plan.save(to: URL(fileURLWithPath: out)) }
        } catch {
            SchemaOutput.printError(error)
            throw ExitCode.failure
        }
        if connection.json {
            try SchemaOutput.printJSON(plan)
        } else {
            print(PlanRenderer(color: SchemaOutput.useColor).render(plan), terminator: "")
            if let out { print("Saved the plan to \(out); apply it with `crmkit schema apply \(out)`.") }
        }
        if detailedExitcode && plan.hasChanges { throw ExitCode(2) }
    }
}
