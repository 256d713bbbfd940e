import ArgumentParser

/// `crmkit schema`: forms, tags and case types as files (docs/forms-as-code.md).
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Keep forms, tags and case types as files: pull, plan, apply, lint.",
        subcommands: [SchemaPullCommand.self, SchemaPlanCommand.self, SchemaApplyCommand.self, SchemaLintCommand.self]
    )
}

/// `--dir`, shared by the four subcommands.
struct SchemaDirectoryOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The schema directory (see docs/forms-as-code.md).", valueName: "DIR"))
    var dir: String = "crm-schema"
}
