import ArgumentParser
import CRMModel

/// "Did you mean …?" for a misspelt subcommand (`crmkit contcts list`). argument-parser suggests
/// options but reports an unknown subcommand only as an unexpected argument; this walks the
/// command tree along the arguments and, at the first word that is not a subcommand where one was
/// expected, names the closest ones.
enum SubcommandSuggestion {
    /// The diagnostic to print, or nil when the arguments name no unknown subcommand.
    static func message(for arguments: [String], root: any ParsableCommand.Type) -> String? {
        var subcommands = root.configuration.subcommands
        var path = ["crmkit"]
        for argument in arguments {
            if argument.hasPrefix("-") || subcommands.isEmpty { return nil }
            // `crmkit help contacts` names the command to explain.
            if argument == "help" && path.count == 1 { continue }
            var names: [String] = []
            var next: (any ParsableCommand.Type)?
            for subcommand in subcommands {
                let name = commandName(of: subcommand)
                names.append(name)
                if name == argument { next = subcommand }
            }
            if let next {
                path.append(argument)
                subcommands = next.configuration.subcommands
                continue
            }
            let parent = path.joined(separator: " ")
            let hint =
                Suggestion.hint(for: argument, among: names)
                ?? "the commands are: " + names.joined(separator: ", ") + " (see `\(parent) --help`)"
            return Diagnostic("'\(argument)' is not a \(parent) command", hint: hint).description
        }
        return nil
    }

    /// The name a command is typed as.
    static func commandName(of command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? command._commandName
    }
}
