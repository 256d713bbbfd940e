import ArgumentParser
import Foundation

/// The `crmkit` root command. Each subcommand lives in its own file; this list only names them.
@main
struct CRMKitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crmkit",
        abstract: "Import, manage and deduplicate CRM data; includes a local sandbox of the CRM API.",
        discussion: ExitStatusHelp.text,
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
            CompletionCommand.self,
        ]
    )

    /// Parses and runs like argument-parser's own `main`, with three additions that must hold for
    /// every command: a closed stdout pipe ends quietly (`StandardStreams`), a misspelt
    /// subcommand gets a suggestion, and every error reaches its exit status through
    /// `FailureReport`.
    static func main() async {
        StandardStreams.ignoreBrokenPipeSignal()
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: any ParsableCommand
        do {
            command = try await asyncParseAsRoot(arguments)
        } catch {
            if let suggestion = SubcommandSuggestion.message(for: arguments, root: CRMKitCommand.self) {
                Output.diagnostic(suggestion)
                exit(withError: ExitStatus.usage.exitCode)
            }
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch where FailureReport.isArgumentParserExit(error) {
            exit(withError: error)
        } catch {
            exit(withError: FailureReport.report(error).exitCode)
        }
    }
}

/// The exit status table, shown at the end of `crmkit --help`.
enum ExitStatusHelp {
    static var text: String {
        "Exit status:\n" + ExitStatus.allCases.map { status in
            "  " + String(status.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0) + status.meaning
        }.joined(separator: "\n")
    }
}
