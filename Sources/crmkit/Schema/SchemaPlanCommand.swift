import ArgumentParser
import CRMSchema
import Foundation

/// `crmkit schema plan`: compare the files with the CRM, Terraform-style.
struct SchemaPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change, with drift conflicts and data warnings.",
        discussion:
            "Exit status: 0 no changes (or changes without --detailed-exitcode), 1 the CRM "
            + "failed, 2 changes present with --detailed-exitcode, 64 invalid schema files."
    )

    @OptionGroup var directory: SchemaDirectoryOption
    @OptionGroup var connection: ConnectionOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Save the plan as JSON, for `crmkit schema apply PLAN.json`.", valueName: "PLAN.json"))
    var out: String?

    @Flag(name: .long, help: "Exit 2 when there are changes, 0 when there are none.")
    var detailedExitcode = false

    func run() async throws {
        try await connection.run { client, output in
            let schemaDirectory = SchemaDirectory(path: directory.dir)
            SchemaLinter.lint(schemaDirectory.load()).filter { $0.severity == .warning }.forEach {
                Output.diagnostic($0.description)
            }
            let engine = SchemaEngine(remote: ClientSchemaRemote(client: client), directory: schemaDirectory)
            let plan = try await engine.plan()
            if let out { try plan.save(to: URL(fileURLWithPath: out)) }
            if output.json {
                try SchemaOutput.printJSON(plan, to: output)
            } else {
                output.line(String(PlanRenderer(color: output.color).render(plan).dropLast()))
                if let out { output.line("Saved the plan to \(out); apply it with `crmkit schema apply \(out)`.") }
            }
            if detailedExitcode && plan.hasChanges { throw ExitStatus.changesPresent }
        }
    }
}
