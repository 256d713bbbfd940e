import ArgumentParser
import CRMModel
import Foundation

/// Asking before a command changes the CRM. The question goes to stderr, so a prompt never ends
/// up in piped `--json` output. Without a terminal there is nobody to ask: the command stops
/// (exit 64) and says how to review first and how to go ahead.
enum Confirmation {
    /// True when the user typed `yes`; throws exit 64 when there is no terminal.
    static func ask(_ question: String, output: Output, otherwise advice: String) throws -> Bool {
        guard isatty(STDIN_FILENO) == 1 else {
            Output.diagnostic(Diagnostic("no terminal to confirm on", hint: advice).description)
            throw ExitStatus.usage
        }
        Output.diagnostic("\(question) Type 'yes' to continue:")
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
            Output.diagnostic("Cancelled; nothing was changed.")
            return false
        }
        return true
    }
}

/// `--yes`, on every command that changes the CRM. Destructive ones (deletes, merges, replacing a
/// whole form) ask first on a terminal and refuse without one unless `--yes` is given; the
/// others never ask, and take `--yes` so a script can pass it to every changing command alike.
struct ConfirmationOption: ParsableArguments {
    @Flag(help: "Do not ask for confirmation (needed without a terminal for deletes and merges).")
    var yes = false

    /// True when the command may go ahead: `--yes`, or `yes` typed on the terminal. `advice` is
    /// what to do instead when there is no terminal (how to review first, then `--yes`).
    func confirm(_ question: String, output: Output, otherwise advice: String = "re-run with --yes to go ahead") throws
        -> Bool
    {
        if yes { return true }
        return try Confirmation.ask(question, output: output, otherwise: advice)
    }
}
