import ArgumentParser

/// The `crmkit` root command. Each subcommand lives in its own file; this list only names them.
@main
struct CRMKitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crmkit",
        abstract: "Import, manage and deduplicate CRM data; includes a local sandbox of the CRM API.",
        version: CRMKitVersion.string,
        subcommands: [
            ReadCommand.self,
            SampleCommand.self,
            SchemaCommand.self,
            SandboxCommand.self,
            ValidateCommand.self,
            ImportCommand.self,
            ApplyCommand.self,
            RunsCommand.self,
            ContactsCommand.self,
            OrganizationsCommand.self,
            LeadsCommand.self,
            OpportunitiesCommand.self,
            CasesCommand.self,
            PipelinesCommand.self,
            FormsCommand.self,
            TagsCommand.self,
            CaseTypesCommand.self,
            BulkDeleteCommand.self,
            DedupeCommand.self,
            ExportCommand.self,
            BackupCommand.self,
        ]
    )
}
