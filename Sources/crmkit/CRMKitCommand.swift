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
            ExportCommand.self,
            BackupCommand.self,
            RestoreCommand.self,
            CopyCommand.self,
            MappingCommand.self,
            ReviewCommand.self,
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
            exitReporting(argumentError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch  where FailureReport.isArgumentParserExit(error) {
            exitReporting(argumentError: error)
        } catch {
            exit(withError: FailureReport.report(error).exitCode)
        }
    }
}

extension CRMKitCommand {
    /// Help and version text go to stdout as argument-parser prints them; its usage errors are
    /// printed in crmkit's voice (`error: …`, then the usage lines) and exit 64.
    static func exitReporting(argumentError error: any Error) -> Never {
        let code = exitCode(for: error)
        guard code != .success else { exit(withError: error) }
        var text = fullMessage(for: error)
        if text.hasPrefix("Error: ") { text = "error: " + text.dropFirst("Error: ".count) }
        if !text.isEmpty { Output.diagnostic(text) }
        exit(withError: code)
    }
}

/// The exit status table, shown at the end of `crmkit --help`.
enum ExitStatusHelp {
    static var text: String {
        "Exit status:\n"
            + ExitStatus.allCases.map { status in
                "  " + String(status.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0) + status.meaning
            }.joined(separator: "\n")
    }
}
