import ArgumentParser
import CRMModel

/// "Did you mean …?" for a misspelt subcommand (`crmkit contcts list`). argument-parser suggests
/// options but reports an unknown subcommand only as an unexpected argument; this walks the
/// command tree along the arguments and, at the first word that is not a subcommand where one was
/// expected, names the closest ones.
enum SubcommandSuggestion {
    static func message(for arguments: [String], root: any ParsableCommand.Type) -> String? {
        var subcommands = root.configuration.subcommands
        var path = ["crmkit"]
        for argument in arguments {
            if argument.hasPrefix("-") || subcommands.isEmpty { return nil }
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
            var text = "error: '\(argument)' is not a \(parent) command."
            text += Suggestion.phrase(for: argument, among: names)
            text += "\n  the commands are: " + names.joined(separator: ", ")
            text += "\n  see `\(parent) --help`"
            return text
        }
        return nil
    }

    /// The name a command is typed as.
    static func commandName(of command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? command._commandName
    }
}
